import Runtime
import TerminalUI

/// Row 0: what the runs are (the settings every key changes) and how far their computation is.
enum PlaygroundHeader {
    /// Draws the header.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let i = state.inputs
        let style = theme.role(.header)
        let name = area.width >= 100 ? " training playground " : " playground "
        var spans: [Span] = [
            Span(name, style: theme.role(.headerTitle)),
            Span(
                "\(theme.lambda) \(NumberText.compact(i.lambda))  lr \(NumberText.compact(i.lr))  noise \(NumberText.compact(i.noise))  "
                    + "seed \(i.seed)  c \(NumberText.compact(i.c))  \(i.steps) steps ", style: style),
        ]
        let d = state.derived
        if d.computing {
            spans.append(Span(" computing \(Int(100 * d.progress))% ", style: theme.role(.headerTitle)))
        } else {
            spans.append(Span(" \(d.runs.count) runs ", style: style))
        }
        StatusBar(left: spans, fillStyle: style).render(area: area, buffer: &buffer)
    }
}

/// Row H-1: the last message, or the key hint.
enum PlaygroundStatus {
    /// Draws the status row.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let hint = PlaygroundKeymap.main.hint(width: area.width)
        let text =
            state.display.message.isEmpty
            ? Span(theme.unicodeText ? hint : KeyBinding<PlaygroundAction>.ascii(hint), style: theme.role(.label))
            : Span(state.display.message, style: theme.role(.warning))
        StatusBar(left: [text], fillStyle: theme.role(.plain)).render(area: area, buffer: &buffer)
    }
}
