/// A run folder without its matrices: the recorded line of each finite call, what `report` keeps while it
/// reads the calls' matrices one at a time (issue 19: memory that does not grow with the number of calls).
public struct RunOutline: Equatable, Sendable {
    /// The folder's path.
    public let path: String
    /// The weighting's parameters from `params.json`.
    public let parameters: SolverParameters
    /// Who recorded it, when said.
    public let source: String?
    /// The recorded line of every call with finite values, in step order (call k of `RunFolder.calls`).
    public let calls: [RecordedCall]
    /// The recorded steps left out (non-finite values), in step order.
    public let skipped: [SkippedStep]
    /// Where the calls come from: the folder (read again for each pass), or a run already in memory.
    private let origin: Origin

    private enum Origin: Equatable, Sendable {
        case folder
        case loaded(RunFolder)
    }

    /// The outline of a run already in memory; `stream` then hands out its calls.
    public init(_ run: RunFolder) {
        path = run.path
        parameters = run.parameters
        source = run.source
        calls = run.calls.map(\.recorded)
        skipped = run.skipped
        origin = .loaded(run)
    }

    /// Reads the folder once, keeping the recorded lines and dropping each matrix as soon as it is checked:
    /// the same errors as `RunFolder.load`, in the same order.
    public static func read(_ path: String) throws -> RunOutline {
        var calls: [RecordedCall] = []
        let scanned = try RunFolder.scan(path) { calls.append($0.recorded) }
        return RunOutline(
            path: path, parameters: scanned.parameters, source: scanned.source, calls: calls,
            skipped: scanned.skipped)
    }

    private init(
        path: String, parameters: SolverParameters, source: String?, calls: [RecordedCall], skipped: [SkippedStep]
    ) {
        self.path = path
        self.parameters = parameters
        self.source = source
        self.calls = calls
        self.skipped = skipped
        origin = .folder
    }

    /// m of each call.
    public var sizes: [Int] { calls.map(\.weights.count) }

    /// The calls before which the replay starts again from uniform (as `RunFolder.stateResets`).
    public var stateResets: Set<Int> {
        Set(calls.indices.filter { i in i > 0 && RunFolder.startsAfresh(calls[i], after: calls[i - 1]) })
    }

    /// Hands out the outlined calls with their matrices, one at a time and in order (call k with index k);
    /// a folder is read again, and a call that is not the one outlined (the folder changed in between) is
    /// an error. Calls recorded since the outline was read are left out.
    public func stream(_ body: (Int, RunCall) throws -> Void) throws {
        if case .loaded(let run) = origin {
            for (k, call) in run.calls.enumerated() { try body(k, call) }
            return
        }
        var k = 0
        _ = try RunFolder.scan(path) { call in
            guard k < calls.count else { return }
            guard call.recorded == calls[k] else {
                throw InputError(
                    "\(path): step \(call.recorded.step) changed while the folder was being read; read it again")
            }
            try body(k, call)
            k += 1
        }
        guard k == calls.count else {
            throw InputError(
                "\(path): \(calls.count - k) of its calls disappeared while the folder was being read; read it again")
        }
    }
}
