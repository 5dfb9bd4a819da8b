/// Where a list of lines is scrolled to in a viewport of fixed height: the first line shown, kept in range
/// as lines or the viewport change, moved by keys and the wheel.
public struct ScrollState: Hashable, Sendable {
    /// Lines in the list.
    public private(set) var lineCount: Int
    /// Lines the viewport shows.
    public private(set) var viewport: Int
    /// Index of the first line shown (0-based).
    public private(set) var offset: Int
    /// Lines one wheel notch moves.
    public static let wheelStep = 3

    /// A list of `lineCount` lines in a viewport of `viewport` lines, scrolled to `offset` (clamped).
    public init(lineCount: Int, viewport: Int, offset: Int = 0) {
        self.lineCount = max(0, lineCount)
        self.viewport = max(0, viewport)
        self.offset = 0
        scroll(to: offset)
    }

    /// The largest offset: the last line at the bottom of the viewport.
    public var maxOffset: Int { max(0, lineCount - viewport) }

    /// The lines shown.
    public var visible: Range<Int> { offset..<min(lineCount, offset + viewport) }

    /// True when some line is not shown.
    public var canScroll: Bool { lineCount > viewport }

    /// The list or the viewport changed size; the offset stays where it can.
    public mutating func resize(lineCount: Int, viewport: Int) {
        self.lineCount = max(0, lineCount)
        self.viewport = max(0, viewport)
        scroll(to: offset)
    }

    /// Scrolls to `offset`, clamped to 0...maxOffset.
    public mutating func scroll(to offset: Int) { self.offset = min(max(0, offset), maxOffset) }

    /// Scrolls by `lines` (negative: up).
    public mutating func scroll(by lines: Int) { scroll(to: offset + lines) }

    /// Scrolls just enough that `line` is shown.
    public mutating func reveal(_ line: Int) {
        if line < offset { scroll(to: line) } else if line >= offset + viewport { scroll(to: line - viewport + 1) }
    }

    /// Applies up/down (one line), PgUp/PgDn (a viewport less one line, so a line of context stays) and
    /// Home/End; true when the key is one of those (even if already at the edge), false for other keys.
    public mutating func handle(_ key: Key) -> Bool {
        let page = max(1, viewport - 1)
        switch key {
        case .up: scroll(by: -1)
        case .down: scroll(by: 1)
        case .pageUp: scroll(by: -page)
        case .pageDown: scroll(by: page)
        case .home: scroll(to: 0)
        case .end: scroll(to: maxOffset)
        default: return false
        }
        return true
    }

    /// Applies a wheel turn (`wheelStep` lines); true for wheel events, false for other mouse events.
    public mutating func handle(_ mouse: MouseEvent) -> Bool {
        switch mouse.kind {
        case .wheelUp: scroll(by: -Self.wheelStep)
        case .wheelDown: scroll(by: Self.wheelStep)
        default: return false
        }
        return true
    }

    /// Where the viewport is, 1-based and inclusive: "12-24 of 31"; "all 31" when every line is shown, "empty" for none.
    public var positionText: String {
        guard lineCount > 0 else { return "empty" }
        guard canScroll else { return "all \(lineCount)" }
        return "\(visible.lowerBound + 1)-\(visible.upperBound) of \(lineCount)"
    }
}
