/// A mouse action on a cell, in frame coordinates (0-based from the top-left cell).
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        /// The left button went down.
        case press
        /// The left button came up.
        case release
        /// The wheel turned up (away from the user).
        case wheelUp
        /// The wheel turned down (towards the user).
        case wheelDown
    }

    /// What happened.
    public let kind: Kind
    /// Column of the cell.
    public let x: Int
    /// Row of the cell.
    public let y: Int

    /// A mouse event of `kind` at cell (x, y).
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
