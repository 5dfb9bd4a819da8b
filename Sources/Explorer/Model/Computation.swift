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

    /// Runs every call with `parameters`, each warm-started from the previous w, except that
    /// call `start.call` starts from `start.w` when given.
    public init(
        batches: [Batches], parameters: SolverParameters, shownCall: Int, start: (call: Int, w: [Double])? = nil
    ) {
        self = Computation(batches: [], calls: [], failure: nil, shownCall: 0)
            .appending(batches, parameters: parameters, start: start).showing(shownCall)
    }

    private init(batches: [Batches], calls: [WeightingCall], failure: String?, shownCall: Int, isPending: Bool = false)
    {
        self.batches = batches
        self.calls = calls
        self.failure = failure
        self.isPending = isPending
        self.shownCall = min(max(shownCall, 0), max((isPending ? batches.count : calls.count) - 1, 0))
    }

    /// The inputs, their calls still being computed.
    static func pending(batches: [Batches], shownCall: Int) -> Computation {
        Computation(batches: batches, calls: [], failure: nil, shownCall: shownCall, isPending: true)
    }

    /// What to say where a call would be shown: the failure, or that the calls are being computed.
    public var absenceNote: String? { failure ?? (isPending ? "computing the trace…" : nil) }

    /// Multiply-adds of running every call: above about a frame's worth the calls run in the background.
    static func cost(batches: [Batches], parameters: SolverParameters) -> Double {
        batches.reduce(0) { $0 + Double($1.a.rows) * Double($1.a.rows) } * Double(parameters.iters)
    }

    /// The cost above which the calls are computed off the key path: m above about 2240 at 20
    /// iterations (m = 2048 takes about 7 ms, m = 4096 about 40 ms).
    static let backgroundCost = 1e8

    /// Bytes the traces of these calls hold: five m-vectors and tau per iteration per call.
    static func traceBytes(batches: [Batches], parameters: SolverParameters) -> Double {
        batches.reduce(0) { $0 + Double(5 * $1.a.rows + 1) * 8 } * Double(parameters.iters)
    }

    /// The most the traces may hold (0.5 GB; the process peaks at about three times that):
    /// `--iters 100000` at m = 4096 would need 16 GB.
    static let traceBudget = 5e8

    /// The same calls with another one shown.
    public func showing(_ index: Int) -> Computation {
        Computation(batches: batches, calls: calls, failure: failure, shownCall: index)
    }

    /// These calls followed by `more` inputs, warm-started from the last call (a followed run
    /// grew); call `start.call` (counted from the first of all) starts from `start.w` when given.
    public func appending(_ more: [Batches], parameters: SolverParameters, start: (call: Int, w: [Double])? = nil)
        -> Computation
    {
        guard failure == nil else { return self }
        let needed = Self.traceBytes(batches: batches + more, parameters: parameters)
        guard needed <= Self.traceBudget else {
            // Refused by size before any iteration runs: the explorer opens at once and q works.
            let gb = (needed / 1e9 * 10).rounded() / 10, budget = (Self.traceBudget / 1e9 * 10).rounded() / 10
            return Computation(
                batches: batches + more, calls: calls,
                failure:
                    "tracing \(parameters.iters) iterations of \((batches + more).count) call(s) at m = \(more.first?.a.rows ?? batches.first?.a.rows ?? 0) "
                    + "would hold \(gb) GB, above the explorer's \(budget) GB: lower iters, or use solve",
                shownCall: shownCall)
        }
        var weighting = SDMGradWeighting(parameters: parameters)
        weighting.setState(calls.last?.w)
        var calls = self.calls
        var failure: String?
        for input in more {
            if let start, start.call == calls.count, start.w.count == input.a.rows { weighting.setState(start.w) }
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
