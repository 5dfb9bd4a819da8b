import Explorer
import SDMGrad
import TerminalUI
import XCTest

/// The explorer says what w* minimizes (help, `x`, Matrix panel) and, at the moment `+`/`-` leave
/// the weights at w* unchanged because w* is interior, says so, with numbers the analysis confirms.
final class WhatWStarIsTests: XCTestCase {
    /// The case: conflict-2 at lr 1.5, lambda 0.3 up to 5, weights stay [0.541, 0.459].
    func testPlusOnAnInteriorFixedPointSaysTheWeightsStay() throws {
        var state = try explorer(preset: "conflict-2", keys: "lllll")
        XCTAssertEqual(state.parameters.lr, 1.5)
        let before = try XCTUnwrap(state.analysis).fixedPoint.weights
        while state.parameters.lambda < 5 {
            apply(.key(.character("+")), to: &state)
            XCTAssertTrue(
                state.display.message.contains("w* interior: its weights stay [0.541, 0.459] until lambda 11.17"),
                state.display.message)
            let analysis = try XCTUnwrap(state.analysis)
            XCTAssertEqual(analysis.fixedPoint.support.count, 2, "w* interior at lambda \(state.parameters.lambda)")
            for (a, b) in zip(analysis.fixedPoint.weights, before) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        }
        XCTAssertEqual(state.parameters.lambda, 5)
        // lr 1.5 < lr_max: the call reaches w*, so the weights shown after the last iteration are those too.
        apply(.key(.end), to: &state)
        XCTAssertEqual(try XCTUnwrap(state.shownWeights)[0], before[0], accuracy: 1e-3)
    }

    /// aligned-2: w* reaches the vertex at lambda = 1.15, after which lambda moves the weights.
    func testCrossingTheBoundaryIsNamed() throws {
        var state = try explorer(preset: "aligned-2")
        var messages: [Double: String] = [:]
        while state.parameters.lambda < 2 {
            apply(.key(.character("+")), to: &state)
            messages[state.parameters.lambda] = state.display.message
        }
        XCTAssertTrue(
            messages[1]?.contains("w* interior: its weights stay [0.733, 0.267] until lambda 1.14") == true,
            messages[1] ?? "")
        // Gramian [[1.09, 0.97], [0.97, 1.3]]: u = (0.33, 0.12) / 0.45, and w*_2 = (1 + λ)u_2 − λ/2 = 0 at λ = 0.12 / 0.105 = 1.14.
        XCTAssertEqual(messages[1.5], "lambda 1.500: w* hit the boundary at lambda 1.14; now lambda moves the weights")
        XCTAssertEqual(messages[2], "", "no note while lambda acts as expected")
        XCTAssertEqual(try XCTUnwrap(state.analysis).fixedPoint.w, [1, 0], "a vertex at lambda 2")
        apply(.key(.character("-")), to: &state)
        apply(.key(.character("-")), to: &state)
        XCTAssertTrue(
            state.display.message.hasPrefix("lambda 1: w* interior again: weights [0.733, 0.267] until lambda 1.14"),
            state.display.message)
    }

    func testExplanationHelpAndMatrixPanelStateTheProblem() throws {
        let explain = Frame.render(try explorer(preset: "conflict-2", keys: "lllllnnnx"), width: 120, height: 40)
            .lines().joined(separator: "\n")
        XCTAssertTrue(explain.contains("w* minimizes ½(w + λw̃)ᵀÂ(w + λw̃) = ½‖Jᵀ(w + λw̃)‖²/s² on the simplex"))
        XCTAssertTrue(
            explain.contains("w* is interior: its weights are Â⁻¹1 / 1ᵀÂ⁻¹1 = [0.541, 0.459] at every λ < 11.17"))
        let noisy = Frame.render(try explorer(preset: "noisy-3", keys: "nx"), width: 120, height: 40).lines().joined(
            separator: "\n")
        XCTAssertTrue(
            noisy.contains("A = J1 J2ᵀ is not symmetric: the steps are stochastic projected heavy-ball descent"))
        let help = Frame.render(try explorer(keys: "?<end>"), width: 120, height: 40).lines().map {
            $0.dropFirst().dropLast()
        }
        .joined(separator: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(
            help.contains("When w* is interior, its weights (w* + λw̃)/(1 + λ) equal Â⁻¹1 / 1ᵀÂ⁻¹1 for every λ"))
        XCTAssertTrue(help.contains("λ acts only once w* lies on the boundary"))
        let main = Frame.render(try explorer(), width: 120, height: 40).lines().joined(separator: "\n")
        XCTAssertTrue(main.contains("w* minimizes ½(w + λw̃)ᵀÂ(w + λw̃) on the simplex"))
    }

    /// libmtl's projection (Duchi) looks at every candidate: the text never says stop and goes on.
    func testDuchiSearchDoesNotStopThenContinue() throws {
        let duchi = Frame.render(try explorer(preset: "spread-3", keys: "Vnx"), width: 120, height: 40).lines()
        XCTAssertFalse(duchi.joined().contains("stop"))
        let search = try XCTUnwrap(duchi.first { $0.contains("(the last)") })
        XCTAssertTrue(search.contains("t_3"), "the candidates after the chosen one are shown too: \(search)")
        XCTAssertTrue(duchi.contains { $0.contains("τ = t_2 (Duchi: the last i with t_i < u_i) = -0.1555") })
        let torchjd = Frame.render(try explorer(preset: "spread-3", keys: "nx"), width: 120, height: 40).lines()
        let stop = try XCTUnwrap(torchjd.first { $0.contains("-> stop") })
        XCTAssertFalse(
            stop.components(separatedBy: "-> stop")[1].contains("t_"), "torchjd stops at its first t_i > u_i+1")
    }
}
