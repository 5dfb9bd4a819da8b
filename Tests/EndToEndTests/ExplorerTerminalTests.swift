import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Drives the real interactive `sdmgrad-explorer` in tmux (SPEC section 5; DESIGN "Tests"): what a
/// person would see, and that every way out (q, SIGTERM, SIGHUP, a crash signal, Ctrl-Z) gives the
/// terminal back. Each step polls `capture-pane` until the expected text shows up or a few seconds
/// pass; nothing sleeps for a fixed time.
final class ExplorerTerminalTests: XCTestCase {
    private var sessions: [TmuxSession] = []

    override func tearDown() {
        for session in sessions { session.kill() }
        sessions = []
        super.tearDown()
    }

    // MARK: - Helpers

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let panels = ["Geometry", "Simplex", "Matrix", "State", "Convergence"]

    func binary() throws -> String {
        do { return try BinaryLocator.binary() } catch let error as BinaryLocator.Failure {
            throw Failure(error.description)
        }
    }

    /// Quotes for `sh -c`.
    func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A `--step-milliseconds` value no other explorer on the machine uses, to recognise ours.
    func uniqueStep() -> Int { 10_000 + Int(getpid() % 20_000) + Int.random(in: 0..<20_000) }

    /// Opens a session running `sh -c '[env VAR=..] BIN ARGS; echo EXIT=$?; sleep 60'`: the
    /// shell prints the explorer's exit status (128+N after signal N) once it ends.
    func startExplorer(
        width: Int = 120, height: Int = 40, arguments: [String] = [], environment: [String: String] = [:],
        redirections: String = ""
    ) throws -> TmuxSession {
        let env =
            environment.isEmpty
            ? ""
            : "env "
                + environment.sorted { $0.key < $1.key }.map { quoted("\($0.key)=\($0.value)") }.joined(separator: " ")
                + " "
        let command = env + ([try binary()] + arguments).map(quoted).joined(separator: " ") + redirections
        return try startSession(
            width: width, height: height, command: ["sh", "-c", "\(command); echo EXIT=$?; sleep 60"])
    }

    func startSession(width: Int, height: Int, command: [String]) throws -> TmuxSession {
        let session = try TmuxSession(width: width, height: height, command: command)
        sessions.append(session)
        return session
    }

    /// Waits until the pane shows `texts`; fails with the screen otherwise.
    @discardableResult
    func expectScreen(
        _ session: TmuxSession, shows texts: [String], timeout: TimeInterval = 5, _ what: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> String {
        let (screen, found) = try session.waitFor(texts, timeout: timeout)
        if !found {
            let missing = texts.filter { !screen.contains($0) }
            XCTFail(
                "\(what): after \(timeout) s the pane lacks \(missing); it shows:\n\(screen)", file: file, line: line)
        }
        return screen
    }

    /// Waits for the `EXIT=N` line the wrapper shell prints; nil on timeout.
    func waitForExitStatus(_ session: TmuxSession, timeout: TimeInterval = 5) throws -> (status: Int?, screen: String) {
        let (screen, found) = try session.waitFor(timeout: timeout) { Self.exitStatus(in: $0) != nil }
        return (found ? Self.exitStatus(in: screen) : nil, screen)
    }

    /// N from the first `EXIT=N` on the screen (not the typed `echo EXIT=$?`).
    static func exitStatus(in screen: String) -> Int? {
        var rest = screen[...]
        while let range = rest.range(of: "EXIT=") {
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let status = Int(digits) { return status }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    /// Checks the terminal a person gets back: main screen, visible cursor, cooked tty, no frame left.
    /// `checkTTY` is off under a job-control shell, which sets its own tty modes when a job stops
    /// or ends (and readline then keeps the tty out of cooked mode).
    func expectRestored(
        _ session: TmuxSession, _ what: String, screen: String? = nil, checkTTY: Bool = true,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let modes = try session.waitForModes { alternate, cursor in !alternate && cursor }
        XCTAssertFalse(modes.alternate, "\(what): the pane is still in the alternate screen", file: file, line: line)
        XCTAssertTrue(modes.cursorVisible, "\(what): the cursor is still hidden", file: file, line: line)
        if checkTTY {
            XCTAssertTrue(
                try session.ttyIsCooked(), "\(what): the tty is not back in cooked mode (ICANON+ECHO)", file: file,
                line: line)
        }
        let mouse = try session.display("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}")
        XCTAssertEqual(
            mouse, "0000", "\(what): mouse reporting is still on (standard, button, any, sgr flags)", file: file,
            line: line)
        let shown = try screen ?? session.capture()
        for panel in Self.panels where shown.contains("─ \(panel)") {
            XCTFail("\(what): the explorer frame is still on the main screen:\n\(shown)", file: file, line: line)
            break
        }
    }

    /// The explorer process in the session: the child of the pane's shell whose command line has `marker`.
    func explorerPID(_ session: TmuxSession, marker: String, timeout: TimeInterval = 5) throws -> pid_t {
        let parent = try session.panePID()
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let pid = Self.children(of: parent).first(where: { Self.commandLine($0).contains(marker) }) {
                return pid
            }
            usleep(25_000)
        } while Date() < deadline
        throw Failure("no sdmgrad-explorer process with '\(marker)' under pane pid \(parent)")
    }

    static func children(of parent: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            // After "pid (comm)": state, then ppid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == parent
        }
    }

    static func commandLine(_ pid: pid_t) -> String {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return "" }
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    /// Runs the binary headless (render) and returns its stdout; fails on a non-zero exit.
    func runHeadless(_ arguments: [String]) throws -> String {
        let r = try BinaryLocator.run(arguments, timeout: 30)
        guard r.status == 0, !r.timedOut else {
            throw Failure("sdmgrad-explorer \(arguments) exited with \(r.status): \(r.stderr)")
        }
        return r.stdout
    }

    /// `render --format json`: the frame rows and the state.
    func renderJSON(size: String, keys: String) throws -> (frame: [String], state: [String: Any]) {
        let text = try runHeadless(["render", "--size", size, "--keys", keys, "--format", "json"])
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let frame = object["frame"] as? [String], let state = object["state"] as? [String: Any]
        else {
            throw Failure("render --format json printed no frame/state: \(text.prefix(200))")
        }
        return (frame, state)
    }

    /// Compares the pane with a headless frame, row by row (tmux trims trailing blanks).
    func expectSameFrame(
        _ screen: String, _ frame: [String], _ what: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, expected) in frame.enumerated() {
            let got = index < rows.count ? rows[index] : ""
            let want = String(expected.reversed().drop { $0 == " " }.reversed())
            let have = String(got.reversed().drop { $0 == " " }.reversed())
            if have != want {
                XCTFail(
                    "\(what): row \(index + 1) differs from `render`\n  pane:   \(have)\n  render: \(want)", file: file,
                    line: line)
                return
            }
        }
    }

    /// The numbers inside the first `[...]` after `label` on the screen's first row containing it.
    func vector(after label: String, in screen: String) -> (text: String, values: [Double])? {
        guard let row = screen.split(separator: "\n").first(where: { $0.contains(label) }),
            let labelEnd = row.range(of: label)?.upperBound,
            let open = row[labelEnd...].firstIndex(of: "["),
            let close = row[open...].firstIndex(of: "]")
        else { return nil }
        let inner = row[row.index(after: open)..<close]
        let values = inner.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return ("[" + inner + "]", values)
    }

    // MARK: - 1. Stepping, lambda, explain, quit

    func testStepRaiseLambdaExplainAndQuit() throws {
        let session = try startExplorer(width: 120, height: 40)
        var screen = try expectScreen(session, shows: Self.panels + ["iteration 0/20", "λ 0.300"], timeout: 8, "start")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(
            rows.count > 1 && rows[1].contains("λ 0.300") && rows[1].contains("iteration 0/20"),
            "row 2 should show λ 0.300 and iteration 0/20:\n\(screen)")
        XCTAssertTrue(try session.screenModes().alternate, "the explorer should draw on the alternate screen")
        expectSameFrame(screen, try renderJSON(size: "120x40", keys: "").frame, "the start frame")

        try session.type("nnn")
        screen = try expectScreen(session, shows: ["iteration 3/20"], "after nnn")
        let headless = try renderJSON(size: "120x40", keys: "nnn")
        XCTAssertEqual(headless.state["iteration"] as? Int, 3)
        guard let expectedW = (headless.state["w"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.doubleValue }),
            !expectedW.isEmpty
        else {
            throw Failure("render --format json has no state.w: \(headless.state)")
        }
        let label = "w = max("  // the State panel row `w = max(y - τ, 0)   [..]`
        guard let shown = vector(after: label, in: screen) else {
            throw Failure("the State panel has no '\(label) [...]' line:\n\(screen)")
        }
        XCTAssertEqual(shown.values.count, expectedW.count, "w on screen \(shown.text) vs solver \(expectedW)")
        for (got, want) in zip(shown.values, expectedW) {
            XCTAssertEqual(
                got, want, accuracy: 5e-4 * max(1, abs(want)), "w on screen \(shown.text) vs solver \(expectedW)")
        }
        if let headlessW = vector(after: label, in: headless.frame.joined(separator: "\n")) {
            XCTAssertEqual(shown.text, headlessW.text, "the w line should read as in the headless frame")
        }
        expectSameFrame(screen, headless.frame, "the frame after nnn")

        try session.type("+")
        screen = try expectScreen(session, shows: ["λ 0.400", "iteration 3/20"], "after +")
        try session.type("x")
        try expectScreen(session, shows: ["Explain iteration 3"], "after x")

        try session.type("q")
        let exit = try waitForExitStatus(session)
        XCTAssertEqual(exit.status, 0, "q should end the explorer with status 0; pane:\n\(exit.screen)")
        try expectRestored(session, "after q", screen: exit.screen)
    }

    /// Each lower view opens and closes with its key, on a sequence of the real model's steps.
    func testLowerViewsToggleOnTheMLP3Sequence() throws {
        let folder = BinaryLocator.packageRoot.appendingPathComponent("assets/examples/mlp3").standardized.path
        let session = try startExplorer(width: 120, height: 40, arguments: ["--matrix", folder])
        try expectScreen(session, shows: Self.panels + ["call 1/6"], timeout: 8, "the mlp3 sequence")
        for (key, title) in [
            ("x", "Explain iteration"), ("v", "Variants side by side"), ("w", "Lambda sweep"), ("c", "Calls: 6"),
        ] {
            try session.type(key)
            try expectScreen(session, shows: [title], "after \(key)")
            try session.type(key)
            let (screen, closed) = try session.waitFor { $0.contains("Convergence") && !$0.contains(title) }
            XCTAssertTrue(closed, "\(key) again should close '\(title)':\n\(screen)")
        }
        try session.type("c")
        try expectScreen(
            session, shows: ["[0.077, 0.077, 0.846]", "oscillates"], "the calls panel lists the vertex flips")
        try session.type("q")
        let exit = try waitForExitStatus(session)
        XCTAssertEqual(exit.status, 0, "pane:\n\(exit.screen)")
        try expectRestored(session, "after q", screen: exit.screen)
    }

    // MARK: - 2. Signals

    /// Sends `signal` to a running explorer and expects death by that signal with the terminal restored.
    func checkSignal(
        _ signal: Int32, name: String, environment: [String: String] = [:], timeout: TimeInterval = 5,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let step = uniqueStep()
        let session = try startExplorer(arguments: ["--step-milliseconds", "\(step)"], environment: environment)
        try expectScreen(session, shows: Self.panels, timeout: 8, "\(name): start", file: file, line: line)
        try session.type("n")
        try expectScreen(session, shows: ["iteration 1/20"], "\(name): after n", file: file, line: line)
        let pid = try explorerPID(session, marker: "--step-milliseconds \(step)")
        let started = Date()
        XCTAssertEqual(kill(pid, signal), 0, "kill(\(pid), \(name))", file: file, line: line)
        let exit = try waitForExitStatus(session, timeout: timeout)
        let elapsed = Date().timeIntervalSince(started)
        if exit.status == nil {
            let alive = Self.isAlive(pid)
            XCTFail(
                "\(name): the explorer did not end within \(timeout) s (process \(alive ? "still running" : "gone")); "
                    + "a signal sent with kill must end it as 128+\(signal) however the previous handler behaves; "
                    + "pane:\n\(exit.screen)", file: file, line: line)
            if alive { _ = kill(pid, SIGKILL) }
        } else {
            XCTAssertEqual(
                exit.status, 128 + Int(signal), "\(name): the exit status should be 128+\(signal)", file: file,
                line: line)
            print("ExplorerTerminalTests: \(name) ended the explorer in \(String(format: "%.3f", elapsed)) s")
        }
        try expectRestored(session, name, file: file, line: line)
    }

    func testSIGTERMRestoresTheTerminal() throws {
        try checkSignal(SIGTERM, name: "SIGTERM")
    }

    func testSIGHUPRestoresTheTerminal() throws {
        try checkSignal(SIGHUP, name: "SIGHUP")
    }

    /// A crash signal with the Swift runtime's backtracer off: the handler restores and re-raises
    /// into the default action (core/terminate).
    func testSIGSEGVRestoresTheTerminal() throws {
        try checkSignal(SIGSEGV, name: "SIGSEGV", environment: ["SWIFT_BACKTRACE": "enable=no"])
    }

    /// The same with the Swift runtime's backtracer on (its default on Linux), made
    /// non-interactive so it does not wait 30 s for a key: the program must still die of the signal.
    func testSIGSEGVWithSwiftBacktracerStillEnds() throws {
        try checkSignal(
            SIGSEGV, name: "SIGSEGV (Swift backtracer on)", environment: ["SWIFT_BACKTRACE": "interactive=no"],
            timeout: 6)
    }

    // MARK: - 3. Resize

    func testResizeTooSmallAndBack() throws {
        let session = try startExplorer(width: 120, height: 40)
        try expectScreen(session, shows: Self.panels + ["iteration 0/20"], timeout: 8, "start at 120x40")

        try session.resize(width: 20, height: 6)
        var (screen, found) = try session.waitFor { $0.contains("Terminal too small") }
        XCTAssertTrue(found, "at 20x6 the pane should say the terminal is too small:\n\(screen)")
        XCTAssertFalse(Self.panels.contains { screen.contains($0) }, "no panels at 20x6:\n\(screen)")

        try session.resize(width: 100, height: 30)
        screen = try expectScreen(session, shows: Self.panels + ["iteration 0/20", "λ 0.300"], "back at 100x30")
        XCTAssertFalse(screen.contains("too small"), "the too-small notice should be gone at 100x30:\n\(screen)")
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThanOrEqual(rows.filter { !$0.isEmpty }.count, 30)
        expectSameFrame(screen, try renderJSON(size: "100x30", keys: "").frame, "the repainted frame at 100x30")

        try session.resize(width: 20, height: 6)
        (screen, found) = try session.waitFor { $0.contains("too small") }
        XCTAssertTrue(found, "small again:\n\(screen)")
        try session.type("q")
        let exit = try waitForExitStatus(session)
        XCTAssertEqual(exit.status, 0, "q at 20x6 should quit with status 0; pane:\n\(exit.screen)")
        try expectRestored(session, "q at 20x6", screen: exit.screen)
    }

    // MARK: - 4. Refusals

    /// Runs the explorer in a pane with stderr sent to a file; expects one stderr line with `word`.
    func checkRefusal(
        _ what: String, environment: [String: String] = [:], stdin: String?, word: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let errPath = folder.appendingPathComponent("stderr").path
        let redirections = (stdin.map { " < \(quoted($0))" } ?? "") + " 2> \(quoted(errPath))"
        let session = try startExplorer(environment: environment, redirections: redirections)
        let exit = try waitForExitStatus(session)
        guard let status = exit.status else {
            XCTFail("\(what): the explorer did not end; pane:\n\(exit.screen)", file: file, line: line)
            return
        }
        XCTAssertNotEqual(status, 0, "\(what): should exit non-zero", file: file, line: line)
        XCTAssertLessThan(status, 128, "\(what): should exit, not die of a signal", file: file, line: line)
        let stderr = String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self)
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(
            stderr.hasSuffix("\n") && lines.count == 2,
            "\(what): expected exactly one line on stderr, got \(stderr.debugDescription)", file: file, line: line)
        XCTAssertTrue(
            stderr.contains(word), "\(what): stderr should mention \(word): \(stderr)", file: file, line: line)
        // Nothing but the wrapper's EXIT line reached the terminal.
        let shown = exit.screen.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertEqual(
            shown, ["EXIT=\(status)"], "\(what): the program wrote to the terminal:\n\(exit.screen)", file: file,
            line: line)
        try expectRestored(session, what, screen: exit.screen, file: file, line: line)
    }

    func testRefusesWhenStdinIsNotATerminal() throws {
        try checkRefusal("stdin from /dev/null", stdin: "/dev/null", word: "render")
    }

    func testRefusesAnUnknownTERM() throws {
        try checkRefusal("TERM=xyz", environment: ["TERM": "xyz"], stdin: nil, word: "TERM")
    }

    // MARK: - 5. Ctrl-Z and fg

    func testCtrlZSuspendsAndFgRepaints() throws {
        let shell =
            FileManager.default.isExecutableFile(atPath: "/bin/bash")
            ? ["bash", "--norc", "--noprofile", "-i"] : ["sh", "-i"]
        let session = try startSession(width: 120, height: 40, command: ["env", "PS1=E2E$ "] + shell)
        try expectScreen(session, shows: ["E2E$"], "the job-control shell's prompt")
        let step = uniqueStep()
        try session.type("\(quoted(try binary())) --step-milliseconds \(step)")
        try session.sendKeys("Enter")
        try expectScreen(session, shows: Self.panels + ["iteration 0/20"], timeout: 8, "start")
        try session.type("nn")
        try expectScreen(session, shows: ["iteration 2/20"], "after nn")

        try session.sendKeys("C-z")
        var screen = try expectScreen(session, shows: ["Stopped"], "after Ctrl-Z")
        let pid = try explorerPID(session, marker: "--step-milliseconds \(step)")
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)).flatMap { stat in
            stat.lastIndex(of: ")").map { stat[stat.index($0, offsetBy: 2)] }
        }
        XCTAssertEqual(state, "T", "the explorer should be stopped after Ctrl-Z")
        try expectRestored(session, "after Ctrl-Z", screen: screen, checkTTY: false)

        try session.type("fg")
        try session.sendKeys("Enter")
        screen = try expectScreen(session, shows: Self.panels + ["iteration 2/20", "λ 0.300"], "after fg")
        let modes = try session.waitForModes { alternate, _ in alternate }
        XCTAssertTrue(modes.alternate, "after fg the explorer should be back on the alternate screen")
        expectSameFrame(screen, try renderJSON(size: "120x40", keys: "nn").frame, "the repainted frame after fg")
        // Keys work without Enter again (the program's terminal modes are back).
        try session.type("n")
        try expectScreen(session, shows: ["iteration 3/20"], "n after fg")

        try session.type("q")
        let back = try session.waitForModes { alternate, cursor in !alternate && cursor }
        XCTAssertFalse(back.alternate, "q after fg should leave the alternate screen")
        try session.type("echo EXIT=$?")
        try session.sendKeys("Enter")
        let exit = try waitForExitStatus(session)
        XCTAssertEqual(exit.status, 0, "q after fg should exit 0; pane:\n\(exit.screen)")
        try expectRestored(session, "q after fg", screen: exit.screen, checkTTY: false)
    }
}
