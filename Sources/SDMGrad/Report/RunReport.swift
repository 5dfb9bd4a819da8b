import Dispatch
import Synchronization

/// `report` (SPEC section 7.2): every call of a recorded run analyzed from the warm start torchjd had,
/// judged on what torchjd returned, the settings map, and the run summarized.
public struct RunReport: Equatable, Sendable {
    /// The parameters the run was analyzed with.
    public let parameters: SolverParameters
    /// One entry per call, in step order.
    public let calls: [CallHealth]
    /// The settings map.
    public let map: SettingsMap
    /// The totals.
    public let summary: RunSummary

    /// Analyzes `run` with its own parameters (or `parameters` when given); `progress` gets the fraction done
    /// (from the worker threads, one at a time).
    public init(
        run: RunFolder, parameters: SolverParameters? = nil, mapCalls: MapCalls = .automatic,
        progress: @escaping @Sendable (Double) -> Void = { _ in }
    ) throws {
        try self.init(outline: RunOutline(run), parameters: parameters, mapCalls: mapCalls, progress: progress)
    }

    /// Analyzes the outlined run, reading its calls' matrices one at a time (twice when there is a
    /// recommendation to replay): memory holds the calls being analyzed (one per core) and per-call results,
    /// whatever the number of calls. The same report as `init(run:)` on the loaded run.
    public init(
        outline run: RunOutline, parameters: SolverParameters? = nil, mapCalls: MapCalls = .automatic,
        progress: @escaping @Sendable (Double) -> Void = { _ in }
    ) throws {
        let p = parameters ?? run.parameters
        self.parameters = p
        let n = run.calls.count
        let mapped = SettingsMap.sample(calls: n, m: run.sizes.max() ?? 1, requested: mapCalls)
        let isMapped = Set(mapped)
        let budgets = SettingsMap.budgets(runIters: p.iters)
        let lrs = SettingsMap.gridLRs
        let starts = RunReport.recordedStarts(run)
        // The replay at the recommendation is a small share; the map dominates where it runs.
        let weights = (0..<n).map {
            isMapped.contains($0) ? 1 + Double(lrs.count * budgets.last!) / Double(max(p.iters, 1)) : 1.0
        }
        let total = weights.reduce(0, +)
        let shared = Shared(count: n)
        let workers = max(1, min(n, ProcessorCount.online))
        // A call is read only when a worker is free to take it: the calls in memory (read or being analyzed)
        // are at most one per worker. A slot is taken before each read and given back when its analysis ends.
        let free = DispatchSemaphore(value: workers)
        let group = DispatchGroup()
        let queue = DispatchQueue.global(qos: .userInitiated)
        free.wait()
        // Every worker done, and the one slot taken ahead given back (libdispatch traps on a semaphore freed below its start).
        defer { group.wait(); free.signal() }
        try run.stream { k, call in
            if let error = shared.failure.withLock({ $0 }) { throw error }
            defer { free.wait() }  // the slot of the next call, before the reader goes on to read it
            queue.async(group: group) {
                defer { free.signal() }
                if shared.failure.withLock({ $0 != nil }) { return }
                do {
                    let result = try RunReport.analyze(
                        path: run.path, call: call, start: starts[k], parameters: p,
                        mapLRs: isMapped.contains(k) ? lrs : nil, budgets: budgets)
                    shared.results.withLock { $0[k] = result }
                    let fraction = shared.done.withLock {
                        $0 += weights[k]; return $0 / total
                    }
                    progress(fraction * 0.95)
                } catch {
                    shared.failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        group.wait()
        if let error = shared.failure.withLock({ $0 }) { throw error }
        let analyzed = shared.results.withLock { $0.map { $0! } }
        var health: [CallHealth] = []
        health.reserveCapacity(n)
        for (k, one) in analyzed.enumerated() {
            let winner = RunReport.argmax(run.calls[k].weights)
            health.append(one.health(winner: winner, flip: health.last.map { $0.winner != winner } ?? false))
        }
        calls = health
        var counts = [[Int]](repeating: [Int](repeating: 0, count: lrs.count), count: budgets.count)
        for k in mapped {
            if let row = analyzed[k].mapRow {
                for i in budgets.indices { for j in lrs.indices where row[i][j] { counts[i][j] += 1 } }
            }
        }
        map = SettingsMap(lrs: lrs, iters: budgets, reached: counts, mapped: mapped)
        var recommendation: Recommendation?
        if let cell = map.recommendedCell() {
            var q = p
            q.lr = cell.lr
            q.iters = cell.iters
            recommendation = Recommendation(
                lr: cell.lr, iters: cell.iters, reached: cell.reached,
                replayed: try RunReport.replayedReached(outline: run, parameters: q))
        }
        progress(1)
        summary = RunReport.summarize(health, safeLR: map.safeLR(budget: p.iters), recommendation: recommendation)
    }

    /// What the workers of one report share.
    private final class Shared: Sendable {
        let results: Mutex<[CallAnalysis?]>
        let failure = Mutex<Error?>(nil)
        let done = Mutex(0.0)

        init(count: Int) { results = Mutex([CallAnalysis?](repeating: nil, count: count)) }
    }

    /// The warm start of each call: the `w` recorded for the previous call, uniform for the first call,
    /// after a state reset (dtype change) or when m changes.
    static func recordedStarts(_ run: RunOutline) -> [[Double]] {
        SettingsMap.recordedStarts(run.calls, sizes: run.sizes)
    }

    /// Everything about call k that does not depend on the other calls.
    struct CallAnalysis: Sendable {
        let step: Int
        let fact: VerdictFact
        let spectralRadius: Double
        let lrMax: Double
        let reach: Reach
        let vertex: Bool
        let distance: Double
        let replayDifference: Double
        let replayedWinner: Int
        let recorded: RecordedOutcome
        let dtype: RecordedDType
        let diverged: Bool
        let mapRow: [[Bool]]?

        func health(winner: Int, flip: Bool) -> CallHealth {
            CallHealth(
                step: step, fact: fact, spectralRadius: spectralRadius, lrMax: lrMax, reach: reach, vertex: vertex,
                winner: winner, flip: flip, distanceToFixedPoint: distance, replayDifference: replayDifference,
                replayedWinner: replayedWinner, recorded: recorded, dtype: dtype, diverged: diverged)
        }
    }

    /// Replays call k from `start`, analyzes it, and runs its row of the map when `mapLRs` is given.
    static func analyze(
        path: String, call runCall: RunCall, start: [Double], parameters p: SolverParameters,
        mapLRs: [Double]?, budgets: [Int]
    ) throws -> CallAnalysis {
        let recorded = runCall.recorded, a = runCall.batches.a
        var weighting = SDMGradWeighting(parameters: p)
        weighting.setState(start)
        let call: WeightingCall
        do { call = try weighting(a) } catch let error as InputError {
            throw error.prefixed("\(path)/step\(recorded.step)-A.npy")
        }
        let outcome = RecordedOutcome(
            weights: recorded.weights, dtype: recorded.dtype, a: a,
            largestPreProjection: call.largestPreProjection)
        let difference = largestDifference(call.weights, recorded.weights)
        let finite =
            (call.w + call.weights).allSatisfy(\.isFinite) && call.normalization.matrix.storage.allSatisfy(\.isFinite)
        guard finite else {
            return CallAnalysis(
                step: recorded.step, fact: VerdictFact.none, spectralRadius: .nan, lrMax: .nan,
                reach: Reach(outputResidual: .infinity, iterationsNeeded: nil, beyondLimit: false), vertex: false,
                distance: .nan, replayDifference: difference, replayedWinner: argmax(call.weights), recorded: outcome,
                dtype: recorded.dtype, diverged: true, mapRow: nil)
        }
        let normalized = call.normalization.matrix
        let row = mapLRs.map {
            SettingsMap.row(
                normalized: normalized, preference: call.preference, parameters: p, start: start,
                lrs: $0, iters: budgets)
        }
        // The faces where the map's runs ended at a fixed point are where w* is looked for first.
        let faces =
            (call.m > FixedPointSolver.enumerationLimit ? Analysis.visitedFaces(call: call) : []) + (row?.faces ?? [])
        let analysis = Analysis.compute(
            normalized: normalized, preference: call.preference, parameters: p, near: call.w,
            startFaces: faces, iteration: p)!
        let fact = analysis.fact
        let reach = Reach(normalized: normalized, call: call, count: fact.verdict == .converges)
        return CallAnalysis(
            step: recorded.step, fact: fact, spectralRadius: analysis.stability.spectralRadius,
            lrMax: analysis.stability.lrMax, reach: reach, vertex: call.w.filter { $0 > 0 }.count == 1,
            distance: euclideanDistance(call.weights, analysis.fixedPoint.weights), replayDifference: difference,
            replayedWinner: argmax(call.weights), recorded: outcome, dtype: recorded.dtype, diverged: false,
            mapRow: row?.reached)
    }

    /// The calls reached when the whole run is replayed at `parameters` from uniform with warm starts
    /// carried (restarted where torchjd restarts), as torchjd would have run it.
    public static func replayedReached(run: RunFolder, parameters: SolverParameters) -> Int {
        (try? replayedReached(outline: RunOutline(run), parameters: parameters)) ?? 0
    }

    /// The same replay on an outlined run, its matrices read one at a time (a read error is thrown).
    public static func replayedReached(outline run: RunOutline, parameters: SolverParameters) throws -> Int {
        var weighting = SDMGradWeighting(parameters: parameters)
        let resets = run.stateResets
        var reached = 0
        var stopped = false
        // A call the weighting refuses ends the replay; the remaining calls are read but not replayed.
        try run.stream { k, runCall in
            guard !stopped else { return }
            if resets.contains(k) { weighting.reset() }
            guard let call = try? weighting(runCall.batches.a) else { stopped = true; return }
            if Reach(call: call, count: false).reached { reached += 1 }
        }
        return reached
    }

    /// The totals of the calls.
    static func summarize(_ health: [CallHealth], safeLR: Double?, recommendation: Recommendation?) -> RunSummary {
        let distances = health.map(\.distanceToFixedPoint).filter(\.isFinite).sorted()
        let median: Double
        if distances.isEmpty {
            median = .nan
        } else if distances.count % 2 == 1 {
            median = distances[distances.count / 2]
        } else {
            median = (distances[distances.count / 2 - 1] + distances[distances.count / 2]) / 2
        }
        let differences = health.map(\.replayDifference)
        func count(_ verdict: StabilityVerdict) -> Int { health.filter { $0.verdict == verdict }.count }
        return RunSummary(
            calls: health.count, converges: count(.converges), oscillates: count(.oscillates),
            diverges: count(.diverges),
            unverified: health.filter { $0.verdict == nil }.count,
            estimated: health.filter { $0.verdict != nil && $0.fact.estimated }.count,
            reached: health.filter(\.reach.reached).count, flips: health.filter(\.flip).count, medianDistance: median,
            recordedOffSimplex: health.filter(\.recorded.offSimplex).count,
            largestReplayDifference: differences.contains { !$0.isFinite } ? .infinity : (differences.max() ?? 0),
            diverged: health.filter(\.diverged).count,
            float32Calls: health.filter { $0.dtype == .float32 }.count,
            winnerAgreements: health.filter { $0.winner == $0.replayedWinner }.count,
            safeLR: safeLR, recommendation: recommendation)
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
