/// A bordered box centred over `area`, cleared underneath, holding word-wrapped text: the help
/// overlay. It grows to fit the text and shrinks to the area.
public struct Popup: Sendable {
    public var title: String
    public var lines: [[Span]]
    public var style: Style
    public var glyphs: GlyphSet

    /// Creates a popup; each element of `lines` is one line of styled text.
    public init(title: String, lines: [[Span]], style: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.title = title
        self.lines = lines
        self.style = style
        self.glyphs = glyphs
    }

    /// The rectangle the popup takes inside `area`: text plus border and one column of padding.
    public func frame(in area: Rect) -> Rect {
        let textWidth = lines.map { line in line.reduce(0) { $0 + displayWidth(of: $1.text) } }.max() ?? 0
        let width = max(textWidth, displayWidth(of: title) + 2) + 4
        return area.centered(width: width, height: lines.count + 2)
    }

    /// Clears the popup's frame and draws the border, title and lines (cut to fit).
    public func render(area: Rect, buffer: inout Buffer) {
        let box = frame(in: area)
        guard box.width >= 2, box.height >= 2 else { return }
        buffer.fill(box, with: Cell(" ", style: style))
        buffer.drawBox(box, title: title, style: style, glyphs: glyphs)
        let inner = box.inset(horizontal: 2, vertical: 1)
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            buffer.write(line, x: inner.x, y: inner.y + offset, maxWidth: inner.width)
        }
    }
}
