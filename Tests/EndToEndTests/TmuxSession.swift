import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One detached tmux session on a private server (`tmux -L sdmgrad-e2e-<pid>-<n>`), so the tests
/// never touch the user's own tmux server. Every tmux call is a Foundation.Process; `kill()`
/// (call it in tearDown) ends the private server and everything running in it.
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Numbers the sessions of this test process.
    private static let counter = Atomic<Int>(0)

    /// The tmux executable, from PATH; a failure telling how to get it when missing.
    static func tmuxPath() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(
            "tmux is not installed (not found on PATH): install tmux (e.g. `apt-get install tmux` "
                + "or `brew install tmux`) to run the terminal end-to-end tests")
    }

    let tmux: String
    /// The `-L` socket name of this session's private server.
    let socket: String
    /// The socket file, removed by `kill()` (tmux leaves it behind).
    private var socketPath: String?
    /// The `new-session` client. On Linux, Foundation.Process notices a child's exit through a
    /// socket the child inherits; the tmux server it forks inherits that socket too, so this
    /// Process only reports its exit once the server is gone. It is never waited on before `kill()`.
    private let starter: Process
    private let starterErrors: URL
    private var killed = false

    /// Starts `command` (argv, run directly, not through a shell) in a new detached session of
    /// `width` x `height` cells; returns once the server answers.
    init(width: Int, height: Int, command: [String], timeout: TimeInterval = 10) throws {
        tmux = try Self.tmuxPath()
        let n = Self.counter.add(1, ordering: .relaxed).newValue
        socket = "sdmgrad-e2e-\(getpid())-\(n)"
        starterErrors = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).new-session.err")
        _ = FileManager.default.createFile(atPath: starterErrors.path, contents: nil)
        let errors = try FileHandle(forWritingTo: starterErrors)
        defer { try? errors.close() }
        // -f /dev/null: no user configuration; this first command starts the private server.
        starter = Self.process(
            tmux, socket: socket, ["new-session", "-d", "-x", "\(width)", "-y", "\(height)"] + command)
        starter.standardOutput = FileHandle.nullDevice
        starter.standardError = errors
        try starter.run()
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if try run(["has-session"]).status == 0 { break }
            if !starter.isRunning || Date() >= deadline {
                let message = String(decoding: (try? Data(contentsOf: starterErrors)) ?? Data(), as: UTF8.self)
                kill()
                throw Failure("tmux new-session did not start a session within \(timeout) s: \(message)")
            }
            usleep(10_000)
        }
        socketPath = try? display("#{socket_path}")
    }

    deinit { kill() }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// A tmux Process for this session's server, with a clean environment.
    private static func process(_ tmux: String, socket: String, _ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        process.arguments = ["-u", "-L", socket, "-f", "/dev/null"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil  // never nest into, or talk to, the tmux the tests run in
        environment["TMUX_PANE"] = nil
        let locale = (environment["LC_ALL"] ?? environment["LC_CTYPE"] ?? environment["LANG"] ?? "").uppercased()
        if !locale.contains("UTF-8") && !locale.contains("UTF8") {
            environment["LC_ALL"] = nil
            environment["LC_CTYPE"] = "C.UTF-8"
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        return process
    }

    /// Runs one tmux command against this session's (already running) server.
    @discardableResult
    func run(_ arguments: [String]) throws -> Result {
        let process = Self.process(tmux, socket: socket, arguments)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Small outputs (a capture is at most a few KB), so reading one pipe then the other cannot deadlock.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Types keys: each argument is a tmux key name (`q`, `C-z`, `Enter`, `Right`).
    func sendKeys(_ keys: String...) throws {
        let r = try run(["send-keys"] + keys)
        guard r.status == 0 else { throw Failure("tmux send-keys \(keys) failed: \(r.stderr)") }
    }

    /// Types `text` literally (no key-name lookup).
    func type(_ text: String) throws {
        let r = try run(["send-keys", "-l", text])
        guard r.status == 0 else { throw Failure("tmux send-keys -l \(text) failed: \(r.stderr)") }
    }

    /// What the pane shows now, one string per row (trailing blanks trimmed by tmux).
    func capture() throws -> String {
        let r = try run(["capture-pane", "-p"])
        guard r.status == 0 else { throw Failure("tmux capture-pane failed: \(r.stderr)") }
        return r.stdout
    }

    /// `tmux display -p FORMAT` for the pane.
    func display(_ format: String) throws -> String {
        let r = try run(["display-message", "-p", format])
        guard r.status == 0 else { throw Failure("tmux display \(format) failed: \(r.stderr)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the pane is in the alternate screen, and whether its cursor is visible.
    func screenModes() throws -> (alternate: Bool, cursorVisible: Bool) {
        let fields = try display("#{alternate_on} #{cursor_flag}").split(separator: " ")
        guard fields.count == 2 else { throw Failure("unexpected tmux display output \(fields)") }
        return (fields[0] == "1", fields[1] == "1")
    }

    /// The pid of the pane's first process (the command given to init).
    func panePID() throws -> pid_t {
        let text = try display("#{pane_pid}")
        guard let pid = pid_t(text) else { throw Failure("no pane pid in '\(text)'") }
        return pid
    }

    /// Whether the pane's terminal is in the shell's cooked mode (ICANON and ECHO on), read with
    /// tcgetattr on `#{pane_tty}`.
    func ttyIsCooked() throws -> Bool {
        let tty = try display("#{pane_tty}")
        let fd = open(tty, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw Failure("cannot open the pane's terminal \(tty): errno \(errno)") }
        defer { close(fd) }
        var modes = termios()
        guard tcgetattr(fd, &modes) == 0 else { throw Failure("tcgetattr on \(tty) failed: errno \(errno)") }
        return modes.c_lflag & tcflag_t(ICANON) != 0 && modes.c_lflag & tcflag_t(ECHO) != 0
    }

    /// Resizes the window (tmux switches it to a manual size).
    func resize(width: Int, height: Int) throws {
        let r = try run(["resize-window", "-x", "\(width)", "-y", "\(height)"])
        guard r.status == 0 else { throw Failure("tmux resize-window failed: \(r.stderr)") }
    }

    /// Polls the pane every 25 ms until `condition` holds on a capture or `timeout` seconds pass;
    /// returns the last capture and whether the condition held.
    func waitFor(timeout: TimeInterval = 5, _ condition: (String) -> Bool) throws -> (screen: String, found: Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let screen = try capture()
            if condition(screen) { return (screen, true) }
            if Date() >= deadline { return (screen, false) }
            usleep(25_000)
        }
    }

    /// Polls until the pane shows every one of `texts`.
    func waitFor(_ texts: [String], timeout: TimeInterval = 5) throws -> (screen: String, found: Bool) {
        try waitFor(timeout: timeout) { screen in texts.allSatisfy { screen.contains($0) } }
    }

    /// Polls `#{alternate_on} #{cursor_flag}` until `condition` holds or `timeout` passes.
    func waitForModes(timeout: TimeInterval = 5, _ condition: (Bool, Bool) -> Bool) throws -> (
        alternate: Bool, cursorVisible: Bool
    ) {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let modes = try screenModes()
            if condition(modes.alternate, modes.cursorVisible) || Date() >= deadline { return modes }
            usleep(25_000)
        }
    }

    /// Ends the private server and every process in its panes (safe to call more than once).
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
        // With the server gone, the new-session client's exit can finally be seen and reaped.
        let deadline = Date().addingTimeInterval(5)
        while starter.isRunning && Date() < deadline { usleep(5_000) }
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
        try? FileManager.default.removeItem(at: starterErrors)
    }
}
