import SDMGrad
import TerminalUI

/// The weights call after call, each warm-started from the previous w; a click on a row means that call.
public struct CallsPanel: Widget, HitTesting {
    /// The traced calls, and the one shown.
    let calls: [WeightingCall], shownCall: Int
    /// Every call's analysis, once computed; what the panel says meanwhile.
    let analyses: [Analysis]?, placeholder: String?
    /// The tasks' names.
    let tasks: [String]
    /// Colours and glyphs.
    let theme: Theme

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(["Calls: \(calls.count)", ", each warm-started from the last w", " (o: outer step, PgUp/PgDn: show)", " (c closes)"],
                          area: area, buffer: &buffer, theme: theme)
        guard !calls.isEmpty else { return }
        // Two decimals need 20 columns for three entries; a narrow terminal gets one and no start column
        // (the start of a call is the w the previous one ended with).
        let wide = inner.width >= 118
        let digits = wide ? 2 : 1
        // Past four tasks a weight vector cannot be read in a column: the call's winning task is named instead.
        let manyTasks = calls.contains { $0.m > 4 }
        let header = ["#", "start w", manyTasks ? "weights" : "w after", manyTasks ? "winner" : "weights", "w*", "verdict", theme.rho, "reached"]
        let widths = wide ? [5, 20, 22, 23, 20, 12, 9, 8] : [4, 0, 19, 22, 14, 11, 6, 4]
        func writeRow(_ cells: [[LinePiece]], y: Int) {
            var column = inner.x
            for (pieces, w) in zip(cells, widths) where w > 0 && column < inner.maxX {
                buffer.write(fitted: pieces, x: column, y: y, width: min(w - 1, inner.maxX - column), theme: theme)
                column += w
            }
        }
        writeRow(header.map { [LinePiece($0, style: theme.role(.title))] }, y: inner.y)
        if let note = placeholder {
            let width = min(displayWidth(of: note), inner.width / 2)
            buffer.write(words: note, x: inner.maxX - width, y: inner.y, width: width, style: theme.role(.label), theme: theme)
        }
        for (row, index) in rows(inner: inner).enumerated() {
            let call = calls[index]
            let analysis = analyses.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            let vertex = call.w.filter { $0 == 0 }.count == call.m - 1
            let style = theme.role(index == shownCall ? .selectedRow : .plain)
            let winner = TopKText.winnerForms(call.weights, names: tasks)
            let y = inner.y + 1 + row
            if index == shownCall { buffer.setStyle(style, in: Rect(x: inner.x, y: y, width: inner.width, height: 1)) }
            let cells: [[LinePiece]] = [
                [LinePiece("\(index + 1)", style: style)],
                [.vector(call.start, precision: .decimals(digits), maxItems: 4, style: style, theme: theme)],
                // Past four tasks the vector reads as a sparkline of the weights, the winner's column tall.
                manyTasks
                    ? [LinePiece(VectorSparkline.text(call.weights, width: widths[2] - 1, glyphs: theme.glyphs), style: theme.role(index == shownCall ? .selectedRow : .value))]
                    : [.vector(call.w, precision: .decimals(digits), maxItems: 4, style: style, theme: theme)] + (vertex ? [LinePiece(" V", style: style)] : []),
                manyTasks ? [LinePiece(forms: winner.isEmpty ? ["-"] : winner, style: style)]
                    : [.vector(call.weights, precision: .decimals(3), maxItems: 4, style: style, theme: theme)],
                analysis.map { [.vector($0.fixedPoint.w, precision: .decimals(digits), maxItems: 4, style: style, theme: theme)] } ?? [],
                analysis.map { [LinePiece($0.fact.word, style: style)] } ?? [],
                analysis.map { $0.fact.verdict == nil ? [] : [.number($0.stability.spectralRadius, style: style)] } ?? [],
                analysis?.reach.map { [LinePiece($0.reached ? "yes" : "no", style: style)] } ?? [],
            ]
            writeRow(cells, y: y)
        }
    }

    /// The calls listed in `inner`, one a row below the header, the shown one kept in the middle.
    func rows(inner: Rect) -> Range<Int> {
        let visible = max(0, inner.height - 1)
        let first = max(0, min(shownCall - visible / 2, calls.count - visible))
        return first..<min(calls.count, first + visible)
    }

    /// The call (0-based) whose row is at (x, y) when drawn in `area`, nil off the rows.
    public func point(x: Int, y: Int, area: Rect) -> Int? {
        let inner = area.inset(by: 1)
        guard inner.contains(x: x, y: y) else { return nil }
        let rows = rows(inner: inner), row = y - inner.y - 1
        return row >= 0 && row < rows.count ? rows.lowerBound + row : nil
    }
}
