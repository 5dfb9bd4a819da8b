extension Buffer {
    /// Draws a border around the edge of `rect` with an optional title in the top border
    /// (`╭─ Title ───╮`); nothing is drawn for rectangles smaller than 2x2.
    public mutating func drawBox(
        _ rect: Rect, title: String? = nil, style: Style = .plain,
        glyphs: GlyphSet = .unicode, titleStyle: Style? = nil
    ) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let box = glyphs.box
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        // Loops run over the visible part only, so huge rectangles cost nothing.
        // Each glyph's cell is made once: making a cell measures its grapheme.
        let horizontal = Cell(box.horizontal, style: style)
        let vertical = Cell(box.vertical, style: style)
        for x in safeRange(rect.x + 1, min(right, width)) {
            put(horizontal, x: x, y: rect.y)
            put(horizontal, x: x, y: bottom)
        }
        for y in safeRange(rect.y + 1, min(bottom, height)) {
            put(vertical, x: rect.x, y: y)
            put(vertical, x: right, y: y)
        }
        put(Cell(box.topLeft, style: style), x: rect.x, y: rect.y)
        put(Cell(box.topRight, style: style), x: right, y: rect.y)
        put(Cell(box.bottomLeft, style: style), x: rect.x, y: bottom)
        put(Cell(box.bottomRight, style: style), x: right, y: bottom)
        if let title, !title.isEmpty, rect.width >= 5 {
            // One border dash stays on each side of the padded title.
            write(" \(title) ", x: rect.x + 2, y: rect.y, style: titleStyle ?? style, maxWidth: rect.width - 4)
        }
    }

    /// Draws a horizontal rule across `rect`'s top row.
    public mutating func drawHorizontalLine(_ rect: Rect, style: Style = .plain, glyphs: GlyphSet = .unicode) {
        let visible = rect.intersection(area)
        guard !visible.isEmpty else { return }
        let cell = Cell(glyphs.box.horizontal, style: style)
        for x in visible.x..<visible.maxX {
            put(cell, x: x, y: rect.y)
        }
    }

    /// Draws a vertical rule down `rect`'s left column.
    public mutating func drawVerticalLine(_ rect: Rect, style: Style = .plain, glyphs: GlyphSet = .unicode) {
        let visible = rect.intersection(area)
        guard !visible.isEmpty else { return }
        let cell = Cell(glyphs.box.vertical, style: style)
        for y in visible.y..<visible.maxY {
            put(cell, x: rect.x, y: y)
        }
    }
}

/// `max(lower, 0)..<upper`, empty instead of trapping when upper is below lower.
func safeRange(_ lower: Int, _ upper: Int) -> Range<Int> {
    let start = max(lower, 0)
    return start..<max(start, upper)
}
