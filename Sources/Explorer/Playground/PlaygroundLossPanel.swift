import SDMGrad
import TerminalUI

/// Loss space, as FAMO's toy plots it: L1 across, L2 up, the Pareto front (the losses along the
/// Pareto set) and each run's losses from its start to the shown step.
enum PlaygroundLossPanel {
    /// The Pareto front: (L1, L2) at points of the Pareto segment.
    static let front: [SIMD2<Double>] = (0...80).map { k in
        let x1 =
            ToyParetoSet.x1Range.lowerBound + Double(k) / 80
            * (ToyParetoSet.x1Range.upperBound - ToyParetoSet.x1Range.lowerBound)
        return ToyProblem.losses(at: SIMD2(x1, ToyParetoSet.x2))
    }

    /// Draws the panel.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = panel(
            [theme.unicodeText ? "loss space: L1 →, L2 ↑ · front" : "loss space: L1 across, L2 up, front"], area: area,
            buffer: &buffer, theme: theme)
        guard inner.width > 8, inner.height > 2 else { return }
        var lo = SIMD2(Double.infinity, Double.infinity), hi = -lo
        func include(_ l: SIMD2<Double>) {
            guard l.x.isFinite, l.y.isFinite else { return }
            lo = pointwiseMin(lo, l)
            hi = pointwiseMax(hi, l)
        }
        front.forEach(include)
        for run in state.runs { for i in 0..<run.trajectory.count { include(losses(run.trajectory, i)) } }
        let axisWidth = 6
        let plot = Rect(x: inner.x + axisWidth, y: inner.y, width: inner.width - axisWidth, height: inner.height - 1)
        var canvas = BrailleCanvas(
            width: plot.width, height: plot.height, xRange: lo.x...max(hi.x, lo.x + 1),
            yRange: lo.y...max(hi.y, lo.y + 1))
        for (a, b) in zip(front, front.dropFirst()) {
            canvas.line(from: (a.x, a.y), to: (b.x, b.y), color: theme.paretoColor)
        }
        for run in state.runs {
            guard let last = run.recordIndex(atStep: state.step) else { continue }
            let stride = max(1, last / (3 * plot.width))
            var i = 0
            var previous: SIMD2<Double>?
            while true {
                let k = min(i, last)
                let l = losses(run.trajectory, k)
                let color = theme.toyMethodColor(
                    run.settings.method,
                    at: Double(run.trajectory.step(ofRecord: k)) / Double(max(1, run.settings.steps - 1)))
                if let previous { canvas.line(from: (previous.x, previous.y), to: (l.x, l.y), color: color) }
                previous = l
                if k == last { break }
                i += stride
            }
        }
        canvas.render(into: &buffer, area: plot, glyphs: theme.glyphs)
        let label = theme.role(.label)
        buffer.write(NumberText.axis(hi.y), x: inner.x, y: inner.y, style: label, maxWidth: axisWidth - 1)
        buffer.write(NumberText.axis(lo.y), x: inner.x, y: plot.maxY - 1, style: label, maxWidth: axisWidth - 1)
        buffer.write(NumberText.axis(lo.x), x: plot.x, y: plot.maxY, style: label)
        let right = NumberText.axis(hi.x)
        buffer.write(right, x: plot.maxX - displayWidth(of: right), y: plot.maxY, style: label)
    }

    /// (L1, L2) of record i.
    static func losses(_ t: ToyTrajectory, _ i: Int) -> SIMD2<Double> { SIMD2(t.losses[2 * i], t.losses[2 * i + 1]) }
}
