import Synchronization

/// Messages sent from background jobs, waiting for the event loop (thread-safe).
final class Mailbox<Message: Sendable>: Sendable {
    /// One delivery: a message (nil for a job that finished with nothing to say) from the job
    /// holding `token`; `finishes` marks the job's last delivery.
    struct Letter: Sendable {
        let token: CancellationToken
        let message: Message?
        let finishes: Bool
    }

    private let letters = Mutex<[Letter]>([])
    private let wake: @Sendable () -> Void

    /// A mailbox that calls `wake` after each post, so a waiting loop looks at once.
    init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

    /// Adds a letter and wakes the loop.
    func post(_ letter: Letter) {
        letters.withLock { $0.append(letter) }
        wake()
    }

    /// Takes every letter, oldest first.
    func takeAll() -> [Letter] {
        letters.withLock { taken in
            defer { taken.removeAll() }
            return taken
        }
    }
}
