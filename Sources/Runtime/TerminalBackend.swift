import TerminalUI

/// What a backend reports: input, or a change of the terminal itself.
public enum BackendInput: Equatable, Sendable {
    /// A key press.
    case key(Key)
    /// A mouse event.
    case mouse(MouseEvent)
    /// The terminal changed size: read `size` again.
    case resize
    /// The program came back from a suspension.
    case resumed
}

/// The terminal as the runtime sees it: a size, a place to draw and a source of input.
public protocol TerminalBackend: AnyObject {
    /// The size in cells.
    var size: (width: Int, height: Int) { get }
    /// Shows a frame (sending only what changed).
    func draw(_ buffer: Buffer)
    /// Makes the next draw a full repaint.
    func invalidate()
    /// Waits up to `timeoutMilliseconds` (negative: forever) for input; nil when the time ran
    /// out or `wake` was called.
    func nextInput(timeoutMilliseconds: Int) -> BackendInput?
    /// Ends a wait in `nextInput` early; callable from any thread.
    var wake: @Sendable () -> Void { get }
}
