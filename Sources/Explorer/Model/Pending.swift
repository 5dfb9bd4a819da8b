/// A derived value that a background job computes: not yet there, there, or impossible.
public enum Pending<Value: Sendable>: Sendable {
    /// Being computed; `progress` in [0, 1] when the job reports it.
    case pending(progress: Double?)
    /// Computed.
    case ready(Value)
    /// The job could not compute it (the reason, one line).
    case failed(String)

    /// The value when ready.
    public var value: Value? {
        if case .ready(let value) = self { return value }
        return nil
    }

    /// Whether the value is still being computed.
    public var isPending: Bool {
        if case .pending = self { return true }
        return false
    }

    /// What a panel says in place of the value while it is not there, e.g. "computing w* (40%)…".
    public func placeholder(_ what: String, ellipsis: String = "…") -> String? {
        switch self {
        case .ready: return nil
        case .failed(let reason): return "\(what): \(reason)"
        case .pending(let progress?): return "computing \(what) (\(Int((progress * 100).rounded()))%)\(ellipsis)"
        case .pending(nil): return "computing \(what)\(ellipsis)"
        }
    }
}
