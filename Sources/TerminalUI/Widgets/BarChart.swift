/// One labelled horizontal bar: `label  ████▌      value`, the bar filled in proportion to
/// `fraction` (clamped to [0, 1]; NaN draws an empty bar).
public struct BarRow: Hashable, Sendable {
    public var label: String
    /// How full the bar is, from 0 (empty) to 1 (full width).
    public var fraction: Double
    /// The number shown right of the bar, already formatted by the caller.
    public var valueText: String
    public var barStyle: Style
    public var labelStyle: Style

    /// Creates a bar row.
    public init(
        label: String, fraction: Double, valueText: String,
        barStyle: Style = .plain, labelStyle: Style = .plain
    ) {
        self.label = label
        self.fraction = fraction
        self.valueText = valueText
        self.barStyle = barStyle
        self.labelStyle = labelStyle
    }

    /// The bar's glyphs for a bar `columns` wide, padded with spaces to exactly that width.
    public func barText(columns: Int, glyphs: GlyphSet = .unicode) -> String {
        guard columns > 0 else { return "" }
        let clamped = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
        let steps = glyphs.barEighths.count
        let units = Int((clamped * Double(columns * steps)).rounded())
        let full = units / steps
        let partial = units % steps
        var text = String(repeating: glyphs.barEighths[steps - 1], count: full)
        if partial > 0 {
            text.append(glyphs.barEighths[partial - 1])
        }
        return text + String(repeating: " ", count: columns - displayWidth(of: text))
    }

    /// Draws the row on the first line of `area`: label in `labelWidth` columns, the value
    /// right-aligned in `valueWidth` columns, the bar in between (one space either side).
    public func render(
        area: Rect, buffer: inout Buffer, labelWidth: Int, valueWidth: Int, glyphs: GlyphSet = .unicode
    ) {
        guard !area.isEmpty else { return }
        buffer.write(label, x: area.x, y: area.y, style: labelStyle, maxWidth: min(labelWidth, area.width))
        let barStart = area.x + labelWidth + 1
        let barColumns = area.maxX - barStart - valueWidth - 1
        if barColumns > 0 {
            buffer.write(barText(columns: barColumns, glyphs: glyphs), x: barStart, y: area.y, style: barStyle)
        }
        let valueX = area.maxX - min(valueWidth, displayWidth(of: valueText))
        buffer.write(valueText, x: max(valueX, area.x), y: area.y, maxWidth: area.maxX - max(valueX, area.x))
    }
}

/// Bar rows stacked one per line, with labels and values aligned to the widest of each.
public struct BarChart: Sendable {
    public var rows: [BarRow]
    public var glyphs: GlyphSet

    /// Creates a chart of `rows`.
    public init(rows: [BarRow], glyphs: GlyphSet = .unicode) {
        self.rows = rows
        self.glyphs = glyphs
    }

    /// Draws as many rows as fit in `area`, top to bottom.
    public func render(area: Rect, buffer: inout Buffer) {
        let labelWidth = rows.map { displayWidth(of: $0.label) }.max() ?? 0
        let valueWidth = rows.map { displayWidth(of: $0.valueText) }.max() ?? 0
        for (offset, row) in rows.prefix(area.height).enumerated() {
            row.render(
                area: Rect(x: area.x, y: area.y + offset, width: area.width, height: 1),
                buffer: &buffer, labelWidth: labelWidth, valueWidth: valueWidth, glyphs: glyphs)
        }
    }
}
