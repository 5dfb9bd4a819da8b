import SDMGrad

/// The calls of the weighting, traced (the cheap part of what is derived: computed at once on
/// every change; the analyses of the shown call come later, from the background).
///
/// A run read from disk (`--follow`, issue 19) holds in full (inputs, Â, trace) only the calls of a
/// window around the one shown, and the last; of every call it keeps a `CallSummary`. A call outside
/// the window is read again and run again from its recorded start (`reading`), which gives it bit for bit.
public struct Computation: Sendable {
    /// The inputs of every call, in order (held in full only within the window when windowed).
    public let batches: CallSequence
    /// Every call computed, summarized, each warm-started from the previous one's w.
    public let calls: [CallSummary]
    /// The calls held in full (traced), by index: every call unless windowed.
    let held: [Int: WeightingCall]
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
        self.init(batches: CallSequence(batches), parameters: parameters, shownCall: shownCall, start: start)
    }

    /// Runs every call of `batches` (reading those not held), keeping in full only the window around `shownCall`.
    public init(
        batches: CallSequence, parameters: SolverParameters, shownCall: Int, start: (call: Int, w: [Double])? = nil
    ) {
        // Nothing cancels it, so there is always a computation.
        self = Self.compute(batches: batches, parameters: parameters, shownCall: shownCall, start: start)!
    }

    /// The same calls, computed in a background job: nil once `isCancelled` says stop (asked before every
    /// iteration); `progress` hears of every (call, iteration) done, both 1-based.
    static func compute(
        batches: CallSequence, parameters: SolverParameters, shownCall: Int, start: (call: Int, w: [Double])? = nil,
        isCancelled: (() -> Bool)? = nil, progress: ((Int, Int) -> Void)? = nil
    ) -> Computation? {
        guard batches.isWindowed else {
            let none = Computation(batches: CallSequence([]), calls: [], held: [:], failure: nil, shownCall: 0)
            return none.appending(
                batches.all, parameters: parameters, start: start, isCancelled: isCancelled, progress: progress
            )?
            .showing(shownCall)
        }
        // Streamed: each call's inputs are read, run and dropped unless they fall in the window.
        let shown = min(max(shownCall, 0), max(batches.count - 1, 0))
        var weighting = SDMGradWeighting(parameters: parameters)
        var calls: [CallSummary] = [], held: [Int: WeightingCall] = [:], inputs = batches
        var failure: String?
        for k in 0..<batches.count {
            do {
                let input = try batches.batches(k)
                let keep = abs(k - shown) <= Self.windowRadius(m: input.a.rows, parameters) || k == batches.count - 1
                if let start, start.call == k, start.w.count == input.a.rows { weighting.setState(start.w) }
                guard
                    let call = try weighting.call(
                        input.a, traceBudget: keep ? Self.windowTraceBudget(m: input.a.rows, parameters) : nil,
                        isCancelled: isCancelled, progress: progress.map { report in { report(k + 1, $0) } })
                else { return nil }
                calls.append(CallSummary(call))
                if keep { (held[k], inputs) = (call, inputs.holding(input, at: k)) }
            } catch {
                failure = "\(error)"
                break
            }
        }
        // The last call computed stays held too (a failure stops before the window's end).
        if let last = calls.indices.last, held[last] == nil, let input = try? batches.batches(last) {
            var again = SDMGradWeighting(parameters: parameters)
            again.setState(calls[last].start)
            let budget = Self.windowTraceBudget(m: input.a.rows, parameters)
            if let call = try? again.call(input.a, traceBudget: budget, isCancelled: isCancelled) {
                (held[last], inputs) = (call, inputs.holding(input, at: last))
            }
        }
        return Computation(
            batches: inputs.keeping(Set(held.keys)), calls: calls, held: held, failure: failure,
            shownCall: held[shown] != nil ? shown : calls.count - 1)
    }

    private init(
        batches: CallSequence, calls: [CallSummary], held: [Int: WeightingCall], failure: String?, shownCall: Int,
        isPending: Bool = false, progress: (call: Int, iteration: Int)? = nil, iterations: Int = 0
    ) {
        self.batches = batches
        self.calls = calls
        self.held = held
        self.failure = failure
        self.isPending = isPending
        self.progress = progress
        self.iterations = iterations
        self.shownCall = min(max(shownCall, 0), max((isPending ? batches.count : calls.count) - 1, 0))
    }

    /// The inputs, their calls still being computed (`progress` as far as known).
    static func pending(
        batches: CallSequence, shownCall: Int, iterations: Int = 0, progress: (call: Int, iteration: Int)? = nil
    ) -> Computation {
        Computation(
            batches: batches, calls: [], held: [:], failure: nil, shownCall: shownCall, isPending: true,
            progress: progress, iterations: iterations)
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

    /// The cost of running every call of `batches`: a sequence that must be read again from disk always
    /// goes to the background.
    static func cost(batches: CallSequence, parameters: SolverParameters) -> Double {
        batches.heldIndices.count < batches.count ? .infinity : cost(batches: batches.all, parameters: parameters)
    }

    /// The cost of running every call of `batches` when the explorer opens: a sequence read again from disk is
    /// costed by its first call times the count (the others are not in memory yet; opening reads them anyway).
    static func openingCost(batches: CallSequence, parameters: SolverParameters) -> Double {
        guard batches.isWindowed else { return cost(batches: batches.all, parameters: parameters) }
        let first = batches.heldIndices.prefix(1).compactMap { batches[held: $0] }
        return cost(batches: first, parameters: parameters) * Double(batches.count)
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

    /// What a windowed run may hold in full: A and the trace of each call held (about 32 MB).
    static let windowBytes = 32e6

    /// The most calls either side of the shown one a windowed run holds in full.
    static let maxWindowRadius = 8

    /// How many calls either side of the shown one a windowed run holds in full: 8 at small m, fewer
    /// as A and the trace grow (1 at m = 1024), at least 1.
    static func windowRadius(m: Int, _ parameters: SolverParameters) -> Int {
        // A trace holds at most its share of the budget (the rest is recomputed from checkpoints).
        let largestShare = Double(traceBudget(calls: 2 * maxWindowRadius + 2).bytes)
        let perCall = 8 * Double(m) * Double(m) + min(Double(5 * m + 1) * 8 * Double(parameters.iters), largestShare)
        return max(1, min(maxWindowRadius, Int(windowBytes / max(perCall, 1)) / 2))
    }

    /// Each held call's trace budget in a windowed run: the explorer's budget shared by the calls either side
    /// of the shown one, the shown one and the last.
    static func windowTraceBudget(m: Int, _ parameters: SolverParameters) -> TraceBudget {
        traceBudget(calls: 2 * windowRadius(m: m, parameters) + 2)
    }

    /// The calls to hold in full when `shown` is shown: those within the radius, and the last.
    func window(around shown: Int) -> Set<Int> {
        guard batches.isWindowed else { return Set(held.keys) }
        let m = calls.first?.m ?? 0, radius = Self.windowRadius(m: m, calls.isEmpty ? SolverParameters() : parameters)
        return Set(held.keys.filter { abs($0 - shown) <= radius || $0 == calls.count - 1 })
    }

    /// The parameters the calls were run with.
    var parameters: SolverParameters { held.values.first?.parameters ?? SolverParameters() }

    /// Whether call `k` is held in full (it can be shown at once).
    public func holds(_ k: Int) -> Bool { held[k] != nil && batches.holds(k) }

    /// The same calls with another one shown; a windowed run drops the calls outside the new window
    /// (a call not held is left as it is: read it with `holding`).
    public func showing(_ index: Int) -> Computation {
        let shown = min(max(index, 0), max((isPending ? batches.count : calls.count) - 1, 0))
        guard batches.isWindowed, !isPending, holds(shown) else {
            return Computation(
                batches: batches, calls: calls, held: held, failure: failure, shownCall: index, isPending: isPending,
                progress: progress, iterations: iterations)
        }
        let keep = window(around: shown)
        return Computation(
            batches: batches.keeping(keep), calls: calls, held: held.filter { keep.contains($0.key) },
            failure: failure, shownCall: shown)
    }

    /// The same calls with call `k` held again (read back from disk and run again), and shown.
    public func holding(_ k: Int, batches input: Batches, call: WeightingCall) -> Computation {
        var held = self.held
        held[k] = call
        return Computation(
            batches: batches.holding(input, at: k), calls: calls, held: held, failure: failure, shownCall: shownCall
        ).showing(k)
    }

    /// Call `k` in full: held, or read again and run again from its recorded start (traced when `trace`).
    public func fullCall(_ k: Int, trace: Bool = true) throws -> (Batches, WeightingCall) {
        if let call = held[k], let input = batches[held: k] { return (input, call) }
        let input = try batches.batches(k)
        var weighting = SDMGradWeighting(parameters: parameters)
        weighting.setState(calls[k].start)
        let budget = Self.windowTraceBudget(m: input.a.rows, parameters)
        // Nothing cancels it, so there is always a call.
        let call = try weighting.call(input.a, traceBudget: trace ? budget : nil)!
        // Another A (the step file was rewritten) gives another call: say so rather than show it as call k.
        guard call.w == calls[k].w else {
            throw InputError("call \(k + 1) is not what was read before (its step file changed on disk)")
        }
        return (input, call)
    }

    /// These calls followed by `more` inputs, warm-started from the last call (a followed run
    /// grew); call `start.call` (counted from the first of all) starts from `start.w` when given.
    public func appending(_ more: [Batches], parameters: SolverParameters, start: (call: Int, w: [Double])? = nil)
        -> Computation
    {
        // Nothing cancels it, so there is always a computation.
        appending(more, parameters: parameters, start: start, isCancelled: nil, progress: nil)!
    }

    /// `appending`, nil once `isCancelled` says stop; `progress` hears of every (call, iteration) done.
    func appending(
        _ more: [Batches], parameters: SolverParameters, start: (call: Int, w: [Double])?,
        isCancelled: (() -> Bool)?, progress: ((Int, Int) -> Void)?
    ) -> Computation? {
        guard failure == nil else { return self }
        // Each trace keeps what fits its share of the budget, the rest as checkpoints (recomputed on demand).
        let traced = batches.isWindowed ? batches.heldIndices.count + more.count : batches.count + more.count
        let budget = Self.traceBudget(calls: traced)
        var weighting = SDMGradWeighting(parameters: parameters)
        weighting.setState(calls.last?.w)
        var calls = self.calls, held = self.held
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
                held[calls.count] = call
                calls.append(CallSummary(call))
            } catch {
                failure = "\(error)"
                break
            }
        }
        let grown = Computation(
            batches: batches.appending(more), calls: calls, held: held, failure: failure, shownCall: shownCall)
        return grown.holds(grown.shownCall) ? grown.showing(grown.shownCall) : grown
    }

    /// The inputs of the shown call.
    public var input: Batches {
        let k = min(shownCall, batches.count - 1)
        // The shown call is always held; a read from disk is the fallback of a broken invariant.
        return batches[held: k] ?? (try? batches.batches(k))
            ?? Batches(matrix: Matrix(rows: 1, columns: 1, storage: [1]))
    }

    /// The call shown, when it could be computed.
    public var call: WeightingCall? { held[shownCall] }
}
