import SDMGrad
import TerminalUI

/// The numbers of the shown iteration: grad, velocity, y, tau, w, weights, direction.
public struct StatePanel: Widget {
    /// The iteration shown, and the call's last one.
    let iteration: Int, iterationCount: Int
    /// The shown call's trace, or why there is none.
    let trace: Trace?, absenceNote: String?
    /// The inner lr and momentum (written into the formulas).
    let lr: Double, momentum: Double
    /// The direction now: full length, or in the picture's coordinates when only A is known.
    let direction: [Double]?, directionEmbedded: [Double]?
    /// The shown call's preference w~.
    let preference: [Double]?
    /// The tasks' names, and the scenario's description (shown at the start point).
    let tasks: [String], description: String
    /// Colours and glyphs.
    let theme: Theme
    /// The followed task's figures (`f`), shown on the first row.
    var followed: TaskFigures? = nil

    /// One line of the panel: a full label, a short one for narrow panels, and its vector or number.
    struct Line {
        let label: String, short: String
        var vector: [Double]? = nil
        var number: Double? = nil
        /// A point of the simplex (w, weights): too long to show whole, it is named by its largest entries.
        var onSimplex = false
        /// Which lines stay when rows are short: lower first (the weights 0, w 1; w~ last).
        var rank = 0
    }

    /// The `count` lines of highest rank, in their order: short of rows (a followed task's line at 80x24),
    /// w~, d, v and g go before y, tau, w and the weights.
    static func mostUseful(_ lines: [Line], count: Int) -> [Line] {
        let kept = Set(lines.indices.sorted { (lines[$0].rank, $0) < (lines[$1].rank, $1) }.prefix(max(0, count)))
        return lines.indices.filter { kept.contains($0) }.map { lines[$0] }
    }

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let k = iteration
        let inner = panel(["State", " at iteration \(k)/\(iterationCount)"], area: area, buffer: &buffer, theme: theme)
        guard let trace else {
            buffer.write(
                words: absenceNote ?? "", x: inner.x, y: inner.y, width: inner.width,
                style: theme.role(.danger), theme: theme)
            return
        }
        let l = theme.lambda
        guard let w = trace.w(at: k), let weights = trace.weights(at: k), k == 0 || trace.record(at: k) != nil else {
            buffer.write(
                words: ExplainPanel.recomputingNote(k, theme: theme), x: inner.x, y: inner.y, width: inner.width,
                style: theme.role(.label), theme: theme)
            return
        }
        var lines: [Line] = []
        if k == 0 {
            lines.append(
                Line(label: "start point w0: warm start (uniform on a first call)", short: "start w0", rank: 2))
        } else {
            let step = trace.record(at: k)!
            lines.append(
                Line(label: "g = \(theme.aHat)(w + \(l)\(theme.wTilde))", short: "g", vector: step.grad, rank: 4))
            lines.append(
                Line(
                    label: k == 1 ? "v = g (momentum restarts)" : "v = \(NumberText.parameter(momentum))v + g",
                    short: "v",
                    vector: step.velocity, rank: 5))
            lines.append(Line(label: "y = w - \(NumberText.parameter(lr))v", short: "y", vector: step.y, rank: 2))
            lines.append(
                Line(label: "\(theme.tau) (projection threshold)", short: theme.tau, number: step.tau, rank: 3))
        }
        lines.append(
            Line(
                label: k == 0 ? "w" : "w = max(y - \(theme.tau), 0)", short: "w", vector: w,
                onSimplex: true, rank: 1))
        lines.append(
            Line(
                label: "weights = (w + \(l)\(theme.wTilde))/(1+\(l))", short: "weights", vector: weights,
                onSimplex: true))
        if let d = direction {
            lines.append(Line(label: "d = J\(theme.transpose) weights", short: "d", vector: d, rank: 6))
        } else if let d = directionEmbedded {
            lines.append(Line(label: "d (embedding coordinates)", short: "d (embedded)", vector: d, rank: 6))
        }
        lines.append(Line(label: "\(theme.wTilde) (preference)", short: theme.wTilde, vector: preference, rank: 7))
        let narrow = inner.width < 56
        let labelWidth = narrow ? 8 : 30
        let valueWidth = inner.width - labelWidth - 1
        var top = 0
        if let followed, inner.height > 2 {
            writeFollowed(followed, x: inner.x, y: inner.y, width: inner.width, buffer: &buffer)
            top = 1
        }
        let shown = Self.mostUseful(lines, count: inner.height - top)
        for (row, line) in shown.enumerated() {
            let y = inner.y + top + row
            let label = theme.role(.label)
            if line.vector == nil && line.number == nil {
                // A line without a value (the start point) takes the whole width, cut between words.
                buffer.write(words: line.label, x: inner.x, y: y, width: inner.width, style: label, theme: theme)
                continue
            }
            buffer.write(
                fitted: [LinePiece(forms: narrow ? [line.short] : [line.label, line.short], style: label)],
                x: inner.x, y: y, width: labelWidth, theme: theme)
            if let vector = line.vector {
                let bad = vector.contains { !$0.isFinite }
                let maxItems = max(3, valueWidth / 10)
                if line.onSimplex, vector.count > maxItems {
                    let forms = TopKText.forms(vector, names: tasks, ascii: !theme.unicodeText)
                    buffer.write(
                        fitted: [LinePiece(forms: forms, style: theme.role(bad ? .danger : .plain))],
                        x: inner.x + labelWidth + 1, y: y, width: valueWidth, theme: theme)
                    continue
                }
                buffer.write(
                    fitted: [
                        .vector(vector, maxItems: maxItems, style: theme.role(bad ? .danger : .plain), theme: theme)
                    ],
                    x: inner.x + labelWidth + 1, y: y, width: valueWidth, theme: theme)
            } else if let number = line.number {
                buffer.write(
                    number: number, at: inner.x + labelWidth + 1, y: y, width: valueWidth,
                    style: theme.role(number.isFinite ? .plain : .danger))
            }
        }
        // At the start point the free rows introduce the scenario.
        let free = inner.y + top + lines.count + 1
        if k == 0, free < inner.maxY, !description.isEmpty {
            writeParagraph(
                Paragraph(description, style: theme.role(.prose)),
                area: Rect(x: inner.x, y: free, width: inner.width, height: inner.maxY - free), buffer: &buffer,
                theme: theme)
        }
    }

    /// The followed task's line: name, weight, rank, and as much of its row of Â as fits.
    func writeFollowed(_ f: TaskFigures, x: Int, y: Int, width: Int, buffer: inout Buffer) {
        let value = theme.role(.value), label = theme.role(.label)
        var pieces: [LinePiece] = [
            LinePiece("\(theme.unicodeText ? "▸" : ">") \(f.name)", style: value),
            LinePiece(f.name == "task \(f.task + 1)" ? " " : " (task \(f.task + 1)) ", style: label),
            LinePiece("weight ", style: label), .number(f.weight, style: value),
            LinePiece(", rank \(f.rank)/\(f.count)", style: value),
        ]
        if let row = f.row {
            pieces.append(LinePiece(forms: ["  \(theme.aHat) row ", "  "], style: label))
            pieces.append(.vector(row, maxItems: 6, style: theme.role(.plain), theme: theme))
        }
        buffer.write(fitted: pieces, x: x, y: y, width: width, theme: theme)
    }
}
