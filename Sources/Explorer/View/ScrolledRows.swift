import TerminalUI

/// Rows of a lower view drawn through a scroll offset: the visible slice, and "12-24 of 31" in the last row
/// when they do not all fit (the same arithmetic for drawing and for the keys that scroll).
enum ScrolledRows {
    /// The scroll state of `count` rows in `area` at `offset` (clamped); one row is kept for the position text
    /// when the rows do not all fit.
    static func state(count: Int, area: Rect, offset: Int) -> ScrollState {
        let viewport = count > area.height && area.height > 1 ? area.height - 1 : area.height
        return ScrollState(lineCount: count, viewport: viewport, offset: offset)
    }

    /// Draws the visible rows (`draw(index, y)`) and the position text; returns the clamped state.
    @discardableResult
    static func render(
        count: Int, area: Rect, offset: Int, buffer: inout Buffer, theme: Theme,
        draw: (_ index: Int, _ y: Int, _ buffer: inout Buffer) -> Void
    ) -> ScrollState {
        let scroll = state(count: count, area: area, offset: offset)
        for (row, index) in scroll.visible.enumerated() { draw(index, area.y + row, &buffer) }
        if scroll.canScroll {
            let text = scroll.positionText + (theme.unicodeText ? "  ↑↓ wheel" : "  up/down wheel")
            let width = displayWidth(of: text)
            if width <= area.width {
                buffer.write(text, x: area.maxX - width, y: area.maxY - 1, style: theme.role(.label))
            }
        }
        return scroll
    }
}
