import Runtime
import SDMGrad
import TerminalUI

/// Every help screen (explorer and playground, like bubbles' `help`): a keymap's table, with an optional
/// text above it; a help text too long for its column wraps onto the next row between words instead of being cut.
public struct KeyHelp: Widget {
    /// The box's title phrases (later ones dropped first when narrow).
    let title: [String]
    /// The keys (as the theme writes them) and what they do.
    let rows: [(keys: String, help: String)]
    /// Words shown above the table when they fit (the scenario's description).
    let about: String?
    /// Words shown under the table when the rows allow (the explorer's statement of the inner problem).
    let footer: String?
    /// Styles and glyphs.
    let theme: Theme
    /// The first row shown when the table is too long for the screen and scrolls; nil: it never scrolls (the
    /// bindings that fit are shown, and how many more a taller terminal shows).
    var offset: Int?

    /// The help of a keymap plus mouse rows, labels in the theme's glyphs (ASCII labels from `KeyBinding`).
    public init<Action>(
        title: [String], keymap: Keymap<Action>, mouse: [(label: String, help: String)], about: String?,
        footer: String? = nil, theme: Theme, offset: Int? = nil
    ) {
        self.title = title
        self.rows =
            keymap.helpRows(ascii: !theme.unicodeText)
            + mouse.map { (keys: theme.unicodeText ? $0.label : KeyBinding<Action>.ascii($0.label), help: $0.help) }
        self.about = about
        self.footer = footer
        self.theme = theme
        self.offset = offset
    }

    /// Where a key binding goes: its column, first row, the keys (nil when they lead the text) and the text's lines.
    struct Placement {
        let keys: String?, lines: [[Span]], column: Int, row: Int
    }

    /// A way to lay the table out: one or two columns, keys in a column of their own or leading the text.
    struct Arrangement {
        let columns: Int, alignedKeys: Bool
    }

    /// The widest key column.
    var keyWidth: Int { min(16, (rows.map { displayWidth(of: $0.keys) }.max() ?? 0) + 2) }

    /// The table as one column of rows (the scenario's words, every binding, the footer) when it scrolls
    /// and no arrangement shows every binding in `inner`; nil when it does not scroll.
    func scrolledRows(inner: Rect) -> [[Span]]? {
        guard offset != nil else { return nil }
        let arrangements = [
            Arrangement(columns: 1, alignedKeys: true), Arrangement(columns: 2, alignedKeys: true),
            Arrangement(columns: 2, alignedKeys: false),
        ]
        // It fits when some arrangement shows every binding with the footer under them.
        let footerLines =
            footer.map { Paragraph($0, style: theme.role(.prose)).wrapped(width: inner.width).count + 1 } ?? 0
        let fits = arrangements.contains {
            let placed = Self.place(
                rows, arrangement: $0, width: inner.width, height: inner.height, keyWidth: keyWidth, theme: theme)
            return placed.count == rows.count
                && (placed.map { $0.row + $0.lines.count }.max() ?? 0) + footerLines <= inner.height
        }
        guard !fits else { return nil }
        let column = Arrangement(columns: 1, alignedKeys: true)
        let all = Self.place(
            rows, arrangement: column, width: inner.width, height: Int.max / 2, keyWidth: keyWidth, theme: theme)
        let blank = String(repeating: " ", count: keyWidth)
        var out: [[Span]] =
            about.map { Paragraph($0, style: theme.role(.prose)).wrapped(width: inner.width) + [[]] } ?? []
        for p in all {
            let keys = p.keys ?? ""
            let pad = String(repeating: " ", count: max(1, keyWidth - displayWidth(of: keys)))
            for (i, line) in p.lines.enumerated() {
                out.append(
                    [i == 0 ? Span(keys + pad, style: theme.role(.value)) : Span(blank, style: theme.role(.plain))]
                        + line)
            }
        }
        if let footer { out += [[]] + Paragraph(footer, style: theme.role(.prose)).wrapped(width: inner.width) }
        return out
    }

    /// Where the scrolled table is in `area` (offset clamped); nil when it does not scroll there.
    func scroll(area: Rect) -> ScrollState? {
        let inner = area.inset(by: 1)
        return scrolledRows(inner: inner).map { ScrolledRows.state(count: $0.count, area: inner, offset: offset ?? 0) }
    }

    public func render(area: Rect, buffer: inout Buffer) {
        buffer.fill(area, with: Cell(" ", style: theme.role(.plain)))
        if let rows = scrolledRows(inner: area.inset(by: 1)) {
            let scrollTitle =
                theme.unicodeText
                ? " (↑↓ PgUp PgDn Home End wheel: scroll; other keys close)"
                : " (up/down PgUp PgDn Home End wheel: scroll; other keys close)"
            let inner = panel([title.first ?? "", scrollTitle], area: area, buffer: &buffer, theme: theme)
            ScrolledRows.render(count: rows.count, area: inner, offset: offset ?? 0, buffer: &buffer, theme: theme) {
                index, y, buffer in
                buffer.write(rows[index], x: inner.x, y: y, maxWidth: inner.width)
            }
            return
        }
        var inner = panel(title, area: area, buffer: &buffer, theme: theme)
        let table = rows
        // The arrangement that shows the most bindings (the first of equals).
        let arrangements = [
            Arrangement(columns: 1, alignedKeys: true), Arrangement(columns: 2, alignedKeys: true),
            Arrangement(columns: 2, alignedKeys: false),
        ]
        let layouts = arrangements.map {
            Self.place(
                table, arrangement: $0, width: inner.width, height: inner.height, keyWidth: keyWidth, theme: theme)
        }
        // The scenario's words go above, whole, when the table leaves room for them.
        let about = Paragraph(self.about ?? "", style: theme.role(.prose))
        let aboutLines = self.about == nil ? 0 : about.wrapped(width: inner.width).count
        func aboutFits(_ layout: [Placement]) -> Bool {
            (layout.map { $0.row + $0.lines.count }.max() ?? 0) + aboutLines + 1 <= inner.height
        }
        // The arrangement that shows the most bindings, then the one that leaves room for the scenario, then the first.
        let rank: (Int) -> (Int, Int, Int) = { i in (layouts[i].count, aboutFits(layouts[i]) ? 1 : 0, -i) }
        let best = layouts.indices.max { a, b in rank(a) < rank(b) } ?? 0
        var placements = layouts[best]
        let columns = arrangements[best].columns
        if self.about != nil, aboutFits(placements) {
            about.render(area: Rect(x: inner.x, y: inner.y, width: inner.width, height: aboutLines), buffer: &buffer)
            inner = Rect(
                x: inner.x, y: inner.y + aboutLines + 1, width: inner.width, height: inner.height - aboutLines - 1)
        }
        if placements.count < table.count { placements = placements.filter { $0.row + $0.lines.count < inner.height } }
        let columnWidth = inner.width / columns
        for p in placements {
            let x = inner.x + p.column * columnWidth
            if let keys = p.keys {
                buffer.write(
                    fitted: [LinePiece(keys, style: theme.role(.value))], x: x, y: inner.y + p.row, width: keyWidth - 1,
                    theme: theme)
            }
            let textX = p.keys == nil ? x : x + keyWidth
            for (i, line) in p.lines.enumerated() {
                // Without a key column, a text's later lines are indented under its keys.
                let indent = p.keys == nil && i > 0 ? 2 : 0
                buffer.write(
                    line, x: textX + indent, y: inner.y + p.row + i, maxWidth: x + columnWidth - 2 - textX - indent)
            }
        }
        // The footer (what w* is, in the explorer), under the table when the rows allow.
        let problem = footer.map { Paragraph($0, style: theme.role(.prose)).wrapped(width: inner.width) } ?? []
        let used = placements.map { $0.row + $0.lines.count }.max() ?? 0
        if !problem.isEmpty, placements.count == table.count, used + problem.count + 1 <= inner.height {
            for (i, line) in problem.enumerated() {
                buffer.write(line, x: inner.x, y: inner.maxY - problem.count + i, maxWidth: inner.width)
            }
        }
        if table.count > placements.count {
            let note = "\(theme.ellipsis) \(table.count - placements.count) more keys at a taller terminal"
            let width = min(inner.width, displayWidth(of: note))
            buffer.write(
                words: note, x: inner.maxX - width, y: inner.maxY - 1, width: width, style: theme.role(.label),
                theme: theme)
        }
    }

    /// The bindings that fit `height` rows in an arrangement, filled column by column; a binding never splits.
    static func place(
        _ table: [(keys: String, help: String)], arrangement: Arrangement, width: Int, height: Int,
        keyWidth: Int, theme: Theme
    ) -> [Placement] {
        let columnWidth = width / arrangement.columns
        // Two blanks before the next column; without a key column, two more for the indent of later lines.
        let textWidth = arrangement.alignedKeys ? columnWidth - keyWidth - 2 : columnWidth - 4
        guard textWidth >= 12 else { return [] }
        let texts = table.map { binding -> [[Span]] in
            let text: [Span] =
                arrangement.alignedKeys
                ? [Span(binding.help, style: theme.role(.plain))]
                : [Span(binding.keys, style: theme.role(.value)), Span("  " + binding.help, style: theme.role(.plain))]
            return Paragraph(text).wrapped(width: textWidth)
        }
        // Columns of even length, so the scenario's words above have room: the last column may run to `height`.
        let total = texts.reduce(0) { $0 + max(1, $1.count) }
        let even = (total + arrangement.columns - 1) / arrangement.columns + 1
        var out: [Placement] = []
        var column = 0, row = 0
        for (binding, lines) in zip(table, texts) {
            let count = max(1, lines.count)
            let limit = column + 1 < arrangement.columns ? min(height, even) : height
            if row + count > limit {
                guard column + 1 < arrangement.columns, count <= height else { break }
                column += 1
                row = 0
                if count > height { break }
            }
            out.append(
                Placement(keys: arrangement.alignedKeys ? binding.keys : nil, lines: lines, column: column, row: row))
            row += count
        }
        return out
    }
}
