import SDMGrad
import TerminalUI

/// The shown iteration narrated with its real numbers, formula by formula.
enum ExplainPanel {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = panel("Explain iteration \(state.iteration) (x closes)", area: area, buffer: &buffer, theme: theme)
        let text = lines(state, theme: theme)
        for (row, line) in text.prefix(inner.height).enumerated() {
            buffer.write(line, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
        if text.count > inner.height {
            buffer.write("\(theme.ellipsis) \(text.count - inner.height) more lines at a taller terminal", x: inner.x, y: inner.maxY - 1,
                         style: theme.labelStyle, maxWidth: inner.width)
        }
    }

    /// The narration as styled lines.
    static func lines(_ state: ExplorerState, theme: Theme) -> [[Span]] {
        guard let call = state.computation.call, let trace = call.trace else {
            return [[Span(state.computation.failure ?? "nothing computed", style: theme.danger)]]
        }
        let p = state.parameters, k = state.iteration, l = theme.lambda, v = NumberFormat.vector
        let label = theme.labelStyle, value = theme.emphasis
        func row(_ parts: (String, Bool)...) -> [Span] { parts.map { Span($0.0, style: $0.1 ? value : label) } }
        var out: [[Span]] = []
        if k == 0 {
            out.append(row(("Iteration 0 is the start point. w0 = ", false), (v(trace.start, nil, 8), true),
                           (state.computation.shownCall == 0 ? " (the first call starts uniform)" : " (warm start: w of the previous call)", false)))
            out.append(row(("weights = (w + \(l) \(theme.wTilde)) / (1 + \(l)) = ", false), (v(trace.startWeights, nil, 8), true)))
            out.append(row(("Press n to see iteration 1 computed from here.", false)))
            return out
        }
        let step = trace.steps[k - 1]
        let w = trace.w(at: k - 1)
        let shifted = zip(w, call.preference).map { $0 + p.lambda * $1 }
        out.append(row(("Iteration \(k) of \(p.iters), variant \(p.variant.rawValue). Before it: w = ", false), (v(w, nil, 8), true)))
        out.append(row(("1. g = \(theme.aHat) (w + \(l) \(theme.wTilde)) = \(theme.aHat) ", false), (v(shifted, nil, 8), false), (" = ", false), (v(step.grad, nil, 8), true)))
        if k == 1 {
            out.append(row(("2. v = g (the momentum buffer restarts at every call) = ", false), (v(step.velocity, nil, 8), true)))
        } else {
            out.append(row(("2. v = \(format(p.momentum)) v_prev + g = \(format(p.momentum)) ", false), (v(trace.steps[k - 2].velocity, nil, 8), false),
                           (" + g = ", false), (v(step.velocity, nil, 8), true)))
        }
        out.append(row(("3. y = w - lr v = w - \(format(p.lr)) v = ", false), (v(step.y, nil, 8), true),
                       ("   sum(y) = \(NumberFormat.short(step.y.reduce(0, +)))", false)))
        let explanation = ThresholdExplanation(y: step.y, variant: p.variant)
        if explanation.shortcut {
            out.append(row(("4. y already lies on the simplex: \(p.variant.rawValue) returns it unchanged (\(theme.tau) = 0)", false)))
        } else {
            out.append(row(("4. sort y descending: u = ", false), (v(explanation.sorted, nil, 8), true)))
            var search = p.variant == .torchjd
                ? "   \(theme.tau) starts at (sum(y) - 1)/m = \(NumberFormat.short((explanation.total - 1) / Double(call.m))); "
                : "   Duchi: keep the last i with u_i > t_i; "
            for c in explanation.candidates.prefix(6) {
                let sign = p.variant == .torchjd ? ((c.comparedWith.map { c.threshold > $0 } ?? true) ? ">" : "<=") : ((c.comparedWith.map { $0 > c.threshold } ?? false) ? "<" : ">=")
                if let u = c.comparedWith {
                    search += "t_\(c.count) = \(NumberFormat.short(c.threshold)) \(sign) u_\(p.variant == .torchjd ? c.count + 1 : c.count) = \(NumberFormat.short(u))\(c.chosen ? " -> stop" : ""); "
                } else {
                    search += "no t_i beat u_i+1: keep (sum(y) - 1)/m; "
                }
            }
            out.append(row((search, false)))
            out.append(row(("   \(theme.tau) = ", false), (NumberFormat.short(step.tau), true)))
        }
        out.append(row(("5. w = max(y - \(theme.tau), 0) = ", false), (v(step.w, nil, 8), true),
                       (step.w.filter { $0 == 0 }.count == call.m - 1 ? "  (a vertex: every other task got 0)" : "", false)))
        out.append(row(("6. weights = (w + \(l) \(theme.wTilde)) / (1 + \(l)) = (w + \(format(p.lambda)) ", false),
                       (v(call.preference, nil, 8), false), (") / \(NumberFormat.short(1 + p.lambda)) = ", false), (v(step.weights, nil, 8), true)))
        if let d = state.shownDirection {
            out.append(row(("7. d = J\(theme.transpose) weights = ", false), (v(d, nil, 6), true), ("  |d| = \(NumberFormat.short(euclideanNorm(d)))", false)))
        }
        return out
    }
}
