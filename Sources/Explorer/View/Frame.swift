import SDMGrad
import TerminalUI

/// The whole screen for a state at a size: the Elm architecture's view (pure).
public enum Frame {
    /// The smallest size with every panel; below it the too-small screen is shown.
    public static let minimumWidth = 80, minimumHeight = 24

    /// Renders the frame.
    public static func render(_ state: ExplorerState, width: Int, height: Int, theme: Theme = .unicode) -> Buffer {
        let state = state.quizMasked   // lessons: the quiz withholds the answers until a guess
        var buffer = Buffer(width: max(width, 0), height: max(height, 0))
        let layout = FrameLayout(width: width, height: height, m: state.m)
        guard layout.fits else {
            renderTooSmall(into: &buffer, theme: theme)
            return buffer
        }
        Header.render(state, area: layout.header, buffer: &buffer, theme: theme)
        StatusLine.render(state, area: layout.status, buffer: &buffer, theme: theme)
        GeometryPanel.render(state, area: layout.geometry, buffer: &buffer, theme: theme)
        SimplexPanel.render(state, area: layout.simplex, buffer: &buffer, theme: theme)
        MatrixPanel.render(state, area: layout.matrix, buffer: &buffer, theme: theme)
        switch state.overlay {
        case .none:
            StatePanel.render(state, area: layout.state, buffer: &buffer, theme: theme)
            ConvergencePanel.render(state, area: layout.convergence, buffer: &buffer, theme: theme)
        case .explain: ExplainPanel.render(state, area: layout.lower, buffer: &buffer, theme: theme)
        case .variants: VariantsPanel.render(state, area: layout.lower, buffer: &buffer, theme: theme)
        case .sweep: SweepPanel.render(state, area: layout.lower, buffer: &buffer, theme: theme)
        case .calls: CallsPanel.render(state, area: layout.lower, buffer: &buffer, theme: theme)
        case .help:
            StatePanel.render(state, area: layout.state, buffer: &buffer, theme: theme)
            ConvergencePanel.render(state, area: layout.convergence, buffer: &buffer, theme: theme)
            // Help covers the panels; the header with the parameters stays visible.
            KeyHelp(title: ["Keys", " (any key closes)"], keymap: ExplorerKeymap.main, mouse: ExplorerKeymap.mouse,
                    about: state.scenario.title + ". " + state.scenario.description,
                    footer: InnerProblemText.help(theme), theme: theme)
                .render(area: layout.help, buffer: &buffer)
        }
        LessonView.render(state, layout: layout, buffer: &buffer, theme: theme)   // lessons: the step's box, the list
        return buffer
    }

    /// The screen shown below the minimum size: it says so, what `who` needs, and how to quit.
    static func renderTooSmall(into buffer: inout Buffer, theme: Theme, who: String = "",
                               minimum: (width: Int, height: Int) = (minimumWidth, minimumHeight)) {
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
