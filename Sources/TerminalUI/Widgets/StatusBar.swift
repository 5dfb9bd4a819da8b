/// A one-line bar with left-aligned and right-aligned segments on a filled background; the
/// left side wins when space is short and the right side is shown only when it fits whole.
public struct StatusBar: Sendable {
    public var left: [Span]
    public var right: [Span]
    /// Style of the blank cells between and around the segments.
    public var fillStyle: Style

    /// Creates a status bar.
    public init(left: [Span], right: [Span] = [], fillStyle: Style = .reverse) {
        self.left = left
        self.right = right
        self.fillStyle = fillStyle
    }

    /// Draws on the first row of `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style: fillStyle))
        let leftWidth = buffer.write(left, x: area.x, y: area.y, maxWidth: area.width)
        let rightWidth = right.reduce(0) { $0 + displayWidth(of: $1.text) }
        let gap = leftWidth > 0 ? 1 : 0
        if leftWidth + gap + rightWidth <= area.width {
            buffer.write(right, x: area.maxX - rightWidth, y: area.y)
        }
    }
}
