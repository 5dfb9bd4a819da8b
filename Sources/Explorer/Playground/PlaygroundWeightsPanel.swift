import SDMGrad
import TerminalUI

/// The selected start's `sdmgrad` run: its weights over the steps, the inner solver's verdict at
/// sampled steps (computed in the background), and the shown step's call.
enum PlaygroundWeightsPanel {
    /// Draws the panel.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let s = state.inputs.starts[min(state.display.selectedStart, state.inputs.starts.count - 1)]
        let title =
            "sdmgrad \(theme.middleDot) start \(state.display.selectedStart + 1) (\(NumberText.compact(s.x)), \(NumberText.compact(s.y)))"
        let inner = panel([title], area: area, buffer: &buffer, theme: theme)
        guard inner.width > 10, inner.height > 0 else { return }
        let label = theme.role(.label)
        guard let run = state.selectedSDMGradRun else {
            buffer.write(
                words: "sdmgrad is hidden: press \(ToyMethod.sdmgrad.key) to show it", x: inner.x, y: inner.y,
                width: inner.width,
                style: label, theme: theme)
            return
        }
        guard run.trajectory.count > 0 else {
            buffer.write(
                words: "computing\(theme.ellipsis)", x: inner.x, y: inner.y, width: inner.width, style: label,
                theme: theme)
            return
        }
        let t = run.trajectory
        let stripX = inner.x + 6, stripWidth = inner.width - 6
        let total = ToyTrajectory.recordCount(stride: t.stride, totalSteps: t.totalSteps)
        // Column c covers records [c * total / width, (c + 1) * total / width).
        func records(ofColumn c: Int) -> Range<Int> {
            (c * total / stripWidth)..<max(c * total / stripWidth + 1, (c + 1) * total / stripWidth)
        }
        let shownRecord = run.recordIndex(atStep: state.step)
        let shownColumn = shownRecord.map { min(stripWidth - 1, $0 * stripWidth / max(1, total)) }
        var row = inner.y
        buffer.write("a1", x: inner.x, y: row, style: label)
        let levels = theme.glyphs.sparkLevels
        for c in 0..<stripWidth {
            let r = records(ofColumn: c).clamped(to: 0..<t.count)
            guard !r.isEmpty else { continue }
            let mean = r.reduce(0.0) { $0 + t.weights[2 * $1] } / Double(r.count)
            let level = min(levels.count - 1, max(0, Int(mean * Double(levels.count))))
            var style = Style(fg: theme.toyMethodColor(.sdmgrad))
            if c == shownColumn { style = style.reversed() }
            buffer.write(String(levels[level]), x: stripX + c, y: row, style: style)
        }
        row += 1
        guard row < inner.maxY else { return }
        buffer.write("inner", x: inner.x, y: row, style: label)
        let sampled = state.derived.verdicts.keys.sorted()
        for c in 0..<stripWidth {
            let r = records(ofColumn: c)
            let here = sampled.first { r.contains($0) }
            var style = here.map { Style(fg: theme.verdict(state.derived.verdicts[$0]!.verdict).fg) } ?? label
            if c == shownColumn { style = style.reversed() }
            buffer.write(here == nil ? String(theme.glyphs.dot) : theme.disc, x: stripX + c, y: row, style: style)
        }
        row += 1
        guard row < inner.maxY, let i = shownRecord else { return }
        let record = run.record(i)
        buffer.write(
            [
                Span("step \(record.step): ", style: label),
                Span(
                    "a = (\(NumberText.fixed(record.weights.x, decimals: 3)), \(NumberText.fixed(record.weights.y, decimals: 3)))",
                    style: theme.role(.value)),
            ], x: inner.x, y: row, maxWidth: inner.width)
        row += 1
        guard row < inner.maxY else { return }
        if let v = state.derived.verdicts[i] {
            var spans = [
                Span("inner solver ", style: label), Span(v.verdict.rawValue, style: theme.verdict(v.verdict)),
                Span("  \(theme.rho) \(NumberText.fixed(v.spectralRadius, decimals: 2))", style: .plain),
            ]
            let enter = Span(" \(theme.middleDot) Enter opens it", style: label)
            if spans.reduce(0, { $0 + displayWidth(of: $1.text) }) + displayWidth(of: enter.text) <= inner.width {
                spans.append(enter)
            }
            buffer.write(spans, x: inner.x, y: row, maxWidth: inner.width)
        } else {
            buffer.write(
                words: "inner solver: analysing\(theme.ellipsis)", x: inner.x, y: row, width: inner.width, style: label,
                theme: theme)
        }
        row += 1
        guard row < inner.maxY, let input = record.weightingInput else { return }
        let w = input.warmStart, a = input.a
        buffer.write(
            words: "warm start w = (\(NumberText.fixed(w[0], decimals: 3)), \(NumberText.fixed(w[1], decimals: 3)))",
            x: inner.x, y: row, width: inner.width, style: label, theme: theme)
        row += 1
        guard row < inner.maxY else { return }
        buffer.write(
            words:
                "A = [[\(NumberText.short(a[0, 0])), \(NumberText.short(a[0, 1]))], [\(NumberText.short(a[1, 0])), \(NumberText.short(a[1, 1]))]]",
            x: inner.x, y: row, width: inner.width, style: label, theme: theme)
        row += 1
        guard row < inner.maxY else { return }
        let verdicts: [StabilityVerdict] = [.converges, .oscillates, .diverges]
        let legend = verdicts.enumerated().flatMap { i, v in
            [
                Span(theme.disc, style: Style(fg: theme.verdict(v).fg)),
                Span(" \(v.rawValue)" + (i < 2 ? "  " : ""), style: label),
            ]
        }
        buffer.write(legend, x: inner.x, y: row, maxWidth: inner.width)
    }
}
