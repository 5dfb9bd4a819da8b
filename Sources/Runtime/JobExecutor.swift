import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where background jobs run.
public protocol JobExecutor: AnyObject, Sendable {
    /// Queues `job`.
    func submit(_ job: @escaping @Sendable () -> Void)
    /// Returns once every job submitted so far has finished (for headless use).
    func waitUntilIdle()
}

/// Runs jobs on background threads, at most two at once (this is a 2-core machine's worth), in
/// the order they came, so the event loop never waits and one long analysis cannot hold up the next.
public final class BackgroundExecutor: JobExecutor, @unchecked Sendable {
    // OperationQueue is thread-safe; it is not marked Sendable in corelibs-foundation.
    private let queue: OperationQueue

    /// A background queue running up to `lanes` jobs at once.
    public init(lanes: Int = 2) {
        queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, lanes)
        queue.qualityOfService = .userInitiated
    }

    /// Queues `job` behind the others.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        queue.addOperation {
            BackgroundExecutor.yieldToEventLoop()
            job()
        }
    }

    /// Lowers the calling worker thread's priority (nice 4, Linux), so that on a busy machine the event
    /// loop gets the CPU first: a key is answered in a frame while the analyses take what is left.
    /// Mildly: at nice 10 a busy core left the analyses a tenth of it. The pool's threads only run
    /// background work here, so the lowered priority may stay with them.
    static func yieldToEventLoop() {
        #if os(Linux)
            // On Linux the nice value belongs to the thread: 0 names the calling one.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 4)
        #endif
    }

    /// Waits until every job submitted so far has finished.
    public func waitUntilIdle() { queue.waitUntilAllOperationsAreFinished() }
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
