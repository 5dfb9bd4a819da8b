import SDMGrad
import TerminalUI

/// The weights call after call, each warm-started from the previous w; a click on a row means that call.
public struct CallsPanel: Widget, HitTesting {
    /// The traced calls, and the one shown.
    let calls: [CallSummary], shownCall: Int
    /// Every call's analysis, once computed; what the panel says meanwhile.
    let analyses: [Analysis]?, placeholder: String?
    /// The tasks' names.
    let tasks: [String]
    /// Colours and glyphs.
    let theme: Theme
    /// The first call listed (↑/↓, the wheel; PgUp/PgDn keep the shown call in view).
    var offset = 0
    /// What torchjd returned at each call of a recorded run (empty otherwise).
    var recorded: [RecordedOutcome] = []

    /// Where its rows are scrolled to in `area` (the header row aside).
    func scroll(area: Rect) -> ScrollState {
        ScrolledRows.state(count: calls.count, area: rowsArea(area.inset(by: 1)), offset: offset)
    }

    /// The rows of calls inside `inner`: below the header row, above the recorded failures' line.
    private func rowsArea(_ inner: Rect) -> Rect {
        let failureRow = RecordedFailureText.summary(recorded) != nil && inner.height > 2
        return Rect(
            x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1 - (failureRow ? 1 : 0)))
    }

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(
            [
                "Calls: \(calls.count)", ", each warm-started from the last w", " (o: outer step, PgUp/PgDn: show)",
                " (c closes)",
            ],
            area: area, buffer: &buffer, theme: theme)
        guard !calls.isEmpty else { return }
        // Two decimals need 20 columns for three entries; a narrow terminal gets one and no start column
        // (the start of a call is the w the previous one ended with).
        let wide = inner.width >= 118
        let digits = wide ? 2 : 1
        // Past four tasks a weight vector cannot be read in a column: the call's winning task is named instead.
        let manyTasks = calls.contains { $0.m > 4 }
        let header = [
            "#", "start w", manyTasks ? "weights" : "w after", manyTasks ? "winner" : "weights", "w*", "verdict",
            theme.rho, "reached",
        ]
        let widths = wide ? [5, 20, 22, 23, 20, 12, 9, 8] : [4, 0, 19, 22, 14, 11, 6, 4]
        func writeRow(_ cells: [[LinePiece]], y: Int, into buffer: inout Buffer) {
            var column = inner.x
            for (pieces, w) in zip(cells, widths) where w > 0 && column < inner.maxX {
                buffer.write(fitted: pieces, x: column, y: y, width: min(w - 1, inner.maxX - column), theme: theme)
                column += w
            }
        }
        writeRow(header.map { [LinePiece($0, style: theme.role(.title))] }, y: inner.y, into: &buffer)
        if let note = placeholder {
            let width = min(displayWidth(of: note), inner.width / 2)
            buffer.write(
                words: note, x: inner.maxX - width, y: inner.y, width: width, style: theme.role(.label), theme: theme)
        }
        // A recorded run where torchjd left the simplex: that line is kept whatever the room.
        if let failures = RecordedFailureText.summary(recorded), inner.height > 2 {
            buffer.write(
                words: failures, x: inner.x, y: inner.maxY - 1, width: inner.width, style: theme.role(.danger),
                theme: theme)
        }
        let rows = rowsArea(inner)
        ScrolledRows.render(count: calls.count, area: rows, offset: offset, buffer: &buffer, theme: theme) {
            index, y, buffer in
            let call = calls[index]
            let analysis = analyses.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            let vertex = call.w.filter { $0 == 0 }.count == call.m - 1
            let style = theme.role(index == shownCall ? .selectedRow : .plain)
            let winner = TopKText.winnerForms(call.weights, names: tasks)
            if index == shownCall { buffer.setStyle(style, in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
            let cells: [[LinePiece]] = [
                [LinePiece("\(index + 1)", style: style)]
                    + (recorded.indices.contains(index) && recorded[index].offSimplex
                        ? [.optional("!", style: theme.role(.danger))] : []),
                [.vector(call.start, precision: .decimals(digits), maxItems: 4, style: style, theme: theme)],
                // Past four tasks the vector reads as a sparkline of the weights, the winner's column tall.
                manyTasks
                    ? [
                        LinePiece(
                            VectorSparkline.text(call.weights, width: widths[2] - 1, glyphs: theme.glyphs),
                            style: theme.role(index == shownCall ? .selectedRow : .value))
                    ]
                    : [.vector(call.w, precision: .decimals(digits), maxItems: 4, style: style, theme: theme)]
                        + (vertex ? [LinePiece(" V", style: style)] : []),
                manyTasks
                    ? [LinePiece(forms: winner.isEmpty ? ["-"] : winner, style: style)]
                    : [.vector(call.weights, precision: .decimals(3), maxItems: 4, style: style, theme: theme)],
                analysis.map {
                    [.vector($0.fixedPoint.w, precision: .decimals(digits), maxItems: 4, style: style, theme: theme)]
                } ?? [],
                analysis.map { [LinePiece($0.fact.word, style: style)] } ?? [],
                analysis.map { $0.fact.verdict == nil ? [] : [.number($0.stability.spectralRadius, style: style)] }
                    ?? [],
                analysis?.reach.map { [LinePiece($0.reached ? "yes" : "no", style: style)] } ?? [],
            ]
            writeRow(cells, y: y, into: &buffer)
        }
    }

    /// The call (0-based) whose row is at (x, y) when drawn in `area`, nil off the rows.
    public func point(x: Int, y: Int, area: Rect) -> Int? {
        let inner = area.inset(by: 1)
        guard inner.contains(x: x, y: y) else { return nil }
        let visible = scroll(area: area).visible, row = y - rowsArea(inner).y
        return row >= 0 && row < visible.count ? visible.lowerBound + row : nil
    }
}
