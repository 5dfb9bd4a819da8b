import Explorer
import Foundation
import SDMGrad
import TerminalUI
import XCTest

/// The top-k text of a 64- and a 1024-task frame at a dozen sizes, read back from the frame: every "task N x"
/// run ("task 40 0.349 · task 55 0.040 · 60 others ≤ 0.033") names entries of one weight vector the state
/// holds, sorted by weight, its first the argmax; the numbers are roundings of those entries and the others'
/// bound is at least every entry left out. The winner is named at every size.
extension FrameTruthTests {
    /// One top-k run read from a frame line.
    struct TopKRun {
        var entries: [(task: Int, value: Double, decimals: Int)] = []
        var others: (count: Int, bound: Double?)?
    }

    /// The top-k runs of `line` ("task 40 0.349" or "#40 0.35" entries joined by " · ").
    static func topKRuns(_ line: String) -> [TopKRun] {
        let entry = #"(?:task |#)(\d+) (-?\d+\.\d+)"#
        let others = #"(\d+) others?(?: (?:≤|<=) (\d+\.\d+)| = 0)?|\+(\d+)(?: (?:≤|<=) (\d+\.\d+)| = 0)?"#
        let pattern = try! NSRegularExpression(pattern: "\(entry)(?:(?: · |, )\(entry))*(?:(?: · |, )(?:\(others)))?")
        let single = try! NSRegularExpression(pattern: entry)
        let tail = try! NSRegularExpression(pattern: "(?: · |, )(?:\(others))$")
        let text = line as NSString
        return pattern.matches(in: line, range: NSRange(location: 0, length: text.length)).map { match in
            let run = text.substring(with: match.range) as NSString
            var out = TopKRun()
            for e in single.matches(in: run as String, range: NSRange(location: 0, length: run.length)) {
                let value = run.substring(with: e.range(at: 2))
                out.entries.append(
                    (
                        Int(run.substring(with: e.range(at: 1)))! - 1, Double(value)!,
                        value.count - value.distance(from: value.startIndex, to: value.firstIndex(of: ".")!) - 1
                    ))
            }
            if let t = tail.firstMatch(in: run as String, range: NSRange(location: 0, length: run.length)) {
                let countRange = t.range(at: 1).location != NSNotFound ? t.range(at: 1) : t.range(at: 3)
                let boundRange = t.range(at: 1).location != NSNotFound ? t.range(at: 2) : t.range(at: 4)
                out.others = (
                    Int(run.substring(with: countRange))!,
                    boundRange.location != NSNotFound ? Double(run.substring(with: boundRange)) : nil
                )
            }
            return out
        }
    }

    /// The problem with `run` read against `vector`, nil when it is a true top-k text of it.
    static func problem(_ run: TopKRun, of vector: [Double]) -> String? {
        let order = vector.indices.sorted { vector[$0] != vector[$1] ? vector[$0] > vector[$1] : $0 < $1 }
        guard let first = run.entries.first, first.task < vector.count else { return "no entry" }
        if first.task != order[0] && vector[first.task] != vector[order[0]] {
            return "task \(first.task + 1) is not the argmax"
        }
        for (n, e) in run.entries.enumerated() {
            guard e.task < vector.count else { return "no task \(e.task + 1)" }
            let place = pow(10, -Double(e.decimals))
            if abs(vector[e.task] - e.value) > 0.5 * place * (1 + 1e-9) {
                return "task \(e.task + 1) \(e.value) is not a rounding"
            }
            if n > 0, vector[e.task] > vector[run.entries[n - 1].task] { return "task \(e.task + 1) out of order" }
        }
        let shown = Set(run.entries.map(\.task))
        if let others = run.others {
            let hidden = vector.indices.filter { !shown.contains($0) }
            if others.count != hidden.count { return "\(others.count) others, but \(hidden.count) are left out" }
            if let bound = others.bound, let largest = hidden.map({ vector[$0] }).max(), largest > bound {
                return "bound \(bound) < \(largest)"
            }
        }
        return nil
    }

    func testTopKTextNamesTheArgmaxOfTheShownWeights() throws {
        var runs = 0
        for m in [64, 1024] {
            let state = try ManyTasks.explorer(
                ManyTasks.clearWinner(m: m, winner: 39), name: "winner 40", keys: "<end>")
            let weights = try XCTUnwrap(state.shownWeights)
            XCTAssertEqual(TopKText.winner(weights), 39)
            // The vectors a top-k text may show: the weights, w now, w* and its weights.
            var vectors = [weights]
            if let w = state.trace?.w(at: state.iteration) { vectors.append(w) }
            if let fixedPoint = state.analysis?.fixedPoint { vectors += [fixedPoint.w, fixedPoint.weights] }
            for (w, h) in Self.sizes {
                let lines = Frame.render(state, width: w, height: h).lines()
                var namedWinner = false
                for (row, line) in lines.enumerated() {
                    for run in Self.topKRuns(line) {
                        runs += 1
                        let problems = vectors.map { Self.problem(run, of: $0) }
                        if !problems.contains(where: { $0 == nil }) {
                            XCTFail("m = \(m) \(w)x\(h) row \(row): \(problems.compactMap { $0 })\n\(line)")
                        }
                        if run.entries.first?.task == 39 { namedWinner = true }
                    }
                }
                XCTAssertTrue(
                    namedWinner, "m = \(m) \(w)x\(h): task 40 named nowhere\n" + lines.joined(separator: "\n"))
            }
        }
        print("FrameTruthTests: \(runs) top-k runs checked")
        XCTAssertGreaterThan(runs, 2 * Self.sizes.count)
    }

    /// The reading can fail: a run whose first entry is not the largest, or whose bound is too low, is caught.
    func testAWrongTopKRunIsCaught() {
        let v = [0.1, 0.7, 0.2]
        XCTAssertNil(Self.problem(Self.topKRuns("w task 2 0.700 · task 3 0.200 · 1 other ≤ 0.100")[0], of: v))
        XCTAssertNotNil(Self.problem(Self.topKRuns("task 3 0.200 · task 2 0.700 · 1 other ≤ 0.100")[0], of: v))
        XCTAssertNotNil(Self.problem(Self.topKRuns("task 2 0.700 · 2 others ≤ 0.100")[0], of: v))
        XCTAssertNotNil(Self.problem(Self.topKRuns("task 2 0.700 · task 3 0.200 · 1 other ≤ 0.050")[0], of: v))
        XCTAssertNotNil(Self.problem(Self.topKRuns("task 2 0.710")[0], of: v))
    }
}
