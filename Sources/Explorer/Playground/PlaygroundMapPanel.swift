import SDMGrad
import TerminalUI

/// The map: the chosen loss as a heat map of half-block pixels with contour lines, the Pareto set
/// and the three optima, the start points, and every shown run's trajectory up to the shown step.
enum PlaygroundMapPanel {
    /// The plane shown: x1 and x2 in [-10, 10].
    static let extent = 10.0

    /// The data point at the centre of pixel (px, py) of a canvas `w` x `h` pixels.
    static func point(pixelX px: Double, pixelY py: Double, w: Int, h: Int) -> SIMD2<Double> {
        SIMD2(-extent + (px + 0.5) / Double(w) * 2 * extent, extent - (py + 0.5) / Double(h) * 2 * extent)
    }

    /// The pixel holding data point x, nil when not finite.
    static func pixel(_ x: SIMD2<Double>, w: Int, h: Int) -> (x: Int, y: Int)? {
        let px = (x.x + extent) / (2 * extent) * Double(w), py = (extent - x.y) / (2 * extent) * Double(h)
        guard px.isFinite, py.isFinite, abs(px) < 1e6, abs(py) < 1e6 else { return nil }
        return (Int(px.rounded(.down)), Int(py.rounded(.down)))
    }

    /// The data point under a clicked cell of the map's canvas, nil outside it.
    static func point(atColumn column: Int, row: Int, layout: PlaygroundLayout) -> SIMD2<Double>? {
        let canvas = layout.mapCanvas
        guard canvas.contains(x: column, y: row) else { return nil }
        return point(
            pixelX: Double(column - canvas.x), pixelY: Double(2 * (row - canvas.y)) + 0.5,
            w: canvas.width, h: 2 * canvas.height)
    }

    /// Each pixel's colour level: the loss ranked into `levels` equally populated bands (so every
    /// band is visible whatever the loss's range).
    static func levels(_ loss: PlaygroundMapLoss, w: Int, h: Int) -> [Int] {
        var values = [Double](repeating: 0, count: w * h)
        for py in 0..<h {
            for px in 0..<w {
                values[py * w + px] = loss.value(at: point(pixelX: Double(px), pixelY: Double(py), w: w, h: h))
            }
        }
        let sorted = values.sorted()
        let n = Theme.mapLevels
        let thresholds = (1..<n).map { sorted[$0 * sorted.count / n] }
        return values.map { v in thresholds.reduce(0) { $0 + (v >= $1 ? 1 : 0) } }
    }

    /// Draws the panel.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let loss = state.inputs.mapLoss
        let title =
            (loss == .average ? "average loss" : loss.rawValue) + " (m) \(theme.middleDot) [-10, 10]\(theme.squared)"
        let inner = panel([title], area: area, buffer: &buffer, theme: theme)
        guard inner.width > 1, inner.height > 1 else { return }
        let w = inner.width, h = 2 * inner.height
        var canvas = HalfBlockCanvas(width: w, height: inner.height)
        let level = levels(loss, w: w, h: h)
        for py in 0..<h {
            for px in 0..<w {
                let l = level[py * w + px]
                // A contour wherever the band (two levels wide) changes to the right or below.
                let right = px + 1 < w ? level[py * w + px + 1] : l, below = py + 1 < h ? level[(py + 1) * w + px] : l
                let onContour = right / 2 != l / 2 || below / 2 != l / 2
                canvas.setPixel(
                    x: px, y: py, color: onContour ? theme.contourColor(onLevel: l) : theme.mapColor(onLevel: l))
            }
        }
        // The Pareto set, dashed so trajectories ending on it stay visible.
        if let a = pixel(SIMD2(ToyParetoSet.x1Range.lowerBound, ToyParetoSet.x2), w: w, h: h),
            let b = pixel(SIMD2(ToyParetoSet.x1Range.upperBound, ToyParetoSet.x2), w: w, h: h)
        {
            for x in a.x...b.x where x % 2 == 0 { canvas.setPixel(x: x, y: a.y, color: theme.paretoColor) }
        }
        for (index, run) in state.runs.enumerated() {
            drawTrajectory(run, state: state, index: index, on: &canvas, w: w, h: h, theme: theme)
        }
        let u = theme.unicodeText
        for optimum in [ToyParetoSet.optimumL1, ToyParetoSet.optimumL2] {
            if let p = pixel(optimum, w: w, h: h) {
                canvas.mark(x: p.x, y: p.y, u ? "◆" : "o", color: theme.optimumColor)
            }
        }
        if let p = pixel(ToyParetoSet.averageOptimum, w: w, h: h) {
            canvas.mark(x: p.x, y: p.y, Character(theme.target), color: theme.optimumColor)
        }
        for (i, start) in state.inputs.starts.enumerated() {
            guard let p = pixel(start, w: w, h: h) else { continue }
            canvas.mark(
                x: p.x, y: p.y, i == state.display.selectedStart ? (u ? "◎" : "O") : (u ? "○" : "o"),
                color: theme.paretoColor)
        }
        for run in state.runs {
            guard let i = run.recordIndex(atStep: state.step), let p = pixel(run.trajectory.point(i), w: w, h: h) else {
                continue
            }
            canvas.mark(x: p.x, y: p.y, Character(theme.current), color: theme.toyMethodColor(run.settings.method))
        }
        canvas.render(into: &buffer, area: inner, glyphs: theme.glyphs)
    }

    /// One run's path from its start to the shown step, fading in from faint to full colour.
    static func drawTrajectory(
        _ run: PlaygroundRun, state: PlaygroundState, index: Int, on canvas: inout HalfBlockCanvas, w: Int, h: Int,
        theme: Theme
    ) {
        guard let last = run.recordIndex(atStep: state.step) else { return }
        let t = run.trajectory
        let stride = max(1, last / (4 * (w + h)))
        var previous: (x: Int, y: Int)?
        var i = 0
        while true {
            let k = min(i, last)
            if let p = pixel(t.point(k), w: w, h: h) {
                let color = theme.toyMethodColor(
                    run.settings.method, at: Double(t.step(ofRecord: k)) / Double(max(1, run.settings.steps - 1)))
                if let previous {
                    canvas.line(from: previous, to: p, color: color)
                } else {
                    canvas.setPixel(x: p.x, y: p.y, color: color)
                }
                previous = p
            }
            if k == last { break }
            i += stride
        }
    }
}
