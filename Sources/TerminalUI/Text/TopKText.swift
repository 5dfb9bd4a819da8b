/// The largest entries of a weight vector as one line that fits a width, for vectors too long to show
/// whole: "task 40 0.846 · task 7 0.030 · 62 others ≤ 0.004". Entries are sorted by weight (ties by index),
/// named when names are given, and every number is a rounding of its value (the bound of the others is
/// rounded up, so it stays true). To fit, the line shows fewer entries before shorter numbers, and keeps
/// the winner as long as anything fits.
public enum TopKText {
    /// Task indices by weight, largest first, ties by index; entries that are not finite come first
    /// (a diverged entry is the news), in index order.
    public static func ranking(_ weights: [Double]) -> [Int] {
        weights.indices.sorted { a, b in
            let x = weights[a], y = weights[b]
            if x.isFinite != y.isFinite { return !x.isFinite }
            if !x.isFinite || x == y { return a < b }
            return x > y
        }
    }

    /// The index of the largest finite weight (the lowest index among ties), nil when there is none.
    public static func winner(_ weights: [Double]) -> Int? {
        var best: Int?
        for i in weights.indices where weights[i].isFinite {
            if best == nil || weights[i] > weights[best!] { best = i }
        }
        return best
    }

    /// The name of task `index` (0-based): its given name when there is a non-empty one, else "task N" (1-based).
    public static func name(_ index: Int, names: [String]?) -> String {
        if let names, index < names.count, !names[index].isEmpty { return names[index] }
        return "task \(index + 1)"
    }

    /// The winner as "task 40 0.846", then shorter forms ("task 40 0.85", "task 40", "#40"); nil when
    /// nothing fits `width` or no weight is finite.
    public static func winnerLabel(_ weights: [Double], names: [String]? = nil, width: Int) -> String? {
        winnerForms(weights, names: names).first { displayWidth(of: $0) <= width }
    }

    /// Every form of the winner's label, preferred first ("task 40 0.846" ... "#40"; ready for a `LinePiece`);
    /// empty when no weight is finite.
    public static func winnerForms(_ weights: [Double], names: [String]? = nil) -> [String] {
        guard let i = winner(weights) else { return [] }
        var forms: [String] = []
        for label in [name(i, names: names), "#\(i + 1)"] {
            for decimals in [3, 2, 1] { forms.append(label + " " + number(weights[i], decimals: decimals)) }
            forms.append(label)
        }
        return forms
    }

    /// The best form of the line no wider than `width`, nil when not even the winner's index fits.
    /// `ascii` writes ", " and "<=" instead of " · " and "≤".
    public static func line(
        _ weights: [Double], names: [String]? = nil, width: Int, maxEntries: Int = 8,
        ascii: Bool = false
    ) -> String? {
        var best: String?
        visitForms(weights, names: names, maxEntries: maxEntries, ascii: ascii) { text in
            if displayWidth(of: text) <= width { best = text }
            return best != nil
        }
        return best
    }

    /// Every form of the line, preferred first and each narrower than the one before (ready for a `LinePiece`):
    /// for each precision (3, 2, 1 decimals) and each kind of label
    /// (names, then "#N"), as many entries as fit with the others' count and bound, then with their bare count,
    /// then the winner alone; the winner's bare index comes last.
    public static func forms(
        _ weights: [Double], names: [String]? = nil, maxEntries: Int = 8,
        ascii: Bool = false
    ) -> [String] {
        var out: [String] = []
        visitForms(weights, names: names, maxEntries: maxEntries, ascii: ascii) { text in
            // Only forms narrower than every earlier one: the first that fits is unchanged, and a LinePiece made
            // of these forms shrinks step by step (FittedLine assumes it does).
            if out.last.map({ displayWidth(of: text) < displayWidth(of: $0) }) ?? true { out.append(text) }
            return false
        }
        return out
    }

    /// Hands each form, in order of preference, to `visit` until it returns true (a line needs only the first that fits).
    static func visitForms(
        _ weights: [Double], names: [String]?, maxEntries: Int, ascii: Bool,
        _ visit: (String) -> Bool
    ) {
        let order = ranking(weights)
        guard !order.isEmpty else { return }
        let separator = ascii ? ", " : " · "
        let most = min(order.count, max(1, maxEntries))
        func offer(_ parts: [String]) -> Bool { visit(parts.filter { !$0.isEmpty }.joined(separator: separator)) }
        for decimals in [3, 2, 1] {
            let rests = (1...most).map {
                others(weights, hidden: Array(order.dropFirst($0)), decimals: decimals, ascii: ascii)
            }
            for long in [true, false] {
                let entries = order.prefix(most).map { i in
                    (long ? name(i, names: names) : "#\(i + 1)") + " " + number(weights[i], decimals: decimals)
                }
                // The others' bound before more entries: "task 40 0.846 · 63 others ≤ 0.030" reads better than
                // two entries and a bare count.
                for style in 0..<3 {
                    for shown in stride(from: most, through: 1, by: -1) {
                        let rest = rests[shown - 1]
                        if offer(Array(entries.prefix(shown)) + [rest[min(style, rest.count - 1)]]) { return }
                    }
                }
                if offer([entries[0]]) { return }
            }
        }
        _ = offer(["#\(order[0] + 1)"])
    }

    /// The forms of the "others" part, longest first ("62 others ≤ 0.004", "+62 ≤ 0.004", "+62"); one empty
    /// form when nothing is hidden. The bound is the largest hidden weight rounded up, so it stays true.
    public static func others(_ weights: [Double], hidden: [Int], decimals: Int, ascii: Bool) -> [String] {
        guard !hidden.isEmpty else { return [""] }
        let noun = hidden.count == 1 ? "other" : "others"
        let values = hidden.map { weights[$0] }
        // A hidden entry that is not finite has no bound; then only the count is said.
        guard values.allSatisfy(\.isFinite), let largest = values.max() else {
            return ["\(hidden.count) \(noun)", "+\(hidden.count)"]
        }
        let le = ascii ? "<=" : "≤"
        let bound =
            largest == 0 && values.allSatisfy({ $0 == 0 }) ? "= 0" : le + " " + upper(largest, decimals: decimals)
        return ["\(hidden.count) \(noun) \(bound)", "+\(hidden.count) \(bound)", "+\(hidden.count)"]
    }

    /// `x` with `decimals` decimals (scientific when huge), or its non-finite label.
    static func number(_ x: Double, decimals: Int) -> String { NumberText.fixed(x, decimals: decimals) }

    /// The smallest number with `decimals` decimals that is at least `x`, as text.
    static func upper(_ x: Double, decimals: Int) -> String {
        let text = NumberText.fixed(x, decimals: decimals)
        guard let value = Double(text), value < x else { return text }
        var step = 1.0
        for _ in 0..<decimals { step /= 10 }
        return NumberText.fixed(value + step, decimals: decimals)
    }
}
