import Runtime
import SDMGrad

/// The inner solver's verdicts along an `sdmgrad` run, computed sparsely (a few dozen steps and the
/// shown one) in a background job, never on the key path.
enum PlaygroundVerdicts {
    /// Steps sampled along a run for the verdict strip.
    static let samples = 48

    /// The record indices whose verdicts the panel shows: `samples` spread over the run, and `shown`.
    static func wanted(recordCount: Int, shown: Int?) -> [Int] {
        guard recordCount > 0 else { return [] }
        var indices = Set((0..<samples).map { $0 * (recordCount - 1) / max(1, samples - 1) })
        if let shown { indices.insert(shown) }
        return indices.sorted()
    }

    /// The verdict of one recorded call: the call replayed from its warm start, then analysed.
    static func verdict(_ input: ToyWeightingInput) -> InnerVerdict? {
        guard let call = try? input.replay() else { return nil }
        return InnerVerdict(Analysis(call: call))  // m = 2: microseconds, so the job polls between calls
    }

    /// Computes the verdicts of `run` at record indices `indices`.
    static func job(run: PlaygroundRun, indices: [Int]) -> Command<PlaygroundMessage> {
        .background(key: "playground.verdicts") { context in
            var found: [Int: InnerVerdict] = [:]
            for i in indices {
                if context.isCancelled { return nil }
                guard let input = run.record(i).weightingInput else { continue }
                if let v = verdict(input) { found[i] = v }
            }
            return .verdicts(settings: run.settings, found)
        }
    }
}
