import SDMGrad
import TerminalUI

/// How the solver converges: distances to w* and between iterates, the verdict, rho and lr_max,
/// whether w* is unique, and the other fixed points known.
enum ConvergencePanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = panel(["Convergence"], area: area, buffer: &buffer, theme: theme)
        guard state.trace != nil, inner.width > 10 else { return }
        guard let analysis = state.analysis, let figures = state.traceFigures else {
            writePlaceholder(state.derived.analysis.placeholder("the fixed point w* and its stability", ellipsis: theme.ellipsis),
                             area: inner, buffer: &buffer, theme: theme)
            return
        }
        let label = theme.role(.label), value = theme.role(.value)
        let sparkWidth = sparkColumns(area).width
        func spark(_ values: [Double], row: Int, text: String, log: Bool) {
            buffer.write(fitted: [LinePiece(text, style: label)], x: inner.x, y: inner.y + row, width: labelWidth - 1, theme: theme)
            let shown = Array(values.suffix(sparkWidth))
            Sparkline(values: shown.map { max($0, 1e-16) }, logarithmic: log, style: theme.role(.spark), glyphs: theme.glyphs)
                .render(area: Rect(x: inner.x + labelWidth, y: inner.y + row, width: sparkWidth, height: 1), buffer: &buffer)
        }
        spark(figures.distancesToFixedPoint, row: 0, text: "\(theme.norm)w_k - \(theme.star)\(theme.norm) log", log: true)
        spark(figures.stepLengths, row: 1, text: "\(theme.norm)w_k - w_k-1\(theme.norm)", log: false)
        let marker = min(state.iteration, sparkWidth - 1)
        if figures.distancesToFixedPoint.count <= sparkWidth {
            buffer.write(fitted: [LinePiece("^ k=\(state.iteration)", style: label)], x: inner.x + labelWidth + marker, y: inner.y + 2,
                         width: inner.maxX - (inner.x + labelWidth + marker), theme: theme)
        }
        let s = analysis.stability
        let fp = analysis.fixedPoint
        let verdict = theme.verdict(s.verdict)
        let residualForms = NumberText.forms(fp.residual, precision: .significant(3))
        var rows: [[LinePiece]] = [
            [LinePiece("\(theme.star) ", style: label), .vector(fp.w, precision: .decimals(3), maxItems: 5, style: theme.role(.fixedPoint), theme: theme),
             LinePiece(forms: residualForms.map { "  residual " + $0 } + residualForms.map { "  res " + $0 } + [""], style: label, rank: -1)],
            uniquenessPieces(analysis, theme: theme),
            [.optional("verdict ", style: label, rank: -2), LinePiece(s.verdict.rawValue, style: verdict),
             // rho loses one digit, then goes whole, before lr_max loses digits: lr_max is what the advice below refers to.
             .optional("  \(theme.rho) = ", style: label, rank: 0, group: 1),
             LinePiece(forms: Array(NumberText.forms(s.spectralRadius, precision: .significant(4)).prefix(2)) + [""], style: verdict, rank: 0, group: 1),
             LinePiece("  lr_max ", style: label),
             s.lrMax.isInfinite ? LinePiece("any (vertex)", style: value) : .number(s.lrMax, style: value)],
        ]
        if fp.method != "faces" { rows.append(LinePiece.words("\(theme.star) found by \(fp.method)", style: label)) }
        // The other fixed points known, nearest to the solver first, while there is room above the advice.
        let others = analysis.otherFixedPoints
        let room = max(0, inner.height - 3 - rows.count - 2)
        for other in others.prefix(room) {
            rows.append([LinePiece("other ", style: label),
                         .vector(other.w, precision: .decimals(3), maxItems: 5, style: theme.role(.fixedPoint), theme: theme),
                         LinePiece("  ", style: label), LinePiece(other.stability.verdict.rawValue, style: theme.verdict(other.stability.verdict)),
                         other.stability.lrMax.isInfinite ? .optional("  lr_max any", style: label, rank: -1)
                             : LinePiece(forms: NumberText.forms(other.stability.lrMax, precision: .significant(3)).map { "  lr_max " + $0 } + [""],
                                         style: label, rank: -1)])
        }
        if others.count > room, room > 0 {
            rows[rows.count - 1] = LinePiece.words("\(theme.ellipsis) \(others.count - room + 1) more fixed points known", style: label)
        }
        for (i, pieces) in rows.enumerated() where inner.y + 3 + i < inner.maxY {
            buffer.write(fitted: pieces, x: inner.x, y: inner.y + 3 + i, width: inner.width, theme: theme)
        }
        let adviceTop = inner.y + 3 + rows.count
        if adviceTop < inner.maxY {
            writeParagraph(Paragraph(advice(state, analysis: analysis, overflowed: figures.overflowed, theme: theme), style: label),
                           area: Rect(x: inner.x, y: adviceTop, width: inner.width, height: inner.maxY - adviceTop), buffer: &buffer, theme: theme)
        }
    }

    /// Whether w* is unique, saying which: proven (and how), not unique (how many known), or not proven.
    static func uniquenessPieces(_ analysis: Analysis, theme: Theme) -> [LinePiece] {
        let fp = analysis.fixedPoint
        switch fp.unique {
        case true?:
            return [LinePiece("unique", style: theme.role(.good)), .optional(" (\(fp.uniqueness))", style: theme.role(.label))]
        case false?:
            let known = analysis.otherFixedPoints.count + 1
            return [LinePiece(known > 1 ? "\(known) fixed points known" : "not unique", style: theme.role(.warning)),
                    .optional(known > 1 ? ": not unique" : " (\(fp.uniqueness))", style: theme.role(.label))]
        case nil:
            let why = fp.uniqueness.hasPrefix("not proven ") ? " " + fp.uniqueness.dropFirst("not proven ".count) : " (\(fp.uniqueness))"
            return [LinePiece("uniqueness not proven", style: theme.role(.warning)), .optional(why, style: theme.role(.label))]
        }
    }

    /// The sparklines' first column and width in a panel at `area`.
    static func sparkColumns(_ area: Rect) -> (x: Int, width: Int) {
        let inner = area.inset(by: 1)
        return (inner.x + labelWidth, max(1, inner.width - labelWidth))
    }

    /// The iteration under a click on the sparklines, if the click is on one.
    static func iteration(_ state: ExplorerState, area: Rect, x: Int, y: Int) -> Int? {
        let inner = area.inset(by: 1)
        let (sparkX, sparkWidth) = sparkColumns(area)
        guard (inner.y...inner.y + 1).contains(y), x >= sparkX, x < sparkX + sparkWidth else { return nil }
        // The sparklines show the last sparkWidth of iterations 0...iters.
        let count = state.iterationCount + 1
        let hidden = max(0, count - sparkWidth)
        let k = hidden + x - sparkX
        return k < count ? k : nil
    }

    static let labelWidth = 16

    /// One sentence that says what the verdict means for this lr.
    static func advice(_ state: ExplorerState, analysis: Analysis, overflowed: Bool, theme: Theme) -> String {
        if overflowed {
            let largest = state.computation.call.map { call in call.normalization.source.storage.reduce(0) { max($0, abs($1)) } / call.normalization.divisor } ?? 0
            return "the iterates overflowed: \(theme.aHat) has entries up to \(NumberFormat.short(largest)), too large for lr \(format(state.parameters.lr))"
        }
        let s = analysis.stability
        switch s.verdict {
        case .converges:
            return s.lrMax.isInfinite ? "w* is a vertex: any lr lands and stays there" : "lr < lr_max: the trail settles on \(theme.star)"
        case .oscillates:
            return "lr > lr_max: steps overshoot \(theme.star); press l to lower lr below \(NumberFormat.short(s.lrMax))"
        case .diverges:
            return "\(theme.aHat) is not positive on this face: iterates are pushed away from \(theme.star)"
        }
    }
}
