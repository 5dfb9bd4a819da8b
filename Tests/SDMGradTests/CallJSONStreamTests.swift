import Foundation
import SDMGrad
import XCTest

/// `solve` prints a call's line in pieces (issue 19: at m = 4096 the whole line is 0.3 GB of text): no piece
/// holds more than one row of Â or one trace entry, and the pieces make the SPEC line.
final class CallJSONStreamTests: XCTestCase {
    func testPiecesAreBoundedAndMakeTheLine() throws {
        var rng = SplitMix64(seed: 44)
        let m = 120
        let j = Matrix(rows: m, columns: 9, storage: (0..<(m * 9)).map { _ in rng.uniform(-1, 1) })
        var weighting = SDMGradWeighting()
        let call = try weighting(j.timesTransposeOf(j), trace: true)
        var pieces: [String] = []
        CallJSON.write(call: call, index: 3, directionJacobian: j, analyze: false, extra: [("step", "7")]) {
            pieces.append($0)
        }
        // A row or a trace entry of 120 numbers is at most 120 x 25 characters; a trace entry has 5 of them.
        let largest = pieces.map(\.utf8.count).max() ?? 0
        XCTAssertLessThan(largest, 6 * m * 25, "a piece holds more than a trace entry")
        XCTAssertGreaterThan(pieces.count, m + call.trace!.steps.count, "Â row by row and the trace entry by entry")
        let text = pieces.joined()
        XCTAssertFalse(text.contains("\n"))
        // Foundation's parser rounds some doubles; the package's own reader (no code shared with the writer) does not.
        let object = try JSONValue.parse(Array(text.utf8))
        func numbers(_ value: JSONValue?) -> [Double]? {
            guard case .array(let items)? = value else { return nil }
            return items.compactMap { if case .number(let x) = $0 { return x } else { return nil } }
        }
        XCTAssertEqual(object["call"], .number(3))
        XCTAssertEqual(object["step"], .number(7))
        guard case .array(let rows)? = object["normalized"] else { return XCTFail("no normalized") }
        XCTAssertEqual(rows.map { numbers($0) ?? [] }, call.normalization.matrix.rowArrays)
        XCTAssertEqual(numbers(object["weights"]), call.weights)
        XCTAssertEqual(numbers(object["direction"]), j.transposeTimes(call.weights))
        guard case .array(let trace)? = object["trace"] else { return XCTFail("no trace") }
        XCTAssertEqual(trace.map { $0["iter"] }, call.trace!.steps.map { .number(Double($0.iteration)) })
        XCTAssertEqual(numbers(trace.last?["w"]), call.trace!.steps.last!.w)
        // The keys in SPEC's order, the run's own field last.
        let keys = text.split(separator: "\"").map(String.init).filter {
            ["call", "m", "scale", "normalized", "weights", "w", "direction", "trace", "step"].contains($0)
        }
        XCTAssertEqual(Array(keys.prefix(7)), ["call", "m", "scale", "normalized", "weights", "w", "direction"])
        XCTAssertEqual(keys.last, "step")
        // The explorer's export is the same text in one string.
        XCTAssertEqual(
            String(CallJSON.line(call: call, index: 3, directionJacobian: j, analyze: false).dropLast())
                + ",\"step\":7}", text)
    }
}
