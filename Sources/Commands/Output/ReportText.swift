import Explorer
import SDMGrad

/// The text form of `report`: a heading, a table, a sparkline of the verdicts, the totals and a diagnosis,
/// every line at most 80 columns.
enum ReportText {
    /// Widest line.
    static let width = 80
    /// Most sparkline cells; longer runs put several calls in one cell (the worst verdict shows).
    static let sparklineCells = 60

    static func render(_ report: RunReport, run: RunFolder, ascii: Bool) -> String {
        let p = report.parameters, s = report.summary
        let sizes = Set(run.calls.map(\.batches.a.rows)).sorted()
        let dtypes = Set(run.calls.map(\.recorded.dtype.rawValue)).sorted().joined(separator: "+")
        var out: [String] = []
        out += wrap("Run \(run.path): \(s.calls) call\(s.calls == 1 ? "" : "s"), m = "
                    + sizes.map(String.init).joined(separator: "/") + ", \(dtypes); lambda \(plain(p.lambda)), lr \(plain(p.lr)), "
                    + "momentum \(plain(p.momentum)), iters \(p.iters)" + (p.pref == nil ? "" : ", pref given")
                    + (run.source.map { " (\($0))" } ?? ""))
        out.append("")
        out.append(row(["step", "verdict", "rho", "lr_max", "vertex", "winner", "flip", "dist w*", "replay diff"]))
        for call in report.calls {
            out.append(row([String(call.step), call.verdict.rawValue, short(call.spectralRadius),
                            call.lrMax.isInfinite ? "any" : short(call.lrMax), call.vertex ? "yes" : "no",
                            "task \(call.winner + 1)", call.flip ? "flip" : "", short(call.distanceToFixedPoint),
                            scientific(call.replayDifference)]))
        }
        out.append("")
        out += sparkline(report.calls, ascii: ascii)
        out.append("")
        out += wrap("Totals: \(s.converges) converge, \(s.oscillates) oscillate, \(s.diverges) diverge; "
                    + "the winning task flipped \(s.flips) time\(s.flips == 1 ? "" : "s"); median distance to the "
                    + "fixed-point weights \(short(s.medianDistance)); safe lr "
                    + (s.safeLR.map(short) ?? "none in [1e-4, 100]") + ".")
        out += wrap(replaySentence(report))
        out.append("")
        out += wrap("Diagnosis: " + diagnosis(report))
        return out.joined(separator: "\n")
    }

    /// The columns of the table, right-aligned numbers, left-aligned words.
    static func row(_ cells: [String]) -> String {
        let widths = [5, 10, 8, 8, 6, 7, 4, 8, 11]
        let leftAligned: Set<Int> = [1, 4, 5, 6]
        var line = ""
        for (i, cell) in cells.enumerated() {
            let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
            line += leftAligned.contains(i) ? " " + cell + pad : pad + cell + " "
        }
        return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// One cell per call (or per group of calls): low for converges, middle for oscillates, full for diverges.
    static func sparkline(_ calls: [CallHealth], ascii: Bool) -> [String] {
        let glyphs: [StabilityVerdict: Character] = ascii
            ? [.converges: ".", .oscillates: "o", .diverges: "X"]
            : [.converges: "▁", .oscillates: "▄", .diverges: "█"]
        let perCell = max(1, (calls.count + sparklineCells - 1) / sparklineCells)
        let rank: [StabilityVerdict: Int] = [.converges: 0, .oscillates: 1, .diverges: 2]
        var cells = ""
        var start = 0
        while start < calls.count {
            let group = calls[start..<min(start + perCell, calls.count)]
            let worst = group.map(\.verdict).max { rank[$0]! < rank[$1]! }!
            cells.append(glyphs[worst]!)
            start += perCell
        }
        let first = calls.first?.step ?? 0, last = calls.last?.step ?? 0
        let legend = "\(glyphs[.converges]!) converges  \(glyphs[.oscillates]!) oscillates  \(glyphs[.diverges]!) diverges"
            + (perCell > 1 ? "  (\(perCell) calls a cell, worst shown)" : "")
        return ["Verdicts, step \(first) to \(last):", "  " + cells, "  " + legend]
    }

    /// How far the float64 replay is from what the weighting returned during training.
    static func replaySentence(_ report: RunReport) -> String {
        let s = report.summary
        let agreement = "the winning task agrees on \(s.winnerAgreements) of \(s.calls) calls"
        let difference = "largest |replayed - recorded weights| \(scientific(s.largestReplayDifference))"
        if s.float32Calls > 0 {
            let part = s.float32Calls == s.calls ? "the calls were" : "\(s.float32Calls) of the \(s.calls) calls \(s.float32Calls == 1 ? "was" : "were")"
            return "Replay: \(part) recorded in float32 and replayed in float64: \(difference) "
                + "(float32 rounding is about 1e-7); \(agreement)."
        }
        return "Replay: recorded and replayed in float64: \(difference); \(agreement)."
    }

    /// One paragraph: what went wrong and what to change.
    static func diagnosis(_ report: RunReport) -> String {
        let s = report.summary, lr = report.parameters.lr
        let lrText = plain(lr)
        var text: [String] = []
        let failing = report.calls.filter { $0.verdict != .converges }
        if failing.isEmpty {
            text.append("at lr \(lrText) the inner solver converges on every call (\(s.calls) of \(s.calls)), so the weights "
                        + "are the fixed point SDMGrad's objective asks for (median distance \(short(s.medianDistance))).")
            if s.flips > 0 {
                text.append("The \(s.flips) flip\(s.flips == 1 ? "" : "s") of the winning task come from the matrices "
                            + "themselves, not from the solver.")
            }
            text.append(s.safeLR.map { "Nothing to change; any lr up to \(short($0)) would also converge." } ?? "Nothing to change.")
        } else {
            var what = "lr \(lrText) "
            if s.oscillates > 0 {
                what += "oscillates on \(s.oscillates) of \(s.calls) calls (\(steps(report.calls, .oscillates)))"
            }
            if s.diverges > 0 {
                what += (s.oscillates > 0 ? " and " : "") + "diverges on \(s.diverges) (\(steps(report.calls, .diverges)))"
            }
            text.append(what + ": there the solver cannot settle on the fixed point, and the weights are wherever "
                        + "the last of \(report.parameters.iters) iterations left them (median distance to the "
                        + "fixed-point weights \(short(s.medianDistance)); "
                        + flipsText(s.flips) + ").")
            if s.diverges > 0 {
                text.append("On the diverging calls the fixed point repels at every lr (Â is not positive on its face), "
                            + "so a smaller lr cannot help there.")
            }
            if let safe = s.safeLR {
                let suggestion = roundedDown(safe)
                text.append("Replayed at lr \(short(safe)) (warm starts included) every call converges: set "
                            + "SDMGradWeighting(lr=\(suggestion)); a smaller lr moves w more slowly, so check with "
                            + "`solve --lr \(suggestion) --analyze` that \(report.parameters.iters) iterations reach w*, "
                            + "or raise iters.")
            } else {
                let stuck = s.failingAtSmallestLR
                let listed = stuck.prefix(6).map { String($0.step) }.joined(separator: ", ") + (stuck.count > 6 ? ", ..." : "")
                var sentence = "No lr in [1e-4, 100] converges on every call: even at lr 1e-4 "
                    + "\(stuck.count == 1 ? "step" : "steps") \(listed) "
                    + (stuck.allSatisfy { $0.verdict == .diverges } ? "diverge" : "fail")
                if stuck.contains(where: { $0.verdict == .diverges }) {
                    sentence += " (their fixed point repels at every lr: Â is not positive on its face)"
                }
                text.append(sentence + ".")
                let oscillating = failing.filter { $0.verdict == .oscillates }.map(\.lrMax).filter(\.isFinite)
                if let limit = oscillating.min(), limit > 0 {
                    text.append("An lr below \(short(limit)) (the smallest lr_max of the oscillating calls) lets "
                                + "those settle; on the repelling calls the answer is wherever the iterations stop, "
                                + "whatever the lr, so reconsider lambda or how many tasks are weighted.")
                } else {
                    text.append("On those calls the answer is wherever the iterations stop, whatever the lr, so "
                                + "reconsider lambda or how many tasks are weighted.")
                }
            }
        }
        if report.summary.winnerAgreements < report.summary.calls {
            text.append("The float64 replay picks another winning task than the recording on "
                        + "\(s.calls - s.winnerAgreements) call\(s.calls - s.winnerAgreements == 1 ? "" : "s"): "
                        + "the solver is sensitive to rounding there.")
        }
        return text.joined(separator: " ")
    }

    /// "the winning task flipped 3 times" / "never changed".
    static func flipsText(_ flips: Int) -> String {
        flips == 0 ? "the winning task never changed" : "the winning task flipped \(flips) time\(flips == 1 ? "" : "s")"
    }

    /// "steps 0, 3, 5" (at most six listed).
    static func steps(_ calls: [CallHealth], _ verdict: StabilityVerdict) -> String {
        let chosen = calls.filter { $0.verdict == verdict }.map { String($0.step) }
        let listed = chosen.prefix(6).joined(separator: ", ") + (chosen.count > 6 ? ", ..." : "")
        return (chosen.count == 1 ? "step " : "steps ") + listed
    }

    /// `x` rounded down to two significant digits, written plainly (0.0123 -> "0.012").
    static func roundedDown(_ x: Double) -> String {
        guard x.isFinite, x > 0 else { return short(x) }
        var scale = 1.0, digits = 0
        while x * scale < 10 { scale *= 10; digits += 1 }
        while x * scale >= 100 { scale /= 10; digits -= 1 }
        let value = (x * scale).rounded(.down) / scale
        return digits > 0 ? NumberFormat.fixed(value, digits: digits) : NumberFormat.fixed(value, digits: 0)
    }

    /// A parameter as given: 10 -> "10", 0.3 -> "0.3" (shortest round-trip form).
    static func plain(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }

    static func short(_ x: Double) -> String { x.isFinite ? NumberFormat.short(x) : (x.isNaN ? "NaN" : "inf") }

    static func scientific(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "inf" }
        return x == 0 ? "0" : NumberFormat.scientific(x, digits: 1)
    }

    /// Words wrapped to `width` columns.
    static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
