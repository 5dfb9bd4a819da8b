import SDMGrad
import TerminalUI

/// The simplex of task weights: the trail w_0..w_k, each pre-projection point y_k joined to its
/// projection, the current w and the fixed point w*.
public struct SimplexPanel: Widget, HitTesting {
    /// The shown call's trace (nil: nothing to draw).
    let trace: Trace?
    /// The iteration shown, and the call's last one.
    let iteration: Int, iterationCount: Int
    /// The trails drawn: the shown call's, or every variant's while the variants view is open.
    let trails: [(trace: Trace, color: Color)]
    /// The fixed point, once known.
    let star: [Double]?
    /// The number of tasks, and their names.
    let m: Int, tasks: [String]
    /// Colours and glyphs.
    let theme: Theme

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(
            ["Simplex of w", " (trail to iteration \(iteration))"], area: area, buffer: &buffer, theme: theme)
        guard inner.width > 6, inner.height > 3, let trace else { return }
        guard trace.w(at: iteration) != nil, iteration == 0 || trace.record(at: iteration) != nil else {
            buffer.write(
                words: ExplainPanel.recomputingNote(iteration, theme: theme), x: inner.x, y: inner.y,
                width: inner.width, style: theme.role(.label), theme: theme)
            return
        }
        switch m {
        case 2: drawSegment(trace: trace, trails: trails, star: star, inner: inner, buffer: &buffer, theme: theme)
        case 3: drawTriangle(trace: trace, trails: trails, star: star, inner: inner, buffer: &buffer, theme: theme)
        default: drawBars(star: star, inner: inner, buffer: &buffer, theme: theme)
        }
    }

    /// Position of a point on the line w1 + w2 = 1 (w1 when it is on the simplex).
    func along(_ y: [Double]) -> Double { (y[0] - y[1] + 1) / 2 }

    /// m = 2: the canvas, the w1 range across it, and the iteration on its first row.
    func segmentFrame(trace: Trace, inner: Rect) -> (Rect, Double, Double, Int) {
        let k = iteration
        let canvasArea = Rect(x: inner.x + 4, y: inner.y + 1, width: inner.width - 4, height: inner.height - 2)
        let ys = trace.steps.prefix(k).map { along($0.y) }.filter(\.isFinite)
        let low = max(min(-0.2, ys.min() ?? 0), -1.5), high = min(max(1.2, ys.max() ?? 1), 2.5)
        // Iteration j sits on text row j - first; the window follows the shown iteration.
        let first = max(0, k - canvasArea.height + 1)
        return (canvasArea, low, high, first)
    }

    /// The triangle's corners (task 1 on top), its data ranges and its canvas (m = 3).
    static let vertices = [(0.5, 0.866), (0.0, 0.0), (1.0, 0.0)]
    func triangleFrame(inner: Rect) -> (canvasArea: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        let canvasArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        let ranges = BrailleCanvas.equalAspect(
            xRange: -0.45...1.45, yRange: -0.3...1.15,
            width: canvasArea.width, height: canvasArea.height)
        return (canvasArea, ranges.xRange, ranges.yRange)
    }

    /// The simplex point under frame cell (x, y) of the panel at `area` (projected on the
    /// simplex): for m = 2 the w1 across the row, for m = 3 the triangle's point, for m > 3 the
    /// vertex of the task whose bar was clicked (bars sorted by w).
    public func point(x: Int, y: Int, area: Rect) -> [Double]? {
        let inner = area.inset(by: 1)
        guard inner.contains(x: x, y: y), let trace else { return nil }
        func fraction(_ value: Int, _ start: Int, _ length: Int) -> Double {
            (Double(value - start) + 0.5) / Double(max(length, 1))
        }
        switch m {
        case 2:
            let (canvasArea, low, high, _) = segmentFrame(trace: trace, inner: inner)
            guard canvasArea.contains(x: x, y: y) else { return nil }
            let w1 = min(max(low + fraction(x, canvasArea.x, canvasArea.width) * (high - low), 0), 1)
            return [w1, 1 - w1]
        case 3:
            let frame = triangleFrame(inner: inner)
            guard frame.canvasArea.contains(x: x, y: y) else { return nil }
            let px =
                frame.xRange.lowerBound + fraction(x, frame.canvasArea.x, frame.canvasArea.width)
                * (frame.xRange.upperBound - frame.xRange.lowerBound)
            let py =
                frame.yRange.upperBound - fraction(y, frame.canvasArea.y, frame.canvasArea.height)
                * (frame.yRange.upperBound - frame.yRange.lowerBound)
            // Barycentric coordinates of (px, py) in the triangle, then the nearest simplex point.
            let b0 = py / Self.vertices[0].1
            let b2 = px - 0.5 * b0
            return SimplexProjection.project([b0, 1 - b0 - b2, b2]).w
        default:
            // The bars are sorted by the shown w: row r is the r-th largest.
            guard let w = trace.w(at: iteration) else { return nil }
            let shown = barTasks(w: w, inner: inner).shown
            let row = y - inner.y
            guard row >= 0, row < shown.count else { return nil }
            return (0..<m).map { $0 == shown[row] ? 1 : 0 }
        }
    }

    /// m = 2: x is the weight w_1 (0 at the task-2 vertex, 1 at the task-1 vertex); one text row per iteration.
    func drawSegment(
        trace: Trace, trails: [(trace: Trace, color: Color)],
        star: [Double]?, inner: Rect, buffer: inout Buffer, theme: Theme
    ) {
        let k = iteration
        let (canvasArea, low, high, first) = segmentFrame(trace: trace, inner: inner)
        guard canvasArea.height > 0, canvasArea.width > 2 else { return }
        let top = -Double(first) + 0.5, bottom = -Double(first + canvasArea.height - 1) - 0.5
        var canvas = BrailleCanvas(
            width: canvasArea.width, height: canvasArea.height, xRange: low...high, yRange: bottom...top)
        canvas.line(from: (0, top), to: (0, bottom), color: theme.taskColor(1))
        canvas.line(from: (1, top), to: (1, bottom), color: theme.taskColor(0))
        if let star { canvas.line(from: (star[0], top), to: (star[0], bottom), color: theme.color(.curve)) }
        for (t, color) in trails {
            for j in stride(from: 1, through: min(k, t.count), by: 1) {
                // A bounded trace draws the iterations it has at hand.
                guard let step = t.record(at: j), let before = t.w(at: j - 1) else { continue }
                let to = (step.w[0], -Double(j))
                canvas.line(from: (max(low, min(high, along(step.y))), -Double(j)), to: to, color: theme.color(.axis))
                canvas.line(from: (before[0], -Double(j - 1)), to: to, color: color)
            }
        }
        if let star { canvas.label(theme.target, x: star[0], y: top - 0.5, style: theme.role(.fixedPoint)) }
        if k > 0, let step = trace.record(at: k) {
            let y = along(step.y)
            let clipped = max(low, min(high, y))
            let text = y > high ? "y\(theme.arrow)" : "y"
            canvas.label(text, x: clipped, y: -Double(k), style: theme.role(.beforeProjection))
        }
        if let w = trace.w(at: k) { canvas.label(theme.current, x: w[0], y: -Double(k), style: theme.role(.current)) }
        canvas.render(into: &buffer, area: canvasArea, glyphs: theme.glyphs)
        for row in 0..<canvasArea.height where first + row <= iterationCount {
            let number = "\(first + row)"
            guard displayWidth(of: number) <= 3 else { continue }
            buffer.write(
                pad(number, to: 3), x: inner.x, y: canvasArea.y + row,
                style: theme.role(first + row == k ? .value : .label))
        }
        // The task names sit on the header row at their vertex lines, which move as the axis rescales:
        // task 2's name starts at w1 = 0, task 1's starts at w1 = 1 (or ends there when the panel ends first).
        let zeroX = canvasArea.x + Int((0 - low) / (high - low) * Double(canvasArea.width))
        let oneX = canvasArea.x + Int((1 - low) / (high - low) * Double(canvasArea.width))
        buffer.write("k", x: inner.x, y: inner.y, style: theme.role(.label))
        let rightRoom = inner.maxX - max(zeroX + 2, inner.x + 2)
        let right = FittedLine.fit(
            LinePiece.words(tasks[0], style: theme.task(0)), width: rightRoom, ellipsis: theme.ellipsis)
        let rightWidth = FittedLine.width(of: right)
        let rightX = oneX + rightWidth <= inner.maxX ? oneX : max(oneX + 1 - rightWidth, inner.maxX - rightWidth)
        buffer.write(right, x: rightX, y: inner.y, maxWidth: inner.maxX - rightX)
        let leftX = max(zeroX, inner.x + 2)
        buffer.write(
            fitted: LinePiece.words(tasks[1], style: theme.task(1)), x: leftX, y: inner.y,
            width: max(0, rightX - 1 - leftX), theme: theme)
        legend(
            star: star, y: inner.maxY - 1, inner: inner, buffer: &buffer, theme: theme,
            extra: "x = w1, rows = iterations")
    }

    /// m = 3: barycentric triangle with task 1 on top.
    func drawTriangle(
        trace: Trace, trails: [(trace: Trace, color: Color)],
        star: [Double]?, inner: Rect, buffer: inout Buffer, theme: Theme
    ) {
        let k = iteration
        let (canvasArea, xRange, yRange) = triangleFrame(inner: inner)
        func point(_ w: [Double]) -> (Double, Double) {
            // Points off the plane sum(w) = 1 are first moved onto it along (1, 1, 1).
            let shift = (1 - w.reduce(0, +)) / 3
            let b = w.map { $0 + shift }
            return (
                b[0] * Self.vertices[0].0 + b[1] * Self.vertices[1].0 + b[2] * Self.vertices[2].0,
                b[0] * Self.vertices[0].1 + b[1] * Self.vertices[1].1 + b[2] * Self.vertices[2].1
            )
        }
        // Points y far outside are pinned to the edge of a view a little larger than the triangle.
        let (pinX, pinY) = (-0.45...1.45, -0.3...1.15)
        func pinned(_ p: (Double, Double)) -> (Double, Double) {
            (
                p.0.isFinite ? min(max(p.0, pinX.lowerBound), pinX.upperBound) : pinX.upperBound,
                p.1.isFinite ? min(max(p.1, pinY.lowerBound), pinY.upperBound) : pinY.upperBound
            )
        }
        var canvas = BrailleCanvas(width: canvasArea.width, height: canvasArea.height, xRange: xRange, yRange: yRange)
        for i in 0..<3 {
            canvas.line(from: Self.vertices[i], to: Self.vertices[(i + 1) % 3], color: theme.color(.axis))
        }
        for (t, color) in trails {
            for j in stride(from: 1, through: min(k, t.count), by: 1) {
                guard let step = t.record(at: j), let before = t.w(at: j - 1) else { continue }
                canvas.line(from: pinned(point(step.y)), to: point(step.w), color: theme.color(.axis))
                canvas.line(from: point(before), to: point(step.w), color: color)
            }
        }
        for (i, v) in Self.vertices.enumerated() {
            canvas.label("\(i + 1)", x: v.0, y: v.1, style: theme.task(i, bold: true))
        }
        if let star { let p = point(star); canvas.label(theme.target, x: p.0, y: p.1, style: theme.role(.fixedPoint)) }
        if k > 0, let step = trace.record(at: k) {
            let p = pinned(point(step.y))
            canvas.label("y", x: p.0, y: p.1, style: theme.role(.beforeProjection))
        }
        if let w = trace.w(at: k).map(point) {
            canvas.label(theme.current, x: w.0, y: w.1, style: theme.role(.current))
        }
        canvas.render(into: &buffer, area: canvasArea, glyphs: theme.glyphs)
        legend(
            star: star, y: inner.maxY - 1, inner: inner, buffer: &buffer, theme: theme,
            extra: "vertex i = all on task i")
    }

    /// m > 3: the tasks shown as bars, largest w first, and how many rows they take; the rest share one
    /// line above the legend when they do not all fit.
    func barTasks(w: [Double], inner: Rect) -> (shown: [Int], rows: Int) {
        let room = max(0, inner.height - 1)
        let order = TopKText.ranking(w)
        if order.count <= room { return (order, order.count) }
        let shown = Array(order.prefix(max(0, room - 1)))
        return (shown, room)
    }

    /// A bar's label: "task 40", or "40 " and the task's own name; the bare number when that is wider than `width`
    /// (a name is never cut).
    func barLabel(_ i: Int, width: Int) -> String {
        let name = TopKText.name(i, names: tasks)
        let label = name == "task \(i + 1)" ? name : "\(i + 1) \(name)"
        return displayWidth(of: label) > width ? "\(i + 1)" : label
    }

    /// m > 3: one bar per task for w, with w* beside it, largest w first; past the panel's height the
    /// top tasks and one line for the others ("60 others ≤ 0.004").
    func drawBars(star: [Double]?, inner: Rect, buffer: inout Buffer, theme: Theme) {
        guard let w = trace?.w(at: iteration) else { return }
        let (shown, rows) = barTasks(w: w, inner: inner)
        // The value column: w and w* with three decimals when the panel has room, fewer otherwise (never cut).
        let valueWidth = max(5, min(star == nil ? 5 : 14, inner.width / 2 - 4))
        let labelWidth = max(2, min(16, inner.width / 4))
        let bars = shown.map { i -> BarRow in
            let pieces: [LinePiece] =
                [.number(w[i], precision: .decimals(3), style: theme.role(.plain), rank: 1)]
                + (star.map {
                    [
                        LinePiece.optional(" \(theme.star) ", rank: 0),
                        .number($0[i], precision: .decimals(3), style: theme.role(.plain), rank: 0),
                    ]
                } ?? [])
            let text = FittedLine.fit(pieces, width: valueWidth, ellipsis: theme.ellipsis).map(\.text).joined()
            return BarRow(
                label: barLabel(i, width: labelWidth), fraction: w[i], valueText: text,
                barStyle: theme.task(i), labelStyle: theme.role(.label))
        }
        BarChart(rows: bars, glyphs: theme.glyphs).render(
            area: Rect(x: inner.x, y: inner.y, width: inner.width, height: shown.count), buffer: &buffer)
        if shown.count < w.count, rows > shown.count {
            let hidden = TopKText.ranking(w).dropFirst(shown.count).map { $0 }
            let forms = TopKText.others(w, hidden: hidden, decimals: 3, ascii: !theme.unicodeText)
            buffer.write(
                fitted: [LinePiece(forms: forms, style: theme.role(.label))], x: inner.x, y: inner.y + shown.count,
                width: inner.width, theme: theme)
        }
        legend(
            star: star, y: inner.maxY - 1, inner: inner, buffer: &buffer, theme: theme,
            extra: "bars: w per task, largest first")
    }

    func legend(star: [Double]?, y: Int, inner: Rect, buffer: inout Buffer, theme: Theme, extra: String) {
        let label = theme.role(.label)
        var pieces: [LinePiece] = [
            LinePiece(theme.current, style: theme.role(.current)), LinePiece(" w  ", style: label),
            LinePiece("y", style: theme.role(.beforeProjection)),
            LinePiece(forms: [" before projection  ", " before  "], style: label),
        ]
        if star != nil {
            pieces += [
                LinePiece(theme.target, style: theme.role(.fixedPoint)), LinePiece(" \(theme.star)  ", style: label),
            ]
        }
        pieces.append(.optional(extra, style: label, rank: -1))
        buffer.write(fitted: pieces, x: inner.x, y: y, width: inner.width, theme: theme)
    }
}
