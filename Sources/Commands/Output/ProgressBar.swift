import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A progress bar on stderr, drawn only when stderr is a terminal and the work has run past a second.
final class ProgressBar: Sendable {
    private let label: String
    private let start = RuntimeSeconds.now()
    private let state = Mutex((drawn: false, lastCells: -1))
    private let enabled = isatty(2) != 0

    /// A bar named `label`.
    init(label: String) { self.label = label }

    /// Shows `fraction` done (redrawn when the bar grows by a cell).
    func update(_ fraction: Double) {
        guard enabled, RuntimeSeconds.now() - start > 1 else { return }
        let cells = Int(max(0, min(1, fraction)) * 40)
        state.withLock { s in
            guard cells != s.lastCells else { return }
            s.lastCells = cells
            s.drawn = true
            let bar = String(repeating: "#", count: cells) + String(repeating: "-", count: 40 - cells)
            let line = "\r\(label) [\(bar)] \(Int(fraction * 100))%"
            write(2, line, line.utf8.count)
        }
    }

    /// Clears the bar's line when one was drawn.
    func finish() {
        state.withLock { s in if s.drawn { let clear = "\r\u{1B}[K"; write(2, clear, clear.utf8.count) } }
    }
}

/// Monotonic seconds.
enum RuntimeSeconds {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
