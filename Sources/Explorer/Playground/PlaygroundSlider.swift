import TerminalUI

/// The step slider: "step K" on the left, a bar with the shown step's knob, play state on the right.
enum PlaygroundSlider {
    /// Columns before the bar.
    static let leftWidth = 13
    /// Columns after the bar.
    static let rightWidth = 18

    /// The bar's columns in a slider row.
    static func bar(_ area: Rect) -> Rect {
        Rect(x: area.x + leftWidth, y: area.y, width: max(0, area.width - leftWidth - rightWidth), height: 1)
    }

    /// The step under a click on the bar, nil elsewhere.
    static func step(atColumn column: Int, row: Int, area: Rect, steps: Int) -> Int? {
        let bar = bar(area)
        guard bar.width > 1, bar.contains(x: column, y: row) else { return nil }
        return (column - bar.x) * (steps - 1) / (bar.width - 1)
    }

    /// Draws the slider.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let steps = state.inputs.steps
        let u = theme.unicodeText
        buffer.write("step \(state.step)", x: area.x, y: area.y, style: theme.role(.value), maxWidth: leftWidth - 1)
        let bar = bar(area)
        guard bar.width > 1 else { return }
        let knob = state.step * (bar.width - 1) / max(1, steps - 1)
        for c in 0..<bar.width {
            let glyph: String = c == knob ? (u ? "●" : "O") : (u ? (c < knob ? "━" : "─") : (c < knob ? "=" : "-"))
            buffer.write(
                glyph, x: bar.x + c, y: area.y, style: theme.role(c == knob ? .value : c < knob ? .prose : .label))
        }
        let play = state.display.playing ? theme.play : theme.pause
        buffer.write(" \(steps - 1)  \(play)", x: bar.maxX, y: area.y, style: theme.role(.label), maxWidth: rightWidth)
    }
}
