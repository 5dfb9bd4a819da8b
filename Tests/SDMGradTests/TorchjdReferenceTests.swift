import Foundation
import SDMGrad
import XCTest

/// Golden data from torchjd 0.18.0's own `SDMGradWeighting` (float64), see Tests/Fixtures/README.md.
final class TorchjdReferenceTests: XCTestCase {
    /// Agreement expected from a float64 implementation (README: 1e-9).
    let tolerance = 1e-9

    /// One case of torchjd-0.18.0-sdmgrad.json.
    struct Case {
        let id: String
        let kind: String
        let parameters: SolverParameters
        let matrices: [Matrix]
        let weights: [[Double]]
        let w: [[Double]]
        let trajectory: [[Double]]
        let sensitive: Bool
    }

    func loadCases() throws -> [Case] {
        let url = try TestPaths.golden("Tests/Fixtures/torchjd-0.18.0-sdmgrad.json")
        guard let root = try loadJSONObject(url) as? [String: Any], let cases = root["cases"] as? [[String: Any]] else {
            throw SetupError("\(url.path) has no \"cases\" array")
        }
        return try cases.map { c in
            guard let params = c["params"] as? [String: Any], let calls = c["calls"] as? [[String: Any]],
                let matrices = c["matrices"] as? [Any]
            else { throw SetupError("malformed case \(c["id"] ?? "?")") }
            var p = SolverParameters()
            p.lambda = try jsonDouble(params["lambda"])
            p.lr = try jsonDouble(params["lr"])
            p.momentum = try jsonDouble(params["momentum"])
            p.iters = Int(try jsonDouble(params["iters"]))
            if let pref = params["pref"], !(pref is NSNull) { p.pref = try jsonDoubles(pref) }
            let trajectory = (c["trajectory"] as? [Any]) ?? []
            return Case(
                id: c["id"] as? String ?? "?", kind: c["kind"] as? String ?? "?", parameters: p,
                matrices: try matrices.map(jsonMatrix),
                weights: try calls.map { try jsonDoubles($0["weights"]) },
                w: try calls.map { try jsonDoubles($0["w"]) },
                trajectory: try trajectory.map(jsonDoubles),
                sensitive: c["sensitive"] as? Bool ?? false)
        }
    }

    /// Every call of every case: returned weights and the carried simplex state w, within 1e-9.
    func testEveryCaseEveryCall() throws {
        let cases = try loadCases()
        XCTAssertEqual(cases.count, 60, "the README promises 60 cases")
        var calls = 0, values = 0, unnormalizedPrefs = 0
        var kinds = Set<String>()
        for c in cases {
            XCTAssertEqual(c.matrices.count, c.weights.count, c.id)
            if let pref = c.parameters.pref, abs(pref.reduce(0, +) - 1) > 1e-6 { unnormalizedPrefs += 1 }
            kinds.insert(c.kind)
            var weighting = SDMGradWeighting(parameters: c.parameters)
            for (k, a) in c.matrices.enumerated() {
                let call = try weighting(a)
                // Looser only where the README says the dynamics are chaotic (none are, at the time of writing).
                let tol = c.sensitive ? 1e-6 : tolerance
                assertClose(call.weights, c.weights[k], tolerance: tol, "\(c.id) (\(c.kind)) call \(k + 1) weights")
                assertClose(call.w, c.w[k], tolerance: tol, "\(c.id) (\(c.kind)) call \(k + 1) w")
                calls += 1
                values += c.weights[k].count + c.w[k].count
            }
        }
        XCTAssertGreaterThan(calls, 60)
        XCTAssertGreaterThan(values, 0)
        XCTAssertGreaterThan(unnormalizedPrefs, 0, "the data should include un-normalized preference vectors")
        XCTAssertEqual(kinds, ["cross", "gram", "general", "negdiag", "allneg", "zero", "huge", "tiny"])
        print(
            "TorchjdReferenceTests: compared \(cases.count) cases, \(calls) calls, \(values) values "
                + "(\(unnormalizedPrefs) cases with an un-normalized pref)")
    }

    /// Single-call cases: trajectory[k-1] against the trace's weights after iteration k (from the uniform start).
    func testTrajectoriesOfSingleCallCases() throws {
        let cases = try loadCases()
        var compared = 0, casesWithTrajectory = 0
        for c in cases where c.matrices.count == 1 && !c.trajectory.isEmpty {
            casesWithTrajectory += 1
            var weighting = SDMGradWeighting(parameters: c.parameters)
            let call = try weighting(c.matrices[0], trace: true)
            let trace = try XCTUnwrap(call.trace, c.id)
            XCTAssertEqual(trace.count, c.parameters.iters, c.id)
            XCTAssertLessThanOrEqual(c.trajectory.count, trace.count, c.id)
            let m = c.matrices[0].rows
            assertClose(
                trace.w(at: 0)!, Array(repeating: 1 / Double(m), count: m), tolerance: 0, "\(c.id) uniform start")
            for (k, expected) in zip(1..., c.trajectory) {
                XCTAssertEqual(trace.steps[k - 1].iteration, k, c.id)
                assertClose(
                    trace.weights(at: k)!, expected, tolerance: tolerance, "\(c.id) (\(c.kind)) trajectory k=\(k)")
                compared += expected.count
            }
            // The trace's last step is the call's result, and the traced call matches the untraced one.
            XCTAssertEqual(trace.steps.last?.w, call.w, c.id)
            var plain = SDMGradWeighting(parameters: c.parameters)
            XCTAssertEqual(try plain(c.matrices[0]).weights, call.weights, "\(c.id): trace must not change the numbers")
        }
        XCTAssertGreaterThan(casesWithTrajectory, 10)
        XCTAssertGreaterThan(compared, 0)
        print("TorchjdReferenceTests: compared \(compared) trajectory values in \(casesWithTrajectory) cases")
    }

    /// LibMTL's variant differs from torchjd only in its default lr and its projection shortcut (mathematically the
    /// same projection), so with torchjd's lr and a uniform preference it must reproduce the golden numbers too.
    func testLibMTLWithTheSameLearningRateMatchesTorchjd() throws {
        var compared = 0
        for c in try loadCases() where c.parameters.pref == nil && !c.sensitive {
            var p = c.parameters
            p.variant = .libmtl
            var weighting = SDMGradWeighting(parameters: p)
            for (k, a) in c.matrices.enumerated() {
                let call = try weighting(a)
                assertClose(call.weights, c.weights[k], tolerance: tolerance, "\(c.id) libmtl call \(k + 1)")
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 20)
    }

    /// The mlp3 data: a stateful float64 replay of the saved A matrices (float32 on disk), as the manifest records.
    func testMLP3Float64Replay() throws {
        let folder = try TestPaths.golden("assets/examples/mlp3")
        guard let manifest = try loadJSONObject(folder.appendingPathComponent("manifest.json")) as? [String: Any],
            let params = manifest["params"] as? [String: Any], let steps = manifest["steps"] as? [[String: Any]]
        else {
            throw SetupError("mlp3/manifest.json is malformed")
        }
        var p = SolverParameters()
        p.lambda = try jsonDouble(params["lambda"])
        p.lr = try jsonDouble(params["lr"])
        p.momentum = try jsonDouble(params["momentum"])
        p.iters = Int(try jsonDouble(params["iters"]))
        var weighting = SDMGradWeighting(parameters: p)
        var compared = 0
        XCTAssertEqual(steps.count, 6)
        for step in steps {
            let files = try XCTUnwrap(step["files"] as? [String: String])
            let path = folder.appendingPathComponent(try XCTUnwrap(files["A"])).path
            let a = try MatrixReader.read(path: path)
            XCTAssertEqual(a.rows, 3)
            XCTAssertEqual(a.columns, 3)
            let call = try weighting(a)
            assertClose(
                call.weights, try jsonDoubles(step["weights_float64_replay"]), tolerance: tolerance, "\(path) weights")
            assertClose(call.w, try jsonDoubles(step["w_float64_replay"]), tolerance: tolerance, "\(path) w")
            compared += 6
        }
        XCTAssertEqual(compared, 36)
    }

    /// A recomputed in double from the float32 Jacobians is the saved float32 A up to float32 rounding.
    func testMLP3ProductOfJacobiansMatchesSavedA() throws {
        let folder = try TestPaths.golden("assets/examples/mlp3")
        for k in 0..<6 {
            let j1 = try MatrixReader.read(path: folder.appendingPathComponent("step\(k)-J1.npy").path)
            let j2 = try MatrixReader.read(path: folder.appendingPathComponent("step\(k)-J2.npy").path)
            let saved = try MatrixReader.read(path: folder.appendingPathComponent("step\(k)-A.npy").path)
            XCTAssertEqual([j1.rows, j1.columns], [3, 128])
            XCTAssertEqual([j2.rows, j2.columns], [3, 128])
            // The readers widen float32 exactly: every entry is a float32 value.
            XCTAssert(j1.storage.allSatisfy { Double(Float($0)) == $0 })
            let a = try CallInput.product(j1: j1, j2: j2)
            // Independent product in double, straight from the definition.
            for i in 0..<3 {
                for j in 0..<3 {
                    var sum = 0.0
                    for c in 0..<128 { sum += j1[i, c] * j2[j, c] }
                    XCTAssertEqual(a[i, j], sum, accuracy: 1e-12 * max(1, abs(sum)))
                    XCTAssertEqual(
                        a[i, j], saved[i, j], accuracy: 1e-5 * abs(saved[i, j]),
                        "step \(k) A[\(i),\(j)]: recomputed vs saved (float32)")
                }
            }
            // And the Jacobian pair form of `solve` reads the same thing.
            let input = try CallInput.load(argument: "\(folder.path)/step\(k)-J1.npy,\(folder.path)/step\(k)-J2.npy")
            XCTAssertEqual(input.a, a)
            XCTAssertNil(input.j3)
        }
    }
}
