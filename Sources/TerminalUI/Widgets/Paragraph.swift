/// Styled text word-wrapped to a width; `\n` starts a new line, words longer than a line are
/// broken, and spaces at a wrap point are dropped.
public struct Paragraph: Sendable {
    public var spans: [Span]

    /// Creates a paragraph from styled spans.
    public init(_ spans: [Span]) {
        self.spans = spans
    }

    /// Creates a paragraph of plain text in one style.
    public init(_ text: String, style: Style = .plain) {
        self.spans = [Span(text, style: style)]
    }

    /// The wrapped lines, each a list of spans no wider than `width` columns.
    public func wrapped(width: Int) -> [[Span]] {
        guard width > 0 else { return [] }
        // Panels wrap the same text at the same width frame after frame.
        return Paragraph.memo.value(WrapKey(spans: spans, width: width)) { wrap(width: width) }
    }

    /// What a wrapping depends on.
    private struct WrapKey: Hashable, Sendable {
        let spans: [Span]
        let width: Int
    }

    /// Wrappings already made.
    private static let memo = Memo<WrapKey, [[Span]]>(limit: 1024)

    /// `wrapped(width:)` computed.
    private func wrap(width: Int) -> [[Span]] {
        var lines: [[Span]] = []
        var line = LineBuilder()
        var word = LineBuilder()  // the word being collected, kept whole if it can be
        var pendingSpaces = LineBuilder()

        func flushWord() {
            if word.width == 0 { return }
            if line.width > 0 && line.width + pendingSpaces.width + word.width > width {
                lines.append(line.spans)
                line = LineBuilder()
                pendingSpaces = LineBuilder()
            }
            if line.width > 0 { line.append(pendingSpaces) }
            pendingSpaces = LineBuilder()
            // A word wider than a whole line is broken at the line width.
            for piece in word.pieces {
                if line.width + displayWidth(of: piece.character) > width && line.width > 0 {
                    lines.append(line.spans)
                    line = LineBuilder()
                }
                line.add(piece.character, style: piece.style)
            }
            word = LineBuilder()
        }

        for span in spans {
            for character in span.text {
                if character == "\n" {
                    flushWord()
                    lines.append(line.spans)
                    line = LineBuilder()
                    pendingSpaces = LineBuilder()
                } else if character == " " {
                    flushWord()
                    pendingSpaces.add(" ", style: span.style)
                } else {
                    word.add(Buffer.printable(character), style: span.style)
                }
            }
        }
        flushWord()
        // A trailing newline does not open an extra empty line.
        if line.width > 0 {
            lines.append(line.spans)
        }
        return lines
    }

    /// Draws the wrapped lines into `area`, skipping the first `scroll` lines; extra lines are cut.
    public func render(area: Rect, buffer: inout Buffer, scroll: Int = 0) {
        guard !area.isEmpty else { return }
        let lines = wrapped(width: area.width).dropFirst(max(0, scroll)).prefix(area.height)
        for (offset, line) in lines.enumerated() {
            buffer.write(line, x: area.x, y: area.y + offset, maxWidth: area.width)
        }
    }
}

/// Accumulates graphemes with styles and merges neighbours of equal style into spans.
private struct LineBuilder {
    var pieces: [(character: Character, style: Style)] = []
    var width = 0

    mutating func add(_ character: Character, style: Style) {
        pieces.append((character, style))
        width += displayWidth(of: character)
    }

    mutating func append(_ other: LineBuilder) {
        pieces += other.pieces
        width += other.width
    }

    var spans: [Span] {
        var result: [Span] = []
        for piece in pieces {
            if let last = result.last, last.style == piece.style {
                result[result.count - 1].text.append(piece.character)
            } else {
                result.append(Span(String(piece.character), style: piece.style))
            }
        }
        return result
    }
}
