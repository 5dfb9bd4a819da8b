import SDMGrad
import TerminalUI

/// The top three rows: title (or the call's warnings), parameters and iteration, and the weights and direction now.
public struct Header: Widget {
    /// The parameters in force, and the scenario shown (its name, title and task names).
    let parameters: SolverParameters, scenario: Scenario
    /// The followed run: its state, or nil when not following.
    let follow: FollowState?
    /// The number of calls and the one shown.
    let callCount: Int, shownCall: Int
    /// The preset shown (index, count), if it is one.
    let preset: (index: Int, count: Int)?
    /// The shown call's warnings (numerically suspect results).
    let warnings: [String]
    /// The iteration shown, and whether the timer steps.
    let iteration: Int, playing: Bool
    /// The task being edited, if any.
    let editingTask: Int?
    /// Whether some analysis is still being computed.
    let isAnalyzing: Bool
    /// The weights now (nil: `absenceNote` says why), and the direction (full length or embedded).
    let weights: [Double]?, absenceNote: String?, direction: [Double]?, directionEmbedded: [Double]?
    /// Colours and glyphs.
    let theme: Theme
    /// What torchjd itself got wrong on the shown call of a recorded run (weights off the simplex), if anything.
    var recordedFailure: String? = nil

    /// Draws the three rows into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let p = parameters
        let s = scenario
        let header = theme.role(.header)
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style: header))
        var right: [LinePiece] = []
        if let follow {
            let count = callCount
            let age = follow.secondsSinceLastCall.map { "last \($0) s ago" } ?? "waiting"
            right.append(
                .optional(
                    follow.problem == nil
                        ? "following: \(count) calls, \(age)  " : "stopped following after \(count) calls  ",
                    style: header, rank: 0))
        }
        if let preset { right.append(.optional("preset \(preset.index + 1)/\(preset.count) ", style: header, rank: 1)) }
        right.append(LinePiece("m = \(s.m) ", style: header))
        let rightSpans = FittedLine.fit(right, width: area.width / 2, ellipsis: theme.ellipsis)
        let rightWidth = FittedLine.width(of: rightSpans)
        buffer.write(rightSpans, x: area.maxX - rightWidth, y: area.y)
        // The call's warnings replace the scenario's title: they are what a reader must see first.
        var left = [LinePiece(" SDMGrad explorer \(theme.separator) \(s.name): ", style: theme.role(.headerTitle))]
        // torchjd's own failure comes first: it is what the training got.
        let alarms = (recordedFailure.map { [$0] } ?? []) + warnings
        left +=
            alarms.isEmpty
            ? LinePiece.words(s.title, style: theme.role(.headerTitle))
            : LinePiece.words(
                (warnings.isEmpty ? "" : warnings.count > 1 ? "\(warnings.count) warnings: " : "warning: ")
                    + alarms.joined(separator: "; "), style: theme.role(.headerDanger))
        buffer.write(fitted: left, x: area.x, y: area.y, width: area.width - rightWidth - 1, theme: theme)

        let label = theme.role(.label), value = theme.role(.value)
        var pieces: [LinePiece] = [
            LinePiece(" \(theme.lambda) ", style: label), .parameter(p.lambda, style: value),
            LinePiece("  lr ", style: label), .parameter(p.lr, style: value),
            LinePiece("  momentum ", style: label), .parameter(p.momentum, style: value),
            LinePiece("  iters ", style: label), LinePiece("\(p.iters)", style: value),
            LinePiece("  variant ", style: label), LinePiece(p.variant.rawValue, style: value),
            LinePiece("  \(theme.separator) iteration ", style: label),
            LinePiece("\(iteration)/\(p.iters)", style: theme.role(.iteration)),
            .optional(
                "  " + (playing ? theme.play : theme.pause), style: theme.role(playing ? .playing : .label), rank: -1),
        ]
        if callCount > 1 {
            pieces.append(LinePiece("  call \(shownCall + 1)/\(callCount)", style: theme.role(.warning)))
        }
        if let editingTask { pieces.append(LinePiece("  EDIT task \(editingTask + 1)", style: theme.role(.editing))) }
        if isAnalyzing { pieces.append(.optional("  \(theme.ellipsis)analyzing", style: label, rank: -2)) }
        buffer.write(fitted: pieces, x: area.x, y: area.y + 1, width: area.width, theme: theme)

        var line: [LinePiece] = [LinePiece(" weights ", style: label)]
        if let weights, weights.count > 6 {
            // Too many tasks to list: the winners by name, sorted, and a bound on the rest.
            line.append(
                LinePiece(
                    forms: TopKText.forms(weights, names: s.tasks, ascii: !theme.unicodeText), style: value, rank: 3))
        } else if let weights {
            // The weights are the line's point: d's entries go before their digits.
            line.append(.vector(weights, precision: .decimals(3), maxItems: 6, style: value, theme: theme, rank: 3))
        } else {
            line += LinePiece.words(absenceNote ?? "-", style: theme.role(.danger))
        }
        let directionStyle = theme.role(.direction)
        if let d = direction {
            line.append(LinePiece(forms: ["   d = J\(theme.transpose) weights ", "  d "], style: label, rank: 0))
            line.append(.vector(d, maxItems: 4, style: directionStyle, theme: theme, rank: 2))
            let norm = NumberText.forms(euclideanNorm(d), precision: .significant(4)).map {
                "  \(theme.norm)d\(theme.norm) " + $0
            }
            line.append(LinePiece(forms: norm + [""], style: value, rank: -1))
        } else if let d = directionEmbedded {
            line.append(LinePiece(forms: ["   d (embedded) ", "  d "], style: label, rank: 0))
            line.append(.vector(d, maxItems: 4, style: directionStyle, theme: theme, rank: 2))
        }
        buffer.write(fitted: line, x: area.x, y: area.y + 2, width: area.width, theme: theme)
    }
}
