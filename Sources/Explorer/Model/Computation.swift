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
    /// True while the calls are being computed in the background (large m): no call yet.
    public let isPending: Bool
    /// How far the background computation got, while pending: (call, iteration), both 1-based.
    public let progress: (call: Int, iteration: Int)?
    /// Iterations per call, for the progress note.
    let iterations: Int

    /// Runs every call with `parameters`, each warm-started from the previous w, except that
    /// call `start.call` starts from `start.w` when given.
    public init(
        batches: [Batches], parameters: SolverParameters, shownCall: Int, start: (call: Int, w: [Double])? = nil
    ) {
        self = Self.compute(batches: batches, parameters: parameters, shownCall: shownCall, start: start)!
    }

    /// The same calls, computed in a background job: nil once `isCancelled` says stop (asked before every
    /// iteration); `progress` hears of every (call, iteration) done, both 1-based.
    static func compute(
        batches: [Batches], parameters: SolverParameters, shownCall: Int, start: (call: Int, w: [Double])? = nil,
        isCancelled: (() -> Bool)? = nil, progress: ((Int, Int) -> Void)? = nil
    ) -> Computation? {
        Computation(batches: [], calls: [], failure: nil, shownCall: 0)
            .appending(batches, parameters: parameters, start: start, isCancelled: isCancelled, progress: progress)?
            .showing(shownCall)
    }

    private init(
        batches: [Batches], calls: [WeightingCall], failure: String?, shownCall: Int, isPending: Bool = false,
        progress: (call: Int, iteration: Int)? = nil, iterations: Int = 0
    ) {
        self.batches = batches
        self.calls = calls
        self.failure = failure
        self.isPending = isPending
        self.progress = progress
        self.iterations = iterations
        self.shownCall = min(max(shownCall, 0), max((isPending ? batches.count : calls.count) - 1, 0))
    }

    /// The inputs, their calls still being computed (`progress` as far as known).
    static func pending(
        batches: [Batches], shownCall: Int, iterations: Int = 0, progress: (call: Int, iteration: Int)? = nil
    ) -> Computation {
        Computation(
            batches: batches, calls: [], failure: nil, shownCall: shownCall, isPending: true, progress: progress,
            iterations: iterations)
    }

    /// The same pending computation, got as far as `progress`.
    func advanced(to progress: (call: Int, iteration: Int)) -> Computation {
        guard isPending else { return self }
        return .pending(batches: batches, shownCall: shownCall, iterations: iterations, progress: progress)
    }

    /// What to say where a call would be shown: the failure, or how far the computation of the calls got.
    public var absenceNote: String? {
        if let failure { return failure }
        guard isPending else { return nil }
        guard let progress else { return "computing the trace…" }
        let call = batches.count > 1 ? "call \(progress.call) of \(batches.count), " : ""
        return "computing \(call)iteration \(progress.iteration) of \(iterations)…"
    }

    /// Multiply-adds of running every call: above about a frame's worth the calls run in the background.
    static func cost(batches: [Batches], parameters: SolverParameters) -> Double {
        batches.reduce(0) { $0 + Double($1.a.rows) * Double($1.a.rows) } * Double(parameters.iters)
    }

    /// The cost above which the calls are computed off the key path: m above about 2240 at 20
    /// iterations (m = 2048 takes about 7 ms, m = 4096 about 40 ms).
    static let backgroundCost = 1e8

    /// The budget of each trace when `calls` calls are traced: the explorer's budget shared evenly.
    static func traceBudget(calls: Int) -> TraceBudget {
        var budget = TraceBudget.explorer
        budget.bytes /= max(calls, 1)
        return budget
    }

    /// The same calls with another one shown.
    public func showing(_ index: Int) -> Computation {
        Computation(batches: batches, calls: calls, failure: failure, shownCall: index)
    }

    /// These calls followed by `more` inputs, warm-started from the last call (a followed run
    /// grew); call `start.call` (counted from the first of all) starts from `start.w` when given.
    public func appending(_ more: [Batches], parameters: SolverParameters, start: (call: Int, w: [Double])? = nil)
        -> Computation
    {
        appending(more, parameters: parameters, start: start, isCancelled: nil, progress: nil)!
    }

    /// `appending`, nil once `isCancelled` says stop; `progress` hears of every (call, iteration) done.
    func appending(
        _ more: [Batches], parameters: SolverParameters, start: (call: Int, w: [Double])?,
        isCancelled: (() -> Bool)?, progress: ((Int, Int) -> Void)?
    ) -> Computation? {
        guard failure == nil else { return self }
        // Each trace keeps what fits its share of the budget, the rest as checkpoints (recomputed on demand).
        let budget = Self.traceBudget(calls: batches.count + more.count)
        var weighting = SDMGradWeighting(parameters: parameters)
        weighting.setState(calls.last?.w)
        var calls = self.calls
        var failure: String?
        for input in more {
            if let start, start.call == calls.count, start.w.count == input.a.rows { weighting.setState(start.w) }
            let index = calls.count + 1
            do {
                guard
                    let call = try weighting.call(
                        input.a, traceBudget: budget, isCancelled: isCancelled,
                        progress: progress.map { report in { report(index, $0) } })
                else { return nil }
                calls.append(call)
            } catch {
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
