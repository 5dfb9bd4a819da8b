import Runtime
import SDMGrad

/// The runs' background computation: every run advanced in chunks, round-robin, so the whole
/// picture grows at once; partial trajectories are sent every few tens of milliseconds.
enum PlaygroundTraining {
    /// Steps each run takes per round.
    static let chunk = 1_000
    /// Milliseconds between partial pictures (the first is sent after the first round). Each send makes the
    /// job copy the growing trajectories it shares with the message, so sends are not more frequent than this.
    static let sendInterval = 150.0

    /// Computes `settings` (indices `indices` of the runs list) for computation `generation`.
    static func job(generation: Int, indices: [Int], settings: [ToyRunSettings]) -> Command<PlaygroundMessage> {
        .background(key: "playground.runs") { context in
            let clock = ContinuousClock()
            let started = clock.now
            func elapsed() -> Double {
                let d = clock.now - started
                return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            }
            var runs: [ToyRun] = []
            var failures: [Int: PlaygroundRun] = [:]
            for (index, s) in zip(indices, settings) {
                do { runs.append(try ToyRun(s)) } catch {
                    var failed = PlaygroundRun(settings: s)
                    failed.failure = (error as? InputError)?.message ?? "\(error)"
                    failures[index] = failed
                    runs.append(try! ToyRun(ToyRunSettings(method: .mean)))  // placeholder, never advanced
                }
            }
            var active = indices.indices.filter { failures[indices[$0]] == nil }
            var lastSent = -sendInterval
            var sentOnce = false
            func snapshot(_ only: [Int]) -> [Int: PlaygroundRun] {
                var updates = failures
                for k in only { updates[indices[k]] = PlaygroundRun(runs[k]) }
                return updates
            }
            var changed = Set<Int>()
            while !active.isEmpty {
                if context.isCancelled { return nil }
                for k in active {
                    runs[k].advance(steps: chunk)
                    changed.insert(k)
                }
                active.removeAll { runs[$0].isFinished }
                let now = elapsed()
                if !active.isEmpty, !sentOnce || now - lastSent >= sendInterval {
                    context.send(
                        .runs(
                            generation: generation, updates: snapshot(Array(changed)), finished: false,
                            elapsedMilliseconds: now))
                    changed.removeAll()
                    lastSent = now
                    sentOnce = true
                }
            }
            return .runs(
                generation: generation,
                updates: snapshot(Array(indices.indices.filter { failures[indices[$0]] == nil })),
                finished: true, elapsedMilliseconds: elapsed())
        }
    }
}
