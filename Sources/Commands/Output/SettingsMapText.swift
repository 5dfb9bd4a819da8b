import SDMGrad

#if canImport(Glibc)
    import Glibc
#endif

/// The settings map as a shaded grid (SPEC section 7.2): one row per budget, one column per grid lr,
/// shaded by the fraction of mapped calls reached; today's setting and the recommendation marked.
enum SettingsMapText {
    static func grid(_ report: RunReport, ascii: Bool) -> [String] {
        let map = report.map, p = report.parameters
        let shades: [Character] = ascii ? [".", ":", "+", "*", "#"] : ["·", "░", "▒", "▓", "█"]
        let total = max(1, map.mapped.count)
        let today = nearestColumn(map.lrs, p.lr)
        let recommended = report.summary.recommendation.map { r in
            (nearestColumn(map.lrs, r.lr), map.iters.firstIndex(of: r.iters))
        }
        var out = ReportText.wrap(
            "Settings map: calls reached (r(w) <= 1e-3) from the recorded warm starts, "
                + "\(map.mapped.count == report.calls.count ? "all \(total)" : "\(total) of \(report.calls.count)") calls:"
        )
        for (i, budget) in map.iters.enumerated().reversed() {
            var line = String(repeating: " ", count: max(0, 5 - String(budget).count)) + String(budget) + " it |"
            for j in map.lrs.indices {
                let count = map.reached[i][j]
                let shade: Character
                if count == total {
                    shade = shades[4]
                } else if count == 0 {
                    shade = shades[0]
                } else {
                    shade = shades[1 + min(2, Int(3 * Double(count) / Double(total)))]
                }
                var mark: Character = shade
                if budget == p.iters && j == today { mark = "T" }
                if let r = recommended, r.1 == i, r.0 == j { mark = "R" }
                line.append(shade)
                line.append(mark)
            }
            out.append(line + "|")
        }
        var axis = String(repeating: " ", count: 9)
        let labels = ["1e-4", "1e-3", "0.01", "0.1", "1", "10", "100"]
        for (index, label) in labels.enumerated() {
            let column = 9 + index * 8
            while axis.count < column { axis.append(" ") }
            axis += label
        }
        out.append(axis + "   lr")
        let legend =
            "  \(shades[4]) all  \(shades[3]) >= 2/3  \(shades[2]) >= 1/3  \(shades[1]) some  \(shades[0]) none;"
            + " T your setting (lr \(ReportDiagnosis.plain(p.lr)), \(p.iters) it)"
            + (report.summary.recommendation.map { " R recommended (lr \(ReportDiagnosis.lr($0.lr)), \($0.iters) it)" }
                ?? "")
        out += ReportText.wrap(legend).enumerated().map { $0.offset == 0 ? $0.element : "  " + $0.element }
        return out
    }

    /// The grid column whose lr is nearest `lr` on a log scale.
    static func nearestColumn(_ lrs: [Double], _ lr: Double) -> Int {
        guard lr > 0, lr.isFinite else { return lrs.count - 1 }
        return lrs.indices.min { abs(log10(lrs[$0] / lr)) < abs(log10(lrs[$1] / lr)) } ?? 0
    }
}
