import SDMGrad
import TerminalUI

/// The shown iteration narrated with its real numbers, formula by formula.
public struct ExplainPanel: Widget {
    /// The shown call (nil: `absenceNote` says why), its trace as far as at hand, its index, and the iteration shown.
    let call: WeightingCall?, trace: Trace?, absenceNote: String?, shownCall: Int, iteration: Int
    /// The parameters in force.
    let parameters: SolverParameters
    /// The direction now (full length), when the Jacobians are known.
    let direction: [Double]?
    /// Whether A is symmetric, once its figures are computed.
    let symmetric: Bool?
    /// Colours and glyphs.
    let theme: Theme
    /// The first line shown (scrolled by ↑/↓ and the wheel).
    var offset = 0

    /// Where its lines are scrolled to in `area`.
    func scroll(area: Rect) -> ScrollState {
        ScrolledRows.state(count: lines().count, area: area.inset(by: 1), offset: offset)
    }

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(["Explain iteration \(iteration)", " (x closes)"], area: area, buffer: &buffer, theme: theme)
        let text = lines()
        ScrolledRows.render(count: text.count, area: inner, offset: offset, buffer: &buffer, theme: theme) {
            index, y, buffer in
            buffer.write(fitted: text[index], x: inner.x, y: y, width: inner.width, theme: theme)
        }
    }

    /// The narration as lines of pieces: words stay whole, vectors drop digits before the line is cut.
    func lines() -> [[LinePiece]] {
        guard let call, let trace else {
            return [LinePiece.words(absenceNote ?? "nothing computed", style: theme.role(.danger))]
        }
        let p = parameters, k = iteration, l = theme.lambda
        let label = theme.role(.label), value = theme.role(.value)
        let projection = p.variant.rules.projection
        /// Text in words, or a vector (emphasised when it is the step's result).
        enum Part { case text(String), vector([Double], Bool) }
        func row(_ parts: Part...) -> [LinePiece] {
            parts.flatMap { part -> [LinePiece] in
                switch part {
                case .text(let text): return LinePiece.words(text, style: label)
                case .vector(let xs, let result): return [.vector(xs, style: result ? value : label, theme: theme)]
                }
            }
        }
        var out: [[LinePiece]] = []
        if k == 0 {
            out.append(
                row(
                    .text("Iteration 0 is the start point. w0 = "), .vector(trace.start, true),
                    .text(shownCall == 0 ? " (the first call starts uniform)" : " (warm start: w of the previous call)")
                ))
            out.append(
                row(.text("weights = (w + \(l) \(theme.wTilde)) / (1 + \(l)) = "), .vector(trace.startWeights, true)))
            out.append(row(.text("Press n to see iteration 1 computed from here.")))
            return out + problemLines(call: call)
        }
        guard let step = trace.record(at: k), let w = trace.w(at: k - 1) else {
            return [LinePiece.words(Self.recomputingNote(k, theme: theme), style: label)]
        }
        let shifted = zip(w, call.preference).map { $0 + p.lambda * $1 }
        out.append(
            row(.text("Iteration \(k) of \(p.iters), variant \(p.variant.rawValue). Before it: w = "), .vector(w, true))
        )
        out.append(
            row(
                .text("1. g = \(theme.aHat) (w + \(l) \(theme.wTilde)) = \(theme.aHat) "), .vector(shifted, false),
                .text(" = "), .vector(step.grad, true)))
        if k == 1 {
            out.append(
                row(.text("2. v = g (the momentum buffer restarts at every call) = "), .vector(step.velocity, true)))
        } else {
            out.append(
                row(
                    .text(
                        "2. v = \(NumberText.parameter(p.momentum)) v_prev + g = \(NumberText.parameter(p.momentum)) "),
                    .vector(trace.velocity(at: k - 1) ?? [], false),
                    .text(" + g = "), .vector(step.velocity, true)))
        }
        out.append(
            row(
                .text("3. y = w - lr v = w - \(NumberText.parameter(p.lr)) v = "), .vector(step.y, true),
                .text("   sum(y) = \(NumberText.short(step.y.reduce(0, +)))")))
        let explanation = ThresholdExplanation(y: step.y, variant: p.variant)
        if explanation.shortcut {
            out.append(
                row(
                    .text(
                        "4. y already lies on the simplex: \(p.variant.rawValue) returns it unchanged (\(theme.tau) = 0)"
                    )))
        } else {
            out.append(row(.text("4. sort y descending: u = "), .vector(explanation.sorted, true)))
            let next = projection.comparesWithNextEntry
            var search =
                next
                ? "   \(theme.tau) starts at (sum(y) - 1)/m = \(NumberText.short((explanation.total - 1) / Double(call.m))); "
                : "   "
            for c in explanation.candidates.prefix(6) {
                let sign =
                    next
                    ? ((c.comparedWith.map { c.threshold > $0 } ?? true) ? ">" : "<=")
                    : ((c.comparedWith.map { $0 > c.threshold } ?? false) ? "<" : ">=")
                if let u = c.comparedWith {
                    search +=
                        "t_\(c.count) = \(NumberText.short(c.threshold)) \(sign) u_\(next ? c.count + 1 : c.count) = \(NumberText.short(u))\(c.chosen ? (next ? " -> stop" : " (the last)") : ""); "
                } else {
                    search += "no t_i beat u_i+1: keep (sum(y) - 1)/m; "
                }
            }
            out.append(row(.text(search)))
            // Duchi's sort/cumsum projection looks at every i and keeps the last one that passes: no early stop.
            let rule =
                next
                ? ""
                : "t_\(explanation.candidates.first(where: \.chosen)?.count ?? 1) (Duchi: the last i with t_i < u_i) = "
            out.append([LinePiece("   \(theme.tau) = \(rule)", style: label), .number(step.tau, style: value)])
        }
        out.append(
            row(
                .text("5. w = max(y - \(theme.tau), 0) = "), .vector(step.w, true),
                .text(step.w.filter { $0 == 0 }.count == call.m - 1 ? "  (a vertex: every other task got 0)" : "")))
        out.append(
            row(
                .text("6. weights = (w + \(l) \(theme.wTilde)) / (1 + \(l)) = (w + \(NumberText.parameter(p.lambda)) "),
                .vector(call.preference, false), .text(") / \(NumberText.short(1 + p.lambda)) = "),
                .vector(step.weights, true)))
        if let d = direction {
            out.append(
                row(
                    .text("7. d = J\(theme.transpose) weights = "), .vector(d, true),
                    .text("  |d| = \(NumberText.short(euclideanNorm(d)))")))
        }
        return out + problemLines(call: call)
    }

    /// What the iteration solves, and whether lambda moves the weights at w* (LambdaInvariance).
    /// What stands where iteration k is not stored and is being computed again from a checkpoint.
    static func recomputingNote(_ k: Int, theme: Theme) -> String {
        "computing iteration \(k) again from the nearest checkpoint\(theme.ellipsis)"
    }

    func problemLines(call: WeightingCall) -> [[LinePiece]] {
        var lines = [
            LinePiece.words(InnerProblemText.problemLine(theme, symmetric: symmetric), style: theme.role(.prose))
        ]
        let invariance = LambdaInvariance.compute(call: call)
        if let note = InnerProblemText.invarianceLine(theme, invariance: invariance, lambda: parameters.lambda) {
            lines.append(LinePiece.words(note, style: theme.role(.prose)))
        }
        return lines
    }
}
