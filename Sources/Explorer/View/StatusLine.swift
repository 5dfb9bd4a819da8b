import SDMGrad
import TerminalUI

/// The bottom row: the message, or the most useful keys.
public struct StatusLine: Widget {
    /// The message to show; empty for the key hint.
    let message: String
    /// Colours and glyphs.
    let theme: Theme

    /// Draws the line into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let hint = ExplorerKeymap.main.hint(width: area.width - 2)
            .split(separator: "λ", omittingEmptySubsequences: false).joined(separator: theme.lambda)
        let left = message.isEmpty ? hint : message
        let style = theme.role(message.isEmpty ? .header : .message)
        let spans = FittedLine.fit(
            LinePiece.words(" " + left, style: style), width: area.width, ellipsis: theme.ellipsis)
        StatusBar(left: spans, right: [], fillStyle: theme.role(.header)).render(area: area, buffer: &buffer)
    }
}
