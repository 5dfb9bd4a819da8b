import Foundation
import SDMGrad
import XCTest

/// Reading a recorded run folder (SPEC section 7): params.json, calls.jsonl and the step files.
final class RunFolderTests: XCTestCase {
    /// The vendored mlp3 run reads as torchjd recorded it (manifest.json, read with Foundation, is the truth).
    func testMLP3RunFolderMatchesItsManifest() throws {
        let folder = try TestPaths.golden("assets/examples/mlp3")
        XCTAssertTrue(RunFolder.isRunFolder(folder.path))
        let run = try RunFolder.load(folder.path)
        XCTAssertEqual(run.parameters.lambda, 0.3)
        XCTAssertEqual(run.parameters.lr, 10)
        XCTAssertEqual(run.parameters.momentum, 0.5)
        XCTAssertEqual(run.parameters.iters, 20)
        XCTAssertNil(run.parameters.pref)
        XCTAssertEqual(run.source, "torchjd 0.18.0")
        let manifest = try XCTUnwrap(
            try loadJSONObject(folder.appendingPathComponent("manifest.json")) as? [String: Any])
        let steps = try XCTUnwrap(manifest["steps"] as? [[String: Any]])
        XCTAssertEqual(run.calls.count, steps.count)
        for (call, step) in zip(run.calls, steps) {
            XCTAssertEqual(call.recorded.step, step["step"] as? Int)
            XCTAssertEqual(call.recorded.dtype, .float32)
            // Foundation's JSON parser is not always correctly rounded (last bit), hence 1e-15.
            assertClose(call.recorded.weights, try jsonDoubles(step["weights_float32"]), tolerance: 1e-15)
            assertClose(call.recorded.w, try jsonDoubles(step["w_float32"]), tolerance: 1e-15)
            XCTAssert(
                (call.recorded.weights + call.recorded.w).allSatisfy { Double(Float($0)) == $0 },
                "float32 values, exactly")
            let a = try MatrixReader.read(path: folder.appendingPathComponent("step\(call.recorded.step)-A.npy").path)
            XCTAssertEqual(call.batches.a, a)
            XCTAssertEqual(call.batches.j3?.columns, 128)
        }
        // The bare step-folder reader still accepts the run folder (params.json etc. are not steps).
        XCTAssertEqual(try StepFolder.load(folder.path).map(\.a), run.calls.map(\.batches.a))
    }

    /// float64 A files are read as received; a last line without its newline is being written and is skipped.
    func testFloat64StepsAndAPartialLastLine() throws {
        let run = try TestRunWriter.make()
        defer { run.remove() }
        var rng = SplitMix64(seed: 7)
        try run.writeParams(#"{"lambda":0.5,"lr":0.25,"momentum":0,"iters":7,"pref":[0.2,0.8]}"#)
        let matrices = (0..<3).map { _ in randomSquare(2, &rng) }
        for (k, a) in matrices.enumerated() { try run.writeNPY(step: k, a, float32: false) }
        try run.append(TestRunWriter.line(step: 0, dtype: "float64", weights: [0.4, 0.6], w: [0.5, 0.5]))
        try run.append(TestRunWriter.line(step: 1, dtype: "float64", weights: [0.3, 0.7], w: [0.4, 0.6]))
        try run.append(#"{"step":2,"dtype":"float64","weig"#)
        let loaded = try RunFolder.load(run.path)
        XCTAssertEqual(loaded.calls.map(\.recorded.step), [0, 1])
        XCTAssertEqual(loaded.calls.map(\.batches.a), Array(matrices.prefix(2)))  // bit-exact doubles
        XCTAssertEqual(loaded.parameters.pref, [0.2, 0.8])
        XCTAssertEqual(loaded.parameters.iters, 7)
        XCTAssertEqual(loaded.parameters.momentum, 0)
        XCTAssertNil(loaded.source)
    }

    // MARK: - Bad input: one line naming the file and what is wrong

    /// A folder with three good float32 steps, then `spoil` applied.
    func expectBadRun(
        _ keyWords: [String], _ context: String, spoil: (TestRunWriter) throws -> Void,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let run = try TestRunWriter.make("bad")
        defer { run.remove() }
        var rng = SplitMix64(seed: 3)
        try run.writeParams()
        for k in 0..<3 {
            try run.writeNPY(step: k, randomSquare(3, &rng), float32: true)
            try run.append(TestRunWriter.line(step: k, weights: [0.2, 0.3, 0.5], w: [0.1, 0.2, 0.7]))
        }
        XCTAssertEqual(
            try RunFolder.load(run.path).calls.count, 3, "the unspoiled folder must load", file: file, line: line)
        try spoil(run)
        assertInputError(keyWords, context, file: file, line: line) { try RunFolder.load(run.path) }
    }

    func testMissingOrBrokenParams() throws {
        try expectBadRun(["params.json", "missing"], "no params.json") {
            try FileManager.default.removeItem(at: $0.folder.appendingPathComponent("params.json"))
        }
        try expectBadRun(["params.json", "invalid JSON"], "params.json cut short") {
            try $0.writeParams(#"{"lambda":0.3,"lr":"#)
        }
        try expectBadRun(["params.json", "lr"], "no lr") {
            try $0.writeParams(#"{"lambda":0.3,"momentum":0.5,"iters":20}"#)
        }
        try expectBadRun(["params.json", "lr", "> 0"], "negative lr") {
            try $0.writeParams(#"{"lambda":0.3,"lr":-1,"momentum":0.5,"iters":20,"pref":null}"#)
        }
        try expectBadRun(["params.json", "iters", "whole"], "fractional iters") {
            try $0.writeParams(#"{"lambda":0.3,"lr":1,"momentum":0.5,"iters":2.5,"pref":null}"#)
        }
        try expectBadRun(["params.json", "pref"], "pref a string") {
            try $0.writeParams(#"{"lambda":0.3,"lr":1,"momentum":0.5,"iters":2,"pref":"uniform"}"#)
        }
    }

    func testBadCallLines() throws {
        try expectBadRun(["calls.jsonl line 4", "not JSON"], "a line that is not JSON") {
            try $0.append("step 3 done\n")
        }
        try expectBadRun(["calls.jsonl line 4", "step 3", "no file", "step3-A.npy"], "a line naming a missing step") {
            try $0.append(TestRunWriter.line(step: 3, weights: [0.2, 0.3, 0.5], w: [0.1, 0.2, 0.7]))
        }
        try expectBadRun(["calls.jsonl line 4", "gap", "step 3"], "a gap in step numbers") { run in
            var rng = SplitMix64(seed: 9)
            try run.writeNPY(step: 4, randomSquare(3, &rng), float32: true)
            try run.append(TestRunWriter.line(step: 4, weights: [0.2, 0.3, 0.5], w: [0.1, 0.2, 0.7]))
        }
        try expectBadRun(["calls.jsonl line 4", "step 1"], "a repeated step") {
            try $0.append(TestRunWriter.line(step: 1, weights: [0.2, 0.3, 0.5], w: [0.1, 0.2, 0.7]))
        }
        try expectBadRun(["calls.jsonl line 4", "dtype"], "an unknown dtype") { run in
            var rng = SplitMix64(seed: 9)
            try run.writeNPY(step: 3, randomSquare(3, &rng), float32: true)
            try run.append(
                TestRunWriter.line(step: 3, dtype: "float16", weights: [0.2, 0.3, 0.5], w: [0.1, 0.2, 0.7]))
        }
        try expectBadRun(["calls.jsonl", "no completed call"], "an empty log") { try $0.truncateCalls(to: 0) }
        try expectBadRun(["calls.jsonl", "missing"], "no log") {
            try FileManager.default.removeItem(at: $0.folder.appendingPathComponent("calls.jsonl"))
        }
    }

    func testBadStepFiles() throws {
        try expectBadRun(["step1-A.npy", "3 x 2", "not square"], "a non-square A") { run in
            try run.writeNPY(step: 1, Matrix(rows: 3, columns: 2, storage: [1, 2, 3, 4, 5, 6]), float32: true)
        }
        try expectBadRun(["step2-A.npy", "2 x 2", "3 weights"], "A of the wrong size") { run in
            try run.writeNPY(step: 2, Matrix([[1, 0], [0, 1]]), float32: true)
        }
        try expectBadRun(["step0-A.npy", "dtype", "<f8", "float32"], "A in float64 where the line says float32") {
            run in
            try run.writeNPY(step: 0, Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), float32: false)
        }
        try expectBadRun(["step1-J2.npy", "rows"], "a Jacobian of the wrong shape") { run in
            try run.writeNPY(
                step: 1, kind: "J1", Matrix(rows: 3, columns: 4, storage: Array(repeating: 1, count: 12)), float32: true
            )
            try run.writeNPY(
                step: 1, kind: "J2", Matrix(rows: 2, columns: 4, storage: Array(repeating: 1, count: 8)), float32: true)
        }
    }
}
