import TerminalUI

/// Everything that can happen to the explorer (the Elm architecture's messages).
public enum Msg: Equatable, Sendable {
    /// A key was pressed.
    case key(Key)
    /// The terminal now has this size.
    case resize(width: Int, height: Int)
    /// The animation timer fired.
    case tick
}
