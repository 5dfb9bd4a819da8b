import Explorer
import SDMGrad
import TerminalUI

/// The text form of `report`: a heading, the per-call table, the settings map as a shaded grid, the totals
/// and the diagnosis, every line at most 80 columns.
enum ReportText {
    /// Widest line.
    static let width = 80

    static func render(_ report: RunReport, run: RunOutline, ascii: Bool) -> String {
        let p = report.parameters, s = report.summary
        let sizes = Set(run.sizes).sorted()
        let dtypes = Set(run.calls.map(\.dtype.rawValue)).sorted().joined(separator: "+")
        var out: [String] = []
        out += wrap(
            "Run \(run.path): \(s.calls) call\(s.calls == 1 ? "" : "s"), m = "
                + sizes.map(String.init).joined(separator: "/")
                + ", \(dtypes); lambda \(plain(p.lambda)), lr \(plain(p.lr)), "
                + "momentum \(plain(p.momentum)), iters \(p.iters)" + (p.pref == nil ? "" : ", pref given")
                + (run.source.map { " (\($0))" } ?? ""))
        out.append("")
        out.append(
            row(["step", "verdict", "rho", "lr_max", "reach", "r(w)", "needs", "winner", "flip", "sum", "dist w*"]))
        // The recorded line of each row by its step (a search per row was quadratic in the calls).
        let recordedByStep = Dictionary(run.calls.map { ($0.step, $0) }, uniquingKeysWith: { first, _ in first })
        for call in report.calls {
            let needs = call.reach.iterationsNeeded.map(String.init) ?? (call.reach.beyondLimit ? ">2000" : "")
            let verdict =
                call.diverged
                ? "not finite" : (call.verdict.map { $0.rawValue + (call.fact.estimated ? "~" : "") } ?? "unverified")
            let known = call.verdict != nil
            out.append(
                row([
                    String(call.step), verdict, known ? short(call.spectralRadius) : "-",
                    !known ? "-" : call.lrMax.isInfinite ? "any" : short(call.lrMax), call.reach.reached ? "yes" : "no",
                    scientific(call.reach.outputResidual), needs, "task \(call.winner + 1)", call.flip ? "flip" : "",
                    fixed3(call.recorded.sum) + (call.recorded.offSimplex ? "!" : ""), short(call.distanceToFixedPoint),
                ]))
            // Past three tasks the winner alone hides the rest: the largest recorded weights under the row.
            if let recorded = recordedByStep[call.step], recorded.weights.count > 3,
                let top = TopKText.line(recorded.weights, width: width - 7, maxEntries: 3, ascii: ascii)
            {
                out.append("       " + top)
            }
        }
        out += wrap(
            "(r(w): the output's natural residual, reached when <= 1e-3; needs: iterations of the same call"
                + " that would reach it; sum: of the weights torchjd returned, ! off the simplex;"
                + " ~ verdict from estimated eigenvalues)")
        out.append("")
        out += SettingsMapText.grid(report, ascii: ascii)
        out.append("")
        out += wrap(
            "Totals: \(s.reached) of \(s.calls) calls reached w*; verdicts \(s.converges) converges, "
                + "\(s.oscillates) oscillates, \(s.diverges) diverges, \(s.unverified) unverified"
                + (s.estimated > 0 ? " (\(s.estimated) estimated)" : "") + "; \(s.flips) flip\(s.flips == 1 ? "" : "s")"
                + " of the recorded winner; \(s.recordedOffSimplex) recorded off the simplex; median distance to "
                + "w*'s weights \(short(s.medianDistance)); safe lr " + (s.safeLR.map(ReportDiagnosis.lr) ?? "none")
                + ".")
        out.append("")
        out.append("Diagnosis:")
        for sentence in ReportDiagnosis.sentences(report) {
            out += wrap("- " + sentence).enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
        }
        return out.joined(separator: "\n")
    }

    /// The columns of the table, right-aligned numbers, left-aligned words.
    static func row(_ cells: [String]) -> String {
        let widths = [5, 10, 6, 6, 5, 7, 5, 7, 5, 6, 7]
        let leftAligned: Set<Int> = [1, 4, 7, 8]
        var line = ""
        for (i, cell) in cells.enumerated() {
            let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
            line += leftAligned.contains(i) ? " " + cell + pad : pad + cell + " "
        }
        return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// A parameter as given: 10 -> "10", 0.3 -> "0.3" (shortest round-trip form).
    static func plain(_ x: Double) -> String { ReportDiagnosis.plain(x) }

    static func short(_ x: Double) -> String { ReportDiagnosis.short(x) }

    static func scientific(_ x: Double) -> String { ReportDiagnosis.scientific(x) }

    static func fixed3(_ x: Double) -> String { x.isFinite ? NumberText.fixed(x, decimals: 3) : short(x) }

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
