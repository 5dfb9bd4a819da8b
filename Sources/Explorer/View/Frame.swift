import SDMGrad
import TerminalUI

/// The whole screen for a state at a size: the Elm architecture's view (pure).
public enum Frame {
    /// The smallest size with every panel; below it the too-small screen is shown.
    public static let minimumWidth = 80, minimumHeight = 24

    /// Renders the frame.
    public static func render(_ state: ExplorerState, width: Int, height: Int, theme: Theme = .unicode) -> Buffer {
        let state = state.quizMasked  // lessons: the quiz withholds the answers until a guess
        var buffer = Buffer(width: max(width, 0), height: max(height, 0))
        let layout = state.layout(width: width, height: height)
        guard layout.fits else {
            renderTooSmall(into: &buffer, theme: theme)
            return buffer
        }
        header(state, theme: theme).render(area: layout.header, buffer: &buffer)
        statusLine(state, theme: theme).render(area: layout.status, buffer: &buffer)
        switch state.display.zoom {
        case nil:
            geometry(state, theme: theme).render(area: layout.geometry, buffer: &buffer)
            simplex(state, theme: theme).render(area: layout.simplex, buffer: &buffer)
            matrix(state, theme: theme).render(area: layout.matrix, buffer: &buffer)
            state.lowerView.draw(state, layout, &buffer, theme)
        case .geometry?: geometry(state, theme: theme).render(area: layout.help, buffer: &buffer)
        case .simplex?: simplex(state, theme: theme).render(area: layout.help, buffer: &buffer)
        case .matrix?: matrix(state, theme: theme).render(area: layout.help, buffer: &buffer)
        case .state?: statePanel(state, theme: theme).render(area: layout.help, buffer: &buffer)
        case .convergence?: convergence(state, theme: theme).render(area: layout.help, buffer: &buffer)
        case .lower?: state.lowerView.draw(state, layout.zoomingLower(), &buffer, theme)
        }
        // The help covers a zoomed panel too.
        if state.display.zoom != nil, state.lowerView == .help { state.lowerView.draw(state, layout, &buffer, theme) }
        LessonView.render(state, layout: layout, buffer: &buffer, theme: theme)  // lessons: the step's box, the list
        return buffer
    }

    /// The screen shown below the minimum size: it says so, what `who` needs, and how to quit.
    static func renderTooSmall(
        into buffer: inout Buffer, theme: Theme, who: String = "",
        minimum: (width: Int, height: Int) = (minimumWidth, minimumHeight)
    ) {
        let lines = [
            "Terminal too small",
            "\(buffer.width)x\(buffer.height): \(who)needs \(minimum.width)x\(minimum.height)",
            "enlarge it, or press q to quit",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (buffer.width - displayWidth(of: line)) / 2)
            buffer.write(line, x: x, y: top + i, style: theme.role(i == 0 ? .warning : .plain), maxWidth: buffer.width)
        }
    }
}
