/// Every non-letter glyph the widgets draw, so one runtime switch picks Unicode or plain ASCII.
public struct GlyphSet: Hashable, Sendable {
    /// Box border characters.
    public var box: BoxGlyphs
    /// Sparkline levels from lowest to highest.
    public var sparkLevels: [Character]
    /// Horizontal bar fill characters, from 1/n of a cell to a full cell (the last is the full block).
    public var barEighths: [Character]
    /// Drawn in place of a value that is NaN or infinite.
    public var nonFinite: Character
    /// True when canvases draw braille dots; false means the ASCII dot raster.
    public var usesBraille: Bool
    public var arrowLeft: Character
    public var arrowRight: Character
    public var arrowUp: Character
    public var arrowDown: Character
    /// A prominent point marker.
    public var bullet: Character
    /// A discreet point marker (grid dots, separators).
    public var dot: Character
    /// Appended where text was cut short.
    public var ellipsis: Character

    /// Box drawing, block elements, braille, arrows and bullets.
    public static let unicode = GlyphSet(
        box: .rounded,
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        nonFinite: "×", usesBraille: true,
        arrowLeft: "←", arrowRight: "→", arrowUp: "↑", arrowDown: "↓",
        bullet: "•", dot: "·", ellipsis: "…")

    /// Pure 7-bit ASCII for terminals without a UTF-8 locale.
    public static let ascii = GlyphSet(
        box: .ascii,
        sparkLevels: ["_", ".", "-", "=", "#"],
        barEighths: ["#"],
        nonFinite: "x", usesBraille: false,
        arrowLeft: "<", arrowRight: ">", arrowUp: "^", arrowDown: "v",
        bullet: "*", dot: ".", ellipsis: "~")

    /// The glyph for one canvas cell whose dots are `bits` (braille bit layout, 0 = empty).
    ///
    /// ASCII mode keeps a coarse raster: dots only in the upper half give `'`, only in the
    /// lower half `.`, in both `:`.
    public func dotCell(bits: UInt8) -> Character {
        Character(dotScalar(bits: bits))
    }

    /// `dotCell(bits:)` as its one scalar, for canvases that fill cells without building characters.
    public func dotScalar(bits: UInt8) -> Unicode.Scalar {
        if bits == 0 { return " " }
        if usesBraille { return Unicode.Scalar(0x2800 + UInt32(bits))! }
        let upper = bits & 0b0001_1011 != 0  // dots in rows 0 and 1
        let lower = bits & 0b1110_0100 != 0  // dots in rows 2 and 3
        switch (upper, lower) {
        case (true, true): return ":"
        case (true, false): return "'"
        default: return "."
        }
    }
}
