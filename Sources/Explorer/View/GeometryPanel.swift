import SDMGrad
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// The task gradients as arrows, their hull, the preferred direction, d now, and the lambda curve.
public struct GeometryPanel: Widget {
    /// The picture of the shown call's gradients, or what its job says meanwhile.
    let embedding: Pending<Embedding>
    /// The view's rotation (3-D pictures), in radians.
    let yaw: Double, pitch: Double
    /// The number of tasks, and their names.
    let m: Int, tasks: [String]
    /// The preference w~ of the shown call.
    let preference: [Double]
    /// The weights now, combined into d in the picture's coordinates.
    let weights: [Double]?
    /// w*(lambda) from 0 to infinity, or what its job says meanwhile.
    let curve: Pending<LambdaCurvePoints>
    /// The weights at w*, once known.
    let starWeights: [Double]?
    /// The task whose tip is being edited, if any.
    let selectedTask: Int?
    /// Colours and glyphs.
    let theme: Theme

    /// Where things are drawn: the canvas area, its data ranges and the projected points.
    struct Picture {
        let embedding: Embedding
        let project: Projection
        let canvasArea: Rect
        let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
        let tips: [(Double, Double)]
        let preference: (Double, Double)
        let direction: (Double, Double)?
        let curve: [(Double, Double)]
        let marker: (Double, Double)?

        /// The data point under cell (x, y) of the frame.
        func point(column x: Int, row y: Int) -> (Double, Double) {
            let fx = (Double(x - canvasArea.x) + 0.5) / Double(max(canvasArea.width, 1))
            let fy = (Double(y - canvasArea.y) + 0.5) / Double(max(canvasArea.height, 1))
            return (
                xRange.lowerBound + fx * (xRange.upperBound - xRange.lowerBound),
                yRange.upperBound - fy * (yRange.upperBound - yRange.lowerBound)
            )
        }

        /// The cell of the frame showing data point p.
        func cell(of p: (Double, Double)) -> (x: Int, y: Int) {
            let fx = (p.0 - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
            let fy = (yRange.upperBound - p.1) / (yRange.upperBound - yRange.lowerBound)
            return (
                canvasArea.x + Int((fx * Double(canvasArea.width)).rounded(.down)),
                canvasArea.y + Int((fy * Double(canvasArea.height)).rounded(.down))
            )
        }
    }

    /// The picture in the panel's `area`, once the embedding is known.
    func picture(area: Rect) -> Picture? {
        guard let embedding = self.embedding.value else { return nil }
        let inner = area.inset(by: 1)
        let dims = embedding.coordinates.columns
        let project = Projection(dimensions: dims, yaw: yaw, pitch: pitch)
        let tips = (0..<m).map { project(embedding.coordinates.row($0)) }
        let preference = project(embedding.combine(self.preference))
        let direction = weights.map { project(embedding.combine($0)) }
        let curve = self.curve.value?.weights.map { project(embedding.combine($0)) } ?? []
        let marker = starWeights.map { project(embedding.combine($0)) }
        let canvasArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(inner.height - 2, 0))
        var everything = tips + [(0.0, 0.0), preference] + curve
        if let direction { everything.append(direction) }
        let finite = everything.filter { $0.0.isFinite && $0.1.isFinite }
        let xs = finite.map { $0.0 }, ys = finite.map { $0.1 }
        let pad = 0.12 * max((xs.max() ?? 1) - (xs.min() ?? -1), (ys.max() ?? 1) - (ys.min() ?? -1), 1e-12)
        let ranges = BrailleCanvas.equalAspect(
            xRange: ((xs.min() ?? -1) - pad)...((xs.max() ?? 1) + pad),
            yRange: ((ys.min() ?? -1) - pad)...((ys.max() ?? 1) + pad),
            width: canvasArea.width, height: canvasArea.height)
        return Picture(
            embedding: embedding, project: project, canvasArea: canvasArea, xRange: ranges.xRange,
            yRange: ranges.yRange, tips: tips, preference: preference, direction: direction, curve: curve,
            marker: marker)
    }

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) { _ = draw(area: area, buffer: &buffer) }

    /// Draws the panel into `area`, saying where its labels went (nil while the picture is pending).
    @discardableResult
    func draw(area: Rect, buffer: inout Buffer) -> GeometryLabels? {
        let dims = embedding.value?.coordinates.columns ?? 2
        let inner = panel(
            dims == 3 ? ["Geometry", " (3-D, [ ] { } rotate)"] : ["Geometry"], area: area, buffer: &buffer, theme: theme
        )
        guard inner.width > 4, inner.height > 3 else { return nil }
        guard let picture = picture(area: area) else {
            writePlaceholder(
                embedding.placeholder("the embedding of the gradients", ellipsis: theme.ellipsis),
                area: inner, buffer: &buffer, theme: theme)
            return nil
        }
        let (embedding, canvasArea, tips, preference, direction, curve, marker) =
            (
                picture.embedding, picture.canvasArea, picture.tips, picture.preference, picture.direction,
                picture.curve, picture.marker
            )
        var canvas = BrailleCanvas(
            width: canvasArea.width, height: canvasArea.height,
            xRange: picture.xRange, yRange: picture.yRange)
        // Axes through the origin, faint.
        canvas.line(from: (canvas.xRange.lowerBound, 0), to: (canvas.xRange.upperBound, 0), color: theme.color(.axis))
        canvas.line(from: (0, canvas.yRange.lowerBound), to: (0, canvas.yRange.upperBound), color: theme.color(.axis))
        // Convex hull of the tips: where every direction J^T w with w on the simplex lies.
        let hull = ConvexHull.of(tips)
        for i in hull.indices where hull.count > 1 {
            canvas.line(from: hull[i], to: hull[(i + 1) % hull.count], color: theme.color(.axis))
        }
        for k in 1..<max(curve.count, 1) { canvas.line(from: curve[k - 1], to: curve[k], color: theme.color(.curve)) }
        canvas.arrow(from: (0, 0), to: preference, color: theme.color(.preference))
        for (i, tip) in tips.enumerated() {
            let selected = i == selectedTask
            canvas.arrow(from: (0, 0), to: tip, color: selected ? theme.color(.selectedTask) : theme.taskColor(i))
        }
        if let direction { canvas.arrow(from: (0, 0), to: direction, color: theme.color(.direction)) }
        // The ★ is a mark; the names and d are placed around the marks afterwards, never over them.
        if let marker {
            canvas.label(theme.target, x: marker.0, y: marker.1, style: theme.role(.fixedPoint))
        }
        canvas.render(into: &buffer, area: canvasArea, glyphs: theme.glyphs)
        let labels = placeLabels(picture: picture, canvas: canvas, buffer: &buffer)

        let label = theme.role(.label)
        let legend: [LinePiece] = [
            LinePiece("d", style: theme.role(.direction)), LinePiece(" now  ", style: label),
            LinePiece("\(theme.wTilde)", style: theme.role(.preference)), LinePiece(" preferred  ", style: label),
            .optional("curve", style: theme.role(.curve), rank: -1, group: 1),
            .optional(
                " d(\(theme.star)) for \(theme.lambda) 0\(theme.arrow)\(theme.infinity)  ", style: label, rank: -1,
                group: 1),
            LinePiece(theme.target, style: theme.role(.fixedPoint)), LinePiece(" d(\(theme.star)) today", style: label),
        ]
        buffer.write(fitted: legend, x: inner.x, y: inner.maxY - 2, width: inner.width, theme: theme)
        let note =
            self.curve.isPending
            ? embedding.note + "; " + (self.curve.placeholder("the curve", ellipsis: theme.ellipsis) ?? "")
            : embedding.note
        buffer.write(
            words: note, x: inner.x, y: inner.maxY - 1, width: inner.width,
            style: theme.role(embedding.isExact ? .label : .warning), theme: theme)
        return labels
    }
}
