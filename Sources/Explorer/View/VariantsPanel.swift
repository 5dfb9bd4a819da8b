import SDMGrad
import TerminalUI

/// Every variant on the same A, side by side (their trails are in the simplex panel).
public struct VariantsPanel: Widget {
    /// The comparison, once computed.
    let comparison: VariantsComparison?
    /// What the panel says while the comparison is not there.
    let placeholder: String?
    /// Colours and glyphs.
    let theme: Theme
    /// The tasks' names (top-k rows at m > 3).
    var tasks: [String] = []
    /// The first row shown (↑/↓, the wheel).
    var offset = 0

    /// The row labels, in order.
    static let rowCount = 9

    /// Where its rows are scrolled to in `area`.
    func scroll(area: Rect) -> ScrollState {
        ScrolledRows.state(count: Self.rowCount, area: area.inset(by: 1), offset: offset)
    }

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(
            ["Variants", " side by side on the same A, same start", " (v closes)"], area: area, buffer: &buffer,
            theme: theme)
        guard let comparison else {
            writePlaceholder(
                placeholder,
                area: inner, buffer: &buffer, theme: theme)
            return
        }
        let label = theme.role(.label)
        let labelWidth = 14
        let count = max(1, comparison.columns.count)
        let columnWidth = max(10, (inner.width - labelWidth) / count)
        let labels = [
            "trail colour", "lr", "scale s", "weights", "w", "w*", "verdict", "\(theme.rho), lr_max", "projection",
        ]
        let scroll = ScrolledRows.render(
            count: labels.count, area: inner, offset: offset, buffer: &buffer, theme: theme
        ) { row, y, buffer in
            buffer.write(
                fitted: [LinePiece(labels[row], style: label)], x: inner.x, y: y, width: labelWidth - 1, theme: theme)
        }
        // Row `row` of the table on the screen, nil when scrolled out of view.
        func screenY(_ row: Int) -> Int? { scroll.visible.contains(row) ? inner.y + row - scroll.offset : nil }
        for (c, column) in comparison.columns.enumerated() {
            let x = inner.x + labelWidth + c * columnWidth
            let width = min(columnWidth - 1, inner.maxX - x)
            guard width > 0 else { continue }
            func put(_ pieces: [LinePiece], row: Int) {
                if let y = screenY(row) { buffer.write(fitted: pieces, x: x, y: y, width: width, theme: theme) }
            }
            put([LinePiece(column.variant.rawValue, style: theme.variant(column.variant))], row: 0)
            put([.parameter(column.lr, style: theme.role(.plain))], row: 1)
            guard let call = column.call, let analysis = column.analysis else {
                // The failure wraps between words over the rows left.
                let lines = Paragraph(column.failure ?? "failed", style: theme.role(.danger)).wrapped(width: width)
                for (i, line) in lines.prefix(Self.rowCount - 2).enumerated() {
                    if let y = screenY(2 + i) { buffer.write(line, x: x, y: y, maxWidth: width) }
                }
                continue
            }
            let s = analysis.stability
            let plain = theme.role(.plain)
            let digits = width >= 22 ? 3 : 2  // three entries of 0.123 need 21 columns
            put([.number(call.normalization.scale, style: plain)], row: 2)
            // Past three tasks a vector cannot be read in a column: its largest entries with their tasks.
            func simplexPoint(_ xs: [Double]) -> LinePiece {
                xs.count > 3
                    ? LinePiece(
                        forms: TopKText.forms(xs, names: tasks, maxEntries: 3, ascii: !theme.unicodeText), style: plain)
                    : .vector(xs, precision: .decimals(digits), maxItems: 4, style: plain, theme: theme)
            }
            put([simplexPoint(call.weights)], row: 3)
            put([simplexPoint(call.w)], row: 4)
            put([simplexPoint(analysis.fixedPoint.w)], row: 5)
            put([LinePiece(s.verdict.rawValue, style: theme.verdict(s.verdict))], row: 6)
            put(
                [
                    .number(s.spectralRadius, style: plain), LinePiece(", ", style: plain),
                    s.lrMax.isInfinite ? LinePiece("any", style: plain) : .number(s.lrMax, style: plain),
                ], row: 7)
            put(LinePiece.words(column.variant.rules.projection.summary, style: plain), row: 8)
        }
    }
}
