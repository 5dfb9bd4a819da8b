import Foundation
import SDMGrad
import XCTest

/// Training runs: the step contract, chunked advancing, and the `sdmgrad` method's real weighting.
final class ToyRunTests: XCTestCase {
    func settings(_ method: ToyMethod, steps: Int = 50, noise: Double = 0, every: Int = 1) -> ToyRunSettings {
        var s = ToyRunSettings(method: method)
        s.steps = steps
        s.noise = noise
        s.recordEvery = every
        return s
    }

    /// Every method without noise: x before the update, losses at x, Adam on the method's direction of the exact gradients.
    func testEachStepIsAdamOnTheMethodsDirection() throws {
        for method in ToyMethod.allCases where method != .sdmgrad {
            var run = try ToyRun(settings(method, steps: 30))
            run.finish()
            var adam = TorchAdam(lr: 0.002)
            var x = ToyStarts.standard
            XCTAssertEqual(run.trajectory.count, 30)
            for k in 0..<30 {
                let r = run.record(k)
                XCTAssertEqual(r.step, k)
                XCTAssertEqual(r.x, x, "\(method) step \(k)")
                XCTAssertEqual(r.losses, ToyProblem.losses(at: x))
                let g = ToyProblem.gradients(at: x)
                let expected: ToyDirection
                switch method {
                case .mean: expected = .mean(g)
                case .mgda: expected = .mgda(g)
                case .pcgrad: expected = .pcgrad(g)
                case .cagrad: expected = .cagrad(g, c: 0.5)
                case .sdmgradToy: expected = .sdmgradToy(g, lambda: 0.01)
                case .sdmgrad: fatalError()
                }
                XCTAssertEqual(r.direction, expected.direction)
                XCTAssertEqual(r.weights, expected.weights)
                XCTAssertNil(r.weightingInput)
                adam.update(&x, gradient: expected.direction)
            }
            XCTAssertEqual(run.x, x)
        }
    }

    /// `sdmgrad` with noise 0: A = G G^T of the exact gradients fed to SDMGradWeighting (state carried), direction G^T weights.
    func testSDMGradUsesTheRealWeighting() throws {
        var s = settings(.sdmgrad, steps: 40)
        s.lambda = 0.7
        s.solver = SolverParameters(variant: .libmtl)
        s.solver.momentum = 0.2
        s.solver.iters = 7
        var run = try ToyRun(s)
        run.finish()
        var parameters = SolverParameters(variant: .libmtl)
        parameters.lambda = 0.7
        parameters.momentum = 0.2
        parameters.iters = 7
        var weighting = SDMGradWeighting(parameters: parameters)
        var adam = TorchAdam(lr: 0.002)
        var x = ToyStarts.standard
        for k in 0..<40 {
            let g = ToyProblem.gradients(at: x)
            let jacobian = Matrix([[g.g1.x, g.g1.y], [g.g2.x, g.g2.y]])
            let a = jacobian.timesTransposeOf(jacobian)
            let warm = weighting.state ?? [0.5, 0.5]
            let call = try weighting(a)
            let direction = jacobian.transposeTimes(call.weights)
            let r = run.record(k)
            XCTAssertEqual(r.x, x, "step \(k)")
            XCTAssertEqual(r.weights, SIMD2(call.weights[0], call.weights[1]), "step \(k)")
            XCTAssertEqual(r.direction, SIMD2(direction[0], direction[1]), "step \(k)")
            XCTAssertEqual(r.weightingInput?.a, a)
            XCTAssertEqual(r.weightingInput?.warmStart, warm)
            XCTAssertEqual(r.weightingInput?.parameters, parameters)
            adam.update(&x, gradient: SIMD2(direction[0], direction[1]))
        }
    }

    /// With noise, each recorded call replays to the same weights, and its output state is the next step's warm start.
    func testSDMGradStepsReplayExactly() throws {
        var run = try ToyRun(settings(.sdmgrad, steps: 200, noise: 0.2))
        run.finish()
        for k in 0..<199 {
            let input = try XCTUnwrap(run.record(k).weightingInput)
            let call = try input.replay()
            XCTAssertEqual(SIMD2(call.weights[0], call.weights[1]), run.record(k).weights, "step \(k)")
            XCTAssertEqual(call.trace?.steps.count, 20)
            XCTAssertEqual(run.record(k + 1).weightingInput?.warmStart, call.w, "step \(k + 1)")
            // A comes from two different samples: not symmetric in general.
            if k == 0 { XCTAssertNotEqual(input.a[0, 1], input.a[1, 0]) }
        }
        XCTAssertEqual(run.record(0).weightingInput?.warmStart, [0.5, 0.5])
    }

    /// Advancing in chunks gives exactly the run computed at once; the same seed gives the same run.
    func testChunkedAdvanceEqualsOneShot() throws {
        for method in ToyMethod.allCases {
            var whole = try ToyRun(settings(method, steps: 1000, noise: 0.2, every: 7))
            whole.finish()
            var chunked = try ToyRun(settings(method, steps: 1000, noise: 0.2, every: 7))
            var taken = 0
            while !chunked.isFinished { taken += chunked.advance(steps: 33) }
            XCTAssertEqual(taken, 1000)
            XCTAssertEqual(chunked.advance(steps: 10), 0)
            XCTAssertEqual(chunked.trajectory, whole.trajectory, "\(method)")
            XCTAssertEqual(chunked.x, whole.x)
            XCTAssertEqual(chunked.progress, 1)
        }
    }

    /// Records at steps 0, K, 2K, ... and the last one N-1.
    func testRecordedSteps() throws {
        var run = try ToyRun(settings(.mean, steps: 25, every: 10))
        run.finish()
        XCTAssertEqual((0..<run.trajectory.count).map { run.record($0).step }, [0, 10, 20, 24])
        XCTAssertEqual(ToyTrajectory.recordCount(stride: 10, totalSteps: 25), 4)
        XCTAssertEqual(ToyTrajectory.recordCount(stride: 10, totalSteps: 21), 3)
        XCTAssertEqual(run.trajectory.recordIndex(atOrBefore: 15), 1)
        var exact = try ToyRun(settings(.mean, steps: 21, every: 10))
        exact.finish()
        XCTAssertEqual((0..<exact.trajectory.count).map { exact.record($0).step }, [0, 10, 20])
    }

    /// Noise: `sdmgrad` draws three samples per step (12 normals), the others one (4 normals).
    func testSamplesPerStep() throws {
        var s = settings(.mean, steps: 1, noise: 0.5)
        s.seed = 9
        var run = try ToyRun(s)
        run.finish()
        var random = SeededRandom(seed: 9)
        let g = ToyProblem.gradients(at: ToyStarts.standard)
        XCTAssertEqual(run.record(0).direction, ToyDirection.mean(g.sample(noise: 0.5, random: &random)).direction)
        var t = settings(.sdmgrad, steps: 2, noise: 0.5)
        t.seed = 9
        var noisy = try ToyRun(t)
        noisy.finish()
        var r = SeededRandom(seed: 9)
        let xi = g.sample(noise: 0.5, random: &r), xiPrime = g.sample(noise: 0.5, random: &r),
            zeta = g.sample(noise: 0.5, random: &r)
        let a = try XCTUnwrap(noisy.record(0).weightingInput?.a)
        XCTAssertEqual(a[0, 1], (xi.g1 * xiPrime.g2).sum())
        XCTAssertEqual(a[1, 0], (xi.g2 * xiPrime.g1).sum())
        let w = noisy.record(0).weights
        XCTAssertEqual(noisy.record(0).direction, w.x * zeta.g1 + w.y * zeta.g2)
    }

    /// The official variant's scale is undefined when a noisy A_ii < -1e-4: the run stops and says so (no NaN).
    func testOfficialVariantFailureIsReported() throws {
        var s = settings(.sdmgrad, steps: 70_000, noise: 1)
        s.start = ToyParetoSet.averageOptimum
        s.solver = SolverParameters(variant: .official)
        var run = try ToyRun(s)
        run.finish()
        let failure = try XCTUnwrap(run.failure)
        XCTAssert(failure.message.contains("official"), failure.message)
        XCTAssert(run.isFinished)
        XCTAssertLessThan(run.stepsDone, 70_000)
        XCTAssert(run.trajectory.points.allSatisfy(\.isFinite))
    }

    func testBadSettingsAreRejected() {
        var s = ToyRunSettings()
        s.start = SIMD2(.nan, 1)
        XCTAssertThrowsError(try ToyRun(s))
        for change in [
            { (s: inout ToyRunSettings) in s.steps = 0 }, { $0.lr = -1 }, { $0.noise = -0.1 },
            { $0.lambda = .infinity },
            { $0.c = -1 }, { $0.recordEvery = 0 }, { $0.solver.momentum = 1 },
        ] {
            var t = ToyRunSettings()
            change(&t)
            XCTAssertThrowsError(try ToyRun(t))
        }
        XCTAssertEqual(ToyRunSettings(method: .sdmgradToy).lambda, 0.01)
        XCTAssertEqual(ToyRunSettings().lambda, 0.3)
    }
}
