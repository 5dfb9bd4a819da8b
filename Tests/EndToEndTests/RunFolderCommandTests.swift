import Foundation
import XCTest

/// `solve RUN_FOLDER` and `report RUN_FOLDER` through the real binary (SPEC section 7), checked against
/// the numbers torchjd recorded in assets/examples/mlp3/manifest.json.
final class RunFolderCommandTests: XCTestCase {
    typealias Run = BinaryLocator.Run

    static let mlp3 = BinaryLocator.packageRoot.appendingPathComponent("assets/examples/mlp3").standardizedFileURL

    /// The manifest's steps, parsed with the correctly rounding StrictJSON.
    func manifestSteps() throws -> [[String: Any]] {
        let text = try String(contentsOf: Self.mlp3.appendingPathComponent("manifest.json"), encoding: .utf8)
        let root = try XCTUnwrap(try StrictJSON.parse(text) as? [String: Any])
        return try XCTUnwrap(root["steps"] as? [[String: Any]])
    }

    func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        let r = try BinaryLocator.run(arguments)
        if r.timedOut { XCTFail("sdmgrad-explorer \(arguments) did not finish within 120 s", file: file, line: line) }
        return r
    }

    /// Runs, expects success, returns the JSON object of each stdout line.
    func objects(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let r = try run(arguments, file: file, line: line)
        XCTAssertEqual(r.status, 0, "\(arguments) failed: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        return try r.lines.map { try XCTUnwrap(try StrictJSON.parse($0) as? [String: Any], file: file, line: line) }
    }

    func doubles(_ any: Any?) throws -> [Double] { try XCTUnwrap(any as? [Any]).map { try XCTUnwrap($0 as? Double) } }

    /// A copy of mlp3 in a temporary folder, to spoil or re-parameterize.
    func copyOfMLP3() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-run-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.mlp3, to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func stepFiles(_ folder: URL) -> [String] { (0..<6).map { folder.appendingPathComponent("step\($0)-A.npy").path } }

    // MARK: - solve RUN_FOLDER

    func testSolveReplaysTheRunAsTorchjdDidInFloat64() throws {
        let steps = try manifestSteps()
        let lines = try objects(["solve", Self.mlp3.path])
        XCTAssertEqual(lines.count, steps.count)
        for (k, (object, step)) in zip(lines, steps).enumerated() {
            XCTAssertEqual(object["call"] as? Double, Double(k + 1))
            XCTAssertEqual(object["step"] as? Double, step["step"] as? Double)
            let weights = try doubles(object["weights"]), expected = try doubles(step["weights_float64_replay"])
            for (a, b) in zip(weights, expected) { XCTAssertEqual(a, b, accuracy: 1e-9, "step \(k) weights") }
            XCTAssertEqual(try doubles(object["recorded_weights"]), try doubles(step["weights_float32"]), "step \(k)")
            XCTAssertNotNil(object["normalized"], "the usual solve fields stay")
        }
    }

    func testOptionsOverrideTheRunsParameters() throws {
        let folder = try copyOfMLP3()
        try Data(#"{"lambda":0.1,"lr":0.5,"momentum":0.2,"iters":30,"pref":[0.5,0.3,0.2],"source":"test"}"#.utf8)
            .write(to: folder.appendingPathComponent("params.json"))
        func weights(_ lines: [[String: Any]]) throws -> [[Double]] { try lines.map { try doubles($0["weights"]) } }
        // params.json's values are used ...
        let own = try weights(try objects(["solve", folder.path]))
        let given = try weights(
            try objects(
                [
                    "solve", "--lambda", "0.1", "--lr", "0.5", "--momentum", "0.2", "--iters", "30",
                    "--pref", "0.5,0.3,0.2",
                ] + stepFiles(folder)))
        XCTAssertEqual(own, given)
        // ... and an option replaces just its own one.
        let overridden = try weights(try objects(["solve", "--lr", "2", folder.path]))
        let expected = try weights(
            try objects(
                [
                    "solve", "--lambda", "0.1", "--lr", "2", "--momentum", "0.2", "--iters", "30",
                    "--pref", "0.5,0.3,0.2",
                ] + stepFiles(folder)))
        XCTAssertEqual(overridden, expected)
        XCTAssertNotEqual(overridden, own)
    }

    func testSolveRunFolderBadUse() throws {
        try expectFailure(["solve", Self.mlp3.path, stepFiles(Self.mlp3)[0]], ["run folder", "alone"])
        let bare = try copyOfMLP3()
        try FileManager.default.removeItem(at: bare.appendingPathComponent("params.json"))
        try expectFailure(["solve", bare.path], ["params.json", "not a run folder"])
    }

    // MARK: - report

    func testReportJSONAgainstTheManifest() throws {
        let steps = try manifestSteps()
        let document = try XCTUnwrap(try objects(["report", "--format", "json", Self.mlp3.path]).first)
        XCTAssertEqual(Set(document.keys), ["params", "calls", "summary", "settings_map", "diagnosis"])
        let calls = try XCTUnwrap(document["calls"] as? [[String: Any]])
        let summary = try XCTUnwrap(document["summary"] as? [String: Any])
        XCTAssert(
            Set(summary.keys).isSuperset(of: [
                "calls", "converges", "oscillates", "diverges", "unverified", "reached", "flips",
                "median_distance", "recorded_off_simplex", "largest_replay_difference",
                "safe_lr", "recommendation",
            ]))
        XCTAssertEqual(calls.count, 6)
        var previousWinner: Int?
        var flips = 0
        for (k, (call, step)) in zip(calls, steps).enumerated() {
            XCTAssert(
                Set(call.keys).isSuperset(of: [
                    "step", "verdict", "spectral_radius", "lr_max", "fixed_point_verified", "reached",
                    "output_residual", "iterations_needed", "vertex", "winner", "flip",
                    "distance_to_fixed_point", "replay_difference", "recorded_sum",
                    "recorded_off_simplex",
                ]))
            XCTAssertEqual(call["step"] as? Double, step["step"] as? Double)
            let recorded = try doubles(step["weights_float32"])
            if k == 0 {
                // The first call starts from uniform, as torchjd's own float64 replay does: same difference.
                let replay = try doubles(step["weights_float64_replay"])
                XCTAssertEqual(
                    try XCTUnwrap(call["replay_difference"] as? Double),
                    zip(replay, recorded).map { abs($0 - $1) }.max()!, accuracy: 1e-9)
            }
            // Winners and flips from what torchjd returned (float32).
            let winner = recorded.indices.max {
                recorded[$0] < recorded[$1] || (recorded[$0] == recorded[$1] && $0 > $1)
            }!
            XCTAssertEqual(call["winner"] as? Double, Double(winner + 1))
            let flip = previousWinner.map { $0 != winner } ?? false
            XCTAssertEqual(call["flip"] as? Bool, flip, "step \(step["step"]!)")
            if flip { flips += 1 }
            previousWinner = winner
            XCTAssertEqual(try XCTUnwrap(call["recorded_sum"] as? Double), recorded.reduce(0, +), accuracy: 1e-12)
            XCTAssertEqual(call["recorded_off_simplex"] as? Bool, false)
            let residual = try XCTUnwrap(call["output_residual"] as? Double)
            XCTAssertEqual(call["reached"] as? Bool, residual <= 1e-3)
            if let verdict = call["verdict"] as? String {
                XCTAssert(["converges", "oscillates", "diverges"].contains(verdict))
                XCTAssertEqual(call["fixed_point_verified"] as? Bool, true)
                let rho = try XCTUnwrap(call["spectral_radius"] as? Double)
                XCTAssertEqual(verdict == "converges", rho < 1, "verdict and rho agree")
            } else {
                XCTAssertEqual(call["fixed_point_verified"] as? Bool, false)
            }
        }
        XCTAssertEqual(summary["calls"] as? Double, 6)
        XCTAssertEqual(summary["flips"] as? Double, Double(flips))
        XCTAssertEqual(summary["reached"] as? Double, Double(calls.filter { $0["reached"] as? Bool == true }.count))
        let counts = ["converges", "oscillates", "diverges"].map { v in
            calls.filter { $0["verdict"] as? String == v }.count
        }
        XCTAssertEqual(
            counts.map(Double.init), ["converges", "oscillates", "diverges"].map { summary[$0] as? Double ?? -1 })
        let map = try XCTUnwrap(document["settings_map"] as? [String: Any])
        XCTAssertEqual(map["iters"] as? [Double], [20, 50, 100, 200, 500])
        XCTAssertEqual((map["lrs"] as? [Double])?.count, 25)
        XCTAssertEqual((map["reached"] as? [[Double]])?.map(\.count), [25, 25, 25, 25, 25])
        XCTAssertEqual(map["map_steps"] as? [Double], [0, 1, 2, 3, 4, 5])
        XCTAssertFalse(try XCTUnwrap(document["diagnosis"] as? [String]).isEmpty)
    }

    /// The recommendation's `replayed` is what `solve` gets replaying the run at those settings (warm starts
    /// carried): the calls whose `reached` is true.
    func testRecommendationIsWhatSolveReaches() throws {
        let document = try XCTUnwrap(try objects(["report", "--format", "json", Self.mlp3.path]).first)
        let recommendation = try XCTUnwrap((document["summary"] as? [String: Any])?["recommendation"] as? [String: Any])
        let lr = try XCTUnwrap(recommendation["lr"] as? Double),
            iters = try XCTUnwrap(recommendation["iters"] as? Double)
        let solved = try objects(["solve", "--analyze", "--lr", "\(lr)", "--iters", "\(Int(iters))", Self.mlp3.path])
        XCTAssertEqual(
            Double(solved.filter { $0["reached"] as? Bool == true }.count), recommendation["replayed"] as? Double)
        // At the recorded lr = 10 with 20 iterations, solve says what the report says.
        let own = try objects(["solve", "--analyze", Self.mlp3.path])
        XCTAssertEqual(
            Double(own.filter { $0["reached"] as? Bool == true }.count),
            (document["summary"] as? [String: Any])?["reached"] as? Double)
    }

    func testReportTextFitsAndDiagnoses() throws {
        let r = try run(["report", Self.mlp3.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { XCTAssertLessThanOrEqual(line.count, 80, "too wide: \(line)") }
        XCTAssertEqual(
            lines.filter { $0.hasPrefix("    ") && $0.contains("task ") }.count, 6,
            "one table row per call:\n\(r.stdout)")
        XCTAssertEqual(lines.filter { $0.contains(" it |") }.count, 5, "one map row per budget:\n\(r.stdout)")
        let text = r.stdout.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        XCTAssert(text.contains("reaches its fixed point (r(w) <= 1e-3) on 3 of 6 calls"), r.stdout)
        XCTAssert(text.contains("the winning task agrees on 6 of 6 calls"), r.stdout)
        for word in ["settles", "lands", "converges on every"] { XCTAssertFalse(text.contains(word), word) }
        let ascii = try run(["report", "--ascii", Self.mlp3.path])
        XCTAssert(ascii.stdout.contains("T"), ascii.stdout)
        XCTAssert(ascii.stdout.unicodeScalars.allSatisfy(\.isASCII), "--ascii output is ASCII:\n\(ascii.stdout)")
    }

    // MARK: - Bad input: exit 2, one line on stderr naming the file, nothing on stdout

    func expectFailure(
        _ arguments: [String], _ keyWords: [String], what: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let r = try run(arguments, file: file, line: line)
        XCTAssertEqual(
            r.status, 2, "\(what): \(arguments) should fail with status 2: \(r.stderr)", file: file, line: line)
        XCTAssertFalse(r.signaled, file: file, line: line)
        if arguments.first == "solve" {
            // solve streams: the calls before the bad step may have been printed, each a whole object.
            XCTAssert(
                r.stdout.isEmpty || r.stdout.hasSuffix("\n"), "half a line: \(r.stdout.suffix(60))", file: file,
                line: line)
            XCTAssertLessThan(r.lines.count, 7, file: file, line: line)
            for text in r.lines {
                XCTAssertNotNil(
                    try? StrictJSON.parse(text) as? [String: Any], "not a whole object", file: file, line: line)
            }
        } else {
            XCTAssertEqual(r.stdout, "", file: file, line: line)
        }
        XCTAssertEqual(
            r.stderr.filter { $0 == "\n" }.count, 1, "one line: \(r.stderr.debugDescription)", file: file, line: line)
        for word in keyWords {
            XCTAssert(
                r.stderr.lowercased().contains(word.lowercased()),
                "\(what): stderr should mention '\(word)': \(r.stderr)",
                file: file, line: line)
        }
    }

    func testReportAndSolveRejectBadRunFolders() throws {
        func spoiled(_ change: (URL) throws -> Void) throws -> String {
            let folder = try copyOfMLP3()
            try change(folder)
            return folder.path
        }
        func appendLine(_ folder: URL, _ text: String) throws {
            let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("calls.jsonl"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        let cases: [(String, [String], (URL) throws -> Void)] = [
            (
                "missing params.json", ["params.json"],
                {
                    try FileManager.default.removeItem(at: $0.appendingPathComponent("params.json"))
                }
            ),
            (
                "broken params.json", ["params.json", "invalid JSON"],
                {
                    try Data("{\"lambda\": 0.3,".utf8).write(to: $0.appendingPathComponent("params.json"))
                }
            ),
            ("a line that is not JSON", ["calls.jsonl line 7", "not JSON"], { try appendLine($0, "hello\n") }),
            (
                "a line naming a missing step", ["calls.jsonl line 7", "step6-A.npy"],
                {
                    try appendLine(
                        $0, "{\"step\":6,\"dtype\":\"float32\",\"weights\":[0.3,0.3,0.4],\"w\":[0.3,0.3,0.4]}\n")
                }
            ),
            (
                "a gap in step numbers", ["calls.jsonl line 7", "gap"],
                {
                    try FileManager.default.copyItem(
                        at: $0.appendingPathComponent("step5-A.npy"), to: $0.appendingPathComponent("step7-A.npy"))
                    try appendLine(
                        $0, "{\"step\":7,\"dtype\":\"float32\",\"weights\":[0.3,0.3,0.4],\"w\":[0.3,0.3,0.4]}\n")
                }
            ),
            (
                "A of the wrong shape", ["step2-A.npy", "not square"],
                {
                    try FileManager.default.removeItem(at: $0.appendingPathComponent("step2-A.npy"))
                    try FileManager.default.copyItem(
                        at: $0.appendingPathComponent("step2-J1.npy"), to: $0.appendingPathComponent("step2-A.npy"))
                }
            ),
            (
                "A of the wrong dtype", ["step0-A.npy", "dtype"],
                { folder in
                    let line = "{\"step\":0,\"dtype\":\"float64\",\"weights\":[0.3,0.3,0.4],\"w\":[0.3,0.3,0.4]}\n"
                    let rest = try String(contentsOf: folder.appendingPathComponent("calls.jsonl"), encoding: .utf8)
                        .split(separator: "\n").dropFirst().joined(separator: "\n")
                    try Data((line + rest + "\n").utf8).write(to: folder.appendingPathComponent("calls.jsonl"))
                }
            ),
        ]
        for (what, words, change) in cases {
            let folder = try spoiled(change)
            for command in ["report", "solve"] {
                try expectFailure([command, folder], words + [folder], what: what)
            }
        }
        try expectFailure(["report", "--format", "xml", Self.mlp3.path], ["--format"])
        try expectFailure(["report", stepFiles(Self.mlp3)[0]], ["not a folder"])
        try expectFailure(["report", "/nonexistent/run"], ["/nonexistent/run"])
    }
}
