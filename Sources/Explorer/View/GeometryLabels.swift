import TerminalUI

/// What the Geometry panel's labels were placed against, and where they went: the marks (the canvas as
/// drawn, with its arrows, hull, curve and ★) and the placements, none over a mark or another label.
public struct GeometryLabels: Sendable {
    /// The canvas cells the picture drew before any label was placed.
    public let marks: CellOccupancy
    /// The labels written, in placing order.
    public let placements: [LabelPlacement]
    /// What each placement names: a task (0-based), the direction d or the preference.
    public let subjects: [Subject]
    /// The cell of the point each placement names (a tip, d's or w~'s end).
    public let anchors: [(x: Int, y: Int)]

    /// The labels `placements`, naming `subjects` at `anchors`, placed against `marks`.
    public init(marks: CellOccupancy, placements: [LabelPlacement], subjects: [Subject], anchors: [(x: Int, y: Int)]) {
        self.marks = marks
        self.placements = placements
        self.subjects = subjects
        self.anchors = anchors
    }

    /// What a label names.
    public enum Subject: Hashable, Sendable {
        case task(Int), direction, preference
    }
}

extension GeometryPanel {
    /// Tasks labelled at most when there are many: the top ones by shown weight.
    static let labelledTop = 3

    /// The weights that rank the tasks for labels: the shown w, else w*, else the preference.
    var rankingWeights: [Double] { weights ?? starWeights ?? preference }

    /// The labels' requests for `picture` drawn in `canvas`: d first, then the task being edited, the
    /// preference (m > 8), then tasks by shown weight; past 8 tasks only the top ones.
    func labelRequests(picture: Picture, canvas: BrailleCanvas) -> [(LabelRequest, GeometryLabels.Subject)] {
        let area = picture.canvasArea
        let origin = canvas.cell(x: 0, y: 0)
        func anchored(_ p: (Double, Double), forms: [String], priority: Int, style: Style) -> LabelRequest? {
            guard p.0.isFinite, p.1.isFinite, let cell = canvas.cell(x: p.0, y: p.1) else { return nil }
            // Away from the origin first, so a label does not sit on its own arrow.
            let leftward = origin.map { cell.column < $0.column } ?? false
            let upward = origin.map { cell.row <= $0.row } ?? true
            let sides: [LabelDirection] = leftward ? [.left, .right] : [.right, .left]
            let rows: [LabelDirection] =
                upward
                ? (leftward
                    ? [.aboveLeft, .aboveRight, .above, .belowLeft, .belowRight, .below]
                    : [.aboveRight, .aboveLeft, .above, .belowRight, .belowLeft, .below])
                : (leftward
                    ? [.belowLeft, .belowRight, .below, .aboveLeft, .aboveRight, .above]
                    : [.belowRight, .belowLeft, .below, .aboveRight, .aboveLeft, .above])
            return LabelRequest(
                forms: forms, anchorX: area.x + cell.column, anchorY: area.y + cell.row,
                priority: priority, directions: sides + rows, style: style)
        }
        var requests: [(LabelRequest, GeometryLabels.Subject)] = []
        if let direction = picture.direction,
            let r = anchored(direction, forms: ["d"], priority: 3 * m + 3, style: theme.role(.direction))
        {
            requests.append((r, .direction))
        }
        if m > 8,
            let r = anchored(
                picture.preference, forms: ["\(theme.wTilde) preferred", theme.wTilde],
                priority: 3 * m + 1, style: theme.role(.preference))
        {
            requests.append((r, .preference))
        }
        let ranking = TopKText.ranking(rankingWeights.count == m ? rankingWeights : Array(repeating: 0, count: m))
        var labelled = m > 8 ? Array(ranking.prefix(Self.labelledTop)) : ranking
        if let selectedTask, selectedTask < m, !labelled.contains(selectedTask) { labelled.insert(selectedTask, at: 0) }
        for (rank, i) in labelled.enumerated() where i < picture.tips.count {
            let priority = i == selectedTask ? 3 * m + 2 : m - rank
            guard
                let r = anchored(
                    picture.tips[i], forms: labelForms(task: i), priority: priority,
                    style: theme.task(i, bold: true))
            else { continue }
            requests.append((r, .task(i)))
        }
        return requests
    }

    /// A task's label, longest first: "2 small", then the bare number (a name is never cut); "task 40", then "#40".
    func labelForms(task i: Int) -> [String] {
        let number = "\(i + 1)"
        let name = tasks.indices.contains(i) ? tasks[i] : ""
        // A default name ("task 40") says nothing the number does not; alone, "#40" reads as a task, "40" as a value.
        guard !name.isEmpty, name != "task \(number)" else { return ["task \(number)", "#\(number)"] }
        return ["\(number) \(name)", number]
    }

    /// Places the labels of `picture` against what `buffer` shows in the canvas area, and writes them. A label
    /// with no room beside its point (tips crowd the origin at large m) tries points up to two cells away before a shorter form.
    func placeLabels(picture: Picture, canvas: BrailleCanvas, buffer: inout Buffer) -> GeometryLabels {
        let marks = CellOccupancy(buffer: buffer, area: picture.canvasArea)
        let requests = labelRequests(picture: picture, canvas: canvas)
        var occupancy = marks
        var placements: [LabelPlacement] = [], subjects: [GeometryLabels.Subject] = [], anchors: [(x: Int, y: Int)] = []
        let order = requests.indices.sorted {
            requests[$0].0.priority != requests[$1].0.priority
                ? requests[$0].0.priority > requests[$1].0.priority : $0 < $1
        }
        for index in order {
            let (request, subject) = requests[index]
            // A whole name two cells away reads better than a bare number beside the point.
            search: for form in request.forms {
                for (dx, dy) in Self.anchorShifts {
                    var moved = request
                    (moved.forms, moved.anchorX, moved.anchorY) = ([form], request.anchorX + dx, request.anchorY + dy)
                    guard var placed = LabelPlacer.place([moved], occupancy: &occupancy).first else { continue }
                    placed.request = index
                    placements.append(placed)
                    subjects.append(subject)
                    anchors.append((request.anchorX, request.anchorY))
                    break search
                }
            }
        }
        LabelPlacer.write(placements, into: &buffer)
        return GeometryLabels(marks: marks, placements: placements, subjects: subjects, anchors: anchors)
    }

    /// Where a label's anchor is tried, nearest first: the point's own cell, then the cells around it.
    static let anchorShifts: [(Int, Int)] = [
        (0, 0), (0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1),
        (0, -2), (0, 2), (2, 0), (-2, 0), (2, -2), (-2, -2), (2, 2), (-2, 2),
    ]

    /// The labels as `render(area:buffer:)` places them in `area` (nil while the picture is pending).
    public func labels(area: Rect) -> GeometryLabels? {
        var buffer = Buffer(width: area.maxX, height: area.maxY)
        return draw(area: area, buffer: &buffer)
    }
}
