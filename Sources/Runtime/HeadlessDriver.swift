import TerminalUI

/// Drives the real event loop without a terminal (lazygit's integration driver): input in,
/// frames out, time moved by hand, background jobs run to completion on request.
public final class HeadlessDriver<Model: RuntimeModel> {
    /// The in-memory terminal.
    public let backend: TestBackend
    /// The clock timers follow.
    public let clock = ManualClock()
    /// The loop being driven.
    public let program: Program<Model>

    /// A driver at `width` x `height`, its jobs run by `executor` (inline: only when settled).
    public init(model: Model, width: Int, height: Int, executor: JobExecutor = InlineExecutor()) {
        backend = TestBackend(width: width, height: height)
        program = Program(model: model, backend: backend, executor: executor, clock: clock)
        program.begin()
    }

    /// The model now.
    public var model: Model { program.model }

    /// Feeds one input and lets the loop take it.
    public func input(_ input: BackendInput) {
        program.handle(input)
        program.deliverMessages()
        program.fireDueTimers()
    }

    /// Feeds a parsed `--keys` script, settling after each event when `settling` is true.
    public func input(_ events: [InputEvent], settling: Bool = true) {
        for event in events {
            switch event {
            case .key(let key): input(.key(key))
            case .mouse(let mouse): input(.mouse(mouse))
            }
            if settling { settle() }
        }
    }

    /// Changes the terminal's size.
    public func resize(width: Int, height: Int) {
        backend.size = (width, height)
        input(.resize)
    }

    /// Moves time forward, firing the timers that fall due on the way, in order.
    public func advance(milliseconds: Int) {
        var left = milliseconds
        while left > 0 {
            let step = min(left, 1)
            clock.advance(by: step)
            left -= step
            program.fireDueTimers()
        }
    }

    /// Runs the queued background jobs and delivers what they send.
    public func settle() { program.settle() }

    /// The frame the program would draw now.
    public func frame() -> Buffer {
        program.drawFrame()
        return backend.frames.last!
    }
}
