import Runtime
import TerminalUI

/// What the mouse does, found through the same layout the view draws with.
extension ExplorerState {
    /// Applies a mouse event: clicks and drags act on release, the wheel at once.
    mutating func handle(_ mouse: MouseEvent) -> Command<ExplorerMessage> {
        // A zoomed panel answers the mouse where it is drawn, over the whole screen; the others are not there.
        let layout = layout(width: display.size.width, height: display.size.height).zooming(display.zoom)
        guard layout.fits else { return .none }
        // The wheel scrolls the help anywhere, a lower view over it.
        if display.lowerView == .help || layout.lower.contains(x: mouse.x, y: mouse.y), scrollLowerView(by: mouse) {
            return .none
        }
        guard display.lowerView != .help else { return .none }
        let lowerShowsConvergence = display.zoom == .convergence || (display.zoom == nil && display.lowerView == .none)
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            if layout.simplex.contains(x: mouse.x, y: mouse.y)
                || (lowerShowsConvergence && layout.convergence.contains(x: mouse.x, y: mouse.y))
            {
                setIteration(display.iteration + (mouse.kind == .wheelDown ? 1 : -1))
            }
            return .none
        case .press:
            display.pressedAt = (mouse.x, mouse.y)
            if lowerShowsConvergence,
                let k = Frame.convergence(self, theme: .unicode).point(x: mouse.x, y: mouse.y, area: layout.convergence)
            {
                setIteration(k)
            }
            return .none
        case .release:
            guard let from = display.pressedAt else { return .none }
            display.pressedAt = nil
            if from == (mouse.x, mouse.y) {
                if let click = display.lowerView.click, layout.lower.contains(x: mouse.x, y: mouse.y) {
                    return click(&self, mouse.x, mouse.y, layout.lower)
                }
                guard let w = Frame.simplex(self, theme: .unicode).point(x: mouse.x, y: mouse.y, area: layout.simplex)
                else { return .none }
                if let command = quizClick(w) { return command }  // lessons: in a quiz the click is the guess of w*
                return setStart(w)
            }
            return drag(from: from, to: (mouse.x, mouse.y), in: layout.geometry)
        }
    }

    /// A drag in Geometry while editing moves the gradient whose tip it started on.
    private mutating func drag(from: (x: Int, y: Int), to: (x: Int, y: Int), in area: Rect) -> Command<ExplorerMessage>
    {
        guard display.editing, area.contains(x: from.x, y: from.y),
            let picture = Frame.geometry(self, theme: .unicode).picture(area: area)
        else { return .none }
        guard picture.embedding.coordinates.columns == 2, scenario.gradients?.columns == 2 else {
            display.message = "dragging moves tips of 2-D gradients; use the arrow keys here"
            return .none
        }
        // The tip nearest the press, within two cells.
        let nearest = picture.tips.indices.min { a, b in
            cellDistance(picture.cell(of: picture.tips[a]), from)
                < cellDistance(picture.cell(of: picture.tips[b]), from)
        }
        guard let task = nearest, cellDistance(picture.cell(of: picture.tips[task]), from) <= 2 else {
            display.message = "press on a gradient's tip to drag it"
            return .none
        }
        let start = picture.point(column: from.x, row: from.y), end = picture.point(column: to.x, row: to.y)
        display.selectedTask = task
        return moveGradient(task, by: (end.0 - start.0, end.1 - start.1))
    }

    private func cellDistance(_ a: (x: Int, y: Int), _ b: (x: Int, y: Int)) -> Int {
        max(abs(a.x - b.x), abs(a.y - b.y))
    }
}
