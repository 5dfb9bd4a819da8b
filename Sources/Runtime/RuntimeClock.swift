import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Milliseconds that only move forward, for timers.
public protocol RuntimeClock: AnyObject, Sendable {
    /// Now, in milliseconds from an arbitrary origin.
    var milliseconds: Int { get }
}

/// The machine's monotonic clock.
public final class SystemClock: RuntimeClock {
    /// The monotonic clock.
    public init() {}

    /// Monotonic milliseconds.
    public var milliseconds: Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }
}

/// A clock that moves only when told (tests drive timers with it).
public final class ManualClock: RuntimeClock {
    private let now = Atomic<Int>(0)

    /// A clock at 0 ms.
    public init() {}

    /// The time set so far.
    public var milliseconds: Int { now.load(ordering: .relaxed) }

    /// Moves the clock forward.
    public func advance(by milliseconds: Int) { now.add(milliseconds, ordering: .relaxed) }
}
