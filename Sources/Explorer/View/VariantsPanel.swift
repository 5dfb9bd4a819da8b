import SDMGrad
import TerminalUI

/// torchjd, libmtl and official on the same A, side by side (their trails are in the simplex panel).
enum VariantsPanel {
    /// The trail colour of each variant.
    static func color(_ variant: Variant) -> Color {
        switch variant {
        case .torchjd: return .brightYellow
        case .libmtl: return .brightCyan
        case .official: return .brightMagenta
        }
    }

    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = panel("Variants side by side on the same A, same start (v closes)", area: area, buffer: &buffer, theme: theme)
        guard let comparison = state.variantsComparison else {
            writePlaceholder(state.derived.variants?.placeholder("the three variants", ellipsis: theme.ellipsis),
                             area: inner, buffer: &buffer, theme: theme)
            return
        }
        let labelWidth = 14
        let columnWidth = max(10, (inner.width - labelWidth) / 3)
        let labels = ["trail colour", "lr", "scale s", "weights", "w", state.m > 0 ? "w*" : "", "verdict", "rho, lr_max", "projection"]
        for (row, text) in labels.enumerated() where row < inner.height {
            buffer.write(text, x: inner.x, y: inner.y + row, style: theme.labelStyle, maxWidth: labelWidth)
        }
        for (c, column) in comparison.columns.enumerated() {
            let x = inner.x + labelWidth + c * columnWidth
            let width = columnWidth - 1
            buffer.write(column.variant.rawValue, x: x, y: inner.y, style: Style(fg: color(column.variant), bold: true), maxWidth: width)
            buffer.write(format(column.lr), x: x, y: inner.y + 1, maxWidth: width)
            guard let call = column.call, let analysis = column.analysis else {
                buffer.write(column.failure ?? "failed", x: x, y: inner.y + 2, style: theme.danger, maxWidth: width)
                if inner.height > 4, let failure = column.failure, displayWidth(of: failure) > width {
                    buffer.write(String(failure.dropFirst(width)), x: x, y: inner.y + 3, style: theme.danger, maxWidth: width)
                }
                continue
            }
            let s = analysis.stability
            let digits = width >= 22 ? 3 : 2   // three entries of 0.123 need 21 columns
            let values = [
                NumberFormat.short(call.normalization.scale),
                NumberFormat.vector(call.weights, digits: digits, maxItems: 4),
                NumberFormat.vector(call.w, digits: digits, maxItems: 4),
                NumberFormat.vector(analysis.fixedPoint.w, digits: digits, maxItems: 4),
                s.verdict.rawValue,
                NumberFormat.short(s.spectralRadius) + ", " + (s.lrMax.isInfinite ? "any" : NumberFormat.short(s.lrMax)),
                column.variant == .torchjd ? "sort, first t_i > u_i+1" : "Duchi (skips y on simplex)",
            ]
            for (row, text) in values.enumerated() where row + 2 < inner.height {
                let style = row == 4 ? (s.verdict == .converges ? theme.good : theme.warning) : Style.plain
                buffer.write(text, x: x, y: inner.y + 2 + row, style: style, maxWidth: width)
            }
        }
    }
}

/// Weights at the solver's output (dots) and at w* (lines) as lambda sweeps from 0 to 100.
enum SweepPanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = panel("Lambda sweep: weights of the solver's output (dots) and of \(theme.star) (lines) (w closes)",
                          area: area, buffer: &buffer, theme: theme)
        guard let sweep = state.sweep, !sweep.solverWeights.isEmpty, inner.height > 3, inner.width > 20 else {
            writePlaceholder(state.derived.sweep?.placeholder("the sweep", ellipsis: theme.ellipsis),
                             area: inner, buffer: &buffer, theme: theme)
            return
        }
        let axisWidth = 6
        let canvasArea = Rect(x: inner.x + axisWidth, y: inner.y, width: inner.width - axisWidth, height: inner.height - 2)
        let n = Double(sweep.lambdas.count - 1)
        let all = (sweep.solverWeights + sweep.fixedPointWeights).flatMap { $0 }.filter(\.isFinite)
        let high = max(1, all.max() ?? 1), low = min(0, all.min() ?? 0)
        var canvas = BrailleCanvas(width: canvasArea.width, height: canvasArea.height, xRange: 0...n, yRange: low...high)
        for task in 0..<state.m {
            let color = theme.taskColor(task)
            for i in 1..<sweep.fixedPointWeights.count {
                canvas.line(from: (Double(i - 1), sweep.fixedPointWeights[i - 1][task]), to: (Double(i), sweep.fixedPointWeights[i][task]), color: color)
            }
            for (i, weights) in sweep.solverWeights.enumerated() { canvas.plot(x: Double(i), y: weights[task], color: color) }
        }
        // Today's lambda as a vertical marker.
        if let index = sweep.lambdas.lastIndex(where: { $0 <= state.parameters.lambda }) {
            canvas.label("|\(theme.lambda)", x: Double(index), y: high, style: theme.emphasis)
        }
        canvas.render(into: &buffer, area: canvasArea, glyphs: theme.glyphs)
        buffer.write(NumberFormat.short(high), x: inner.x, y: inner.y, style: theme.labelStyle, maxWidth: axisWidth - 1)
        buffer.write(NumberFormat.short(low), x: inner.x, y: canvasArea.maxY - 1, style: theme.labelStyle, maxWidth: axisWidth - 1)
        let axis = "\(theme.lambda) = 0" + String(repeating: " ", count: max(1, canvasArea.width / 2 - 8)) + "1" +
            String(repeating: " ", count: max(1, canvasArea.width / 2 - 12)) + "100 (log scale)"
        buffer.write(axis, x: canvasArea.x, y: canvasArea.maxY, style: theme.labelStyle, maxWidth: canvasArea.width)
        let gap = zip(sweep.solverWeights, sweep.fixedPointWeights).map { euclideanDistance($0, $1) }.max() ?? 0
        buffer.write("largest gap between output and \(theme.star) weights over the sweep: \(NumberFormat.short(gap))",
                     x: inner.x, y: inner.maxY - 1, style: gap > 1e-3 ? theme.warning : theme.good, maxWidth: inner.width)
    }
}

/// The weights call after call, each warm-started from the previous w.
enum CallsPanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let calls = state.computation.calls
        let inner = panel("Calls: \(calls.count), each warm-started from the last w (o: outer step, PgUp/PgDn: show) (c closes)",
                          area: area, buffer: &buffer, theme: theme)
        guard !calls.isEmpty else { return }
        // Two decimals need 20 columns for three entries; a narrow terminal gets one and no start column
        // (the start of a call is the w the previous one ended with).
        let wide = inner.width >= 118
        let digits = wide ? 2 : 1
        let header = ["#", "start w", "w after", "weights", "w*", "verdict", "rho"]
        let widths = wide ? [5, 20, 22, 23, 20, 12, 10] : [4, 0, 19, 22, 16, 11, 6]
        func writeRow(_ cells: [String], y: Int, style: Style) {
            var column = inner.x
            for (text, w) in zip(cells, widths) where w > 0 {
                buffer.write(text, x: column, y: y, style: style, maxWidth: min(w - 1, inner.maxX - column))
                column += w
            }
        }
        writeRow(header, y: inner.y, style: theme.titleStyle)
        if let note = state.derived.callAnalyses?.placeholder("the analyses", ellipsis: theme.ellipsis) {
            buffer.write(note, x: inner.maxX - min(displayWidth(of: note), inner.width / 2), y: inner.y, style: theme.labelStyle,
                         maxWidth: inner.width / 2)
        }
        let visible = inner.height - 1
        let first = max(0, min(state.computation.shownCall - visible / 2, calls.count - visible))
        for (row, index) in (first..<min(calls.count, first + visible)).enumerated() {
            let call = calls[index]
            let analysis = state.callAnalyses.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            let vertex = call.w.filter { $0 == 0 }.count == call.m - 1
            let cells = [
                "\(index + 1)", NumberFormat.vector(call.start, digits: digits, maxItems: 4),
                NumberFormat.vector(call.w, digits: digits, maxItems: 4) + (vertex ? " V" : ""),
                NumberFormat.vector(call.weights, digits: 3, maxItems: 4),
                analysis.map { NumberFormat.vector($0.fixedPoint.w, digits: digits, maxItems: 4) } ?? "",
                analysis?.stability.verdict.rawValue ?? "",
                analysis.map { NumberFormat.short($0.stability.spectralRadius) } ?? "",
            ]
            writeRow(cells, y: inner.y + 1 + row, style: index == state.computation.shownCall ? Style(reverse: true) : .plain)
        }
    }
}

/// The scenario's description and the key table.
enum HelpPanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(area, with: Cell(" "))
        var inner = panel("Keys (any key closes)", area: area, buffer: &buffer, theme: theme)
        let about = Paragraph(state.scenario.title + ". " + state.scenario.description, style: Style(fg: .brightWhite))
        let table = ExplorerKeymap.main.helpRows + ExplorerKeymap.mouse.map { (keys: $0.label, help: $0.help) }
        let aboutHeight = min(about.wrapped(width: inner.width).count, max(0, inner.height - table.count / 2 - 1))
        if aboutHeight > 0 {
            about.render(area: Rect(x: inner.x, y: inner.y, width: inner.width, height: aboutHeight), buffer: &buffer)
            inner = Rect(x: inner.x, y: inner.y + aboutHeight + 1, width: inner.width, height: inner.height - aboutHeight - 1)
        }
        let columns = inner.height >= table.count ? 1 : 2
        let perColumn = (table.count + columns - 1) / columns
        let columnWidth = inner.width / columns
        for (i, binding) in table.enumerated() {
            let column = i / perColumn, row = i % perColumn
            guard row < inner.height else { continue }
            let x = inner.x + column * columnWidth
            buffer.write(binding.keys, x: x, y: inner.y + row, style: theme.emphasis, maxWidth: 15)
            buffer.write(binding.help, x: x + 16, y: inner.y + row, maxWidth: columnWidth - 17)
        }
    }
}
