import Dispatch

/// Where background jobs run.
public protocol JobExecutor: AnyObject, Sendable {
    /// Queues `job`.
    func submit(_ job: @escaping @Sendable () -> Void)
    /// Returns once every job submitted so far has finished (for headless use).
    func waitUntilIdle()
}

/// Runs jobs one after another on a thread of their own, so the event loop never waits.
public final class BackgroundExecutor: JobExecutor {
    private let queue = DispatchQueue(label: "sdmgrad-explorer.background", qos: .userInitiated)

    /// A serial background queue.
    public init() {}

    /// Queues `job` behind the others.
    public func submit(_ job: @escaping @Sendable () -> Void) { queue.async(execute: job) }

    /// Waits for the queue to drain.
    public func waitUntilIdle() { queue.sync {} }
}

/// Runs jobs on the caller's thread when asked (headless rendering and tests): deterministic.
public final class InlineExecutor: JobExecutor, @unchecked Sendable {
    // Only touched from the one thread that drives the headless program.
    private var queued: [@Sendable () -> Void] = []

    /// An executor that runs nothing until `waitUntilIdle`.
    public init() {}

    /// Queues `job` until `waitUntilIdle`.
    public func submit(_ job: @escaping @Sendable () -> Void) { queued.append(job) }

    /// Runs the queued jobs, oldest first.
    public func waitUntilIdle() {
        while !queued.isEmpty { queued.removeFirst()() }
    }
}
