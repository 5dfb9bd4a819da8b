/// A column of a `Table`: its header, width in columns and alignment.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Int
    public var alignment: Alignment

    /// Creates a column; numbers usually read best right-aligned.
    public init(_ title: String, width: Int, alignment: Alignment = .left) {
        self.title = title
        self.width = max(0, width)
        self.alignment = alignment
    }
}

/// A header row followed by data rows, columns separated by `spacing` blanks; cells wider
/// than their column are cut.
public struct Table: Sendable {
    public var columns: [TableColumn]
    /// Row-major cell texts; missing cells are blank, extra cells ignored.
    public var rows: [[String]]
    public var headerStyle: Style
    public var rowStyle: Style
    /// Index of a row drawn in `highlightStyle` (e.g. the current iteration).
    public var highlightedRow: Int?
    public var highlightStyle: Style
    public var spacing: Int

    /// Creates a table.
    public init(
        columns: [TableColumn], rows: [[String]], headerStyle: Style = .bold, rowStyle: Style = .plain,
        highlightedRow: Int? = nil, highlightStyle: Style = .reverse, spacing: Int = 1
    ) {
        self.columns = columns
        self.rows = rows
        self.headerStyle = headerStyle
        self.rowStyle = rowStyle
        self.highlightedRow = highlightedRow
        self.highlightStyle = highlightStyle
        self.spacing = max(0, spacing)
    }

    /// Draws the header on `area`'s first line and as many rows as fit below it.
    public func render(area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        drawRow(columns.map(\.title), y: area.y, style: headerStyle, area: area, buffer: &buffer)
        for (index, row) in rows.prefix(area.height - 1).enumerated() {
            let style = index == highlightedRow ? highlightStyle : rowStyle
            drawRow(row, y: area.y + 1 + index, style: style, area: area, buffer: &buffer)
        }
    }

    private func drawRow(_ texts: [String], y: Int, style: Style, area: Rect, buffer: inout Buffer) {
        buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: style))
        var x = area.x
        for (index, column) in columns.enumerated() where x < area.maxX {
            let text = index < texts.count ? texts[index] : ""
            let fieldWidth = min(column.width, area.maxX - x)
            let offset = column.alignment.offset(textWidth: displayWidth(of: text), fieldWidth: column.width)
            if offset < fieldWidth {
                buffer.write(text, x: x + offset, y: y, style: style, maxWidth: fieldWidth - offset)
            }
            x += column.width + spacing
        }
    }
}
