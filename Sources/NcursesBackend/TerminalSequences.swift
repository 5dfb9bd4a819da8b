import CNcursesw
import Glibc

/// The raw escape sequences the signal handlers write, read from terminfo once at start
/// (handlers cannot call curses), with xterm fallbacks.
enum TerminalSequences {
    /// Mouse reporting off, in every mode a terminal may have been put in (press/release,
    /// button motion, any motion, SGR coordinates).
    static let mouseOff: [UInt8] = Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8)

    /// Writes bytes to the terminal directly (outside curses).
    static func write(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    /// Mouse off, leave alternate screen, show cursor, reset attributes, keypad transmit off.
    static func leave() -> [UInt8] {
        mouseOff + capability("rmcup", fallback: "\u{1B}[?1049l")
            + capability("cnorm", fallback: "\u{1B}[?25h")
            + capability("sgr0", fallback: "\u{1B}[0m")
            + capability("rmkx", fallback: "")
    }

    /// Enter alternate screen, hide cursor, keypad transmit on (after a resume).
    static func enter() -> [UInt8] {
        capability("smcup", fallback: "\u{1B}[?1049h")
            + capability("civis", fallback: "\u{1B}[?25l")
            + capability("smkx", fallback: "")
    }

    /// The capability's bytes with terminfo delay markers (`$<5>`) removed, or the fallback.
    static func capability(_ name: String, fallback: String) -> [UInt8] {
        guard let value = sdm_terminfo_string(name) else { return Array(fallback.utf8) }
        return withoutDelays(Array(String(cString: value).utf8))
    }

    /// Drops `$<...>` padding, which only tputs understands.
    static func withoutDelays(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<"),
                let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">"))
            {
                index = close + 1
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }
}
