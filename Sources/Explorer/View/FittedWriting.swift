import SDMGrad
import TerminalUI

extension Buffer {
    /// Writes `pieces` fitted into `width` columns from (x, y): a piece is shown whole or not at all.
    @discardableResult
    mutating func write(fitted pieces: [LinePiece], x: Int, y: Int, width: Int, theme: Theme) -> Int {
        write(FittedLine.fit(pieces, width: width, ellipsis: theme.ellipsis), x: x, y: y, maxWidth: max(width, 0))
    }

    /// Writes `text` cut only between words (with an ellipsis) to fit `width` columns.
    @discardableResult
    mutating func write(words text: String, x: Int, y: Int, width: Int, style: Style, theme: Theme) -> Int {
        write(fitted: LinePiece.words(text, style: style), x: x, y: y, width: width, theme: theme)
    }

    /// Writes a number in the most precise form that fits `width` columns (nothing when none does).
    @discardableResult
    mutating func write(
        number x: Double, precision: NumberPrecision = .significant(4), at column: Int, y: Int,
        width: Int, style: Style, alignRight: Bool = false
    ) -> Int {
        guard let text = NumberText.fit(x, width: width, precision: precision) else { return 0 }
        let offset = alignRight ? width - displayWidth(of: text) : 0
        return write(text, x: column + offset, y: y, style: style, maxWidth: width - offset)
    }
}

extension LinePiece {
    /// A vector "[a, b, c]" in its forms (digits dropped, then entries elided), shrinking after plain pieces.
    static func vector(
        _ xs: [Double], precision: NumberPrecision = .significant(4), maxItems: Int = 8,
        style: Style, theme: Theme, rank: Int = 1
    ) -> LinePiece {
        LinePiece(
            forms: NumberText.vectorForms(xs, precision: precision, maxItems: maxItems, ellipsis: theme.ellipsis),
            style: style, rank: rank)
    }

    /// A solver parameter (lambda, lr, momentum) as the status line and the keys set it ("0.300"), then shorter forms.
    static func parameter(_ x: Double, style: Style) -> LinePiece {
        LinePiece(
            forms: [NumberText.parameter(x)] + NumberText.forms(x, precision: .significant(4)), style: style, rank: 1)
    }

    /// A label and a number: the label shown only with its number.
    static func labelled(_ label: String, _ x: Double, precision: NumberPrecision = .significant(4), style: Style)
        -> LinePiece
    {
        LinePiece(forms: NumberText.forms(x, precision: precision).map { label + $0 }, style: style, rank: 1)
    }
}

/// Draws `paragraph` wrapped between words into `area`; when it is longer, its last shown line ends
/// with an ellipsis instead of the text stopping mid-sentence.
func writeParagraph(_ paragraph: Paragraph, area: Rect, buffer: inout Buffer, theme: Theme) {
    guard area.width > 0, area.height > 0 else { return }
    var lines = paragraph.wrapped(width: area.width)
    if lines.count > area.height {
        // The lines from the last row on, rejoined (they were split at blanks), fitted into that row.
        let rest = lines[(area.height - 1)...]
        let text = rest.map { $0.map(\.text).joined() }.joined(separator: " ")
        let style = rest.first?.first?.style ?? theme.role(.plain)
        lines =
            Array(lines.prefix(area.height - 1)) + [
                FittedLine.fit(LinePiece.words(text, style: style), width: area.width, ellipsis: theme.ellipsis)
            ]
    }
    for (offset, line) in lines.enumerated() { buffer.write(line, x: area.x, y: area.y + offset, maxWidth: area.width) }
}

/// A box with a title (fitted by dropping its later phrases) and its inner area.
func panel(_ phrases: [String], area: Rect, buffer: inout Buffer, theme: Theme) -> Rect {
    let title = FittedLine.title(phrases, width: area.width - 6, ellipsis: theme.ellipsis)
    buffer.drawBox(area, title: title, style: theme.role(.frame), glyphs: theme.glyphs, titleStyle: theme.role(.title))
    return area.inset(by: 1)
}

/// Writes a pending value's placeholder ("computing w*…") in a panel's first free row.
func writePlaceholder(_ text: String?, area: Rect, buffer: inout Buffer, theme: Theme) {
    guard let text, area.width > 0, area.height > 0 else { return }
    buffer.write(words: text, x: area.x, y: area.y, width: area.width, style: theme.role(.label), theme: theme)
}
