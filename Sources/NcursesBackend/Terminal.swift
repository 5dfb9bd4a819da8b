import CNcursesw
import Glibc
import TerminalUI

/// The interactive terminal: curses set up for full-screen drawing, key input and the signal
/// handling that restores the terminal on every exit path. One per process.
public final class Terminal {
    /// Glyphs to draw with: ASCII when asked for or when no UTF-8 locale exists.
    public let glyphs: GlyphSet
    /// Whether a UTF-8 locale is active (C.UTF-8 is tried when the user's is not).
    public let hasUTF8Locale: Bool
    /// Whether colours are drawn (off under NO_COLOR, `--color never` or a monochrome terminal).
    public let usesColor: Bool

    private let screen: OpaquePointer
    private var styles: CursesStyles
    private var previous: Buffer?
    private var pendingKeys: [Key] = []
    private var isStopped = false

    private init(screen: OpaquePointer, glyphs: GlyphSet, hasUTF8Locale: Bool, styles: CursesStyles) {
        self.screen = screen
        self.glyphs = glyphs
        self.hasUTF8Locale = hasUTF8Locale
        self.usesColor = styles.usesColor
        self.styles = styles
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

    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key; nil on timeout.
    /// A resize or a resume from Ctrl-Z is reported as `.resize` and invalidates the frame.
    public func nextEvent(timeoutMilliseconds: Int) -> Key? {
        guard !isStopped else { return nil }
        if !pendingKeys.isEmpty { return pendingKeys.removeFirst() }
        if let signalled = signalledKey() { return signalled }
        let window = sdm_stdscr()
        wtimeout(window, Int32(clamping: timeoutMilliseconds))
        var input: wint_t = 0
        let status = sdm_get_wch(&input)
        if let signalled = signalledKey() {
            if status != ERR { pendingKeys.append(contentsOf: decode(status: status, input: input)) }
            return signalled
        }
        guard status != ERR else { return nil }
        var keys = decode(status: status, input: input)
        guard !keys.isEmpty else { return nil }
        let first = keys.removeFirst()
        pendingKeys.append(contentsOf: keys)
        if first == .resize { invalidate() }
        return first
    }

    /// A key standing for a signal: `.ctrl("c")` after SIGINT, `.resize` after SIGCONT (with
    /// curses' terminal modes put back and a full repaint scheduled).
    private func signalledKey() -> Key? {
        if SignalGuard.takeInterrupt() { return .ctrl("c") }
        guard SignalGuard.takeResumed() else { return nil }
        reset_prog_mode()
        invalidate()
        return .resize
    }

    /// The keys for one get_wch result (an ESC may pull in the rest of its sequence).
    private func decode(status: Int32, input: wint_t) -> [Key] {
        if status == KEY_CODE_YES {
            return key(forFunctionKeyCode: Int32(bitPattern: input)).map { [$0] } ?? []
        }
        guard let scalar = Unicode.Scalar(UInt32(input)) else { return [] }
        guard scalar == "\u{1B}" else { return [KeyDecoder.key(forScalar: scalar)] }
        return decodeAfterEscape()
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
