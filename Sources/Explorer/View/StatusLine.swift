import SDMGrad
import TerminalUI

/// The bottom row: the message, or the most useful keys.
enum StatusLine {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let hint = ExplorerKeymap.main.hint(width: area.width - 2)
            .split(separator: "λ", omittingEmptySubsequences: false).joined(separator: theme.lambda)
        let left = state.message.isEmpty ? hint : state.message
        let style = theme.role(state.message.isEmpty ? .header : .message)
        let spans = FittedLine.fit(LinePiece.words(" " + left, style: style), width: area.width, ellipsis: theme.ellipsis)
        StatusBar(left: spans, right: [], fillStyle: theme.role(.header)).render(area: area, buffer: &buffer)
    }
}
