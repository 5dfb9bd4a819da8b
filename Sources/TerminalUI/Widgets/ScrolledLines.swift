/// Lines of styled text drawn through a `ScrollState`: the visible slice, and a position line saying where it is.
public enum ScrolledLines {
    /// Draws the lines `state` shows into `area` (one per row, cut at its width) and returns the state resized
    /// to `lines.count` and `area.height`, so a caller can keep it for the next key.
    @discardableResult
    public static func render(_ lines: [[Span]], state: ScrollState, area: Rect, buffer: inout Buffer) -> ScrollState {
        var fitted = state
        fitted.resize(lineCount: lines.count, viewport: area.height)
        guard !area.isEmpty else { return fitted }
        for (row, index) in fitted.visible.enumerated() {
            buffer.write(lines[index], x: area.x, y: area.y + row, maxWidth: area.width)
        }
        return fitted
    }

    /// Draws `paragraph` wrapped to `area.width` through `state`; returns the resized state.
    @discardableResult
    public static func render(_ paragraph: Paragraph, state: ScrollState, area: Rect, buffer: inout Buffer)
        -> ScrollState
    {
        render(paragraph.wrapped(width: area.width), state: state, area: area, buffer: &buffer)
    }

    /// Draws `lines` through `state` into `area`, keeping its last row for a right-aligned "12-24 of 31"
    /// when they do not all fit; returns the resized state.
    @discardableResult
    public static func renderWithPosition(
        _ lines: [[Span]], state: ScrollState, area: Rect, buffer: inout Buffer,
        style: Style = .plain
    ) -> ScrollState {
        guard lines.count > area.height, area.height > 1 else {
            return render(lines, state: state, area: area, buffer: &buffer)
        }
        let body = Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1)
        let fitted = render(lines, state: state, area: body, buffer: &buffer)
        let text = fitted.positionText
        let width = displayWidth(of: text)
        if width <= area.width { buffer.write(text, x: area.maxX - width, y: area.maxY - 1, style: style) }
        return fitted
    }
}
