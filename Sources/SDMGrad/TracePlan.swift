/// The most memory a trace may hold, and how it is shared when not every iteration fits.
public struct TraceBudget: Equatable, Sendable {
    /// Bytes the trace may hold (stored iterations, checkpoints and the per-iteration step lengths).
    public var bytes: Int
    /// When not every iteration fits: at most this many first iterations are kept whole.
    public var storedLimit: Int
    /// When not every iteration fits: the last iterations whose w is kept (what the Convergence panel plots).
    public var tailLimit: Int

    /// A budget of `bytes`; beyond it the first `storedLimit` iterations whole and the last `tailLimit` as w.
    public init(bytes: Int, storedLimit: Int = 2000, tailLimit: Int = 1024) {
        self.bytes = bytes
        self.storedLimit = storedLimit
        self.tailLimit = tailLimit
    }

    /// The explorer's budget for all the traces it holds: 256 MB.
    public static let explorer = TraceBudget(bytes: 256 << 20)
}

/// Which iterations of a call a bounded trace keeps: 1...stored whole, then the state (w, velocity) after
/// every `stride`-th iteration, and after every one of the last `count - tailStart + 1`.
public struct TracePlan: Equatable, Sendable {
    /// Iterations of the call.
    public let count: Int
    /// Iterations kept whole.
    public let stored: Int
    /// Checkpoints between the stored part and the tail are this many iterations apart.
    public let stride: Int
    /// From this iteration on, a checkpoint after every iteration.
    public let tailStart: Int

    /// The plan for `iterations` iterations at m tasks within `budget`.
    public init(m: Int, iterations: Int, budget: TraceBudget) {
        count = iterations
        let record = Self.recordBytes(m: m), checkpoint = Self.checkpointBytes(m: m)
        let scalars = iterations * 8
        if iterations * record + scalars <= budget.bytes {
            (stored, stride, tailStart) = (iterations, 1, iterations + 1)
            return
        }
        // Half for the iterations kept whole, a quarter each for the tail and the checkpoints between.
        let room = max(0, budget.bytes - scalars)
        stored = min(iterations, max(1, min(budget.storedLimit, room / 2 / record)))
        let rest = iterations - stored
        let tail = min(rest, budget.tailLimit, room / 4 / checkpoint)
        let middle = rest - tail
        let checkpoints = max(1, room / 4 / checkpoint)
        stride = max(1, (middle + checkpoints - 1) / checkpoints)
        tailStart = iterations - tail + 1
    }

    /// Whether the state after iteration k (beyond the stored part) is kept.
    func keepsCheckpoint(after k: Int) -> Bool {
        k > stored && (k >= tailStart || (k - stored) % stride == 0)
    }

    /// Bytes of one stored iteration: five m-vectors, tau, and the arrays' headers.
    public static func recordBytes(m: Int) -> Int { (5 * m + 1) * 8 + 5 * 32 + 64 }

    /// Bytes of one checkpoint: w and the velocity.
    public static func checkpointBytes(m: Int) -> Int { 2 * m * 8 + 2 * 32 + 32 }

    /// Bytes a trace made with this plan holds at m tasks, at most.
    public func bytes(m: Int) -> Int {
        let middle = max(0, tailStart - 1 - stored) / stride
        let tail = count - tailStart + 1
        return stored * Self.recordBytes(m: m) + (middle + tail) * Self.checkpointBytes(m: m) + count * 8
            + (stored < count ? 8 * m : 0)
    }
}

/// Collects a call's iterations as the solver makes them, keeping what a plan says.
struct TraceRecorder {
    let plan: TracePlan
    var steps: [IterationRecord] = []
    var checkpoints: [TraceCheckpoint] = []
    var stepLengths: [Double] = []
    var overflowed = false
    private var previous: [Double]

    /// A recorder for a call starting at `start`.
    init(plan: TracePlan, start: [Double]) {
        self.plan = plan
        previous = start
        steps.reserveCapacity(plan.stored)
        stepLengths.reserveCapacity(plan.count)
    }

    /// Takes iteration `record.iteration` in.
    mutating func take(_ record: IterationRecord) {
        stepLengths.append(euclideanDistance(record.w, previous))
        if !overflowed && !record.w.allSatisfy(\.isFinite) { overflowed = true }
        previous = record.w
        let k = record.iteration
        if k <= plan.stored {
            steps.append(record)
        } else if plan.keepsCheckpoint(after: k) {
            checkpoints.append(TraceCheckpoint(iteration: k, w: record.w, velocity: record.velocity))
        }
    }

    /// The trace, with what replaying needs when not every iteration was kept.
    func trace(start: [Double], startWeights: [Double], replay: TraceReplay) -> Trace {
        Trace(
            start: start, startWeights: startWeights, count: stepLengths.count, steps: steps,
            checkpoints: checkpoints, stepLengths: stepLengths, overflowed: overflowed,
            replay: steps.count < stepLengths.count ? replay : nil)
    }
}
