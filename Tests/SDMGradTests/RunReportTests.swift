import Foundation
import SDMGrad
import XCTest

/// `report` (SPEC 7.1, 7.2) against an independent replay (IndependentReplay: no production code shared),
/// on real torchjd runs (Tests/Fixtures/runs, assets/examples) and on hand-made runs.
final class RunReportTests: XCTestCase {
    func load(_ path: String) throws -> RunFolder { try RunFolder.load(try TestPaths.golden(path).path) }

    /// The real runs: three recorded for issue 15 (one with scale-zero calls) and the two examples.
    let runs = [
        "Tests/Fixtures/runs/linnerud3", "Tests/Fixtures/runs/digits4", "Tests/Fixtures/runs/digits64",
        "assets/examples/mlp3", "assets/examples/instancewise16",
    ]

    /// reached and output_residual per call, from the recorded warm starts, match the independent replay; so
    /// do iterations_needed (N iterations reach, N - 1 do not), the recorded sums, winners and flips.
    func testPerCallNumbersMatchTheIndependentReplay() throws {
        for path in runs {
            let run = try load(path)
            let report = try RunReport(run: run, mapCalls: .count(1))
            let p = run.parameters, starts = IndependentReplay.starts(run)
            var previousWinner: Int?
            for (k, call) in report.calls.enumerated() {
                let a = IndependentReplay.normalized(run.calls[k].batches.a)
                let pref = IndependentReplay.preference(p, m: a.count)
                let w = IndependentReplay.iterate(
                    a, start: starts[k], pref: pref, lambda: p.lambda, lr: p.lr,
                    momentum: p.momentum, iters: p.iters)
                let r = IndependentReplay.residual(a, w, pref, p.lambda)
                // The weighting's product sums in another order than this loop: 20 iterations amplify that to ~1e-8.
                XCTAssertEqual(call.reach.outputResidual, r, accuracy: 1e-6 * max(1e-3, r), "\(path) step \(call.step)")
                if abs(r - 1e-3) > 1e-8 { XCTAssertEqual(call.reach.reached, r <= 1e-3, "\(path) step \(call.step)") }
                if let needed = call.reach.iterationsNeeded {
                    var residuals: [Double] = []
                    _ = IndependentReplay.iterate(
                        a, start: starts[k], pref: pref, lambda: p.lambda, lr: p.lr,
                        momentum: p.momentum, iters: needed
                    ) { _, w in
                        residuals.append(IndependentReplay.residual(a, w, pref, p.lambda))
                    }
                    XCTAssertLessThanOrEqual(residuals[needed - 1], 1e-3, "\(path) step \(call.step)")
                    XCTAssert(residuals.dropLast().allSatisfy { $0 > 1e-3 }, "\(path) step \(call.step)")
                    XCTAssertEqual(call.verdict, .converges)
                    XCTAssertFalse(call.reach.reached)
                }
                let recorded = run.calls[k].recorded.weights
                XCTAssertEqual(call.recorded.sum, recorded.reduce(0, +), accuracy: 1e-12)
                XCTAssertEqual(
                    call.recorded.offSimplex, abs(recorded.reduce(0, +) - 1) > 1e-4 || recorded.contains { $0 < 0 })
                let winner = recorded.indices.max {
                    recorded[$0] < recorded[$1] || (recorded[$0] == recorded[$1] && $0 > $1)
                }!
                XCTAssertEqual(call.winner, winner)
                XCTAssertEqual(call.flip, previousWinner.map { $0 != winner } ?? false)
                previousWinner = winner
                if call.verdict != nil { XCTAssertTrue(call.fact.fixedPointVerified) }
            }
        }
    }

    /// The Linnerud run: the calls whose A has every A_ii <= 0 are exactly those with cause scale_zero, and
    /// torchjd's float32 output there sums to lambda / (1 + lambda) (w = 0 was returned).
    func testScaleZeroCallsAreNamed() throws {
        let run = try load("Tests/Fixtures/runs/linnerud3")
        let report = try RunReport(run: run, mapCalls: .count(1))
        let zero = run.calls.indices.filter { k in (0..<3).allSatisfy { run.calls[k].batches.a[$0, $0] <= 0 } }
        XCTAssertGreaterThan(zero.count, 20)
        XCTAssertEqual(report.calls.indices.filter { report.calls[$0].recorded.cause == .scaleZero }, zero)
        for k in zero { XCTAssertEqual(report.calls[k].recorded.sum, 0.3 / 1.3, accuracy: 1e-6) }
        XCTAssertEqual(report.summary.recordedOffSimplex, report.calls.filter(\.recorded.offSimplex).count)
        XCTAssertGreaterThanOrEqual(report.summary.recordedOffSimplex, zero.count)
    }

    /// The settings map cell by cell, safe_lr and the recommendation by SPEC's rules, and `replayed`, all from
    /// the independent replay.
    func testSettingsMapSafeLRAndRecommendation() throws {
        for (path, calls) in [
            ("Tests/Fixtures/runs/linnerud3", MapCalls.automatic), ("Tests/Fixtures/runs/digits4", .automatic),
            ("Tests/Fixtures/runs/digits64", .count(5)), ("assets/examples/mlp3", .automatic),
            ("assets/examples/instancewise16", .automatic),
        ] {
            let run = try load(path)
            // As `report` runs it: the folder outlined, then its matrices read call by call.
            let report = try RunReport(outline: RunOutline.read(run.path), mapCalls: calls)
            let lrs = (-16...8).map { pow(10, Double($0) / 4) }
            let iters = Array(Set([run.parameters.iters, 50, 100, 200, 500])).sorted()
            XCTAssertEqual(report.map.iters, iters)
            for (x, y) in zip(report.map.lrs, lrs) { XCTAssertEqual(x, y, accuracy: 1e-12 * y) }
            let n = run.calls.count
            if case .count(let c) = calls {
                XCTAssertEqual(report.map.mapped.count, c)
                XCTAssertEqual(report.map.mapped.first, 0)
                XCTAssertEqual(report.map.mapped.last, n - 1)
            } else {
                XCTAssertEqual(report.map.mapped, Array(0..<n))
            }
            let expected = IndependentReplay.map(run, calls: report.map.mapped, lrs: report.map.lrs, iters: iters)
            XCTAssertEqual(report.map.reached, expected, path)
            let total = report.map.mapped.count
            let own = iters.firstIndex(of: run.parameters.iters)!
            let safe = lrs.indices.last { expected[own][$0] == total }
            XCTAssertEqual(
                report.summary.safeLR.map { log10($0) * 4 }.map { Int($0.rounded()) }, safe.map { $0 - 16 }, path)
            // Most reached, then fewest iters, then the geometric middle of the widest band.
            let best = expected.flatMap { $0 }.max()!
            let row = expected.firstIndex { $0.contains(best) }!
            var bands: [(Int, Int)] = []
            for j in lrs.indices where expected[row][j] == best {
                if let last = bands.last, last.1 == j - 1 { bands[bands.count - 1].1 = j } else { bands.append((j, j)) }
            }
            let widest = bands.max { ($0.1 - $0.0, $1.0) < ($1.1 - $1.0, $0.0) }!
            let recommendation = try XCTUnwrap(report.summary.recommendation)
            XCTAssertEqual(recommendation.iters, iters[row], path)
            XCTAssertEqual(recommendation.reached, best, path)
            XCTAssertEqual(recommendation.lr, (lrs[widest.0] * lrs[widest.1]).squareRoot(), accuracy: 1e-9, path)
            XCTAssertEqual(
                recommendation.replayed,
                IndependentReplay.replayed(run, lr: recommendation.lr, iters: recommendation.iters), path)
        }
    }

    /// SPEC's sampling rule: all calls up to calls x m^2 = 4e6, else max(8, 4e6 / m^2) evenly spaced, ends included.
    func testMapSampling() {
        XCTAssertEqual(SettingsMap.sample(calls: 100, m: 64), Array(0..<100))
        let sample = SettingsMap.sample(calls: 1000, m: 256)
        XCTAssertEqual(sample.count, 61)
        XCTAssertEqual(sample.first, 0)
        XCTAssertEqual(sample.last, 999)
        XCTAssertEqual(SettingsMap.sample(calls: 20, m: 4096).count, 8)
        XCTAssertEqual(SettingsMap.sample(calls: 1000, m: 256, requested: .all).count, 1000)
        XCTAssertEqual(SettingsMap.sample(calls: 10, m: 3, requested: .count(3)), [0, 5, 9])
    }

    /// Random float64 runs recorded by the production weighting itself: the replay from the recorded warm
    /// starts is then exact, counts add up, vertices follow the replayed w, the median is the median.
    func testRandomRunsProperties() throws {
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<12 {
            let m = rng.int(1...5), n = rng.int(2...9)
            let writer = try TestRunWriter.make("report")
            defer { writer.remove() }
            var p = SolverParameters()
            p.lr = [0.05, 1, 10][trial % 3]
            p.lambda = rng.uniform(0, 1)
            try writer.writeParams(
                "{\"lambda\":\(p.lambda),\"lr\":\(p.lr),\"momentum\":0.5,\"iters\":20,\"pref\":null}")
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
            XCTAssertEqual(s.converges + s.oscillates + s.diverges + s.unverified, n)
            XCTAssertEqual(s.largestReplayDifference, 0, "the recording is the float64 replay")
            XCTAssertEqual(s.winnerAgreements, n)
            XCTAssertEqual(s.recordedOffSimplex, 0)
            XCTAssertEqual(report.calls.map(\.vertex), ws.map { $0.filter { $0 > 0 }.count == 1 })
            let distances = report.calls.map(\.distanceToFixedPoint).sorted()
            let median = n % 2 == 1 ? distances[n / 2] : (distances[n / 2 - 1] + distances[n / 2]) / 2
            XCTAssertEqual(s.medianDistance, median)
            for call in report.calls {
                if let verdict = call.verdict { XCTAssertEqual(verdict == .converges, call.spectralRadius < 1 - 1e-12) }
                XCTAssertEqual(call.verdict != nil, call.fact.fixedPointVerified)
                XCTAssert(call.distanceToFixedPoint >= 0 && call.distanceToFixedPoint <= 2.0.squareRoot() + 1e-12)
            }
        }
    }

    /// torchjd keeps its state per (m, dtype, device): when A's dtype changes it starts again from uniform,
    /// and so does the analysis.
    func testDtypeChangeRestartsTheState() throws {
        let writer = try TestRunWriter.make("dtype")
        defer { writer.remove() }
        try writer.writeParams()
        var rng = SplitMix64(seed: 5)
        let a0 = randomSquare(3, &rng), a1 = randomSquare(3, &rng)
        try writer.writeNPY(step: 0, a0, float32: true)
        try writer.writeNPY(step: 1, a1, float32: false)
        var first = SDMGradWeighting(), second = SDMGradWeighting()  // two fresh states, as torchjd has
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

    /// One task: w is always the single vertex; every lr reaches it.
    func testOneTaskIsReachedAtEveryLR() throws {
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
        XCTAssertEqual(report.summary.reached, 3)
        XCTAssert(report.calls.allSatisfy { $0.vertex && !$0.flip && $0.replayDifference == 0 })
    }

    /// A = [[1, 2], [2, 1]]: from uniform, symmetry keeps w at [1/2, 1/2], a fixed point whose face has
    /// c = -1 < 0: it repels at every lr (a verified fact), yet every call sits on it, so it is reached at
    /// every lr and safe_lr is 100.
    func testRepellingFixedPointThatIsReached() throws {
        let a = Matrix([[1, 2], [2, 1]])
        let writer = try TestRunWriter.make("repel")
        defer { writer.remove() }
        try writer.writeParams()
        var run = SDMGradWeighting()
        for step in 0..<2 {
            try writer.writeNPY(step: step, a, float32: false)
            let call = try run(a)
            XCTAssertEqual(call.w, [0.5, 0.5])
            try writer.append(TestRunWriter.line(step: step, dtype: "float64", weights: call.weights, w: call.w))
        }
        let report = try RunReport(run: try RunFolder.load(writer.path))
        XCTAssertEqual(report.summary.diverges, 2)
        XCTAssertTrue(report.calls.allSatisfy { $0.fact.isFact && $0.lrMax == 0 && $0.reach.reached })
        XCTAssertEqual(report.summary.safeLR, 100)
    }

    /// Parameters that overflow (lambda = 1e308): every replay is flagged, nothing is reached, no verdict.
    func testOverflowingParametersAreFlagged() throws {
        let writer = try TestRunWriter.make("overflow")
        defer { writer.remove() }
        try writer.writeParams(#"{"lambda":1e308,"lr":10,"momentum":0.5,"iters":20,"pref":null}"#)
        var rng = SplitMix64(seed: 9)
        for step in 0..<3 {
            try writer.writeNPY(step: step, randomSquare(3, &rng), float32: false)
            try writer.append(TestRunWriter.line(step: step, dtype: "float64", weights: [1, 0, 0], w: [1, 0, 0]))
        }
        let report = try RunReport(run: try RunFolder.load(writer.path))
        XCTAssertEqual(report.summary.diverged, 3)
        XCTAssertEqual(report.summary.reached, 0)
        XCTAssertEqual(report.summary.converges + report.summary.oscillates + report.summary.diverges, 0)
    }
}
