/// The health of one recorded call, replayed in float64 (SPEC section 7, `report`).
public struct CallHealth: Equatable, Sendable {
    /// The step number K.
    public let step: Int
    /// converges, oscillates or diverges at the run's lr (at the fixed point nearest the replayed w).
    public let verdict: StabilityVerdict
    /// rho of the linearized iteration at that fixed point.
    public let spectralRadius: Double
    /// The largest lr that converges there (+infinity at a vertex).
    public let lrMax: Double
    /// Whether the replayed w ended on a vertex of the simplex (one positive entry).
    public let vertex: Bool
    /// Whether the winning task (argmax of w) changed from the previous call.
    public let flip: Bool
    /// Euclidean distance from the replayed weights to the fixed point's weights.
    public let distanceToFixedPoint: Double
    /// Largest |replayed - recorded| over the weights.
    public let replayDifference: Double
    /// The winning task of the replay (argmax of w, first on ties), 0-based.
    public let winner: Int
    /// The winning task of the recording (argmax of the recorded w), 0-based.
    public let recordedWinner: Int
    /// The dtype the call was recorded in.
    public let dtype: RecordedDType
}

/// What the whole run adds up to.
public struct RunSummary: Equatable, Sendable {
    /// Number of calls.
    public let calls: Int
    /// Calls with verdict converges.
    public let converges: Int
    /// Calls with verdict oscillates.
    public let oscillates: Int
    /// Calls with verdict diverges.
    public let diverges: Int
    /// Calls whose winning task differs from the previous call's.
    public let flips: Int
    /// Median of the distances to the fixed-point weights (finite ones).
    public let medianDistance: Double
    /// The largest lr in [1e-4, 100] at which the replayed run converges on every call; nil when even 1e-4 fails.
    public let safeLR: Double?
    /// Largest replay difference over the calls.
    public let largestReplayDifference: Double
    /// Calls recorded in float32.
    public let float32Calls: Int
    /// Calls where the replay's winning task equals the recording's.
    public let winnerAgreements: Int
    /// When `safeLR` is nil: the calls that still fail at the smallest lr tried, with their verdicts.
    public let failingAtSmallestLR: [StepVerdict]
}

/// A step and its verdict.
public struct StepVerdict: Equatable, Sendable {
    /// The step number K.
    public let step: Int
    /// Its verdict.
    public let verdict: StabilityVerdict

    /// A step with its verdict.
    public init(step: Int, verdict: StabilityVerdict) {
        self.step = step
        self.verdict = verdict
    }
}

/// `report`: every call of a recorded run replayed in float64 and analyzed, and the run summarized.
public struct RunReport: Equatable, Sendable {
    /// The parameters the run was replayed with.
    public let parameters: SolverParameters
    /// One entry per call, in step order.
    public let calls: [CallHealth]
    /// The totals.
    public let summary: RunSummary

    /// The range searched for `safe_lr`.
    public static let safeLRRange: ClosedRange<Double> = 1e-4...100
    /// Bisection stops when the bracket's ratio is below 1 + this.
    public static let safeLRRelativePrecision = 1e-2

    /// Replays and analyzes `run` with its own parameters (or `parameters` when given).
    public init(run: RunFolder, parameters: SolverParameters? = nil) throws {
        let p = parameters ?? run.parameters
        self.parameters = p
        var weighting = SDMGradWeighting(parameters: p)
        var replayed: [WeightingCall] = []
        let resets = run.stateResets
        for (k, runCall) in run.calls.enumerated() {
            if resets.contains(k) { weighting.reset() }
            do { replayed.append(try weighting(runCall.batches.a)) } catch let error as InputError {
                throw error.prefixed("\(run.path)/step\(runCall.recorded.step)-A.npy")
            }
        }
        let analyses = ConvergenceCheck.analyses(replayed)
        var health: [CallHealth] = []
        for (k, runCall) in run.calls.enumerated() {
            let recorded = runCall.recorded, call = replayed[k], analysis = analyses[k]
            let winner = RunReport.argmax(call.w)
            health.append(CallHealth(
                step: recorded.step, verdict: analysis.stability.verdict,
                spectralRadius: analysis.stability.spectralRadius, lrMax: analysis.stability.lrMax,
                vertex: call.w.filter { $0 > 0 }.count == 1,
                flip: health.last.map { $0.winner != winner } ?? false,
                distanceToFixedPoint: euclideanDistance(call.weights, analysis.fixedPoint.weights),
                replayDifference: RunReport.largestDifference(call.weights, recorded.weights),
                winner: winner, recordedWinner: RunReport.argmax(recorded.w), dtype: recorded.dtype))
        }
        calls = health
        let distances = health.map(\.distanceToFixedPoint).filter(\.isFinite).sorted()
        let median: Double
        if distances.isEmpty { median = .nan } else if distances.count % 2 == 1 { median = distances[distances.count / 2] } else {
            median = (distances[distances.count / 2 - 1] + distances[distances.count / 2]) / 2
        }
        let differences = health.map(\.replayDifference)
        let matrices = run.calls.map(\.batches.a)
        let safe = RunReport.safeLearningRate(matrices: matrices, parameters: p, resets: resets)
        let stuck = safe != nil ? [] : RunReport.failingCalls(matrices: matrices, parameters: p,
                                                              lr: RunReport.safeLRRange.lowerBound, resets: resets)
            .map { StepVerdict(step: run.calls[$0.index].recorded.step, verdict: $0.verdict) }
        summary = RunSummary(
            calls: health.count,
            converges: health.filter { $0.verdict == .converges }.count,
            oscillates: health.filter { $0.verdict == .oscillates }.count,
            diverges: health.filter { $0.verdict == .diverges }.count,
            flips: health.filter(\.flip).count,
            medianDistance: median,
            safeLR: safe,
            largestReplayDifference: differences.contains { !$0.isFinite } ? .infinity : (differences.max() ?? 0),
            float32Calls: health.filter { $0.dtype == .float32 }.count,
            winnerAgreements: health.filter { $0.winner == $0.recordedWinner }.count,
            failingAtSmallestLR: stuck)
    }

    /// The largest lr in `safeLRRange` at which the run, replayed at that lr with warm starts, converges on
    /// every call; bisection on log(lr) to `safeLRRelativePrecision`. Nil when even the smallest lr fails.
    /// The set of good lr need not be an interval (which fixed point the solver heads for moves with lr):
    /// the answer is a boundary where the lr converges and lr times (1 + precision) does not.
    /// `resets`: the calls before which the state restarts from uniform (see `RunFolder.stateResets`).
    public static func safeLearningRate(matrices: [Matrix], parameters: SolverParameters, resets: Set<Int> = []) -> Double? {
        var search = ConvergenceCheck(matrices: matrices, parameters: parameters, resets: resets)
        let lo = safeLRRange.lowerBound, hi = safeLRRange.upperBound
        if search.convergesOnEveryCall(lr: hi) { return hi }
        guard search.convergesOnEveryCall(lr: lo) else { return nil }
        var good = lo, bad = hi
        while bad / good > 1 + safeLRRelativePrecision {
            let middle = (good * bad).squareRoot()    // the midpoint of log(lr)
            if search.convergesOnEveryCall(lr: middle) { good = middle } else { bad = middle }
        }
        return good
    }

    /// Whether replaying `matrices` in order at `lr` (state carried) gets the verdict converges on every call.
    public static func convergesOnEveryCall(matrices: [Matrix], parameters: SolverParameters, lr: Double,
                                            resets: Set<Int> = []) -> Bool {
        var check = ConvergenceCheck(matrices: matrices, parameters: parameters, resets: resets)
        return check.convergesOnEveryCall(lr: lr)
    }

    /// The calls (indices into `matrices`) whose verdict is not converges when the run is replayed at `lr`,
    /// with their verdicts (an invalid call counts as diverging).
    public static func failingCalls(matrices: [Matrix], parameters: SolverParameters, lr: Double,
                                    resets: Set<Int> = []) -> [(index: Int, verdict: StabilityVerdict)] {
        var p = parameters
        p.lr = lr
        let calls = ConvergenceCheck.replay(matrices, p, resets: resets)
        let verdicts = ConvergenceCheck.analyses(calls).map(\.stability.verdict)
        return verdicts.indices.filter { verdicts[$0] != .converges }.map { ($0, verdicts[$0]) }
            + (calls.count..<matrices.count).map { ($0, .diverges) }
    }

    /// The index of the largest entry (the first on ties; 0 for an empty or all-NaN vector).
    public static func argmax(_ x: [Double]) -> Int {
        var best = 0
        for i in x.indices where x[i] > x[best] { best = i }
        return best
    }

    /// max |x_i - y_i| (+infinity when a value is not finite or the lengths differ).
    static func largestDifference(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count else { return .infinity }
        var largest = 0.0
        for (a, b) in zip(x, y) {
            let d = abs(a - b)
            if !d.isFinite { return .infinity }
            largest = max(largest, d)
        }
        return largest
    }
}
