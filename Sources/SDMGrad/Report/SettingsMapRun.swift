import Dispatch
import Synchronization

/// One call as the settings map needs it: its normalized matrix, its preference and the warm start torchjd had.
public struct SettingsMapCall: Sendable {
    /// Â of the call.
    public let normalized: Matrix
    /// w~ of the call.
    public let preference: [Double]
    /// The warm start it is run again from.
    public let start: [Double]

    /// A call of the map from its parts.
    public init(normalized: Matrix, preference: [Double], start: [Double]) {
        self.normalized = normalized
        self.preference = preference
        self.start = start
    }
}

extension SettingsMap {
    /// The map over `calls` (sampled by SPEC's rule), each run again at every grid lr from its start, on
    /// every core; nil when cancelled. `progress` gets the fraction done (from the workers, one at a time).
    public static func compute(
        calls: [SettingsMapCall], parameters: SolverParameters,
        isCancelled: @Sendable () -> Bool = { false },
        progress: @Sendable (Double) -> Void = { _ in }
    ) -> SettingsMap? {
        compute(
            count: calls.count, m: calls.map(\.normalized.rows).max() ?? 1, call: { calls[$0] },
            parameters: parameters, isCancelled: isCancelled, progress: progress)
    }

    /// The map over `count` calls of at most `m` tasks, each asked of `call` only when it is mapped and
    /// dropped once run (a run that is not held in memory); nil when cancelled or a call cannot be had.
    public static func compute(
        count: Int, m: Int, call: @Sendable (Int) -> SettingsMapCall?, parameters: SolverParameters,
        isCancelled: @Sendable () -> Bool = { false },
        progress: @Sendable (Double) -> Void = { _ in }
    ) -> SettingsMap? {
        let mapped = sample(calls: count, m: m)
        let budgets = budgets(runIters: parameters.iters), lrs = gridLRs
        let rows = Mutex([[[Bool]]?](repeating: nil, count: mapped.count))
        let done = Mutex(0)
        let workers = max(1, min(mapped.count, ProcessorCount.online))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: mapped.count, by: workers) {
                if isCancelled() { return }
                guard let call = call(mapped[index]) else { return }
                let row = SettingsMap.row(
                    normalized: call.normalized, preference: call.preference, parameters: parameters,
                    start: call.start, lrs: lrs, iters: budgets
                ).reached
                rows.withLock { $0[index] = row }
                done.withLock {
                    $0 += 1; progress(Double($0) / Double(mapped.count))
                }
            }
        }
        let finished = rows.withLock { $0 }
        guard !isCancelled(), finished.allSatisfy({ $0 != nil }) else { return nil }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: lrs.count), count: budgets.count)
        for row in finished { for i in budgets.indices { for j in lrs.indices where row![i][j] { counts[i][j] += 1 } } }
        return SettingsMap(lrs: lrs, iters: budgets, reached: counts, mapped: mapped)
    }

    /// The warm start of each recorded call: the `w` recorded for the previous call; uniform for the
    /// first call, after a state reset (another dtype or a skipped step), when m changes or the `w` is not finite.
    public static func recordedStarts(_ recorded: [RecordedCall], sizes: [Int]) -> [[Double]] {
        recorded.indices.map { k in
            let m = sizes[k]
            let uniform = [Double](repeating: 1 / Double(m), count: m)
            guard k > 0, !RunFolder.startsAfresh(recorded[k], after: recorded[k - 1]) else { return uniform }
            let previous = recorded[k - 1].w
            return previous.count == m && previous.allSatisfy(\.isFinite) ? previous : uniform
        }
    }
}
