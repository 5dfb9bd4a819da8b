import TerminalUI

/// The playground's whole screen for a state at a size (pure).
public enum PlaygroundFrame {
    /// Renders the frame.
    public static func render(_ state: PlaygroundState, width: Int, height: Int, theme: Theme = .unicode) -> Buffer {
        var buffer = Buffer(width: max(width, 0), height: max(height, 0))
        let layout = PlaygroundLayout(width: width, height: height)
        guard layout.fits else {
            Frame.renderTooSmall(
                into: &buffer, theme: theme, who: "the playground ",
                minimum: (PlaygroundLayout.minimumWidth, PlaygroundLayout.minimumHeight))
            return buffer
        }
        PlaygroundHeader.render(state, area: layout.header, buffer: &buffer, theme: theme)
        PlaygroundMapPanel.render(state, area: layout.map, buffer: &buffer, theme: theme)
        PlaygroundMethodsPanel.render(state, area: layout.methods, buffer: &buffer, theme: theme)
        PlaygroundWeightsPanel.render(state, area: layout.weights, buffer: &buffer, theme: theme)
        PlaygroundLossPanel.render(state, area: layout.lossSpace, buffer: &buffer, theme: theme)
        PlaygroundSlider.render(state, area: layout.slider, buffer: &buffer, theme: theme)
        PlaygroundStatus.render(state, area: layout.status, buffer: &buffer, theme: theme)
        if state.display.showingHelp {
            KeyHelp(
                title: ["playground keys", " (any key closes)"], keymap: PlaygroundKeymap.main,
                mouse: PlaygroundKeymap.mouse,
                about: nil, theme: theme
            )
            .render(area: layout.body, buffer: &buffer)
        }
        return buffer
    }
}
