import SDMGrad
import TerminalUI

/// A, its clamped diagonal and scale s, and Â, with the asymmetry of A made visible.
public struct MatrixPanel: Widget {
    /// The variant in force (its scale and divisor formulas).
    let variant: Variant
    /// The shown call's A, the call (nil: `absenceNote` says why) and the figures of A, once computed.
    let a: Matrix, call: WeightingCall?, absenceNote: String?, facts: Pending<MatrixFacts>
    /// Colours and glyphs.
    let theme: Theme
    /// The followed task (`f`): its row is highlighted when shown.
    var followedTask: Int? = nil

    /// Columns of one matrix entry (a number of up to 7 columns and a blank).
    static let entryWidth = 8

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let rules = variant.rules
        let inner = panel(
            [
                "Matrix", ": A = J1 J2\(theme.transpose)",
                " and \(theme.aHat) = A / \(rules.divisorFormula(squared: theme.squared))",
            ],
            area: area, buffer: &buffer, theme: theme)
        guard inner.width > 10, inner.height > 1 else { return }
        let m = a.rows
        var y = inner.y
        let label = theme.role(.label)
        guard let call else {
            buffer.write(
                words: absenceNote ?? "no call", x: inner.x, y: y, width: inner.width, style: theme.role(.danger),
                theme: theme)
            return
        }
        guard let summary = facts.value else {
            writePlaceholder(
                facts.placeholder("the figures of A", ellipsis: theme.ellipsis),
                area: inner, buffer: &buffer, theme: theme)
            return
        }
        let asym = summary.asymmetry
        let negative = summary.negativeDiagonal
        var info: [LinePiece] = [
            LinePiece("s = ", style: label), .number(call.normalization.scale, style: theme.role(.value)),
            .optional(" = \(rules.scaleFormula)", style: label, rank: -1),
        ]
        if !negative.isEmpty {
            info.append(LinePiece(forms: ["  clamped to 0:", "  clamped:"], style: theme.role(.warning), rank: 0))
            info += negative.map {
                .optional(
                    " " + SubscriptText.entry("A", row: $0 + 1, column: $0 + 1, unicode: theme.unicodeText),
                    style: theme.role(.warning), rank: -1)
            }
        }
        buffer.write(fitted: info, x: inner.x, y: y, width: inner.width, theme: theme)
        y += 1
        let rowsShown = min(m, inner.maxY - y)
        guard rowsShown > 0 else { return }
        let half = (inner.width - 2) / 2
        if (half - 2) / Self.entryWidth >= m || (inner.width - 3) / Self.entryWidth < m {
            let columnsShown = max(1, min(m, (half - 2) / Self.entryWidth))
            Self.writeMatrix(
                "A", a, rows: rowsShown, columns: columnsShown, x: inner.x, y: y, width: half, buffer: &buffer,
                theme: theme, largestEntry: summary.largestEntry)
            Self.writeMatrix(
                theme.aHat, call.normalization.leadingRows(rowsShown), rows: rowsShown, columns: columnsShown,
                x: inner.x + half + 2, y: y,
                width: half, buffer: &buffer, theme: theme, mirrorOf: a, largestEntry: summary.largestEntry)
        } else {
            // Too narrow for both: Â, the matrix the solver uses, takes the whole width.
            Self.writeMatrix(
                theme.aHat, call.normalization.leadingRows(rowsShown), rows: rowsShown, columns: m, x: inner.x, y: y,
                width: inner.width, buffer: &buffer, theme: theme, mirrorOf: a, largestEntry: summary.largestEntry)
        }
        if let task = followedTask, task < rowsShown {
            buffer.setStyle(theme.role(.selectedRow), in: Rect(x: inner.x, y: y + task, width: inner.width, height: 1))
        }
        y += rowsShown
        guard y < inner.maxY else { return }
        if asym.absolute == 0 {
            buffer.write(words: "A is symmetric", x: inner.x, y: y, width: inner.width, style: label, theme: theme)
            if y + 1 < inner.maxY {
                buffer.write(
                    words: InnerProblemText.matrixLine(theme), x: inner.x, y: y + 1, width: inner.width, style: label,
                    theme: theme)
            }
        } else {
            let warning = theme.role(.warning)
            buffer.write(
                fitted: [
                    LinePiece("\(theme.norm)A - A\(theme.transpose)\(theme.norm) = ", style: warning),
                    .number(asym.absolute, style: warning),
                    LinePiece.optional(
                        " (\(NumberText.fixed(100 * asym.relative, decimals: 1))% of \(theme.norm)A\(theme.norm))",
                        style: warning, rank: 0),
                    LinePiece.optional(": yellow entries differ from their mirror", style: warning, rank: -1),
                ],
                x: inner.x, y: y, width: inner.width, theme: theme)
        }
    }

    static func writeMatrix(
        _ name: String, _ a: Matrix, rows: Int, columns: Int, x: Int, y: Int, width: Int,
        buffer: inout Buffer, theme: Theme, mirrorOf original: Matrix? = nil, largestEntry: Double
    ) {
        let source = original ?? a
        let tolerance = 1e-12 * max(largestEntry, 1e-300)
        buffer.write(name, x: x, y: y, style: theme.role(.title), maxWidth: width)
        let first = x + displayWidth(of: name) + 1
        // Only whole entries: as many as fit, then an ellipsis when some are left out.
        let fitting = max(0, min(columns, (x + width - first) / entryWidth))
        for i in 0..<rows {
            var column = first
            for j in 0..<fitting {
                let value = a[i, j]
                var role = ThemeRole.plain
                if i == j && value < 0 {
                    role = .danger
                } else if abs(source[i, j] - source[j, i]) > tolerance {
                    role = .asymmetric
                }
                buffer.write(
                    number: value, at: column, y: y + i, width: entryWidth - 1, style: theme.role(role),
                    alignRight: true)
                column += entryWidth
            }
            if fitting < a.columns {
                buffer.write(
                    theme.ellipsis, x: column, y: y + i, style: theme.role(.label), maxWidth: x + width + 2 - column)
            }
        }
    }
}
