/// Everything one inner iteration computed (SPEC section 2, `--trace`).
public struct IterationRecord: Equatable, Sendable {
    /// 1-based iteration number k.
    public let iteration: Int
    /// g_k = Â (w + lambda w~).
    public let grad: [Double]
    /// v_k = momentum v_{k-1} + g_k.
    public let velocity: [Double]
    /// y_k = w - lr v_k, the point before projection.
    public let y: [Double]
    /// The projection threshold tau_k.
    public let tau: Double
    /// w after this iteration.
    public let w: [Double]
    /// (w + lambda w~) / (1 + lambda) after this iteration.
    public let weights: [Double]
}

/// The start point and the iterations of one call of the inner solver: every iteration when it fits
/// the budget it was made with, else the first ones whole and then checkpoints, from which any other
/// iteration is computed again exactly (`segment(containing:)`).
public struct Trace: Equatable, Sendable {
    /// w_0, the warm start.
    public let start: [Double]
    /// Weights at the start point.
    public let startWeights: [Double]
    /// Number of iterations of the call.
    public let count: Int
    /// The iterations kept whole, 1...storedCount (all of them unless the trace is bounded).
    public let steps: [IterationRecord]
    /// States after some later iterations, ascending (empty unless the trace is bounded).
    let checkpoints: [TraceCheckpoint]
    /// ‖w_k − w_{k−1}‖ for k = 1...count.
    public let stepLengths: [Double]
    /// Whether some iterate is not finite.
    public let overflowed: Bool
    /// What running iterations again needs (nil when every iteration is stored).
    let replay: TraceReplay?
    /// Iterations computed again from a checkpoint, when attached.
    public private(set) var segment: TraceSegment?

    /// A trace that holds every iteration.
    public init(start: [Double], startWeights: [Double], steps: [IterationRecord]) {
        var lengths: [Double] = []
        lengths.reserveCapacity(steps.count)
        for (k, step) in steps.enumerated() {
            lengths.append(euclideanDistance(step.w, k == 0 ? start : steps[k - 1].w))
        }
        self.init(
            start: start, startWeights: startWeights, count: steps.count, steps: steps, checkpoints: [],
            stepLengths: lengths, overflowed: !steps.allSatisfy { $0.w.allSatisfy(\.isFinite) }, replay: nil)
    }

    init(
        start: [Double], startWeights: [Double], count: Int, steps: [IterationRecord], checkpoints: [TraceCheckpoint],
        stepLengths: [Double], overflowed: Bool, replay: TraceReplay?
    ) {
        self.start = start
        self.startWeights = startWeights
        self.count = count
        self.steps = steps
        self.checkpoints = checkpoints
        self.stepLengths = stepLengths
        self.overflowed = overflowed
        self.replay = replay
    }

    /// Number of iterations kept whole.
    public var storedCount: Int { steps.count }

    /// Whether every iteration is kept whole.
    public var isComplete: Bool { steps.count == count }

    /// Iteration k (1...count) when it is at hand: stored, or in the attached segment.
    public func record(at k: Int) -> IterationRecord? {
        if k >= 1 && k <= steps.count { return steps[k - 1] }
        if let segment, segment.contains(k) { return segment.records[k - segment.first] }
        return nil
    }

    /// w after k iterations (k = 0 is the start point), when it is at hand.
    public func w(at k: Int) -> [Double]? {
        if k == 0 { return start }
        return record(at: k)?.w ?? checkpoint(at: k)?.w
    }

    /// The velocity after k iterations (k >= 1), when it is at hand.
    public func velocity(at k: Int) -> [Double]? { record(at: k)?.velocity ?? checkpoint(at: k)?.velocity }

    /// Weights after k iterations (k = 0 is the start point), when they are at hand.
    public func weights(at k: Int) -> [Double]? {
        if k == 0 { return startWeights }
        if let record = record(at: k) { return record.weights }
        guard let replay, let w = checkpoint(at: k)?.w else { return nil }
        return combinedWeights(w, preference: replay.preference, lambda: replay.parameters.lambda)
    }

    /// The iterations whose w is at hand without computing (the stored ones and the checkpoints), ascending.
    public var iterationsWithW: [Int] { Array(0...steps.count) + checkpoints.map(\.iteration) }

    /// The checkpoint taken right after iteration k, if any.
    func checkpoint(at k: Int) -> TraceCheckpoint? {
        let i = checkpointIndex(atOrBefore: k)
        return i.flatMap { checkpoints[$0].iteration == k ? checkpoints[$0] : nil }
    }

    /// Index of the last checkpoint at or before iteration k.
    func checkpointIndex(atOrBefore k: Int) -> Int? {
        var low = 0, high = checkpoints.count
        while low < high {
            let mid = (low + high) / 2
            if checkpoints[mid].iteration <= k { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// The iterations that `segment(containing: k)` computes, or nil when k is at hand already.
    public func segmentRange(containing k: Int) -> ClosedRange<Int>? {
        guard k >= 1, k <= count, record(at: k) == nil else { return nil }
        let before = checkpointIndex(atOrBefore: k - 1)
        let from = max(before.map { checkpoints[$0].iteration } ?? steps.count, steps.count)
        // Up to the first checkpoint at or after k (or the end), so stepping on stays within one segment.
        let next = before.map { $0 + 1 } ?? 0
        let to = next < checkpoints.count ? checkpoints[next].iteration : count
        return (from + 1)...to
    }

    /// Multiply-adds of computing the segment holding k (0 when k is at hand).
    public func segmentCost(containing k: Int) -> Double {
        guard let range = segmentRange(containing: k) else { return 0 }
        return Double(range.count) * Double(start.count) * Double(start.count)
    }

    /// Computes again, from the nearest earlier checkpoint, the iterations around k that are not stored:
    /// the same numbers, bit for bit, as the straight run. nil when k is at hand or `isCancelled` says stop.
    public func segment(containing k: Int, isCancelled: (() -> Bool)? = nil) -> TraceSegment? {
        guard let range = segmentRange(containing: k), let replay else { return nil }
        let from = range.lowerBound - 1
        var w: [Double], velocity: [Double]
        if let c = checkpoint(at: from) {
            (w, velocity) = (c.w, c.velocity)
        } else {
            (w, velocity) = from == 0 ? (start, start) : (steps[from - 1].w, steps[from - 1].velocity)
        }
        var workspace = SolverWorkspace(m: start.count)
        workspace.velocity = velocity
        workspace.preferred = replay.preferred
        var records: [IterationRecord] = []
        records.reserveCapacity(range.count)
        var peak = 0.0
        let finished = InnerSolver.run(
            normalization: replay.normalization, preference: replay.preference, parameters: replay.parameters,
            iterations: range, w: &w, workspace: &workspace, peak: &peak, isCancelled: isCancelled
        ) { records.append($0) }
        guard finished, records.count == range.count else { return nil }
        return TraceSegment(first: range.lowerBound, records: records)
    }

    /// This trace with `segment`'s iterations at hand (replacing any segment attached before).
    public func attaching(_ segment: TraceSegment?) -> Trace {
        var copy = self
        copy.segment = segment
        return copy
    }

    /// Bytes the trace holds, roughly (arrays' headers included).
    public var bytes: Int {
        let m = start.count
        return steps.count * TracePlan.recordBytes(m: m) + checkpoints.count * TracePlan.checkpointBytes(m: m)
            + stepLengths.count * 8 + (replay == nil ? 0 : 8 * m)
    }

    /// Equal when the same iterations are stored (a recomputed segment is a view, not content).
    public static func == (lhs: Trace, rhs: Trace) -> Bool {
        lhs.start == rhs.start && lhs.startWeights == rhs.startWeights && lhs.count == rhs.count
            && lhs.steps == rhs.steps && lhs.checkpoints == rhs.checkpoints
    }
}

/// Iterations of a bounded trace computed again from a checkpoint.
public struct TraceSegment: Equatable, Sendable {
    /// The iteration of `records[0]`.
    public let first: Int
    /// Consecutive iterations from `first`.
    public let records: [IterationRecord]

    /// Whether iteration k is in the segment.
    public func contains(_ k: Int) -> Bool { k >= first && k < first + records.count }
}

/// The solver's state right after an iteration: what running the next ones again needs.
struct TraceCheckpoint: Equatable, Sendable {
    /// The iteration just done.
    let iteration: Int
    /// w after it.
    let w: [Double]
    /// The velocity after it.
    let velocity: [Double]
}

/// What running iterations of a call again needs besides a checkpoint.
struct TraceReplay: Sendable {
    /// Â, or A and its divisor, exactly as the call read them.
    let normalization: Normalization
    /// w~.
    let preference: [Double]
    /// The call's parameters.
    let parameters: SolverParameters
    /// lambda Â w~ as the first iteration computed it (the large path adds it at every later one).
    let preferred: [Double]
}

/// The combination (w + lambda w~) / (1 + lambda) that the weighting returns.
public func combinedWeights(_ w: [Double], preference: [Double], lambda: Double) -> [Double] {
    var out = w
    for i in out.indices { out[i] = (w[i] + lambda * preference[i]) / (1 + lambda) }
    return out
}
