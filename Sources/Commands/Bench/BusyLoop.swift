import Foundation
import Synchronization

/// A thread that keeps one core busy until stopped: the "other core busy" condition of `bench`.
final class BusyLoop: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// Starts spinning on a new thread.
    init() {
        Thread.detachNewThread { [self] in
            var x = 0.0
            while !stopped.load(ordering: .relaxed) { for i in 0..<10_000 { x += Double(i).squareRoot() } }
            if x < 0 { print(x) }  // keeps the loop from being optimized away
        }
    }

    /// Ends the loop (the thread exits at its next check).
    func stop() { stopped.store(true, ordering: .relaxed) }
}
