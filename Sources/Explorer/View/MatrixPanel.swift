import SDMGrad
import TerminalUI

/// A, its clamped diagonal and scale s, and Â, with the asymmetry of A made visible.
enum MatrixPanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let divisor = state.parameters.variant == .official ? "s\(theme.squared)" : "(s\(theme.squared) + 1e-8)"
        let inner = panel("Matrix: A = J1 J2\(theme.transpose) and \(theme.aHat) = A / \(divisor)", area: area, buffer: &buffer, theme: theme)
        guard inner.width > 10, inner.height > 1 else { return }
        let a = state.computation.input.a
        let m = a.rows
        var y = inner.y
        if let call = state.computation.call {
            guard let summary = state.derived.matrixFacts.value else {
                writePlaceholder(state.derived.matrixFacts.placeholder("the figures of A", ellipsis: theme.ellipsis),
                                 area: inner, buffer: &buffer, theme: theme)
                return
            }
            let asym = summary.asymmetry
            let negative = summary.negativeDiagonal
            var info: [Span] = [
                Span("s = ", style: theme.labelStyle), Span(NumberFormat.short(call.normalization.scale), style: theme.emphasis),
                Span(state.parameters.variant == .official ? " = mean sqrt(A_ii + 1e-4)" : " = mean sqrt(max(A_ii, 0))", style: theme.labelStyle),
            ]
            if !negative.isEmpty {
                info.append(Span("  clamped to 0: " + negative.map { "A\($0 + 1)\($0 + 1)" }.joined(separator: " "), style: theme.warning))
            }
            buffer.write(info, x: inner.x, y: y, maxWidth: inner.width)
            y += 1
            let rowsShown = min(m, inner.maxY - y)
            guard rowsShown > 0 else { return }
            let half = (inner.width - 2) / 2
            if (half - 2) / 8 >= m || (inner.width - 3) / 8 < m {
                let columnsShown = max(1, min(m, (half - 2) / 8))
                writeMatrix("A", a, rows: rowsShown, columns: columnsShown, x: inner.x, y: y, width: half, buffer: &buffer, theme: theme, largestEntry: summary.largestEntry)
                writeMatrix(theme.aHat, call.normalization.matrix, rows: rowsShown, columns: columnsShown, x: inner.x + half + 2, y: y,
                            width: half, buffer: &buffer, theme: theme, mirrorOf: a, largestEntry: summary.largestEntry)
            } else {
                // Too narrow for both: Â, the matrix the solver uses, takes the whole width.
                writeMatrix(theme.aHat, call.normalization.matrix, rows: rowsShown, columns: m, x: inner.x, y: y,
                            width: inner.width, buffer: &buffer, theme: theme, mirrorOf: a, largestEntry: summary.largestEntry)
            }
            y += rowsShown
            guard y < inner.maxY else { return }
            let symmetric = asym.absolute == 0
            let asymText = symmetric ? "A is symmetric" :
                "\(theme.norm)A - A\(theme.transpose)\(theme.norm) = \(NumberFormat.short(asym.absolute)) (\(NumberFormat.fixed(100 * asym.relative, digits: 1))% of \(theme.norm)A\(theme.norm)): yellow entries differ from their mirror"
            buffer.write(asymText, x: inner.x, y: y, style: symmetric ? theme.labelStyle : theme.warning, maxWidth: inner.width)
        } else {
            buffer.write(state.computation.failure ?? "no call", x: inner.x, y: y, style: theme.danger, maxWidth: inner.width)
        }
    }

    static func writeMatrix(_ name: String, _ a: Matrix, rows: Int, columns: Int, x: Int, y: Int, width: Int,
                            buffer: inout Buffer, theme: Theme, mirrorOf original: Matrix? = nil, largestEntry: Double) {
        let source = original ?? a
        let tolerance = 1e-12 * max(largestEntry, 1e-300)
        buffer.write(name, x: x, y: y, style: theme.titleStyle, maxWidth: width)
        for i in 0..<rows {
            var column = x + displayWidth(of: name) + 1
            for j in 0..<columns {
                let value = a[i, j]
                var style = Style.plain
                if i == j && value < 0 { style = theme.danger }
                else if abs(source[i, j] - source[j, i]) > tolerance { style = Style(fg: .yellow) }
                column += buffer.write(pad(NumberFormat.short(value), to: 8), x: column, y: y + i, style: style, maxWidth: x + width - column)
            }
            if columns < a.columns { buffer.write(theme.ellipsis, x: column, y: y + i, style: theme.labelStyle) }
        }
    }
}

/// Right-aligns text in a field.
func pad(_ text: String, to width: Int) -> String {
    let w = displayWidth(of: text)
    return w >= width ? text : String(repeating: " ", count: width - w) + text
}
