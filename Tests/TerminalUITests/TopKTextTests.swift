import TerminalUI
import XCTest

/// The top-k line read back by an independent parser: it fits, names the right tasks in the right order,
/// every number is a rounding of its weight, the others' bound is true, and the winner is always there.
final class TopKTextTests: XCTestCase {
    /// The issue's 64-task example: task 40 wins with 0.846, task 7 has 0.030, the rest at most 0.004.
    func sixtyFour() -> [Double] {
        var w = [Double](repeating: 0.002, count: 64)
        w[39] = 0.846
        w[6] = 0.030
        w[11] = 0.0035
        return w
    }

    func testKnownLines() {
        let w = sixtyFour()
        XCTAssertEqual(TopKText.line(w, width: 200, maxEntries: 2), "task 40 0.846 · task 7 0.030 · 62 others ≤ 0.004")
        XCTAssertEqual(
            TopKText.line(w, width: 200, maxEntries: 2, ascii: true), "task 40 0.846, task 7 0.030, 62 others <= 0.004")
        // Fewer entries before shorter numbers.
        XCTAssertEqual(TopKText.line(w, width: 35), "task 40 0.846 · 63 others ≤ 0.030")
        XCTAssertEqual(TopKText.line(w, width: 30), "task 40 0.846 · +63 ≤ 0.030")
        XCTAssertEqual(TopKText.line(w, width: 22), "task 40 0.846 · +63")
        XCTAssertEqual(TopKText.line(w, width: 13), "task 40 0.846")
        XCTAssertEqual(TopKText.line(w, width: 9), "#40 0.846")
        XCTAssertEqual(TopKText.line(w, width: 7), "#40 0.8")
        XCTAssertEqual(TopKText.line(w, width: 3), "#40")
        XCTAssertNil(TopKText.line(w, width: 2))
        XCTAssertEqual(
            TopKText.line([0.25, 0.5, 0.25], names: ["small", "large", ""], width: 80),
            "large 0.500 · small 0.250 · task 3 0.250")
        XCTAssertEqual(TopKText.line([1, 0, 0], width: 30, maxEntries: 1), "task 1 1.000 · 2 others = 0")
        XCTAssertEqual(TopKText.winnerLabel(w, width: 20), "task 40 0.846")
        XCTAssertEqual(TopKText.winnerLabel(w, width: 7), "task 40")
        XCTAssertEqual(TopKText.winnerLabel(w, width: 3), "#40")
        XCTAssertEqual(TopKText.winner([0.2, 0.4, 0.4]), 1, "ties go to the lower index")
        XCTAssertEqual(TopKText.ranking([0.2, 0.4, .nan, 0.4]), [2, 1, 3, 0], "a non-finite entry is shown first")
        XCTAssertEqual(
            TopKText.line([0.5, .nan, 0.5], width: 80, maxEntries: 1), "task 2 NaN(diverged) · 2 others ≤ 0.500")
        XCTAssertEqual(TopKText.line([0.5, .nan, .nan], width: 80, maxEntries: 1), "task 2 NaN(diverged) · 2 others")
    }

    /// Random vectors at every m and width the explorer meets, read back independently.
    func testRandomVectorsReadBackTruthfully() throws {
        var random = SeededGenerator(state: 16)
        var checked = 0
        for m in [2, 3, 5, 16, 64, 1024] {
            for trial in 0..<6 {
                let weights = randomWeights(m: m, trial: trial, using: &random)
                let names: [String]? = trial % 2 == 0 ? nil : (0..<m).map { "n\($0 * 7 % 1000)x" }
                for width in 10...200 {
                    for ascii in [false, true] {
                        let text = try XCTUnwrap(TopKText.line(weights, names: names, width: width, ascii: ascii))
                        XCTAssertLessThanOrEqual(displayWidth(of: text), width, text)
                        try check(text, weights: weights, names: names, ascii: ascii)
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 13_000)
    }

    /// The forms get narrower one by one, so a `LinePiece` of them fits a line exactly as `line` would.
    func testFormsAsALinePiece() {
        var random = SeededGenerator(state: 40)
        for m in [2, 5, 64, 1024] {
            let weights = randomWeights(m: m, trial: m, using: &random)
            let forms = TopKText.forms(weights)
            for (a, b) in zip(forms, forms.dropFirst()) { XCTAssertLessThan(displayWidth(of: b), displayWidth(of: a)) }
            for width in 6...120 {
                let piece = LinePiece(forms: forms)
                let fitted = FittedLine.fit([LinePiece("w "), piece], width: width + 2).map(\.text).joined()
                XCTAssertEqual(fitted, "w " + TopKText.line(weights, width: width)!, "m = \(m), width \(width)")
            }
        }
    }

    /// Uniform-ish, one clear winner, exact ties and zeros: the cases a run shows.
    func randomWeights(m: Int, trial: Int, using random: inout SeededGenerator) -> [Double] {
        var w = (0..<m).map { _ in Double.random(in: 0...1, using: &random) }
        switch trial % 3 {
        case 0: w[Int.random(in: 0..<m, using: &random)] = Double(m) * 4
        case 1: for i in w.indices where i % 3 == 0 { w[i] = 0.25 }
        default: for i in w.indices where i % 2 == 1 { w[i] = 0 }
        }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    /// Parses `text` with no help from TopKText and checks it against the weights.
    func check(_ text: String, weights: [Double], names: [String]?, ascii: Bool) throws {
        let segments = text.components(separatedBy: ascii ? ", " : " · ")
        var shown: [Int] = []
        var hiddenCount = 0
        var bound: Double?
        for segment in segments {
            let words = segment.split(separator: " ").map(String.init)
            if let count = Int(words[0].hasPrefix("+") ? String(words[0].dropFirst()) : words[0]),
                !words[0].hasPrefix("#"), words.count != 2 || words[1].hasPrefix("other")
            {
                // The others: "62 others ≤ 0.004", "+62 ≤ 0.004", "+62", "2 others = 0".
                XCTAssertEqual(segment, segments.last, "the others come last: \(text)")
                hiddenCount = count
                if let i = words.firstIndex(where: { $0 == "≤" || $0 == "<=" }) { bound = Double(words[i + 1]) }
                if words.contains("=") { bound = 0 }
                continue
            }
            let label = words.count == 1 ? words[0] : words.dropLast().joined(separator: " ")
            let index: Int
            if label.hasPrefix("#") {
                index = try XCTUnwrap(Int(label.dropFirst())) - 1
            } else if label.hasPrefix("task ") {
                index = try XCTUnwrap(Int(label.dropFirst(5))) - 1
            } else {
                index = try XCTUnwrap(names?.firstIndex(of: label), "unknown label \(label) in \(text)")
            }
            if words.count > 1 {
                let number = words.last!
                XCTAssertTrue(
                    isRounding(number, of: weights[index]),
                    "\(number) is not a rounding of \(weights[index]) in \(text)")
            }
            shown.append(index)
        }
        let winner = weights.indices.max { a, b in weights[a] < weights[b] || (weights[a] == weights[b] && a > b) }!
        XCTAssertEqual(shown.first, winner, "the winner comes first: \(text)")
        XCTAssertEqual(Set(shown).count, shown.count)
        if hiddenCount > 0 {
            XCTAssertEqual(hiddenCount, weights.count - shown.count, "the others' count is wrong: \(text)")
        } else if shown.count < weights.count {
            XCTAssertEqual(shown.count, 1, "entries left out without saying so: \(text)")
        }
        for (a, b) in zip(shown, shown.dropFirst()) {
            XCTAssertTrue(
                weights[a] > weights[b] || (weights[a] == weights[b] && a < b), "order \(a) before \(b) in \(text)")
        }
        let hidden = Set(weights.indices).subtracting(shown)
        let largestHidden = hidden.map { weights[$0] }.max()
        if let last = shown.last, let largestHidden { XCTAssertGreaterThanOrEqual(weights[last], largestHidden, text) }
        if let bound, let largestHidden {
            XCTAssertGreaterThanOrEqual(bound, largestHidden, "the bound is false: \(text)")
        }
    }

    func testSparklineKeepsTheWinnerVisible() {
        let w = sixtyFour()
        let row = VectorSparkline.text(w, width: 10)
        XCTAssertEqual(row.count, 10)
        // Task 40 (index 39) falls in column 6 of 10 (tasks 38-43): the only full block.
        XCTAssertEqual(VectorSparkline.tasks(ofColumn: 6, columns: 10, count: 64), 38..<44)
        XCTAssertEqual(Array(row).firstIndex(of: "█"), 6)
        XCTAssertEqual(Array(row).filter { $0 == "█" }.count, 1)
        XCTAssertEqual(VectorSparkline.text([0, 0.5, 1], width: 80), "▁▅█")
        XCTAssertEqual(VectorSparkline.text([0, 0.5, 1], width: 80, glyphs: .ascii), "_-#")
        XCTAssertEqual(VectorSparkline.text([0.2, .nan], width: 2), "█×")
        XCTAssertEqual(VectorSparkline.text([], width: 5), "")
    }

    /// Every task belongs to exactly one column, and each column's level is that of its largest weight.
    func testSparklineColumnsCoverEveryTask() {
        var random = SeededGenerator(state: 5)
        for m in [2, 3, 5, 16, 64, 1024] {
            let w = (0..<m).map { _ in Double.random(in: 0...1, using: &random) }
            for width in 1...120 {
                let columns = min(width, m)
                let ranges = (0..<columns).map { VectorSparkline.tasks(ofColumn: $0, columns: columns, count: m) }
                XCTAssertEqual(ranges.flatMap { Array($0) }, Array(0..<m))
                XCTAssertFalse(ranges.contains { $0.isEmpty })
                let levels = VectorSparkline.levels(w, width: width)
                let peak = ranges.firstIndex { $0.contains(w.indices.max { w[$0] < w[$1] }!) }!
                XCTAssertEqual(levels[peak], 7, "the winner's column is the full block")
            }
        }
    }

    func testSubscripts() {
        XCTAssertEqual(SubscriptText.entry("A", row: 15, column: 15, unicode: true), "A₁₅,₁₅")
        XCTAssertEqual(SubscriptText.entry("A", row: 15, column: 15, unicode: false), "A[15,15]")
        XCTAssertEqual(SubscriptText.digits(1024), "₁₀₂₄")
        XCTAssertEqual(displayWidth(of: "A₁₅,₁₅"), 6)
    }
}
