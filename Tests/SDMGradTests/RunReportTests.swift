import Foundation
import XCTest
import SDMGrad

/// `report`'s numbers: against torchjd's recorded replay, closed forms, a long simulation and properties.
final class RunReportTests: XCTestCase {
    func mlp3() throws -> RunFolder { try RunFolder.load(try TestPaths.golden("assets/examples/mlp3").path) }

    /// The replay difference is torchjd's float64 replay against its float32 recording (manifest.json).
    func testMLP3ReplayDifferencesAreTorchjds() throws {
        let folder = try TestPaths.golden("assets/examples/mlp3")
        let report = try RunReport(run: try mlp3())
        let manifest = try XCTUnwrap(try loadJSONObject(folder.appendingPathComponent("manifest.json")) as? [String: Any])
        let steps = try XCTUnwrap(manifest["steps"] as? [[String: Any]])
        for (call, step) in zip(report.calls, steps) {
            let replay = try jsonDoubles(step["weights_float64_replay"]), recorded = try jsonDoubles(step["weights_float32"])
            let expected = zip(replay, recorded).map { abs($0 - $1) }.max()!
            XCTAssertEqual(call.replayDifference, expected, accuracy: 1e-9, "step \(call.step)")
            XCTAssertEqual(call.dtype, .float32)
        }
        XCTAssertEqual(report.summary.float32Calls, 6)
        XCTAssertEqual(report.summary.winnerAgreements, 6)
    }

    /// Step 0 starts from uniform and has a single interior fixed point, so the run can converge only below
    /// that point's stability limit: the first lr where a root of t^2 - (1 + momentum - lr c) t + momentum
    /// (c a face eigenvalue) leaves the unit disc, found here by a fine scan with the test's own complex
    /// roots. safe_lr sits just under it, and long runs of the solver confirm the verdicts on both sides.
    func testMLP3SafeLRIsStepZerosStabilityLimit() throws {
        let run = try mlp3()
        let safe = try XCTUnwrap(RunReport(run: run).summary.safeLR)
        var weighting = SDMGradWeighting(parameters: run.parameters)
        let first = try weighting(run.calls[0].batches.a)
        let analysis = Analysis(call: first)
        XCTAssertTrue(analysis.fixedPoint.isUnique)
        XCTAssertEqual(analysis.fixedPoint.support, [0, 1, 2])
        let beta = run.parameters.momentum
        func largestRoot(_ c: (re: Double, im: Double), lr: Double) -> Double {
            // b = 1 + beta - lr c; roots (b +- sqrt(b^2 - 4 beta)) / 2.
            let b = (re: 1 + beta - lr * c.re, im: -lr * c.im)
            let d = (re: b.re * b.re - b.im * b.im - 4 * beta, im: 2 * b.re * b.im)
            let r = (d.re * d.re + d.im * d.im).squareRoot().squareRoot(), angle = atan2(d.im, d.re) / 2
            let root = (re: r * cos(angle), im: r * sin(angle))
            let t1 = hypot((b.re + root.re) / 2, (b.im + root.im) / 2), t2 = hypot((b.re - root.re) / 2, (b.im - root.im) / 2)
            return max(t1, t2)
        }
        let eigenvalues = analysis.stability.faceEigenvalues.map { (re: $0.re, im: $0.im) }
        XCTAssertEqual(eigenvalues.count, 2)
        var limit = 1e-4
        while eigenvalues.allSatisfy({ largestRoot($0, lr: limit) < 1 }) && limit < 100 { limit *= 1.0001 }
        XCTAssertLessThanOrEqual(safe, limit * 1.0001)
        XCTAssertGreaterThan(safe, limit / (1 + 2 * RunReport.safeLRRelativePrecision))
        XCTAssertTrue(RunReport.convergesOnEveryCall(matrices: run.calls.map(\.batches.a), parameters: run.parameters, lr: safe))
        XCTAssertFalse(RunReport.convergesOnEveryCall(matrices: run.calls.map(\.batches.a), parameters: run.parameters,
                                                      lr: safe * (1 + RunReport.safeLRRelativePrecision)))
        // Simulation: many iterations from uniform settle on w* below safe_lr and do not just above it.
        func distanceAfterLongRun(lr: Double, iterations: Int) throws -> Double {
            var p = run.parameters
            p.lr = lr
            p.iters = iterations
            var long = SDMGradWeighting(parameters: p)
            return euclideanDistance(try long(run.calls[0].batches.a).w, analysis.fixedPoint.w)
        }
        XCTAssertLessThan(try distanceAfterLongRun(lr: 0.9 * safe, iterations: 50_000), 1e-9)
        XCTAssertGreaterThan(try distanceAfterLongRun(lr: 1.05 * safe, iterations: 50_000), 1e-3)
    }

    /// Properties on random float64 runs recorded by an independent replay loop: replay difference 0,
    /// counts add up, flips and vertices follow the replayed w, the median is the median.
    func testRandomRunsProperties() throws {
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<12 {
            let m = rng.int(1...5), n = rng.int(2...9)
            let writer = try TestRunWriter.make("report")
            defer { writer.remove() }
            var p = SolverParameters()
            p.lr = [0.05, 1, 10][trial % 3]
            p.lambda = rng.uniform(0, 1)
            try writer.writeParams("{\"lambda\":\(p.lambda),\"lr\":\(p.lr),\"momentum\":0.5,\"iters\":20,\"pref\":null}")
            var weighting = SDMGradWeighting(parameters: p)
            var ws: [[Double]] = []
            for step in 0..<n {
                let a = randomSquare(m, &rng)
                try writer.writeNPY(step: step, a, float32: false)
                let call = try weighting(a)
                ws.append(call.w)
                try writer.append(TestRunWriter.line(step: step, dtype: "float64", weights: call.weights, w: call.w))
            }
            let report = try RunReport(run: try RunFolder.load(writer.path))
            let s = report.summary
            XCTAssertEqual(s.calls, n)
            XCTAssertEqual(s.converges + s.oscillates + s.diverges, n)
            XCTAssertEqual(s.largestReplayDifference, 0, "the recording is the float64 replay")
            XCTAssertEqual(s.winnerAgreements, n)
            let winners = ws.map { w in w.indices.first { w[$0] == w.max()! }! }
            let flips = zip(winners.dropFirst(), winners).map { $0 != $1 }
            XCTAssertEqual(report.calls.map(\.flip), [false] + flips)
            XCTAssertEqual(s.flips, flips.filter { $0 }.count)
            XCTAssertEqual(report.calls.map(\.vertex), ws.map { $0.filter { $0 > 0 }.count == 1 })
            let distances = report.calls.map(\.distanceToFixedPoint).sorted()
            let median = n % 2 == 1 ? distances[n / 2] : (distances[n / 2 - 1] + distances[n / 2]) / 2
            XCTAssertEqual(s.medianDistance, median)
            for call in report.calls {
                XCTAssertEqual(call.verdict == .converges, call.spectralRadius < 1 - 1e-12)
                XCTAssert(call.distanceToFixedPoint >= 0 && call.distanceToFixedPoint <= 2.0.squareRoot() + 1e-12)
            }
            if let safe = s.safeLR {
                XCTAssert(RunReport.safeLRRange.contains(safe))
                XCTAssertTrue(RunReport.convergesOnEveryCall(matrices: try RunFolder.load(writer.path).calls.map(\.batches.a),
                                                             parameters: p, lr: safe))
            }
        }
    }

    /// torchjd keeps its state per (m, dtype, device): when A's dtype changes it starts again from uniform,
    /// and so does the replay.
    func testDtypeChangeRestartsTheState() throws {
        let writer = try TestRunWriter.make("dtype")
        defer { writer.remove() }
        try writer.writeParams()
        var rng = SplitMix64(seed: 5)
        let a0 = randomSquare(3, &rng), a1 = randomSquare(3, &rng)
        try writer.writeNPY(step: 0, a0, float32: true)
        try writer.writeNPY(step: 1, a1, float32: false)
        var first = SDMGradWeighting(), second = SDMGradWeighting()   // two fresh states, as torchjd has
        let c0 = try first(Matrix(rows: 3, columns: 3, storage: a0.storage.map { Double(Float($0)) }))
        let c1 = try second(a1)
        try writer.append(TestRunWriter.line(step: 0, dtype: "float32", weights: c0.weights, w: c0.w))
        try writer.append(TestRunWriter.line(step: 1, dtype: "float64", weights: c1.weights, w: c1.w))
        let run = try RunFolder.load(writer.path)
        XCTAssertEqual(run.stateResets, [1])
        let report = try RunReport(run: run)
        XCTAssertEqual(report.calls.map(\.replayDifference), [0, 0])
        XCTAssertEqual(report.summary.float32Calls, 1)
    }

    /// One task: w is always the single vertex; every lr converges.
    func testOneTaskConvergesAtEveryLR() throws {
        let writer = try TestRunWriter.make("m1")
        defer { writer.remove() }
        try writer.writeParams()
        for step in 0..<3 {
            try writer.writeNPY(step: step, Matrix([[Double(step) - 1]]), float32: true)
            try writer.append(TestRunWriter.line(step: step, weights: [1], w: [1]))
        }
        let report = try RunReport(run: try RunFolder.load(writer.path))
        XCTAssertEqual(report.summary.safeLR, 100)
        XCTAssertEqual(report.summary.converges, 3)
        XCTAssert(report.calls.allSatisfy { $0.vertex && !$0.flip && $0.replayDifference == 0 })
    }

    /// A = [[1, 2], [2, 1]]: from uniform, symmetry keeps w at [1/2, 1/2], whose face has c = -1 < 0:
    /// no lr converges, so safe_lr is nil.
    func testRepellingFixedPointHasNoSafeLR() throws {
        let a = Matrix([[1, 2], [2, 1]])
        XCTAssertNil(RunReport.safeLearningRate(matrices: [a, a], parameters: SolverParameters()))
        var weighting = SDMGradWeighting()
        XCTAssertEqual(try weighting(a).w, [0.5, 0.5])
        XCTAssertEqual(Analysis(call: try weighting(a)).stability.verdict, .diverges)
        // In a report the summary names the calls that still fail at the smallest lr.
        let writer = try TestRunWriter.make("repel")
        defer { writer.remove() }
        try writer.writeParams()
        var run = SDMGradWeighting()
        for step in 0..<2 {
            try writer.writeNPY(step: step, a, float32: false)
            let call = try run(a)
            try writer.append(TestRunWriter.line(step: step, dtype: "float64", weights: call.weights, w: call.w))
        }
        let summary = try RunReport(run: try RunFolder.load(writer.path)).summary
        XCTAssertNil(summary.safeLR)
        XCTAssertEqual(summary.failingAtSmallestLR, [StepVerdict(step: 0, verdict: .diverges), StepVerdict(step: 1, verdict: .diverges)])
        XCTAssertEqual(summary.diverges, 2)
    }
}
