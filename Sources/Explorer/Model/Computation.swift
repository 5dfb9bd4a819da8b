import SDMGrad

/// The calls of the weighting, traced (the cheap part of what is derived: computed at once on
/// every change; the analyses of the shown call come later, from the background).
public struct Computation: Sendable {
    /// The inputs of every call, in order.
    public let batches: [Batches]
    /// Every call, traced, each warm-started from the previous one's w.
    public let calls: [WeightingCall]
    /// The error that stopped a call (e.g. the official scale is undefined), if any.
    public let failure: String?
    /// Index of the call shown.
    public let shownCall: Int

    /// Runs every call with `parameters`, each warm-started from the previous w, except that
    /// call `start.call` starts from `start.w` when given.
    public init(batches: [Batches], parameters: SolverParameters, shownCall: Int, start: (call: Int, w: [Double])? = nil) {
        var weighting = SDMGradWeighting(parameters: parameters)
        var calls: [WeightingCall] = []
        var failure: String?
        for (index, input) in batches.enumerated() {
            if let start, start.call == index, start.w.count == input.a.rows { weighting.setState(start.w) }
            do { calls.append(try weighting(input.a, trace: true)) } catch {
                failure = "\(error)"
                break
            }
        }
        self.init(batches: batches, calls: calls, failure: failure, shownCall: shownCall)
    }

    private init(batches: [Batches], calls: [WeightingCall], failure: String?, shownCall: Int) {
        self.batches = batches
        self.calls = calls
        self.failure = failure
        self.shownCall = min(max(shownCall, 0), max(calls.count - 1, 0))
    }

    /// The same calls with another one shown.
    public func showing(_ index: Int) -> Computation {
        Computation(batches: batches, calls: calls, failure: failure, shownCall: index)
    }

    /// These calls followed by `more` inputs, warm-started from the last call (a followed run grew).
    public func appending(_ more: [Batches], parameters: SolverParameters) -> Computation {
        guard failure == nil else { return self }
        var weighting = SDMGradWeighting(parameters: parameters)
        weighting.setState(calls.last?.w)
        var calls = self.calls
        var failure: String?
        for input in more {
            do { calls.append(try weighting(input.a, trace: true)) } catch {
                failure = "\(error)"
                break
            }
        }
        return Computation(batches: batches + more, calls: calls, failure: failure, shownCall: shownCall)
    }

    /// The inputs of the shown call.
    public var input: Batches { batches[min(shownCall, batches.count - 1)] }

    /// The call shown, when it could be computed.
    public var call: WeightingCall? { calls.indices.contains(shownCall) ? calls[shownCall] : nil }
}
