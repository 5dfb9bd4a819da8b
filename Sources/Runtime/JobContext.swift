import Synchronization

/// A flag a background job polls to learn that its result is no longer wanted.
public final class CancellationToken: Sendable {
    private let cancelled = Atomic<Bool>(false)

    /// A token not yet cancelled.
    public init() {}

    /// Whether the job should stop.
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Asks the job to stop; its result will be dropped.
    public func cancel() { cancelled.store(true, ordering: .releasing) }
}

/// What a background job can see and do while it runs: learn it was cancelled, and send
/// messages before it finishes (progress, partial results).
public struct JobContext<Message: Sendable>: Sendable {
    /// The job's cancellation flag (hand it to long computations that poll).
    public let token: CancellationToken
    let post: @Sendable (Message) -> Void

    /// A context with `token` whose `send` calls `post`.
    public init(token: CancellationToken, post: @escaping @Sendable (Message) -> Void) {
        self.token = token
        self.post = post
    }

    /// Whether a newer job replaced this one or the program is ending.
    public var isCancelled: Bool { token.isCancelled }

    /// Sends a message to the model now, while the job goes on (dropped once cancelled).
    public func send(_ message: Message) {
        if !token.isCancelled { post(message) }
    }
}
