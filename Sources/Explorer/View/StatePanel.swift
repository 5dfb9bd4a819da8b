import SDMGrad
import TerminalUI

/// The numbers of the shown iteration: grad, velocity, y, tau, w, weights, direction.
enum StatePanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let k = state.iteration
        let inner = panel("State at iteration \(k)/\(state.iterationCount)", area: area, buffer: &buffer, theme: theme)
        guard let trace = state.trace else {
            buffer.write(state.computation.failure ?? "", x: inner.x, y: inner.y, style: theme.danger, maxWidth: inner.width)
            return
        }
        let p = state.parameters
        let l = theme.lambda
        // Each line: a full label, a short one for narrow panels, and its vector or text.
        var lines: [(String, String, [Double]?, String?)] = []
        if k == 0 {
            lines.append(("start point w0: warm start (uniform on a first call)", "start w0", nil, nil))
        } else {
            let step = trace.steps[k - 1]
            lines.append(("g = \(theme.aHat)(w + \(l)\(theme.wTilde))", "g", step.grad, nil))
            lines.append((k == 1 ? "v = g (momentum restarts)" : "v = \(format(p.momentum))v + g", "v", step.velocity, nil))
            lines.append(("y = w - \(format(p.lr))v", "y", step.y, nil))
            lines.append(("\(theme.tau) (projection threshold)", theme.tau, nil, NumberFormat.short(step.tau)))
        }
        lines.append((k == 0 ? "w" : "w = max(y - \(theme.tau), 0)", "w", trace.w(at: k), nil))
        lines.append(("weights = (w + \(l)\(theme.wTilde))/(1+\(l))", "weights", trace.weights(at: k), nil))
        if let d = state.shownDirection { lines.append(("d = J\(theme.transpose) weights", "d", d, nil)) }
        else if let d = state.shownDirectionEmbedded { lines.append(("d (embedding coordinates)", "d (embedded)", d, nil)) }
        lines.append(("\(theme.wTilde) (preference)", theme.wTilde, state.computation.call?.preference, nil))
        let narrow = inner.width < 56
        let labelWidth = narrow ? 8 : 30
        for (row, line) in lines.prefix(inner.height).enumerated() {
            buffer.write(narrow ? line.1 : line.0, x: inner.x, y: inner.y + row, style: theme.labelStyle, maxWidth: labelWidth)
            let value = line.2.map { NumberFormat.vector($0, maxItems: max(3, (inner.width - labelWidth) / 10)) } ?? line.3 ?? ""
            let bad = line.2?.contains { !$0.isFinite } ?? false
            buffer.write(value, x: inner.x + labelWidth + 1, y: inner.y + row, style: bad ? theme.danger : .plain,
                         maxWidth: inner.width - labelWidth - 1)
        }
        // At the start point the free rows introduce the scenario.
        let free = inner.y + lines.count + 1
        if k == 0, free < inner.maxY, !state.scenario.description.isEmpty {
            Paragraph(state.scenario.description, style: Style(fg: .brightWhite))
                .render(area: Rect(x: inner.x, y: free, width: inner.width, height: inner.maxY - free), buffer: &buffer)
        }
    }
}

/// How the solver converges: distances to w* and between iterates, the verdict, rho and lr_max.
enum ConvergencePanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = panel("Convergence", area: area, buffer: &buffer, theme: theme)
        guard state.trace != nil, inner.width > 10 else { return }
        guard let analysis = state.analysis, let figures = state.traceFigures else {
            writePlaceholder(state.derived.analysis.placeholder("the fixed point w* and its stability", ellipsis: theme.ellipsis),
                             area: inner, buffer: &buffer, theme: theme)
            return
        }
        let star = analysis.fixedPoint.w
        let distances = figures.distancesToFixedPoint
        let steps = figures.stepLengths
        let sparkWidth = sparkColumns(area).width
        func spark(_ values: [Double], row: Int, label: String, log: Bool) {
            buffer.write(label, x: inner.x, y: inner.y + row, style: theme.labelStyle, maxWidth: labelWidth)
            let shown = Array(values.suffix(sparkWidth))
            Sparkline(values: shown.map { max($0, 1e-16) }, logarithmic: log, style: Style(fg: .brightYellow), glyphs: theme.glyphs)
                .render(area: Rect(x: inner.x + labelWidth, y: inner.y + row, width: sparkWidth, height: 1), buffer: &buffer)
        }
        spark(distances, row: 0, label: "\(theme.norm)w_k - \(theme.star)\(theme.norm) log", log: true)
        spark(steps, row: 1, label: "\(theme.norm)w_k - w_k-1\(theme.norm)", log: false)
        let marker = min(state.iteration, sparkWidth - 1)
        if distances.count <= sparkWidth {
            buffer.write("^ k=\(state.iteration)", x: inner.x + labelWidth + marker, y: inner.y + 2, style: theme.labelStyle,
                         maxWidth: inner.maxX - (inner.x + labelWidth + marker))
        }
        let s = analysis.stability
        let verdictStyle = s.verdict == .converges ? theme.good : (s.verdict == .oscillates ? theme.warning : theme.danger)
        let fp = analysis.fixedPoint
        var rows: [[Span]] = [
            [Span("\(theme.star) ", style: theme.labelStyle), Span(NumberFormat.vector(star, digits: 3, maxItems: 5), style: Style(fg: .brightBlue, bold: true)),
             Span(fp.isUnique ? "  unique" : "  not unique", style: fp.isUnique ? theme.labelStyle : theme.warning),
             Span("  residual \(NumberFormat.short(fp.residual))", style: theme.labelStyle)],
            [Span("verdict ", style: theme.labelStyle), Span(s.verdict.rawValue, style: verdictStyle),
             Span("   \(theme.rho) = ", style: theme.labelStyle), Span(NumberFormat.short(s.spectralRadius), style: verdictStyle)],
            [Span("lr ", style: theme.labelStyle), Span(format(state.parameters.lr), style: theme.emphasis),
             Span("  lr_max ", style: theme.labelStyle),
             Span(s.lrMax.isInfinite ? "any (vertex)" : NumberFormat.short(s.lrMax), style: theme.emphasis)],
        ]
        if fp.method != "faces" { rows.append([Span("\(theme.star) found by \(fp.method)", style: theme.labelStyle)]) }
        for (i, spans) in rows.enumerated() where inner.y + 3 + i < inner.maxY {
            buffer.write(spans, x: inner.x, y: inner.y + 3 + i, maxWidth: inner.width)
        }
        let adviceTop = inner.y + 3 + rows.count
        if adviceTop < inner.maxY {
            Paragraph(advice(state, analysis: analysis, overflowed: figures.overflowed, theme: theme), style: theme.labelStyle)
                .render(area: Rect(x: inner.x, y: adviceTop, width: inner.width, height: inner.maxY - adviceTop), buffer: &buffer)
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
            let largest = state.computation.call?.normalization.matrix.storage.reduce(0) { max($0, abs($1)) } ?? 0
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
