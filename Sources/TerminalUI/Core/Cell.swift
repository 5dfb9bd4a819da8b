/// One terminal cell: a grapheme and its style, or the right half of a wide grapheme on its left.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown in this cell (a space for continuation cells).
    public var character: Character { didSet { columns = Int8(displayWidth(of: character)) } }
    /// How the grapheme is drawn.
    public var style: Style
    /// True when this cell is covered by the wide (two-column) grapheme in the cell to its left.
    public var isContinuation: Bool
    /// Display columns of `character` (0, 1 or 2), measured once: drawing and diffing ask often.
    public private(set) var columns: Int8

    /// Creates a cell holding `character` drawn with `style`.
    public init(_ character: Character, style: Style = .plain) {
        self.character = character
        self.style = style
        self.isContinuation = false
        self.columns = Int8(displayWidth(of: character))
    }

    /// A cell holding the printable ASCII character `byte` (0x20...0x7E), one column, measured by construction.
    init(ascii byte: UInt8, style: Style) {
        self.character = Character(Unicode.Scalar(byte))
        self.style = style
        self.isContinuation = false
        self.columns = 1
    }

    /// A space in the terminal's default style.
    public static let blank = Cell(" ")

    /// The right half of a wide grapheme; `style` matches the grapheme's so diffs stay stable.
    public static func continuation(style: Style) -> Cell {
        var cell = Cell(" ", style: style)
        cell.isContinuation = true
        return cell
    }

    /// Columns this cell's grapheme occupies (0 for a continuation cell, else 1 or 2).
    public var width: Int {
        isContinuation ? 0 : max(1, Int(columns))
    }
}
