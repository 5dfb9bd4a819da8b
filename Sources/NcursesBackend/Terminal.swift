import CNcursesw
import Glibc
import Runtime
import TerminalUI

/// The interactive terminal: curses set up for full-screen drawing, key and mouse input and the
/// signal handling that restores the terminal on every exit path. One per process.
public final class Terminal: TerminalBackend {
    /// Glyphs to draw with: ASCII when asked for or when no UTF-8 locale exists.
    public let glyphs: GlyphSet
    /// Whether a UTF-8 locale is active (C.UTF-8 is tried when the user's is not).
    public let hasUTF8Locale: Bool
    /// Whether colours are drawn (off under NO_COLOR, `--color never` or a monochrome terminal).
    public let usesColor: Bool

    private let screen: OpaquePointer
    private var styles: CursesStyles
    private var previous: Buffer?
    private var pendingInput: [BackendInput] = []
    private var isStopped = false
    /// A pipe whose read end the input wait also watches: a byte written ends the wait.
    private let wakePipe: (read: Int32, write: Int32)

    private init(screen: OpaquePointer, glyphs: GlyphSet, hasUTF8Locale: Bool, styles: CursesStyles) {
        self.screen = screen
        self.glyphs = glyphs
        self.hasUTF8Locale = hasUTF8Locale
        self.usesColor = styles.usesColor
        self.styles = styles
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
        } else {
            fds = [-1, -1]
        }
        wakePipe = (fds[0], fds[1])
        SignalGuard.setWakeDescriptor(fds[1])
    }

    /// Takes over the terminal; `asciiOnly` nil means ASCII only when no UTF-8 locale exists.
    /// Throws when stdin/stdout is not a terminal or TERM cannot be used.
    public static func start(colorMode: ColorMode = .auto, asciiOnly: Bool? = nil) throws -> Terminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard !TerminalRegistry.isActive else { throw TerminalError.alreadyStarted }
        let hasUTF8 = activateUTF8Locale()
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty else {
            throw TerminalError.unusableTerminal(term: "", reason: "curses needs to know the terminal type")
        }
        SignalGuard.saveShellModes()
        // newterm, unlike initscr, reports a bad TERM by returning nil instead of exiting.
        guard let screen = newterm(nil, sdm_stdout(), sdm_stdin()) else {
            throw TerminalError.unusableTerminal(term: term, reason: "no terminfo description found")
        }
        guard sdm_terminfo_string("cup") != nil else {
            endwin()
            delscreen(screen)
            throw TerminalError.unusableTerminal(term: term, reason: "it cannot move the cursor")
        }
        // cbreak, not raw: Ctrl-C and Ctrl-Z stay signals, so suspending works as in any
        // program and Ctrl-C still reaches the app (as a key) through the SIGINT handler.
        cbreak()
        Terminal.disableFlowControl()
        noecho()
        nonl()
        keypad(sdm_stdscr(), true)
        intrflush(sdm_stdscr(), false)
        curs_set(0)
        set_escdelay(25)  // a lone Esc is reported after 25 ms instead of a full second
        sdm_enable_mouse()

        let terminalHasColors = has_colors()
        let wantsColor = colorMode.usesColor(
            noColorVariable: getenv("NO_COLOR").map { String(cString: $0) },
            terminalHasColors: terminalHasColors)
        var hasDefaultColors = false
        if wantsColor {
            start_color()
            hasDefaultColors = use_default_colors() == OK
        }
        let styles = CursesStyles(
            usesColor: wantsColor, paletteSize: Int(sdm_colors()),
            hasDefaultColors: hasDefaultColors, maxPair: Int(sdm_color_pairs()) - 1)

        SignalGuard.install(leaveSequence: TerminalSequences.leave(), enterSequence: TerminalSequences.enter())
        TerminalRegistry.activate()
        let glyphs: GlyphSet = (asciiOnly ?? !hasUTF8) ? .ascii : .unicode
        return Terminal(screen: screen, glyphs: glyphs, hasUTF8Locale: hasUTF8, styles: styles)
    }

    deinit {
        stop()
    }

    /// The screen size in cells.
    public var size: (width: Int, height: Int) {
        (Int(sdm_max_x()), Int(sdm_max_y()))
    }

    /// Shows `buffer`, sending only the cells that differ from the previous frame.
    public func draw(_ buffer: Buffer) {
        guard !isStopped else { return }
        let window = sdm_stdscr()
        if previous == nil {
            // Full repaint: forget what curses thinks is on screen, too.
            werase(window)
            clearok(window, true)
        }
        var wide = [wchar_t](repeating: 0, count: 6)
        for run in BufferDiff.changes(from: previous, to: buffer) {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                put(cell, x: run.x + offset, y: run.y, scratch: &wide)
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    /// Writes one cell; a grapheme the C library measures differently from TerminalUI is
    /// replaced by `?` so the columns after it stay aligned.
    private func put(_ cell: Cell, x: Int, y: Int, scratch: inout [wchar_t]) {
        let attributes = CursesStyles.attributes(of: cell.style)
        let pair = styles.pair(for: cell.style)
        var count = 0
        for scalar in cell.character.unicodeScalars.prefix(5) {
            scratch[count] = wchar_t(bitPattern: scalar.value)
            count += 1
        }
        scratch[count] = 0
        let expected = Int32(cell.width)
        if sdm_wcwidth(scratch[0]) != expected {
            scratch[0] = wchar_t(UInt8(ascii: "?"))
            scratch[1] = 0
            if expected == 2 {
                sdm_put_cell(Int32(y), Int32(x + 1), [wchar_t(UInt8(ascii: " ")), 0], attributes, pair)
            }
        }
        sdm_put_cell(Int32(y), Int32(x), scratch, attributes, pair)
    }

    /// Makes the next draw repaint every cell (after a resize, a resume, or screen corruption).
    public func invalidate() {
        previous = nil
    }

    /// Ends a wait in `nextInput` from any thread (a background job finished).
    public var wake: @Sendable () -> Void {
        let descriptor = wakePipe.write
        return {
            var byte: UInt8 = 1
            _ = write(descriptor, &byte, 1)
        }
    }

    /// Waits up to `timeoutMilliseconds` (negative: forever) for input; nil when the time ran out
    /// or `wake` was called. Sleeps in poll() on the terminal and the wake pipe, so an idle
    /// program uses no CPU; a signal (resize, Ctrl-C, resume) also ends the wait.
    public func nextInput(timeoutMilliseconds: Int) -> BackendInput? {
        guard !isStopped else { return nil }
        if !pendingInput.isEmpty { return pendingInput.removeFirst() }
        if let signalled = signalledInput() { return signalled }
        // curses may hold bytes it already read (the rest of a sequence, typeahead): ask it first.
        if let input = readCurses() { return input }
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&fds, 2, Int32(clamping: timeoutMilliseconds))
        if fds[1].revents != 0 { drainWakePipe() }
        if let signalled = signalledInput() { return signalled }
        guard ready > 0, fds[0].revents != 0 else {
            // EINTR from SIGWINCH: curses now reports KEY_RESIZE.
            return ready < 0 ? readCurses() : nil
        }
        return readCurses()
    }

    /// One input curses has ready now, or nil.
    private func readCurses() -> BackendInput? {
        wtimeout(sdm_stdscr(), 0)
        var input: wint_t = 0
        let status = sdm_get_wch(&input)
        guard status != ERR else { return nil }
        var decoded = decode(status: status, input: input)
        guard !decoded.isEmpty else { return nil }
        let first = decoded.removeFirst()
        pendingInput.append(contentsOf: decoded)
        if first == .resize { invalidate() }
        return first
    }

    private func drainWakePipe() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakePipe.read, &bytes, bytes.count) > 0 {}
    }

    /// Input standing for a signal: Ctrl-C after SIGINT, `.resumed` after SIGCONT (with curses'
    /// terminal modes put back and a full repaint scheduled).
    private func signalledInput() -> BackendInput? {
        if SignalGuard.takeInterrupt() { return .key(.ctrl("c")) }
        guard SignalGuard.takeResumed() else { return nil }
        reset_prog_mode()
        // curses asks for mouse reports in the form this terminal's terminfo names: ask again.
        sdm_disable_mouse()
        sdm_enable_mouse()
        invalidate()
        return .resumed
    }

    /// The input for one get_wch result (an ESC may pull in the rest of its sequence).
    private func decode(status: Int32, input: wint_t) -> [BackendInput] {
        if status == KEY_CODE_YES {
            let code = Int32(bitPattern: input)
            if code == KEY_RESIZE { return [.resize] }
            if code == KEY_MOUSE { return mouseInput().map { [$0] } ?? [] }
            return key(forFunctionKeyCode: code).map { [.key($0)] } ?? []
        }
        guard let scalar = Unicode.Scalar(UInt32(input)) else { return [] }
        guard scalar == "\u{1B}" else { return [.key(KeyDecoder.key(forScalar: scalar))] }
        return decodeAfterEscape().map { .key($0) }
    }

    /// The mouse event curses decoded, if it is one the program uses.
    private func mouseInput() -> BackendInput? {
        var x: Int32 = 0, y: Int32 = 0
        let kind: MouseEvent.Kind
        switch Int(sdm_read_mouse(&x, &y)) {
        case Int(SDM_MOUSE_PRESS): kind = .press
        case Int(SDM_MOUSE_RELEASE): kind = .release
        case Int(SDM_MOUSE_WHEEL_UP): kind = .wheelUp
        case Int(SDM_MOUSE_WHEEL_DOWN): kind = .wheelDown
        default: return nil
        }
        return .mouse(MouseEvent(kind, x: Int(x), y: Int(y)))
    }

    /// Reads what arrived with an ESC: a CSI/SS3 sequence curses did not know (e.g. `ESC [1~`
    /// for Home under tmux), or nothing (a real Esc press), or another key (Alt+key).
    private func decodeAfterEscape() -> [Key] {
        let window = sdm_stdscr()
        wtimeout(window, 0)  // curses already waited ESCDELAY; the rest is here or absent
        var following: [Unicode.Scalar] = []
        var functionKeys: [Key] = []
        while following.count < 16 {
            if case .sequence = KeyDecoder.matchEscape(following) { break }
            if following.count >= 2, following.first != "[" { break }
            if following.count == 1, following[0] != "[", following[0] != "O" { break }
            var input: wint_t = 0
            let status = sdm_get_wch(&input)
            if status == ERR { break }
            if status == KEY_CODE_YES {
                functionKeys = key(forFunctionKeyCode: Int32(bitPattern: input)).map { [$0] } ?? []
                break
            }
            guard let scalar = Unicode.Scalar(UInt32(input)) else { break }
            following.append(scalar)
        }
        switch KeyDecoder.matchEscape(following) {
        case .sequence(let key, let length):
            let rest = following[length...].map(KeyDecoder.key(forScalar:))
            return (key.map { [$0] } ?? []) + rest + functionKeys
        case .loneEscape:
            return [.escape] + following.map(KeyDecoder.key(forScalar:)) + functionKeys
        }
    }

    /// Turns off Ctrl-S/Ctrl-Q flow control, which cbreak leaves on and which would freeze
    /// the screen, and records the result as curses' program mode.
    private static func disableFlowControl() {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        tcsetattr(STDIN_FILENO, TCSANOW, &modes)
        def_prog_mode()
    }

    /// Gives the terminal back to the shell; safe to call more than once.
    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        SignalGuard.uninstall()
        SignalGuard.setWakeDescriptor(-1)
        sdm_disable_mouse()
        TerminalSequences.write(TerminalSequences.mouseOff)
        endwin()
        delscreen(screen)
        TerminalRegistry.deactivate()
    }
}

/// Tracks whether a Terminal is live, for the one-per-process rule and the atexit safety net.
enum TerminalRegistry {
    /// Only touched from the thread that owns the Terminal; nonisolated(unsafe) because the
    /// atexit callback, a C function pointer, must read it without an actor hop.
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var exitHookInstalled = false

    static var isActive: Bool { active }

    static func activate() {
        active = true
        if !exitHookInstalled {
            exitHookInstalled = true
            // A plain exit() from anywhere still leaves the terminal usable.
            atexit {
                if TerminalRegistry.active {
                    SignalGuard.restoreTerminalNow()
                }
            }
        }
    }

    static func deactivate() {
        active = false
    }
}
