import SDMGrad
import TerminalUI

/// The whole screen for a state at a size: the Elm architecture's view (pure).
public enum Frame {
    /// The smallest size with every panel; below it the too-small screen is shown.
    public static let minimumWidth = 80, minimumHeight = 24

    /// Renders the frame.
    public static func render(_ state: ExplorerState, width: Int, height: Int, theme: Theme = .unicode) -> Buffer {
        var buffer = Buffer(width: max(width, 0), height: max(height, 0))
        guard width >= minimumWidth, height >= minimumHeight else {
            renderTooSmall(into: &buffer, theme: theme)
            return buffer
        }
        let rows = Layout.vertical([.length(3), .fill(1), .length(1)]).split(buffer.area)
        Header.render(state, area: rows[0], buffer: &buffer, theme: theme)
        StatusLine.render(state, area: rows[2], buffer: &buffer, theme: theme)
        let main = rows[1]
        let lowerHeight = max(8, main.height * 2 / 5)
        let parts = Layout.vertical([.fill(1), .length(lowerHeight)]).split(main)
        let top = parts[0], lower = parts[1]
        let geometryWidth = max(40, top.width / 2 + 2)
        let columns = Layout.horizontal([.length(geometryWidth), .fill(1)]).split(top)
        // The matrix panel takes what m rows need (s, A and Â side by side, the asymmetry line); the simplex the rest.
        let matrixHeight = min(max(state.m + (top.height < 16 ? 3 : 5), 5), top.height / 2)
        let right = Layout.vertical([.fill(1), .length(matrixHeight)]).split(columns[1])
        GeometryPanel.render(state, area: columns[0], buffer: &buffer, theme: theme)
        SimplexPanel.render(state, area: right[0], buffer: &buffer, theme: theme)
        MatrixPanel.render(state, area: right[1], buffer: &buffer, theme: theme)
        switch state.overlay {
        case .none:
            let split = Layout.horizontal([.percentage(58), .fill(1)]).split(lower)
            StatePanel.render(state, area: split[0], buffer: &buffer, theme: theme)
            ConvergencePanel.render(state, area: split[1], buffer: &buffer, theme: theme)
        case .explain: ExplainPanel.render(state, area: lower, buffer: &buffer, theme: theme)
        case .variants: VariantsPanel.render(state, area: lower, buffer: &buffer, theme: theme)
        case .sweep: SweepPanel.render(state, area: lower, buffer: &buffer, theme: theme)
        case .calls: CallsPanel.render(state, area: lower, buffer: &buffer, theme: theme)
        case .help:
            let split = Layout.horizontal([.percentage(58), .fill(1)]).split(lower)
            StatePanel.render(state, area: split[0], buffer: &buffer, theme: theme)
            ConvergencePanel.render(state, area: split[1], buffer: &buffer, theme: theme)
            // Help covers the geometry and the lower panels; header, simplex and matrix stay visible.
            let cover = Rect(x: main.x, y: main.y, width: columns[0].width, height: main.height)
            HelpPanel.render(state, area: cover, buffer: &buffer, theme: theme)
        }
        return buffer
    }

    /// The screen shown below the minimum size: it says so and how to quit.
    static func renderTooSmall(into buffer: inout Buffer, theme: Theme) {
        let lines = [
            "Terminal too small",
            "\(buffer.width)x\(buffer.height): needs \(minimumWidth)x\(minimumHeight)",
            "enlarge it, or press q to quit",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - displayWidth(of: line)) / 2)
            buffer.write(line, x: x, y: top + i, style: i == 0 ? theme.warning : .plain, maxWidth: buffer.width)
        }
    }
}

/// A box with a title and its inner area (everything drawn in a panel goes inside).
func panel(_ title: String, area: Rect, buffer: inout Buffer, theme: Theme) -> Rect {
    buffer.drawBox(area, title: title, style: theme.frameStyle, glyphs: theme.glyphs, titleStyle: theme.titleStyle)
    return area.inset(by: 1)
}
