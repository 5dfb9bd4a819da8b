/// A plotting surface of `width` x `height` cells, each a 2x4 grid of braille dots, showing
/// the data-space viewport `xRange` x `yRange` (y grows upwards).
///
/// Drawing never traps: points with NaN or infinite coordinates are skipped, lines are
/// clipped to the viewport. Each cell takes the colour of the last dot drawn in it.
public struct BrailleCanvas: Sendable {
    public let width: Int
    public let height: Int
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    /// Style of cells without dots, and the base for dot and label colours.
    public var background: Style

    /// Dot bits per cell in braille layout (see `GlyphSet.dotCell`).
    private var bits: [UInt8]
    /// Colour of the last dot drawn in each cell.
    private var colors: [Color]
    private var labels: [(text: String, column: Int, row: Int, style: Style)] = []

    /// Creates an empty canvas of `width` x `height` cells showing the given data ranges.
    public init(
        width: Int, height: Int, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        background: Style = .plain
    ) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.xRange = xRange
        self.yRange = yRange
        self.background = background
        bits = Array(repeating: 0, count: self.width * self.height)
        colors = Array(repeating: .default, count: self.width * self.height)
    }

    /// Dots across: two per cell.
    public var dotsWide: Int { width * 2 }
    /// Dots down: four per cell.
    public var dotsHigh: Int { height * 4 }

    /// Widens one of the ranges about its centre so a data unit is as long on screen in x
    /// as in y, assuming cells twice as tall as wide (braille dots are then square).
    public static func equalAspect(
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, width: Int, height: Int
    ) -> (xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        let dotsWide = Double(max(1, width * 2))
        let dotsHigh = Double(max(1, height * 4))
        let xSpan = xRange.upperBound - xRange.lowerBound
        let ySpan = yRange.upperBound - yRange.lowerBound
        guard xSpan.isFinite, ySpan.isFinite else { return (xRange, yRange) }
        let unitsPerDot = max(xSpan / dotsWide, ySpan / dotsHigh)
        guard unitsPerDot > 0 else { return (xRange, yRange) }
        return (
            widened(xRange, toSpan: unitsPerDot * dotsWide),
            widened(yRange, toSpan: unitsPerDot * dotsHigh)
        )
    }

    /// Applies `equalAspect` to this canvas's own ranges.
    public mutating func makeAspectEqual() {
        (xRange, yRange) = BrailleCanvas.equalAspect(
            xRange: xRange, yRange: yRange, width: width, height: height)
    }

    private static func widened(_ range: ClosedRange<Double>, toSpan span: Double) -> ClosedRange<Double> {
        let current = range.upperBound - range.lowerBound
        guard span > current else { return range }
        let center = range.lowerBound + current / 2
        return (center - span / 2)...(center + span / 2)
    }

    /// Continuous dot-space position of a data point (dot i covers [i, i+1)), or nil when
    /// the point or the viewport is not finite.
    func dotPosition(x: Double, y: Double) -> (x: Double, y: Double)? {
        guard let fx = BrailleCanvas.fraction(x, in: xRange),
            let fy = BrailleCanvas.fraction(y, in: yRange)
        else { return nil }
        let position = (x: fx * Double(dotsWide), y: (1 - fy) * Double(dotsHigh))
        guard position.x.isFinite, position.y.isFinite else { return nil }
        return position
    }

    /// Where `value` lies in `range` (0 at the lower bound, 1 at the upper); a zero-width
    /// range puts everything in the middle.
    private static func fraction(_ value: Double, in range: ClosedRange<Double>) -> Double? {
        let span = range.upperBound - range.lowerBound
        guard value.isFinite, range.lowerBound.isFinite, span.isFinite else { return nil }
        if span == 0 { return 0.5 }
        return (value - range.lowerBound) / span
    }

    /// Sets the dot at integer dot coordinates if it lies on the canvas.
    public mutating func setDot(column: Int, row: Int, color: Color = .default) {
        guard column >= 0, column < dotsWide, row >= 0, row < dotsHigh else { return }
        let cell = (row / 4) * width + column / 2
        bits[cell] |= BrailleCanvas.bit(dx: column % 2, dy: row % 4)
        colors[cell] = color
    }

    /// True when the dot at integer dot coordinates is set.
    public func isDotSet(column: Int, row: Int) -> Bool {
        guard column >= 0, column < dotsWide, row >= 0, row < dotsHigh else { return false }
        return bits[(row / 4) * width + column / 2] & BrailleCanvas.bit(dx: column % 2, dy: row % 4) != 0
    }

    /// The braille bit of the dot at (dx, dy) inside a cell (Unicode's dot numbering 1-8).
    static func bit(dx: Int, dy: Int) -> UInt8 {
        let leftColumn: [UInt8] = [0x01, 0x02, 0x04, 0x40]
        let rightColumn: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return dx == 0 ? leftColumn[dy] : rightColumn[dy]
    }

    /// Sets the dot under a data point; points outside the viewport or not finite are skipped.
    public mutating func plot(x: Double, y: Double, color: Color = .default) {
        guard let dot = dotIndex(x: x, y: y) else { return }
        setDot(column: dot.column, row: dot.row, color: color)
    }

    /// The dot under a data point, or nil outside the viewport; the top and right edges of
    /// the viewport still belong to the last dot.
    func dotIndex(x: Double, y: Double) -> (column: Int, row: Int)? {
        guard let p = dotPosition(x: x, y: y) else { return nil }
        let column = p.x == Double(dotsWide) ? Double(dotsWide - 1) : p.x.rounded(.down)
        let row = p.y == Double(dotsHigh) ? Double(dotsHigh - 1) : p.y.rounded(.down)
        guard column >= 0, column < Double(dotsWide), row >= 0, row < Double(dotsHigh) else { return nil }
        return (Int(column), Int(row))
    }

    /// Draws a straight line between two data points, clipped to the viewport.
    public mutating func line(
        from start: (x: Double, y: Double), to end: (x: Double, y: Double), color: Color = .default
    ) {
        guard let a = dotPosition(x: start.x, y: start.y), let b = dotPosition(x: end.x, y: end.y) else { return }
        lineInDotSpace(from: a, to: b, color: color)
    }

    /// Draws a line from `start` to `end` with an arrowhead at `end`.
    public mutating func arrow(
        from start: (x: Double, y: Double), to end: (x: Double, y: Double), color: Color = .default
    ) {
        guard let a = dotPosition(x: start.x, y: start.y), let b = dotPosition(x: end.x, y: end.y) else { return }
        lineInDotSpace(from: a, to: b, color: color)
        let dx = b.x - a.x
        let dy = b.y - a.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length >= 1 else { return }
        // Two barbs of 3 dots, 30 degrees either side of the reversed direction.
        let barb = 3.0
        let ux = -dx / length
        let uy = -dy / length
        let cosine = 0.866
        let sine = 0.5
        for side in [-1.0, 1.0] {
            let rx = ux * cosine - side * uy * sine
            let ry = side * ux * sine + uy * cosine
            lineInDotSpace(from: b, to: (b.x + rx * barb, b.y + ry * barb), color: color)
        }
    }

    /// The cell (column, row from the canvas's top-left) holding the data point, nil outside the viewport:
    /// the anchor a `LabelRequest` needs to place a label beside a point instead of over it.
    public func cell(x: Double, y: Double) -> (column: Int, row: Int)? {
        dotIndex(x: x, y: y).map { ($0.column / 2, $0.row / 4) }
    }

    /// Writes `text` over the canvas from the cell holding the data point (skipped when the
    /// point is outside the viewport); labels are drawn after the dots and shifted left just
    /// enough to end inside the canvas.
    public mutating func label(_ text: String, x: Double, y: Double, style: Style? = nil) {
        guard let dot = dotIndex(x: x, y: y) else { return }
        labels.append((text, dot.column / 2, dot.row / 4, style ?? background))
    }

    /// Removes all dots and labels.
    public mutating func clear() {
        for index in bits.indices {
            bits[index] = 0
            colors[index] = .default
        }
        labels.removeAll()
    }

    /// Draws the canvas into the top-left of `area` (clipped to both): every cell is written,
    /// empty ones as background spaces, then the labels.
    public func render(into buffer: inout Buffer, area: Rect, glyphs: GlyphSet = .unicode) {
        let visibleWidth = min(width, area.width)
        let visibleHeight = min(height, area.height)
        guard visibleWidth > 0, visibleHeight > 0 else { return }
        for row in 0..<visibleHeight {
            for column in 0..<visibleWidth {
                let index = row * width + column
                let cellBits = bits[index]
                let style = cellBits == 0 ? background : background.fg(colors[index])
                buffer[area.x + column, area.y + row] = Cell(scalar: glyphs.dotScalar(bits: cellBits), style: style)
            }
        }
        for label in labels where label.row < visibleHeight {
            let textWidth = displayWidth(of: label.text)
            let column = max(0, min(label.column, visibleWidth - textWidth))
            buffer.write(
                label.text, x: area.x + column, y: area.y + label.row, style: label.style,
                maxWidth: visibleWidth - column)
        }
    }

    /// Bresenham between two continuous dot-space points after clipping to the canvas.
    private mutating func lineInDotSpace(from a: (x: Double, y: Double), to b: (x: Double, y: Double), color: Color) {
        // Dot centres sit at i + 0.5; shift so that rounding lands on dot indices.
        let minX = -0.5
        let maxX = Double(dotsWide) - 0.5
        let minY = -0.5
        let maxY = Double(dotsHigh) - 0.5
        guard
            let clipped = BrailleCanvas.clip(
                from: (a.x - 0.5, a.y - 0.5), to: (b.x - 0.5, b.y - 0.5),
                xBounds: minX...maxX, yBounds: minY...maxY)
        else { return }
        var x0 = clampToDot(clipped.0.x, limit: dotsWide)
        var y0 = clampToDot(clipped.0.y, limit: dotsHigh)
        let x1 = clampToDot(clipped.1.x, limit: dotsWide)
        let y1 = clampToDot(clipped.1.y, limit: dotsHigh)
        let dx = abs(x1 - x0)
        let dy = -abs(y1 - y0)
        let stepX = x0 < x1 ? 1 : -1
        let stepY = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {
            setDot(column: x0, row: y0, color: color)
            if x0 == x1 && y0 == y1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x0 += stepX
            }
            if doubled <= dx {
                error += dx
                y0 += stepY
            }
        }
    }

    private func clampToDot(_ value: Double, limit: Int) -> Int {
        Int(min(max(value.rounded(), 0), Double(max(0, limit - 1))))
    }

    /// Liang-Barsky clipping of a segment to a box; nil when it misses the box.
    static func clip(
        from a: (x: Double, y: Double), to b: (x: Double, y: Double),
        xBounds: ClosedRange<Double>, yBounds: ClosedRange<Double>
    ) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        let dx = b.x - a.x
        let dy = b.y - a.y
        guard dx.isFinite, dy.isFinite else { return nil }
        var enter = 0.0
        var leave = 1.0
        let edges: [(p: Double, q: Double)] = [
            (-dx, a.x - xBounds.lowerBound), (dx, xBounds.upperBound - a.x),
            (-dy, a.y - yBounds.lowerBound), (dy, yBounds.upperBound - a.y),
        ]
        for edge in edges {
            if edge.p == 0 {
                if edge.q < 0 { return nil }
            } else {
                let t = edge.q / edge.p
                if edge.p < 0 {
                    enter = max(enter, t)
                } else {
                    leave = min(leave, t)
                }
            }
        }
        guard enter <= leave else { return nil }
        return ((a.x + enter * dx, a.y + enter * dy), (a.x + leave * dx, a.y + leave * dy))
    }
}
