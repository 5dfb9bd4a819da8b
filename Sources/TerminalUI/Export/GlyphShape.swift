/// How a picture draws one cell's character: as text in a font, or as vector shapes that fill
/// the cell exactly (braille dots, block elements, box-drawing lines), so pixels and borders look
/// the same in every viewer whatever fonts it has.
public enum GlyphShape: Equatable, Sendable {
    /// Ordinary text, drawn in a monospace font.
    case text
    /// A braille pattern: its dots as `GlyphSet.dotCell` numbers them (bit i = dot i + 1).
    case braille(UInt8)
    /// Block elements: rectangles in fractions of the cell, drawn at `opacity` (below 1 for ░▒▓).
    case blocks([UnitRect], opacity: Double)
    /// Box drawing: arms from the cell's centre to the edges named, light or heavy, corners rounded or not.
    case lines(BoxArms, heavy: Bool, rounded: Bool)

    /// The shape of `character`; only single-scalar graphemes of the braille, block and box ranges (and ⏸) draw as vectors.
    public static func of(_ character: Character) -> GlyphShape {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let value = scalars.first?.value else { return .text }
        switch value {
        case 0x2800...0x28FF: return .braille(UInt8(value - 0x2800))
        case 0x2580...0x259F: return blockShapes[Int(value - 0x2580)]
        // ⏸ (the explorer's "paused"): two bars, since common monospace fonts lack the glyph.
        case 0x23F8:
            return .blocks(
                [
                    UnitRect(x: 0.2, y: 0.3, width: 0.2, height: 0.45),
                    UnitRect(x: 0.6, y: 0.3, width: 0.2, height: 0.45),
                ], opacity: 1)
        default:
            guard let box = boxShapes[character] else { return .text }
            return .lines(box.arms, heavy: box.heavy, rounded: box.rounded)
        }
    }

    /// The column (0 or 1) and row (0-3) of braille bit `bit` (0-7) in its cell.
    public static func brailleDot(bit: Int) -> (column: Int, row: Int) {
        [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (0, 3), (1, 3)][bit]
    }

    /// U+2580...U+259F in order: eighths from the bottom and the left, halves, shades and quadrants.
    private static let blockShapes: [GlyphShape] = {
        func r(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> UnitRect {
            UnitRect(x: x, y: y, width: w, height: h)
        }
        let ul = r(0, 0, 0.5, 0.5), ur = r(0.5, 0, 0.5, 0.5), ll = r(0, 0.5, 0.5, 0.5), lr = r(0.5, 0.5, 0.5, 0.5)
        var shapes: [GlyphShape] = [.blocks([r(0, 0, 1, 0.5)], opacity: 1)]  // ▀
        shapes += (1...8).map { k in .blocks([r(0, 1 - Double(k) / 8, 1, Double(k) / 8)], opacity: 1) }  // ▁ ... █
        shapes += (1...7).reversed().map { k in .blocks([r(0, 0, Double(k) / 8, 1)], opacity: 1) }  // ▉ ... ▏
        shapes.append(.blocks([r(0.5, 0, 0.5, 1)], opacity: 1))  // ▐
        shapes += [0.25, 0.5, 0.75].map { .blocks([r(0, 0, 1, 1)], opacity: $0) }  // ░ ▒ ▓
        shapes.append(.blocks([r(0, 0, 1, 0.125)], opacity: 1))  // ▔
        shapes.append(.blocks([r(0.875, 0, 0.125, 1)], opacity: 1))  // ▕
        let quadrants: [[UnitRect]] = [
            [ll], [lr], [ul], [ul, ll, lr], [ul, lr], [ul, ur, ll], [ul, ur, lr], [ur], [ur, ll], [ur, ll, lr],
        ]
        shapes += quadrants.map { .blocks($0, opacity: 1) }  // ▖ ... ▟
        return shapes
    }()

    /// The box-drawing characters drawn as lines: light, heavy and rounded, whole and half arms.
    private static let boxShapes: [Character: (arms: BoxArms, heavy: Bool, rounded: Bool)] = {
        let l = BoxArms.left, r = BoxArms.right, u = BoxArms.up, d = BoxArms.down
        let light: [Character: BoxArms] = [
            "─": [l, r], "│": [u, d], "┌": [r, d], "┐": [l, d], "└": [u, r], "┘": [u, l],
            "├": [u, d, r], "┤": [u, d, l], "┬": [l, r, d], "┴": [l, r, u], "┼": [l, r, u, d],
            "╴": l, "╵": u, "╶": r, "╷": d,
        ]
        let heavy: [Character: BoxArms] = [
            "━": [l, r], "┃": [u, d], "┏": [r, d], "┓": [l, d], "┗": [u, r], "┛": [u, l],
            "┣": [u, d, r], "┫": [u, d, l], "┳": [l, r, d], "┻": [l, r, u], "╋": [l, r, u, d],
            "╸": l, "╹": u, "╺": r, "╻": d,
        ]
        let rounded: [Character: BoxArms] = ["╭": [r, d], "╮": [l, d], "╯": [u, l], "╰": [u, r]]
        var table: [Character: (arms: BoxArms, heavy: Bool, rounded: Bool)] = [:]
        for (c, arms) in light { table[c] = (arms, false, false) }
        for (c, arms) in heavy { table[c] = (arms, true, false) }
        for (c, arms) in rounded { table[c] = (arms, false, true) }
        return table
    }()
}

/// A rectangle in fractions of a cell (0...1 across and down).
public struct UnitRect: Equatable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double

    /// The rectangle from (x, y), `width` across and `height` down.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Which edges of its cell a box-drawing character's lines reach from the centre.
public struct BoxArms: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    /// Creates the set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let left = BoxArms(rawValue: 1)
    public static let right = BoxArms(rawValue: 2)
    public static let up = BoxArms(rawValue: 4)
    public static let down = BoxArms(rawValue: 8)
}
