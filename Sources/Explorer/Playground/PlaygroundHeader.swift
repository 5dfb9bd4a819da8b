import TerminalUI

/// Row 0: what the runs are (the settings every key changes) and how far their computation is.
enum PlaygroundHeader {
    /// Draws the header.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let i = state.inputs
        let lambda = theme.unicodeText ? "λ" : "lambda"
        let style = Style(reverse: true)
        buffer.fill(area, with: Cell(" ", style: style))
        let name = area.width >= 100 ? " training playground " : " playground "
        var spans: [Span] = [Span(name, style: style.bolded()),
                             Span("\(lambda) \(PlaygroundFormat.compact(i.lambda))  lr \(PlaygroundFormat.compact(i.lr))  noise \(PlaygroundFormat.compact(i.noise))  "
                                  + "seed \(i.seed)  c \(PlaygroundFormat.compact(i.c))  \(i.steps) steps ", style: style)]
        let d = state.derived
        if d.computing {
            spans.append(Span(" computing \(Int(100 * d.progress))% ", style: style.bolded()))
        } else {
            spans.append(Span(" \(d.runs.count) runs ", style: style))
        }
        buffer.write(spans, x: area.x, y: area.y, maxWidth: area.width)
    }
}

/// Row H-1: the last message, or the key hint.
enum PlaygroundStatus {
    /// Draws the status row.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        if !state.view.message.isEmpty {
            buffer.write(state.view.message, x: area.x, y: area.y, style: PlaygroundColors.warning, maxWidth: area.width)
        } else {
            buffer.write(PlaygroundFormat.text(PlaygroundKeymap.main.hint(width: area.width), theme: theme), x: area.x, y: area.y, style: PlaygroundColors.label, maxWidth: area.width)
        }
    }
}
