import SDMGrad
import TerminalUI

/// The scenario's description and the key table; a help text too long for its column wraps onto
/// the next row between words instead of being cut.
enum HelpPanel {
    /// Where a key binding goes: its column, first row and wrapped help lines.
    struct Placement {
        let keys: String, lines: [[Span]], column: Int, row: Int
    }

    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        buffer.fill(area, with: Cell(" "))
        var inner = panel(["Keys", " (any key closes)"], area: area, buffer: &buffer, theme: theme)
        let table = ExplorerKeymap.main.helpRows + ExplorerKeymap.mouse.map { (keys: $0.label, help: $0.help) }
        let keyWidth = min(16, (table.map { displayWidth(of: $0.keys) }.max() ?? 0) + 2)
        // One column or two, whichever shows more bindings (one when equal).
        let one = place(table, columns: 1, width: inner.width, height: inner.height, keyWidth: keyWidth, theme: theme)
        let two = place(table, columns: 2, width: inner.width, height: inner.height, keyWidth: keyWidth, theme: theme)
        let columns = two.count > one.count ? 2 : 1
        var placements = columns == 2 ? two : one
        let used = placements.map { $0.row + $0.lines.count }.max() ?? 0
        // The scenario's words go above when the table leaves room for them.
        let about = Paragraph(state.scenario.title + ". " + state.scenario.description, style: theme.role(.prose))
        let aboutHeight = min(about.wrapped(width: inner.width).count, max(0, inner.height - used - 1))
        if aboutHeight > 0 {
            about.render(area: Rect(x: inner.x, y: inner.y, width: inner.width, height: aboutHeight), buffer: &buffer)
            inner = Rect(x: inner.x, y: inner.y + aboutHeight + 1, width: inner.width, height: inner.height - aboutHeight - 1)
        }
        let hidden = table.count - placements.count
        if hidden > 0 { placements = placements.filter { $0.row + $0.lines.count < inner.height } }
        let columnWidth = inner.width / columns
        for p in placements {
            let x = inner.x + p.column * columnWidth
            buffer.write(fitted: [LinePiece(p.keys, style: theme.role(.value))], x: x, y: inner.y + p.row, width: keyWidth - 1, theme: theme)
            for (i, line) in p.lines.enumerated() {
                buffer.write(line, x: x + keyWidth, y: inner.y + p.row + i, maxWidth: columnWidth - keyWidth - 1)
            }
        }
        if table.count > placements.count {
            let note = "\(theme.ellipsis) \(table.count - placements.count) more keys at a taller terminal"
            let width = min(inner.width, displayWidth(of: note))
            buffer.write(words: note, x: inner.maxX - width, y: inner.maxY - 1, width: width, style: theme.role(.label), theme: theme)
        }
    }

    /// The bindings that fit `columns` columns of `height` rows, filled top to bottom; a binding never splits.
    static func place(_ table: [(keys: String, help: String)], columns: Int, width: Int, height: Int, keyWidth: Int,
                      theme: Theme) -> [Placement] {
        let columnWidth = width / columns
        let textWidth = columnWidth - keyWidth - 1
        guard textWidth >= 12 else { return [] }
        var out: [Placement] = []
        var column = 0, row = 0
        for binding in table {
            let lines = Paragraph(binding.help, style: theme.role(.plain)).wrapped(width: textWidth)
            let count = max(1, lines.count)
            if row + count > height {
                guard column + 1 < columns else { break }
                column += 1
                row = 0
                if count > height { break }
            }
            out.append(Placement(keys: binding.keys, lines: lines, column: column, row: row))
            row += count
        }
        return out
    }
}
