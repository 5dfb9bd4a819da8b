import SDMGrad
import TerminalUI

/// Every variant on the same A, side by side (their trails are in the simplex panel).
struct VariantsPanel: Widget {
    /// The comparison, once computed.
    let comparison: VariantsComparison?
    /// What the panel says while the comparison is not there.
    let placeholder: String?
    /// Colours and glyphs.
    let theme: Theme

    /// Draws the panel into `area`.
    func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(["Variants", " side by side on the same A, same start", " (v closes)"], area: area, buffer: &buffer, theme: theme)
        guard let comparison else {
            writePlaceholder(placeholder,
                             area: inner, buffer: &buffer, theme: theme)
            return
        }
        let label = theme.role(.label)
        let labelWidth = 14
        let count = max(1, comparison.columns.count)
        let columnWidth = max(10, (inner.width - labelWidth) / count)
        let labels = ["trail colour", "lr", "scale s", "weights", "w", "w*", "verdict", "\(theme.rho), lr_max", "projection"]
        for (row, text) in labels.enumerated() where row < inner.height {
            buffer.write(fitted: [LinePiece(text, style: label)], x: inner.x, y: inner.y + row, width: labelWidth - 1, theme: theme)
        }
        for (c, column) in comparison.columns.enumerated() {
            let x = inner.x + labelWidth + c * columnWidth
            let width = min(columnWidth - 1, inner.maxX - x)
            guard width > 0 else { continue }
            func put(_ pieces: [LinePiece], row: Int) {
                if row < inner.height { buffer.write(fitted: pieces, x: x, y: inner.y + row, width: width, theme: theme) }
            }
            put([LinePiece(column.variant.rawValue, style: theme.variant(column.variant))], row: 0)
            put([.parameter(column.lr, style: theme.role(.plain))], row: 1)
            guard let call = column.call, let analysis = column.analysis else {
                // The failure wraps between words over the rows left.
                let lines = Paragraph(column.failure ?? "failed", style: theme.role(.danger)).wrapped(width: width)
                for (i, line) in lines.prefix(max(0, inner.height - 2)).enumerated() {
                    buffer.write(line, x: x, y: inner.y + 2 + i, maxWidth: width)
                }
                continue
            }
            let s = analysis.stability
            let plain = theme.role(.plain)
            let digits = width >= 22 ? 3 : 2   // three entries of 0.123 need 21 columns
            put([.number(call.normalization.scale, style: plain)], row: 2)
            put([.vector(call.weights, precision: .decimals(digits), maxItems: 4, style: plain, theme: theme)], row: 3)
            put([.vector(call.w, precision: .decimals(digits), maxItems: 4, style: plain, theme: theme)], row: 4)
            put([.vector(analysis.fixedPoint.w, precision: .decimals(digits), maxItems: 4, style: plain, theme: theme)], row: 5)
            put([LinePiece(s.verdict.rawValue, style: theme.verdict(s.verdict))], row: 6)
            put([.number(s.spectralRadius, style: plain), LinePiece(", ", style: plain),
                 s.lrMax.isInfinite ? LinePiece("any", style: plain) : .number(s.lrMax, style: plain)], row: 7)
            put(LinePiece.words(column.variant.rules.projection.summary, style: plain), row: 8)
        }
    }
}
