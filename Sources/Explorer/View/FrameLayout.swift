import TerminalUI

/// Where each panel of the explorer goes at a size: computed once, used by the view to draw
/// and by update to find what the mouse points at.
public struct FrameLayout: Sendable {
    /// The frame's size.
    public let width: Int, height: Int
    /// The top three rows, the bottom row.
    public let header: Rect, status: Rect
    /// The upper panels.
    public private(set) var geometry: Rect, simplex: Rect, matrix: Rect
    /// The whole lower area, and its two halves when no lower view covers it.
    public private(set) var lower: Rect, state: Rect, convergence: Rect
    /// Where the help goes: over everything between the header and the status line.
    public let help: Rect

    /// Whether the size can show every panel (else the too-small screen).
    public var fits: Bool { width >= Frame.minimumWidth && height >= Frame.minimumHeight }

    /// The layout of a `width` x `height` frame for `m` tasks.
    public init(width: Int, height: Int, m: Int) {
        self.width = width
        self.height = height
        let area = Rect(x: 0, y: 0, width: max(width, 0), height: max(height, 0))
        let rows = Layout.vertical([.length(3), .fill(1), .length(1)]).split(area)
        header = rows[0]
        status = rows[2]
        let main = rows[1]
        let lowerHeight = max(8, main.height * 2 / 5)
        let parts = Layout.vertical([.fill(1), .length(lowerHeight)]).split(main)
        let top = parts[0]
        lower = parts[1]
        let geometryWidth = max(40, top.width / 2 + 2)
        let columns = Layout.horizontal([.length(geometryWidth), .fill(1)]).split(top)
        // The matrix panel takes what m rows need (s, A and Â side by side, the asymmetry line); the simplex the rest.
        let matrixHeight = min(max(m + (top.height < 16 ? 3 : 5), 5), top.height / 2)
        let right = Layout.vertical([.fill(1), .length(matrixHeight)]).split(columns[1])
        geometry = columns[0]
        simplex = right[0]
        matrix = right[1]
        let split = Layout.horizontal([.percentage(58), .fill(1)]).split(lower)
        state = split[0]
        convergence = split[1]
        help = main
    }

    /// This layout with the lower view (and the state and convergence panels) over the whole of `help`
    /// (the zoomed lower view).
    public func zoomingLower() -> FrameLayout {
        var zoomed = self
        zoomed.lower = help
        zoomed.state = help
        zoomed.convergence = help
        return zoomed
    }

    /// This layout as the mouse meets `zoom`: the zoomed panel over the whole of `help` (as `Frame.render` draws
    /// it), every other panel nowhere.
    public func zooming(_ zoom: Zoom?) -> FrameLayout {
        guard let zoom else { return self }
        if zoom == .lower { return zoomingLower() }
        var zoomed = self
        let nowhere = Rect(x: 0, y: 0, width: 0, height: 0)
        zoomed.geometry = zoom == .geometry ? help : nowhere
        zoomed.simplex = zoom == .simplex ? help : nowhere
        zoomed.matrix = zoom == .matrix ? help : nowhere
        zoomed.state = zoom == .state ? help : nowhere
        zoomed.convergence = zoom == .convergence ? help : nowhere
        zoomed.lower = nowhere
        return zoomed
    }
}
