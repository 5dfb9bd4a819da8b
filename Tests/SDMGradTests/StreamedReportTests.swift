import Foundation
import SDMGrad
import XCTest

/// `report` reads a run's matrices one call at a time (RunOutline, issue 19): the outline knows what a loaded
/// run knows, the calls it hands out again are the loaded ones, and the report is the one of the loaded run.
final class StreamedReportTests: XCTestCase {
    let runs = [
        "Tests/Fixtures/runs/linnerud3", "Tests/Fixtures/runs/digits4", "Tests/Fixtures/runs/digits64",
        "assets/examples/mlp3", "assets/examples/instancewise16",
    ]

    /// On the real runs: the outline's lines, sizes, resets and skipped steps are the loaded run's, the streamed
    /// calls equal the loaded ones (index k is call k), and the reports are equal with the full and a sampled map.
    func testStreamedReportEqualsTheLoadedRunsReport() throws {
        for name in runs {
            let path = try TestPaths.golden(name).path
            let run = try RunFolder.load(path)
            let outline = try RunOutline.read(path)
            XCTAssertEqual(outline.calls, run.calls.map(\.recorded), name)
            XCTAssertEqual(outline.sizes, run.calls.map(\.batches.a.rows), name)
            XCTAssertEqual(outline.stateResets, run.stateResets, name)
            XCTAssertEqual(outline.skipped, run.skipped, name)
            XCTAssertEqual(outline.parameters, run.parameters, name)
            XCTAssertEqual(outline.source, run.source, name)
            var streamed: [RunCall] = []
            try outline.stream { k, call in
                XCTAssertEqual(k, streamed.count)
                streamed.append(call)
            }
            XCTAssertEqual(streamed, run.calls, name)
            for calls in [MapCalls.automatic, .count(3)] {
                XCTAssertEqual(
                    try RunReport(outline: outline, mapCalls: calls), try RunReport(run: run, mapCalls: calls), name)
            }
        }
    }

    /// Skipped steps (flagged, and an unflagged NaN in A), a dtype change and two sizes: the same report either way,
    /// and the recommendation's replay counts the same calls.
    func testStreamedReportWithSkippedStepsAndResets() throws {
        let writer = try TestRunWriter.make("streamed")
        defer { writer.remove() }
        try writer.writeParams()
        var rng = SplitMix64(seed: 31)
        var weighting = SDMGradWeighting()
        for step in 0..<9 {
            let m = step < 6 ? 3 : 4
            var a = randomSquare(m, &rng)
            if step == 4 { a = Matrix(rows: m, columns: m, storage: [.nan] + a.storage.dropFirst()) }
            let float32 = step != 7
            try writer.writeNPY(step: step, a, float32: float32)
            if step == 4 {  // an unflagged NaN in A: the line looks fine
                try writer.append(TestRunWriter.line(step: step, weights: [0.2, 0.3, 0.5], w: [0.2, 0.3, 0.5]))
                continue
            }
            if step == 2 {
                try writer.append(
                    #"{"step":2,"dtype":"float32","weights":[null,null,null],"w":[null,null,null],"non_finite":true}"#
                        + "\n")
                continue
            }
            let call = try weighting(
                float32 ? Matrix(rows: m, columns: m, storage: a.storage.map { Double(Float($0)) }) : a)
            try writer.append(
                TestRunWriter.line(step: step, dtype: float32 ? "float32" : "float64", weights: call.weights, w: call.w)
            )
        }
        let run = try RunFolder.load(writer.path)
        let outline = try RunOutline.read(writer.path)
        XCTAssertEqual(outline.skipped.map(\.step), [2, 4])
        XCTAssertEqual(outline.stateResets, run.stateResets)
        XCTAssertEqual(outline.calls.map(\.step), [0, 1, 3, 5, 6, 7, 8])
        XCTAssertEqual(try RunReport(outline: outline), try RunReport(run: run))
        var p = run.parameters
        p.lr = 0.3
        XCTAssertEqual(
            try RunReport.replayedReached(outline: outline, parameters: p),
            RunReport.replayedReached(run: run, parameters: p))
    }

    /// The folder changes between the outline and the second reading: a changed line or vanished calls are one
    /// clear error, never a report mixing two runs; calls recorded since are left out.
    func testAFolderChangedBetweenTheReadingsIsAnError() throws {
        let writer = try TestRunWriter.make("changed")
        defer { writer.remove() }
        try writer.writeParams()
        var rng = SplitMix64(seed: 8)
        for step in 0..<3 {
            try writer.writeNPY(step: step, randomSquare(2, &rng), float32: true)
            try writer.append(TestRunWriter.line(step: step, weights: [0.5, 0.5], w: [0.5, 0.5]))
        }
        let outline = try RunOutline.read(writer.path)
        // A fourth call recorded since: the three outlined calls are handed out, not the new one.
        try writer.writeNPY(step: 3, randomSquare(2, &rng), float32: true)
        try writer.append(TestRunWriter.line(step: 3, weights: [0.5, 0.5], w: [0.5, 0.5]))
        var steps: [Int] = []
        try outline.stream { _, call in steps.append(call.recorded.step) }
        XCTAssertEqual(steps, [0, 1, 2])
        XCTAssertEqual(try RunReport(outline: outline).calls.count, 3)
        // Step 1's line rewritten.
        let calls = writer.folder.appendingPathComponent("calls.jsonl")
        let text = try String(contentsOf: calls, encoding: .utf8)
        try text.replacingOccurrences(
            of: #"{"step":1,"dtype":"float32","weights":[0.5,0.5]"#,
            with: #"{"step":1,"dtype":"float32","weights":[0.25,0.75]"#
        ).write(to: calls, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try String(contentsOf: calls, encoding: .utf8), text)
        XCTAssertThrowsError(try RunReport(outline: outline)) {
            XCTAssert("\($0)".contains("step 1 changed while the folder was being read"), "\($0)")
        }
        // Only the first call left.
        try writer.truncateCalls(to: text.utf8.split(separator: UInt8(ascii: "\n"))[0].count + 1)
        XCTAssertThrowsError(try outline.stream { _, _ in }) {
            XCTAssert("\($0)".contains("2 of its calls disappeared"), "\($0)")
        }
    }
}
