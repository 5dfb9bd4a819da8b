/// A pixel canvas of `width` x `2 * height` pixels drawn on `width` x `height` cells: each cell
/// shows two stacked pixels as "▀" with the top pixel's colour as foreground and the bottom
/// pixel's as background, so heat maps get square-ish pixels at twice the vertical resolution.
///
/// Pixels are addressed with y growing downwards; a pixel without a colour shows the terminal's
/// background. Marks (single characters) are drawn over cells afterwards on the cell's colour.
/// The ASCII fallback draws one colour per cell (the top pixel's, else the bottom's) as a space.
public struct HalfBlockCanvas: Sendable {
    /// Cells across (= pixels across).
    public let width: Int
    /// Cells down (half the pixels down).
    public let height: Int
    private var pixels: [Color?]
    private var marks: [Int: (character: Character, color: Color, bold: Bool)] = [:]

    /// An empty canvas of `width` x `height` cells (negative sizes become 0).
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = Array(repeating: nil, count: self.width * self.height * 2)
    }

    /// Pixels down: two per cell.
    public var pixelsHigh: Int { height * 2 }

    /// The colour of pixel (x, y), nil when unset or outside.
    public subscript(x: Int, y: Int) -> Color? {
        get { contains(x, y) ? pixels[y * width + x] : nil }
        set { if contains(x, y) { pixels[y * width + x] = newValue } }
    }

    /// True when (x, y) is a pixel of the canvas.
    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && x < width && y >= 0 && y < pixelsHigh }

    /// Colours pixel (x, y); outside pixels are ignored.
    public mutating func setPixel(x: Int, y: Int, color: Color) { self[x, y] = color }

    /// A straight pixel line from (x0, y0) to (x1, y1) (Bresenham), clipped to the canvas.
    public mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), color: Color) {
        var x = start.x, y = start.y
        // Lines far outside are clipped by the pixel test; their length is bounded so nothing spins.
        guard abs(end.x - x) < 1 << 20, abs(end.y - y) < 1 << 20 else { return }
        let dx = abs(end.x - x), dy = -abs(end.y - y)
        let sx = x < end.x ? 1 : -1, sy = y < end.y ? 1 : -1
        var error = dx + dy
        while true {
            setPixel(x: x, y: y, color: color)
            if x == end.x && y == end.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// Draws `character` in the cell holding pixel (x, y), in `color`, over the cell's pixels.
    public mutating func mark(x: Int, y: Int, _ character: Character, color: Color, bold: Bool = true) {
        guard contains(x, y) else { return }
        marks[(y / 2) * width + x] = (character, color, bold)
    }

    /// Draws the canvas into the top-left of `area` (clipped to both); every cell is written.
    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet = .unicode) {
        let columns = min(width, area.width), rows = min(height, area.height)
        guard columns > 0, rows > 0 else { return }
        for row in 0..<rows {
            for column in 0..<columns {
                let top = pixels[2 * row * width + column], bottom = pixels[(2 * row + 1) * width + column]
                var cell = Self.cell(top: top, bottom: bottom, halfBlocks: glyphs.usesBraille)
                if let mark = marks[row * width + column] {
                    let under = (glyphs.usesBraille ? bottom ?? top : top ?? bottom) ?? .default
                    cell = Cell(mark.character, style: Style(fg: mark.color, bg: under, bold: mark.bold))
                }
                buffer[area.x + column, area.y + row] = cell
            }
        }
    }

    /// The cell for two stacked pixels: "▀" (top colour on bottom colour), "▄" when only the
    /// bottom is set, a coloured space when both match; ASCII: a space in one colour.
    static func cell(top: Color?, bottom: Color?, halfBlocks: Bool) -> Cell {
        guard halfBlocks else { return Cell(" ", style: Style(bg: top ?? bottom ?? .default)) }
        switch (top, bottom) {
        case (nil, nil): return .blank
        case (let t?, nil): return Cell("▀", style: Style(fg: t))
        case (nil, let b?): return Cell("▄", style: Style(fg: b))
        case (let t?, let b?): return t == b ? Cell(" ", style: Style(bg: t)) : Cell("▀", style: Style(fg: t, bg: b))
        }
    }
}
