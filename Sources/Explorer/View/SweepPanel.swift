import SDMGrad
import TerminalUI

/// Weights at the solver's output (dots) and at w* (lines) as lambda sweeps from 0 to 100.
public struct SweepPanel: Widget {
    /// The sweep, once computed.
    let sweep: LambdaSweep?
    /// What the panel says while the sweep is not there.
    let placeholder: String?
    /// The number of tasks, and today's lambda (marked on the axis).
    let m: Int, lambda: Double
    /// Colours and glyphs.
    let theme: Theme
    /// The tasks' names (at m > 3 only the top tasks are drawn, named on the last row).
    var tasks: [String] = []

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(
            ["Lambda sweep", ": weights of the solver's output (dots) and of \(theme.star) (lines)", " (w closes)"],
            area: area, buffer: &buffer, theme: theme)
        guard let sweep, !sweep.solverWeights.isEmpty, inner.height > 3, inner.width > 20 else {
            writePlaceholder(
                placeholder,
                area: inner, buffer: &buffer, theme: theme)
            return
        }
        let label = theme.role(.label)
        let axisWidth = 6
        let canvasArea = Rect(
            x: inner.x + axisWidth, y: inner.y, width: inner.width - axisWidth, height: inner.height - 2)
        let n = Double(sweep.lambdas.count - 1)
        let all = (sweep.solverWeights + sweep.fixedPointWeights).flatMap { $0 }.filter(\.isFinite)
        let high = max(1, all.max() ?? 1), low = min(0, all.min() ?? 0)
        var canvas = BrailleCanvas(
            width: canvasArea.width, height: canvasArea.height, xRange: 0...n, yRange: low...high)
        // Past three tasks the lines would be a tangle: only the three largest at today's lambda are drawn.
        let today = sweep.lambdas.lastIndex(where: { $0 <= lambda }) ?? 0
        let todayWeights = sweep.fixedPointWeights[min(today, sweep.fixedPointWeights.count - 1)]
        let drawn = m > 3 ? Array(TopKText.ranking(todayWeights).prefix(3)) : Array(0..<m)
        for task in drawn {
            let color = theme.taskColor(task)
            for i in 1..<sweep.fixedPointWeights.count {
                canvas.line(
                    from: (Double(i - 1), sweep.fixedPointWeights[i - 1][task]),
                    to: (Double(i), sweep.fixedPointWeights[i][task]), color: color)
            }
            for (i, weights) in sweep.solverWeights.enumerated() {
                canvas.plot(x: Double(i), y: weights[task], color: color)
            }
        }
        // Today's lambda as a vertical marker.
        if let index = sweep.lambdas.lastIndex(where: { $0 <= lambda }) {
            canvas.label("|\(theme.lambda)", x: Double(index), y: high, style: theme.role(.value))
        }
        canvas.render(into: &buffer, area: canvasArea, glyphs: theme.glyphs)
        buffer.write(number: high, at: inner.x, y: inner.y, width: axisWidth - 1, style: label)
        buffer.write(number: low, at: inner.x, y: canvasArea.maxY - 1, width: axisWidth - 1, style: label)
        // The lambda axis: 0 on the left, 1 in the middle (log scale), 100 on the right; each mark whole or absent.
        let middle = max(6, canvasArea.width / 2 - 3)
        let right = "100 (log scale)"
        buffer.write(
            fitted: [LinePiece("\(theme.lambda) = 0", style: label)], x: canvasArea.x, y: canvasArea.maxY,
            width: max(0, middle - 1), theme: theme)
        buffer.write("1", x: canvasArea.x + middle, y: canvasArea.maxY, style: label, maxWidth: 1)
        let rightText = displayWidth(of: right) <= canvasArea.width - middle - 2 ? right : "100"
        buffer.write(rightText, x: canvasArea.maxX - displayWidth(of: rightText), y: canvasArea.maxY, style: label)
        let gap = zip(sweep.solverWeights, sweep.fixedPointWeights).map { euclideanDistance($0, $1) }.max() ?? 0
        let gapStyle = theme.role(gap > 1e-3 ? .warning : .good)
        var bottom: [LinePiece] = []
        if m > 3 {
            bottom.append(
                LinePiece(forms: ["\(theme.star) weights at this \(theme.lambda), drawn: ", "drawn: "], style: label))
            bottom.append(
                LinePiece(
                    forms: TopKText.forms(todayWeights, names: tasks, maxEntries: 3, ascii: !theme.unicodeText),
                    style: theme.role(.value)))
            bottom.append(LinePiece("  ", style: label))
        }
        bottom += [
            LinePiece(
                forms: ["largest gap between output and \(theme.star) weights over the sweep: ", "largest gap: "],
                style: gapStyle),
            .number(gap, style: gapStyle),
        ]
        buffer.write(fitted: bottom, x: inner.x, y: inner.maxY - 1, width: inner.width, theme: theme)
    }
}
