import Glibc
import Synchronization

/// Everything the signal handlers read. Handlers may only call async-signal-safe functions and
/// must not touch Swift reference counts, so the state is raw memory allocated once in
/// `SignalGuard.install` (before any handler can run) and never freed.
private struct SignalState {
    /// Terminal modes of the shell, restored on exit and suspension.
    let shellModes: UnsafeMutablePointer<termios>
    /// Terminal modes curses set up (raw, no echo), put back on resume.
    let programModes: UnsafeMutablePointer<termios>
    /// Bytes that leave full-screen mode: exit alternate screen, show cursor, reset attributes.
    var leaveSequence: UnsafeMutableBufferPointer<UInt8>
    /// Bytes that re-enter full-screen mode after a suspension.
    var enterSequence: UnsafeMutableBufferPointer<UInt8>
    /// The dispositions found before install, indexed by signal number.
    let previousActions: UnsafeMutablePointer<sigaction>
}

/// The handler state. nonisolated(unsafe) because signal handlers can use neither locks nor
/// actors: it is written only by install/uninstall on the main thread while the handlers that
/// read it are not installed, so no handler ever sees it change.
nonisolated(unsafe) private var signalState: UnsafeMutablePointer<SignalState>? = nil

/// Set by the SIGCONT handler, consumed by the event loop to repaint the whole screen.
private let resumedFromSuspension = Atomic<Bool>(false)
/// Set by the first SIGINT (Ctrl-C), consumed by the event loop as a Ctrl-C key press.
private let interruptPending = Atomic<Bool>(false)
/// The write end of the event loop's wake pipe (-1: none): handlers write a byte so a loop
/// sleeping in poll() looks at the flags above at once.
private let wakeDescriptor = Atomic<Int32>(-1)

/// Wakes the event loop from a handler (write is async-signal-safe).
private func wakeEventLoop() {
    let descriptor = wakeDescriptor.load(ordering: .acquiring)
    guard descriptor >= 0 else { return }
    let savedErrno = errno
    var byte: UInt8 = 1
    _ = write(descriptor, &byte, 1)
    errno = savedErrno
}

/// Signals that end the program: restore the terminal, then die of the signal as usual.
private let terminatingSignals: [Int32] = [SIGTERM, SIGHUP, SIGQUIT]
/// Crashes (SIGTRAP and SIGILL are Swift runtime traps): restore, then let the previous
/// handler (the Swift backtracer, or the default core dump) see the fault.
private let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
/// Every signal whose disposition install changes.
private let handledSignals = terminatingSignals + fatalSignals + [SIGINT, SIGTSTP, SIGCONT]
private let signalSlots = 65

/// Installs and removes the handlers that keep the terminal usable on every exit path, the
/// way htop and btop do.
enum SignalGuard {
    /// Saves the shell's terminal modes; call before curses changes them.
    static func saveShellModes() {
        let state = allocateStateIfNeeded()
        tcgetattr(STDIN_FILENO, state.pointee.shellModes)
    }

    /// Records the program's modes and escape sequences, then installs the handlers.
    static func install(leaveSequence: [UInt8], enterSequence: [UInt8]) {
        let state = allocateStateIfNeeded()
        tcgetattr(STDIN_FILENO, state.pointee.programModes)
        state.pointee.leaveSequence = copy(leaveSequence)
        state.pointee.enterSequence = copy(enterSequence)
        // Initialise the lazily created globals now, before a handler could be first to touch them.
        _ = resumedFromSuspension.load(ordering: .relaxed)
        _ = interruptPending.exchange(false, ordering: .relaxed)
        _ = handledSignals.count
        installAlternateStackIfNeeded()
        for signal in terminatingSignals {
            setHandler(signal, terminatingHandler, previous: state.pointee.previousActions + Int(signal))
        }
        for signal in fatalSignals {
            setHandler(signal, fatalHandler, previous: state.pointee.previousActions + Int(signal))
        }
        // No SA_RESTART for these: the interrupted get_wch returns at once, so the event loop
        // reports Ctrl-C or repaints after a resume without waiting for its timeout.
        setHandler(SIGINT, interruptHandler, previous: state.pointee.previousActions + Int(SIGINT), restart: false)
        setHandler(SIGTSTP, suspendHandler, previous: state.pointee.previousActions + Int(SIGTSTP), restart: false)
        setHandler(SIGCONT, continueHandler, previous: state.pointee.previousActions + Int(SIGCONT), restart: false)
    }

    /// Puts back the dispositions found by install.
    static func uninstall() {
        guard let state = signalState else { return }
        for signal in handledSignals {
            sigaction(signal, state.pointee.previousActions + Int(signal), nil)
        }
    }

    /// Tells the handlers where to write to wake the event loop (-1: nowhere).
    static func setWakeDescriptor(_ descriptor: Int32) {
        wakeDescriptor.store(descriptor, ordering: .releasing)
    }

    /// True once after a Ctrl-C (SIGINT) that the event loop has not reported yet.
    static func takeInterrupt() -> Bool {
        interruptPending.exchange(false, ordering: .acquiringAndReleasing)
    }

    /// True once after the process came back from a suspension (SIGCONT).
    static func takeResumed() -> Bool {
        resumedFromSuspension.exchange(false, ordering: .acquiringAndReleasing)
    }

    /// Restores the shell's terminal the async-signal-safe way (also used by atexit).
    static func restoreTerminalNow() {
        leaveFullScreen()
    }

    private static func allocateStateIfNeeded() -> UnsafeMutablePointer<SignalState> {
        if let state = signalState { return state }
        let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
        actions.initialize(repeating: sigaction(), count: signalSlots)
        let shell = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        shell.initialize(to: termios())
        let program = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        program.initialize(to: termios())
        let state = UnsafeMutablePointer<SignalState>.allocate(capacity: 1)
        state.initialize(
            to: SignalState(
                shellModes: shell, programModes: program,
                leaveSequence: UnsafeMutableBufferPointer(start: nil, count: 0),
                enterSequence: UnsafeMutableBufferPointer(start: nil, count: 0),
                previousActions: actions))
        signalState = state
        return state
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutableBufferPointer<UInt8> {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = buffer.initialize(from: bytes)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<bytes.count])
    }

    private static func setHandler(
        _ signal: Int32,
        _ handler: @escaping @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void,
        previous: UnsafeMutablePointer<sigaction>, restart: Bool = true
    ) {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = handler
        // SA_ONSTACK so a stack overflow can still restore the terminal.
        action.sa_flags = SA_SIGINFO | SA_ONSTACK | (restart ? SA_RESTART : 0)
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, previous)
    }

    /// Gives handlers their own stack unless the runtime already set one up.
    private static func installAlternateStackIfNeeded() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
    }
}

// MARK: - Handlers (async-signal-safe: write, tcsetattr, sigaction, raise, sigprocmask only)

/// Writes the leave sequence and restores the shell's terminal modes.
private func leaveFullScreen() {
    guard let state = signalState else { return }
    writeAll(state.pointee.leaveSequence)
    tcsetattr(STDIN_FILENO, TCSADRAIN, state.pointee.shellModes)
}

private func writeAll(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
    guard var pointer = UnsafeRawPointer(bytes.baseAddress) else { return }
    var remaining = bytes.count
    while remaining > 0 {
        let written = write(STDOUT_FILENO, pointer, remaining)
        if written <= 0 {
            if written < 0 && errno == EINTR { continue }
            return
        }
        remaining -= written
        pointer += written
    }
}

/// Sets a signal back to its default action.
private func resetToDefault(_ signal: Int32) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&action.sa_mask)
    sigaction(signal, &action, nil)
}

/// Ctrl-C: the first one becomes a key press the app can quit on cleanly; a second one
/// before the app looked (it is busy or stuck) restores the terminal and ends the program.
private func interruptHandler(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    if interruptPending.exchange(true, ordering: .acquiringAndReleasing) {
        terminatingHandler(signal, info, context)
    }
    wakeEventLoop()
}

/// SIGTERM, SIGHUP, SIGQUIT: restore, then die of the same signal once we return.
private func terminatingHandler(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    leaveFullScreen()
    resetToDefault(signal)
    raise(signal)  // blocked inside the handler, delivered (and fatal) on return
}

/// Crashes: restore the terminal, let the previous handler report (Swift's backtrace), then die of
/// the signal. The previous handler is called directly rather than re-installed: it returns expecting
/// the faulting instruction to fault again, which never happens for a signal sent with kill or raise.
private func fatalHandler(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    leaveFullScreen()
    if let state = signalState {
        let previous = state.pointee.previousActions + Int(signal)
        // SIG_DFL is 0 and SIG_IGN is 1: compare the raw value so nothing is called for them.
        let raw = unsafeBitCast(previous.pointee.__sigaction_handler.sa_handler, to: Int.self)
        if raw != 0 && raw != 1 {
            if previous.pointee.sa_flags & SA_SIGINFO != 0 {
                previous.pointee.__sigaction_handler.sa_sigaction?(signal, info, context)
            } else {
                previous.pointee.__sigaction_handler.sa_handler?(signal)
            }
        }
    }
    resetToDefault(signal)
    raise(signal)  // pending until this handler returns; then the default action ends the process
}

/// Ctrl-Z: restore the shell's terminal, stop, and on resume take the screen back.
private func suspendHandler(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    let savedErrno = errno
    leaveFullScreen()
    resetToDefault(SIGTSTP)
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, SIGTSTP)
    sigprocmask(SIG_UNBLOCK, &unblock, nil)
    raise(SIGTSTP)  // the process stops here until SIGCONT
    sigprocmask(SIG_BLOCK, &unblock, nil)
    if let state = signalState {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = suspendHandler
        action.sa_flags = SA_SIGINFO | SA_ONSTACK
        sigemptyset(&action.sa_mask)
        sigaction(SIGTSTP, &action, nil)
        tcsetattr(STDIN_FILENO, TCSADRAIN, state.pointee.programModes)
        writeAll(state.pointee.enterSequence)
    }
    resumedFromSuspension.store(true, ordering: .releasing)
    wakeEventLoop()
    errno = savedErrno
}

/// SIGCONT (also after a SIGSTOP we never saw): ask the event loop for a full repaint.
private func continueHandler(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    resumedFromSuspension.store(true, ordering: .releasing)
    wakeEventLoop()
}
