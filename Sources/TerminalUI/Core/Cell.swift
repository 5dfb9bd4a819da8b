/// One terminal cell: a grapheme and its style, or the right half of a wide grapheme on its left.
///
/// The grapheme is kept as a `UInt32` code (its scalar, or an interned id for a grapheme of
/// several scalars) so a cell is plain data: frames copy and diff thousands of cells each
/// without reference counting.
public struct Cell: Hashable, Sendable {
    /// The grapheme's code: a single scalar's value, or `GraphemeTable.firstID` and above.
    private var code: UInt32
    /// How the grapheme is drawn.
    public var style: Style
    /// True when this cell is covered by the wide (two-column) grapheme in the cell to its left.
    public var isContinuation: Bool
    /// Display columns of `character` (0, 1 or 2), measured once: drawing and diffing ask often.
    public private(set) var columns: Int8

    /// The grapheme shown in this cell (a space for continuation cells).
    public var character: Character {
        get { GraphemeTable.character(code) }
        set {
            code = GraphemeTable.code(newValue)
            columns = Int8(displayWidth(of: newValue))
        }
    }

    /// Creates a cell holding `character` drawn with `style`.
    public init(_ character: Character, style: Style = .plain) {
        self.code = GraphemeTable.code(character)
        self.style = style
        self.isContinuation = false
        self.columns = Int8(displayWidth(of: character))
    }

    /// A cell holding the single scalar `scalar`, measured without building a `Character`.
    public init(scalar: Unicode.Scalar, style: Style = .plain) {
        self.code = scalar.value
        self.style = style
        self.isContinuation = false
        self.columns = Int8(displayWidth(of: scalar))
    }

    /// A cell holding the printable ASCII character `byte` (0x20...0x7E), one column, measured by construction.
    init(ascii byte: UInt8, style: Style) {
        self.code = UInt32(byte)
        self.style = style
        self.isContinuation = false
        self.columns = 1
    }

    /// A space in the terminal's default style.
    public static let blank = Cell(ascii: 0x20, style: .plain)

    /// The right half of a wide grapheme; `style` matches the grapheme's so diffs stay stable.
    public static func continuation(style: Style) -> Cell {
        var cell = Cell(ascii: 0x20, style: style)
        cell.isContinuation = true
        return cell
    }

    /// Columns this cell's grapheme occupies (0 for a continuation cell, else 1 or 2).
    public var width: Int {
        isContinuation ? 0 : max(1, Int(columns))
    }

    /// True when the grapheme is the single scalar `scalar` (no `Character` built).
    public func holds(_ scalar: Unicode.Scalar) -> Bool { code == scalar.value }

    /// Appends the grapheme's UTF-8 bytes to `bytes`.
    func appendUTF8(to bytes: inout [UInt8]) {
        if code < 0x80 {
            bytes.append(UInt8(code))
        } else if let scalar = Unicode.Scalar(code) {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        } else {
            bytes.append(contentsOf: character.utf8)
        }
    }
}
