import TerminalUI

/// A terminal in memory: scripted input in, frames out (the headless driver's backend).
public final class TestBackend: TerminalBackend {
    /// The size reported to the program.
    public var size: (width: Int, height: Int)
    /// Input not yet read by the program.
    public var pendingInput: [BackendInput] = []
    /// Every frame drawn, oldest first.
    public private(set) var frames: [Buffer] = []
    /// How many full repaints were asked for.
    public private(set) var invalidations = 0

    /// A terminal of `width` x `height` cells.
    public init(width: Int, height: Int) { size = (width, height) }

    /// Records the frame.
    public func draw(_ buffer: Buffer) { frames.append(buffer) }

    /// Counts the repaint request.
    public func invalidate() { invalidations += 1 }

    /// The next scripted input, or nil at once when there is none.
    public func nextInput(timeoutMilliseconds: Int) -> BackendInput? {
        pendingInput.isEmpty ? nil : pendingInput.removeFirst()
    }

    /// Nothing waits in memory.
    public let wake: @Sendable () -> Void = {}
}
