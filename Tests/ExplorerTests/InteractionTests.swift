import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Scripted keys through update, checked against the solver run independently.
final class InteractionTests: XCTestCase {
    /// The Gramian of the conflict-2 gradients, computed by hand here: g1 = (1, 0.1), g2 = (-0.7, 0.9).
    let conflictGramian = Matrix([[1.0 * 1.0 + 0.1 * 0.1, -0.7 + 0.09], [-0.7 + 0.09, 0.49 + 0.81]])

    func independent(lambda: Double, lr: Double = 10) throws -> WeightingCall {
        var p = SolverParameters()
        p.lambda = lambda
        p.lr = lr
        var weighting = SDMGradWeighting(parameters: p)
        return try weighting(conflictGramian, trace: true)
    }

    func testPlusRaisesLambdaAndMovesWeightsDirectionAndMarker() throws {
        var state = try explorer(keys: "<end>")
        let before = state
        apply(.key(.character("+")), to: &state)
        XCTAssertGreaterThan(state.parameters.lambda, before.parameters.lambda)
        XCTAssertEqual(state.iteration, before.iteration, "the shown iteration stays put")
        let expected = try independent(lambda: state.parameters.lambda)
        for (a, b) in zip(state.shownWeights!, expected.weights) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        let gradients = state.scenario.gradients!
        let d = gradients.transposeTimes(expected.weights)
        for (a, b) in zip(state.shownDirection!, d) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        // The lambda-curve marker is d at w*(lambda). While w* is interior, Â(w* + lambda w~) = mu 1 makes the
        // weights Â^-1 1 / 1^T Â^-1 1 whatever lambda is; once w* reaches the boundary the marker walks to the
        // mean gradient. So over a sweep of + presses its distance to the mean never grows, and finally shrinks.
        let mean = gradients.transposeTimes([0.5, 0.5])
        func markerDistance(_ s: ExplorerState) -> Double {
            distance(s.derived.embedding.value!.combine(s.analysis!.fixedPoint.weights), mean)
        }
        var sweep = before
        var last = markerDistance(sweep)
        let first = last
        for _ in 0..<20 {
            apply(.key(.character("+")), to: &sweep)
            let now = markerDistance(sweep)
            XCTAssertLessThanOrEqual(now, last + 1e-12, "lambda \(sweep.parameters.lambda)")
            last = now
        }
        XCTAssertLessThan(
            last, 0.1 * first, "at lambda \(sweep.parameters.lambda) the marker is near the mean gradient")
        // The frame shows the new lambda.
        let top = Frame.render(state, width: 120, height: 40).lines()[1]
        let shownLambda = top.components(separatedBy: "λ ").dropFirst().first.flatMap { numberTokens($0).first }
            .flatMap(ShownNumber.init)
        XCTAssertTrue(shownLambda.map { abs($0.value - state.parameters.lambda) <= 0.5 * $0.place } ?? false, top)
    }

    func testMinusNeverGoesBelowZero() throws {
        let state = try explorer(keys: String(repeating: "-", count: 40))
        XCTAssertEqual(state.parameters.lambda, 0)
        let expected = try independent(lambda: 0)
        XCTAssertEqual(state.computation.call!.weights, expected.weights)
    }

    func testNAndPMoveExactlyOneIterationAndShowTheTracesNumbers() throws {
        var state = try explorer()
        XCTAssertEqual(state.iteration, 0)
        let trace = try independent(lambda: 0.3).trace!
        for k in 1...5 {
            apply(.key(k % 2 == 0 ? .right : .character("n")), to: &state)
            XCTAssertEqual(state.iteration, k)
            XCTAssertEqual(state.shownW!, trace.w(at: k))
            let frame = Frame.render(state, width: 120, height: 40).lines().joined(separator: "\n")
            XCTAssertTrue(frame.contains("iteration \(k)/20"))
            // The y row shows each entry of the independent trace's y, rounded.
            let y = trace.steps[k - 1].y
            let row = frame.split(separator: "\n").first { $0.contains("y = w - ") }.map(String.init) ?? ""
            let vector = row.components(separatedBy: "[").last?.components(separatedBy: "]").first ?? ""
            let shown = numberTokens(vector).compactMap(ShownNumber.init)
            XCTAssertEqual(shown.count, y.count, row)
            for (s, exact) in zip(shown, y) {
                XCTAssertLessThanOrEqual(
                    abs(s.value - exact), 0.5 * s.place * (1 + 1e-9), "y of iteration \(k): \(row)")
            }
        }
        apply(.key(.character("p")), to: &state)
        XCTAssertEqual(state.iteration, 4)
        apply(.key(.left), to: &state)
        XCTAssertEqual(state.iteration, 3)
        apply(.key(.home), to: &state)
        XCTAssertEqual(state.iteration, 0)
        apply(.key(.character("p")), to: &state)
        XCTAssertEqual(state.iteration, 0, "never below the start point")
        apply(.key(.end), to: &state)
        XCTAssertEqual(state.iteration, 20)
        apply(.key(.character("n")), to: &state)
        XCTAssertEqual(state.iteration, 20, "never past the last iteration")
    }

    func testPlayStepsOnTicksAndStopsAtTheEnd() throws {
        var state = try explorer(keys: "<space>")
        XCTAssertTrue(state.playing)
        for _ in 0..<25 { tick(&state) }
        XCTAssertEqual(state.iteration, 20)
        XCTAssertFalse(state.playing)
    }

    func testLoweringLrBelowLrMaxTurnsTheVerdictToConverges() throws {
        var state = try explorer()
        let analysis = state.analysis!
        XCTAssertNotEqual(analysis.stability.verdict, .converges)
        let lrMax = analysis.stability.lrMax
        while state.parameters.lr >= lrMax { apply(.key(.character("l")), to: &state) }
        XCTAssertEqual(state.analysis!.stability.verdict, .converges)
        apply(.key(.character("I")), to: &state)  // more iterations
        apply(.key(.character("I")), to: &state)
        apply(.key(.end), to: &state)
        let star = state.analysis!.fixedPoint.w
        XCTAssertLessThan(distance(state.shownW!, star), 1e-3, "the trail settles on w*")
    }

    func testVariantKeyCyclesAndUsesEachDefaultLr() throws {
        var state = try explorer()
        apply(.key(.character("V")), to: &state)
        XCTAssertEqual(state.parameters.variant, .libmtl)
        XCTAssertEqual(state.parameters.lr, 5)
        apply(.key(.character("V")), to: &state)
        XCTAssertEqual(state.parameters.variant, .official)
        XCTAssertEqual(state.parameters.lr, 10)
    }

    func testTabCyclesPresets() throws {
        var state = try explorer()
        apply(.key(.tab), to: &state)
        XCTAssertEqual(state.scenario.name, presetLibrary.scenarios[1].name)
        apply(.key(.backTab), to: &state)
        apply(.key(.backTab), to: &state)
        XCTAssertEqual(state.scenario.name, presetLibrary.scenarios.last!.name)
    }

    func testEditingMovesTheSelectedGradientAndAsksBeforeQuitting() throws {
        var state = try explorer(keys: "e2<up><up>")
        XCTAssertTrue(state.editing)
        let g = state.scenario.gradients!
        XCTAssertGreaterThan(g[1, 1], 0.9)
        XCTAssertEqual(g[0, 0], 1.0)
        apply(.key(.escape), to: &state)
        XCTAssertFalse(state.editing)
        apply(.key(.character("q")), to: &state)
        XCTAssertFalse(state.wantsToQuit, "unsaved edits: the first q asks")
        XCTAssertTrue(state.message.contains("unsaved"))
        apply(.key(.character("q")), to: &state)
        XCTAssertTrue(state.wantsToQuit)
    }

    func testTabAndResetAskBeforeDiscardingEdits() throws {
        var state = try explorer(keys: "e<up><esc>")
        XCTAssertTrue(state.hasUnsavedEdits)
        apply(.key(.tab), to: &state)
        XCTAssertEqual(state.scenario.name, "conflict-2", "the first Tab only asks")
        XCTAssertTrue(state.message.contains("unsaved"))
        apply(.key(.character("R")), to: &state)
        XCTAssertTrue(state.hasUnsavedEdits, "R after Tab asks again, for itself")
        apply(.key(.character("R")), to: &state)
        XCTAssertFalse(state.hasUnsavedEdits, "the second R resets")
        apply(.key(.tab), to: &state)
        XCTAssertEqual(
            state.scenario.name, presetLibrary.scenarios[1].name, "nothing left to lose: Tab switches at once")
    }

    func testOuterStepsWarmStartFromTheLastW() throws {
        var state = try explorer(preset: "noisy-3", keys: "oo")
        XCTAssertEqual(state.computation.calls.count, 3)
        let calls = state.computation.calls
        XCTAssertEqual(calls[1].start, calls[0].w)
        XCTAssertEqual(calls[2].start, calls[1].w)
        apply(.key(.pageUp), to: &state)
        XCTAssertEqual(state.computation.shownCall, 1)
    }

    func distance(_ x: [Double], _ y: [Double]) -> Double {
        zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }
}
