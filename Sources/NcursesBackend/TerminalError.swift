/// Why the interactive terminal could not be started; each message is one line with a hint.
public enum TerminalError: Error, CustomStringConvertible, Equatable {
    /// stdin or stdout is a pipe or file.
    case notATerminal
    /// TERM is missing or names a terminal curses cannot drive.
    case unusableTerminal(term: String, reason: String)
    /// A terminal session is already running in this process.
    case alreadyStarted

    /// The one-line message to print before exiting.
    public var description: String {
        switch self {
        case .notATerminal:
            return "stdin/stdout is not a terminal; use `sdmgrad-explorer render` or `solve` for headless output"
        case .unusableTerminal(let term, let reason):
            let name = term.isEmpty ? "TERM is not set" : "TERM '\(term)' is not usable"
            return "\(name): \(reason) (try TERM=xterm-256color, or `sdmgrad-explorer render` for headless output)"
        case .alreadyStarted:
            return "the terminal is already in use by this program"
        }
    }
}
