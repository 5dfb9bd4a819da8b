import TerminalUI

/// Everything a model is told about (Bubble Tea's Msg): user input, the terminal, and the
/// model's own messages, which background computations and timers send back.
public enum Event<Message: Sendable>: Sendable {
    /// A key press.
    case key(Key)
    /// A mouse press, release or wheel turn.
    case mouse(MouseEvent)
    /// The terminal now has this size (also sent once at start).
    case resize(width: Int, height: Int)
    /// The program came back from a suspension (Ctrl-Z, fg): the screen is repainted.
    case resumed
    /// A message of the model's own: a finished computation, a timer, a saved file.
    case message(Message)
}
