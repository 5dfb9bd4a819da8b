import Foundation
import SDMGrad
import XCTest

/// Runs the real `sdmgrad-explorer solve` binary (SPEC section 2).
final class SolveCommandTests: XCTestCase {
    // MARK: - Locations

    /// The package root (Tests/EndToEndTests/../..).
    static let packageRoot = BinaryLocator.packageRoot

    static func fixture(_ name: String) throws -> String {
        let path = packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure("fixture \(path) is missing (regenerate with python3 Tests/Fixtures/make_fixtures.py)")
        }
        return path
    }

    /// The vendored worked example `assets/examples/mlp3` (a run folder); a clear error when missing (never a silent skip).
    static func mlp3() throws -> URL {
        let url = packageRoot.appendingPathComponent("assets/examples/mlp3").standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("manifest.json").path) else {
            throw Failure(
                "golden data folder \(url.path) is missing: it is committed in the repository (assets/examples/mlp3)")
        }
        return url
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The built binary, found by the shared BinaryLocator.
    static func binary() throws -> String {
        do { return try BinaryLocator.binary() } catch let error as BinaryLocator.Failure {
            throw Failure(error.description)
        }
    }

    // MARK: - Running

    typealias Run = BinaryLocator.Run

    /// Runs the binary with `arguments` (through the shared runner); a hang is a test failure.
    func run(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Run {
        let r = try BinaryLocator.run(arguments)
        if r.timedOut { XCTFail("sdmgrad-explorer \(arguments) did not finish within 120 s", file: file, line: line) }
        return r
    }

    /// Runs and expects success: status 0, nothing on stderr; returns the parsed JSON objects, one per line.
    func solve(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let r = try run(["solve"] + arguments, file: file, line: line)
        XCTAssertEqual(r.status, 0, "solve \(arguments) failed: \(r.stderr)", file: file, line: line)
        XCTAssertFalse(r.signaled, file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        XCTAssert(r.stdout.hasSuffix("\n"), "stdout should end with a newline", file: file, line: line)
        return try r.lines.map { text in
            guard let object = try StrictJSON.parse(text) as? [String: Any] else {
                throw Failure("not a JSON object: \(text)")
            }
            return object
        }
    }

    /// Expects a clean failure: non-zero exit (not a signal), empty stdout, exactly one stderr line with `keyWords`.
    /// `earlierCalls`: how many complete lines for good calls before the bad one the spec lets through
    /// ("nothing half-written on stdout for that call").
    func expectFailure(
        _ arguments: [String], _ keyWords: [String], earlierCalls: Int = 0,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let r = try run(arguments, file: file, line: line)
        let context = "sdmgrad-explorer \(arguments.joined(separator: " "))"
        XCTAssertNotEqual(r.status, 0, "\(context) should fail", file: file, line: line)
        XCTAssertFalse(r.signaled, "\(context) died from a signal", file: file, line: line)
        if earlierCalls == 0 {
            XCTAssertEqual(r.stdout, "", "\(context) wrote to stdout", file: file, line: line)
        } else if !r.stdout.isEmpty {
            XCTAssert(
                r.stdout.hasSuffix("\n"), "\(context): half-written stdout \(r.stdout.debugDescription)", file: file,
                line: line)
            XCTAssertLessThanOrEqual(
                r.lines.count, earlierCalls, "\(context): output for the bad call", file: file, line: line)
            for text in r.lines {
                XCTAssertNotNil(
                    try? StrictJSON.parse(text) as? [String: Any], "\(context): not a complete object: \(text)",
                    file: file, line: line)
            }
        }
        XCTAssert(
            r.stderr.hasSuffix("\n"), "\(context): stderr should be one full line: \(r.stderr.debugDescription)",
            file: file, line: line)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(
            lines.count, 1, "\(context): expected exactly one stderr line, got \(r.stderr.debugDescription)",
            file: file, line: line)
        for bad in ["Fatal error", "Stack dump", "Backtrace", "Illegal instruction", "Segmentation"] {
            XCTAssertFalse(r.stderr.contains(bad), "\(context) crashed: \(r.stderr)", file: file, line: line)
        }
        for word in keyWords {
            XCTAssert(
                r.stderr.lowercased().contains(word.lowercased()),
                "\(context): stderr should mention '\(word)': \(r.stderr)", file: file, line: line)
        }
    }

    // MARK: - JSON helpers

    func doubles(_ any: Any?, file: StaticString = #filePath, line: UInt = #line) throws -> [Double] {
        guard let array = any as? [Any] else {
            throw Failure("expected an array of numbers, found \(String(describing: any))")
        }
        return try array.map { try number($0) }
    }

    func number(_ any: Any?) throws -> Double {
        if let d = any as? Double { return d }
        if let n = any as? NSNumber { return n.doubleValue }
        throw Failure("expected a number, found \(String(describing: any))")
    }

    func matrix(_ any: Any?) throws -> [[Double]] {
        guard let rows = any as? [Any] else { throw Failure("expected a matrix, found \(String(describing: any))") }
        return try rows.map { try doubles($0) }
    }

    func assertClose(
        _ got: [Double], _ expected: [Double], _ tolerance: Double, _ message: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(got.count, expected.count, message, file: file, line: line)
        for (g, e) in zip(got, expected) where !(abs(g - e) <= tolerance) {
            XCTFail("\(message): got \(got), expected \(expected)", file: file, line: line)
            return
        }
    }

    func manifestSteps() throws -> [[String: Any]] {
        let data = try Data(contentsOf: try Self.mlp3().appendingPathComponent("manifest.json"))
        guard let manifest = try StrictJSON.parse(String(decoding: data, as: UTF8.self)) as? [String: Any],
            let steps = manifest["steps"] as? [[String: Any]]
        else { throw Failure("mlp3/manifest.json is malformed") }
        return steps
    }

    func mlp3Files(_ suffix: String) throws -> [String] {
        let folder = try Self.mlp3()
        return (0..<6).map { folder.appendingPathComponent("step\($0)-\(suffix)").path }
    }

    // MARK: - Good input

    /// The six saved A matrices, in order, one weighting: torchjd's float64 stateful replay within 1e-9.
    func testMLP3ReplayMatchesManifest() throws {
        let steps = try manifestSteps()
        let objects = try solve(try mlp3Files("A.npy"))
        XCTAssertEqual(objects.count, 6)
        for (k, (object, step)) in zip(objects, steps).enumerated() {
            XCTAssertEqual(object["call"] as? Double, Double(k + 1))
            XCTAssertEqual(object["m"] as? Double, 3)
            XCTAssertEqual(object["variant"] as? String, "torchjd")
            XCTAssertNotNil(object["scale"] as? Double)
            XCTAssertEqual(try matrix(object["normalized"]).count, 3)
            XCTAssertNil(object["trace"], "no trace without --trace")
            assertClose(
                try doubles(object["weights"]), try doubles(step["weights_float64_replay"]), 1e-9, "step \(k) weights")
            assertClose(try doubles(object["w"]), try doubles(step["w_float64_replay"]), 1e-9, "step \(k) w")
        }
    }

    /// J1FILE,J2FILE: A = J1 J2^T in double; at step 0 the solver sits on a vertex, so the weights match torchjd's.
    /// With J3 the line also has the direction J3^T weights.
    func testJacobianPairForm() throws {
        let folder = try Self.mlp3()
        let (j1, j2, j3) = ["J1", "J2", "J3"].map { folder.appendingPathComponent("step0-\($0).npy").path }
            .splat3()
        let step0 = try manifestSteps()[0]
        let pair = try solve(["\(j1),\(j2)"])
        XCTAssertEqual(pair.count, 1)
        assertClose(
            try doubles(pair[0]["weights"]), try doubles(step0["weights_float64_replay"]), 1e-9, "J1,J2 weights")
        XCTAssertNil(pair[0]["direction"])

        let triple = try solve(["\(j1),\(j2),\(j3)"])
        let weights = try doubles(triple[0]["weights"])
        XCTAssertEqual(weights, try doubles(pair[0]["weights"]))
        let direction = try doubles(triple[0]["direction"])
        let jacobian = try MatrixReader.read(path: j3)
        XCTAssertEqual(direction.count, 128)
        let expected = (0..<128).map { c in (0..<3).reduce(0.0) { $0 + jacobian[$1, c] * weights[$1] } }
        assertClose(direction, expected, 1e-12, "direction = J3^T weights")
    }

    /// --trace: one entry per inner iteration with exactly the documented keys; the last is the call's result.
    func testTrace() throws {
        for (iters, arguments) in [(20, [String]()), (7, ["--iters", "7"])] {
            let objects = try solve(arguments + ["--trace"] + (try mlp3Files("A.npy")))
            XCTAssertEqual(objects.count, 6)
            for object in objects {
                guard let trace = object["trace"] as? [[String: Any]] else {
                    XCTFail("no trace in \(object)"); continue
                }
                XCTAssertEqual(trace.count, iters)
                for (k, entry) in trace.enumerated() {
                    XCTAssertEqual(Set(entry.keys), ["iter", "grad", "velocity", "y", "tau", "w", "weights"])
                    XCTAssertEqual(entry["iter"] as? Double, Double(k + 1))
                    XCTAssertEqual(try doubles(entry["w"]).count, 3)
                    XCTAssertEqual(try doubles(entry["w"]).reduce(0, +), 1, accuracy: 1e-12)
                }
                XCTAssertEqual(try doubles(trace.last?["w"]), try doubles(object["w"]))
                XCTAssertEqual(try doubles(trace.last?["weights"]), try doubles(object["weights"]))
                // Momentum restarts at each call: the first velocity is the first gradient.
                XCTAssertEqual(try doubles(trace.first?["velocity"]), try doubles(trace.first?["grad"]))
            }
        }
    }

    /// The same matrix as .npy (C, Fortran, v2, v3), JSON (rows, object) and CSV: byte-identical output.
    func testSameNumbersFromEveryFormat() throws {
        var outputs: [String: String] = [:]
        for name in ["m3.npy", "m3-fortran.npy", "m3-v2.npy", "m3-v3.npy", "m3.json", "m3-object.json", "m3.csv"] {
            let r = try run(["solve", "--trace", try Self.fixture(name)])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            outputs[name] = r.stdout
        }
        XCTAssertEqual(Set(outputs.values).count, 1, "formats disagree: \(outputs)")
        // The float32 file is a different (rounded) matrix but still solves.
        let f4 = try solve([try Self.fixture("m3-f4.npy")])
        XCTAssertEqual(f4.count, 1)
        // Jacobian pairs across formats too: J J^T from .npy and .csv is the same A.
        let pairs = try [("j35.npy", "j35.csv"), ("j35.json", "j35-fortran.npy"), ("j35-v3.npy", "j35-object.json")].map
        {
            try run(["solve", "\(try Self.fixture($0.0)),\(try Self.fixture($0.1))"]).stdout
        }
        XCTAssertEqual(Set(pairs).count, 1, "\(pairs)")
        XCTAssertFalse(pairs[0].isEmpty)
    }

    /// Printed numbers are round-trip exact: parsed back, they equal the in-process weighting's doubles bit for bit.
    func testOutputRoundTripsExactly() throws {
        let mlp3 = try mlp3Files("A.npy"), m3 = try Self.fixture("m3.json")
        // (mlp3's A matrices have negative diagonal entries, so the official variant is run on m3 only.)
        let runs: [([String], [String])] = [
            ([], mlp3 + [m3]),
            (["--variant", "official", "--lambda", "0.7", "--momentum", "0.9"], [m3, m3]),
            (["--variant", "libmtl", "--iters", "5", "--lr", "0.3"], mlp3),
            (["--pref", "1.78,0.15,0.4", "--lr", "0.05", "--iters", "40"], [m3, m3, m3]),
        ]
        for (arguments, files) in runs {
            let objects = try solve(arguments + ["--trace"] + files)
            XCTAssertEqual(objects.count, files.count)
            var p = SolverParameters()
            if let i = arguments.firstIndex(of: "--variant") {
                p = SolverParameters(variant: Variant(rawValue: arguments[i + 1])!)
            }
            if let i = arguments.firstIndex(of: "--lambda") { p.lambda = Double(arguments[i + 1])! }
            if let i = arguments.firstIndex(of: "--momentum") { p.momentum = Double(arguments[i + 1])! }
            if let i = arguments.firstIndex(of: "--iters") { p.iters = Int(arguments[i + 1])! }
            if let i = arguments.firstIndex(of: "--lr") { p.lr = Double(arguments[i + 1])! }
            if let i = arguments.firstIndex(of: "--pref") {
                p.pref = arguments[i + 1].split(separator: ",").map { Double($0)! }
            }
            var weighting = SDMGradWeighting(parameters: p)
            for (object, path) in zip(objects, files) {
                let call = try weighting(try MatrixReader.readSquare(path: path), trace: true)
                XCTAssertEqual(try doubles(object["weights"]), call.weights, "\(arguments) \(path)")
                XCTAssertEqual(try doubles(object["w"]), call.w, "\(arguments) \(path)")
                XCTAssertEqual(try number(object["scale"]), call.normalization.scale, "\(arguments) \(path)")
                XCTAssertEqual(
                    try matrix(object["normalized"]), call.normalization.matrix.rowArrays, "\(arguments) \(path)")
                let trace = try XCTUnwrap(object["trace"] as? [[String: Any]])
                for (entry, step) in zip(trace, try XCTUnwrap(call.trace).steps) {
                    XCTAssertEqual(try doubles(entry["grad"]), step.grad)
                    XCTAssertEqual(try doubles(entry["velocity"]), step.velocity)
                    XCTAssertEqual(try doubles(entry["y"]), step.y)
                    XCTAssertEqual(try number(entry["tau"]), step.tau)
                }
            }
        }
        // And the text itself is the shortest round-trip form: 1/13 prints as 0.07692307692307691 (17 digits).
        let r = try run(["solve", try Self.mlp3().appendingPathComponent("step0-A.npy").path])
        XCTAssert(
            r.stdout.contains("\"weights\":[0.07692307692307691,0.8461538461538461,0.07692307692307691]"), r.stdout)
    }

    /// `--no-matrix` leaves out exactly "normalized": every other field (analysis, trace, a run folder's own
    /// fields) is the same as in the default line, which keeps it.
    func testNoMatrixLeavesOutOnlyTheNormalizedMatrix() throws {
        let folder = try Self.mlp3()
        for arguments in [["--analyze", "--trace"] + (try mlp3Files("A.npy")), [folder.path]] {
            let full = try solve(arguments), lean = try solve(["--no-matrix"] + arguments)
            XCTAssertEqual(full.count, lean.count)
            for (f, l) in zip(full, lean) {
                XCTAssertNotNil(f["normalized"], "the default keeps the matrix (SPEC section 2)")
                XCTAssertNil(l["normalized"])
                var rest = f
                rest["normalized"] = nil
                XCTAssertEqual(NSDictionary(dictionary: rest), NSDictionary(dictionary: l), "\(arguments)")
            }
        }
    }

    /// The default subcommand and explicit parameters at their edges are accepted.
    func testParametersAtTheirEdges() throws {
        let m3 = try Self.fixture("m3.json")
        XCTAssertEqual(try solve(["--lambda", "0", "--momentum", "0", "--iters", "1", "--lr", "1e-6", m3]).count, 1)
        XCTAssertEqual(try solve(["--pref", "0.2,0.3,0.5", m3]).count, 1)
        XCTAssertEqual(try solve(["--pref", "1.78,0.15,0", m3]).count, 1, "an un-normalized pref is accepted")
        let libmtl = try solve(["--variant", "libmtl", m3, m3])
        XCTAssertEqual(libmtl.map { $0["variant"] as? String }, ["libmtl", "libmtl"])
        XCTAssertEqual(libmtl.map { $0["call"] as? Double }, [1, 2])
    }

    // MARK: - Bad input

    /// Every bad file: one stderr line naming the file, non-zero exit, empty stdout, no crash.
    func testBadFiles() throws {
        let cases: [(String, [String])] = [
            ("bad-empty.csv", ["empty"]), ("bad-empty.json", ["empty"]), ("bad-whitespace.csv", ["empty"]),
            ("bad-comments-only.csv", ["no numbers"]),
            ("bad-ragged.json", ["ragged"]), ("bad-ragged.csv", ["ragged"]),
            ("bad-text.json", ["not a number"]), ("bad-text.csv", ["not a number"]),
            ("bad-nan.json", ["NaN"]), ("bad-infinity.json", ["Infinity"]), ("bad-neg-infinity.json", ["Infinity"]),
            ("bad-overflow.json", ["too large"]), ("bad-nan.csv", ["NaN"]), ("bad-infinity.csv", ["infinite"]),
            ("bad-empty-array.json", ["empty"]), ("bad-empty-row.json", ["empty"]),
            ("bad-no-matrix-key.json", ["matrix"]), ("bad-syntax.json", ["invalid JSON"]),
            ("bad-magic.npy", ["magic"]), ("bad-truncated-header.npy", ["truncated"]),
            ("bad-truncated-data.npy", ["truncated"]), ("bad-version4.npy", ["version"]),
            ("bad-dtype-i8.npy", ["dtype", "<i8"]), ("bad-dtype-big-f8.npy", ["dtype", ">f8"]),
            ("bad-3d.npy", ["3-D"]), ("bad-1d.npy", ["1-D"]), ("bad-empty-0x0.npy", ["empty"]),
            ("j35.npy", ["not square"]),
        ]
        let good = try Self.fixture("m3.npy")
        for (name, words) in cases {
            let path = try Self.fixture(name)
            try expectFailure(["solve", path], [name] + words)
            // After a good call: still nothing on stdout (no half-written output).
            try expectFailure(["solve", good, path], [name] + words, earlierCalls: 1)
            // As one file of a Jacobian pair.
            if name != "j35.npy" {
                try expectFailure(["solve", "\(path),\(try Self.fixture("j35.npy"))"], [name] + words)
            }
        }
        let missing = Self.packageRoot.appendingPathComponent("Tests/Fixtures/no-such-file.npy").path
        try expectFailure(["solve", missing], ["no-such-file.npy", "cannot open"])
        try expectFailure(["solve", "\(good),\(missing)"], ["no-such-file.npy"])
        try expectFailure(
            ["solve", Self.packageRoot.appendingPathComponent("Tests/Fixtures").path], ["Fixtures", "regular file"])
        try expectFailure(["solve", "\(good),\(try Self.fixture("j35.npy"))"], ["m3.npy", "j35.npy", "same shape"])
        let huge = try Self.fixture("bad-overflow-j.json")
        try expectFailure(["solve", "\(huge),\(huge)"], ["bad-overflow-j.json", "overflow"])
        try expectFailure(["solve"], ["MATRIX_FILE"])
    }

    /// The official variant's undefined scale (A_22 = -0.5 < -1e-4) is reported, never printed as NaN.
    func testOfficialUndefinedScale() throws {
        let negdiag = try Self.fixture("negdiag.json")
        try expectFailure(["solve", "--variant", "official", negdiag], ["negdiag.json", "official", "undefined"])
        XCTAssertEqual(try solve(["--variant", "torchjd", negdiag]).count, 1, "torchjd clamps the diagonal: fine")
        XCTAssertEqual(try solve(["--variant", "libmtl", negdiag]).count, 1)
        // Real data: mlp3 step 0 has A_33 < -1e-4 (J1 and J2 are different batches), so official refuses it.
        let step0 = try Self.mlp3().appendingPathComponent("step0-A.npy").path
        try expectFailure(["solve", "--variant", "official", step0], ["step0-A.npy", "official", "undefined"])
    }

    /// Each parameter out of range: one stderr line naming the parameter, non-zero exit, empty stdout.
    func testParametersOutOfRange() throws {
        let m3 = try Self.fixture("m3.json")
        let cases: [([String], [String])] = [
            (["--lambda", "-1"], ["lambda", ">= 0", "-1"]),
            (["--lambda=-1"], ["lambda", ">= 0", "-1"]),
            (["--lambda", "nan"], ["lambda"]),
            (["--lambda", "inf"], ["lambda"]),
            (["--lambda", "abc"], ["lambda"]),
            (["--lr", "0"], ["lr"]),
            (["--lr=-3"], ["lr", "> 0"]),
            (["--lr", "-3"], ["lr", "> 0"]),
            (["--momentum", "1"], ["momentum"]),
            (["--momentum=-0.5"], ["momentum"]),
            (["--momentum", "-0.5"], ["momentum", "[0, 1)"]),
            (["--iters", "-2"], ["iters", ">= 1"]),
            (["--iters", "0"], ["iters"]),
            (["--iters", "2.5"], ["iters"]),
            (["--iters", "100000000"], ["iters"]),
            (["--pref", "0.5,0.5"], ["pref"]),
            (["--pref", "0.2,0.3,0.4,0.1"], ["pref"]),
            (["--pref", "1,-1,1"], ["pref"]),
            (["--pref=-1,1,1"], ["pref", ">= 0"]),
            (["--pref", "-1,1,1"], ["pref", ">= 0"]),
            (["--pref", "1,x,1"], ["pref"]),
            (["--pref", "1,,1"], ["pref"]),
            (["--pref", "1,nan,1"], ["pref"]),
            (["--variant", "bogus"], ["variant"]),
            (["--pref", "0.2,0.3,0.5", "--variant", "libmtl"], ["pref", "libmtl"]),
            (["--pref", "0.2,0.3,0.5", "--variant", "official"], ["pref", "official"]),
            (["--no-such-option"], ["no-such-option"]),
        ]
        for (options, words) in cases {
            try expectFailure(["solve"] + options + [m3], words)
        }
    }
}

private extension Array {
    /// The first three elements as a tuple.
    func splat3() -> (Element, Element, Element) { (self[0], self[1], self[2]) }
}
