import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Quiz mode: w*, the fixed-point star, the verdict, rho, lr_max and the lambda curve are not in
/// the frame until the student guesses (a click on the simplex, or 1/2/3), then the answer is.
final class QuizTests: XCTestCase {
    func driver(preset: String = "conflict-2", quiz: Bool = true, width: Int = 120, height: Int = 40) throws
        -> HeadlessDriver<ExplorerState>
    {
        let index = try presetLibrary.index(of: preset)
        var state = ExplorerState(
            scenario: presetLibrary.scenarios[index], presets: presetLibrary.scenarios, presetIndex: index)
        if quiz { state.display.lessons.quiz = QuizState(persistent: true) }
        let d = HeadlessDriver(model: state, width: width, height: height)
        d.settle()
        return d
    }

    /// Every way the frame could write the hidden numbers (at least three significant digits, so
    /// "0.5" of the uniform start is not mistaken for one), and the verdict words.
    /// A hidden number equal to one the frame shows for another reason (an entry of the shown w or
    /// weights, e.g. λw̃/(1 + λ) where w*_i = 0 and w_i = 0) is not a leak, so `visible` is left out.
    func hiddenStrings(_ analysis: Analysis, visible: [Double] = []) -> [String] {
        let numbers =
            analysis.fixedPoint.w + analysis.fixedPoint.weights + [
                analysis.stability.spectralRadius, analysis.stability.lrMax,
            ]
        var out = [
            "verdict converges", "verdict oscillates", "verdict diverges", "ρ =", "overshoot", "lr_max 1", "lr below",
        ]
        func forms(_ x: Double) -> [String] {
            NumberText.forms(x, precision: .significant(4)) + NumberText.forms(x, precision: .decimals(3))
        }
        let visibleForms = Set(visible.flatMap(forms))
        for x in numbers where x.isFinite && x != 0 && x != 1 {
            for form in forms(x)
            where form.filter(\.isNumber).drop(while: { $0 == "0" }).count >= 3 && !visibleForms.contains(form) {
                out.append(form)
            }
        }
        return out
    }

    func frameText(_ d: HeadlessDriver<ExplorerState>) -> String { d.frame().lines().joined(separator: "\n") }

    func testNoHiddenNumberAppearsAnywhereUntilTheGuess() throws {
        for (preset, size) in [
            ("conflict-2", (120, 40)), ("conflict-2", (80, 24)), ("spread-3", (120, 40)), ("noisy-3", (100, 30)),
        ] {
            let open = try driver(preset: preset, quiz: false, width: size.0, height: size.1)
            let analysis = try XCTUnwrap(open.model.analysis)
            let hidden = hiddenStrings(analysis)
            XCTAssertTrue(
                hidden.contains { frameText(open).contains($0) },
                "\(preset): the check can fail: the answers show without the quiz")
            let d = try driver(preset: preset, width: size.0, height: size.1)
            for keys in ["", "n", "<end>", "+", "++", "l"] {
                d.input(try InputEvent.parseSequence(keys))
                let text = frameText(d)
                let p = d.model.parameters
                let shown = (d.model.shownW ?? []) + (d.model.shownWeights ?? []) + [p.lambda, p.lr, p.momentum]
                let hidden = hiddenStrings(try XCTUnwrap(d.model.derived.analysis.value), visible: shown)
                for s in hidden where text.contains(s) {
                    XCTFail("\(preset) \(size) after '\(keys)': '\(s)' shows while hidden")
                }
                XCTAssertTrue(
                    text.contains("Quiz: where is w*?"),
                    "\(preset) \(size) after '\(keys)': the Convergence panel asks the question")
                XCTAssertLessThan(
                    text.filter { $0 == "★" }.count, frameText(open).filter { $0 == "★" }.count,
                    "no star for w* or d(w*)")
            }
        }
    }

    func testLowerViewsThatShowTheAnswersWaitForTheGuess() throws {
        let d = try driver()
        for key in ["x", "v", "w", "c"] {
            d.input(try InputEvent.parseSequence(key))
            XCTAssertEqual(d.model.lowerView, .none, "\(key) waits for the guess")
            XCTAssertTrue(d.model.message.contains("guess first"))
        }
    }

    func testAVerdictGuessRevealsTheRightVerdict() throws {
        let d = try driver()  // conflict-2 at lr 10 oscillates (rho 13.81)
        d.input(try InputEvent.parseSequence("1"))
        XCTAssertFalse(d.model.quizHidesAnswers)
        let analysis = try XCTUnwrap(d.model.analysis)
        XCTAssertEqual(analysis.fact.verdict, .oscillates)
        XCTAssertTrue(d.model.message.hasPrefix("you said converges: no, it oscillates"), d.model.message)
        let text = frameText(d)
        XCTAssertTrue(
            text.contains("oscillates") && text.contains(NumberText.fit(analysis.stability.spectralRadius, width: 5)!),
            text)

        let right = try driver()
        right.input(try InputEvent.parseSequence("2"))
        XCTAssertTrue(right.model.message.hasPrefix("you said oscillates: right"), right.model.message)
    }

    func testAClickOnTheSimplexIsTheGuessOfWStarAndTheDistanceIsShown() throws {
        let d = try driver()
        let layout = FrameLayout(width: 120, height: 40, m: 2)
        let canvasX = layout.simplex.x + 1 + 4, canvasWidth = layout.simplex.width - 2 - 4
        d.input(try InputEvent.parseSequence("<click:\(canvasX + canvasWidth / 4),\(layout.simplex.y + 2)>"))
        guard case .point(let guess)? = d.model.display.lessons.quiz?.guess else {
            return XCTFail("the click is a guess")
        }
        XCTAssertNil(d.model.inputs.startOverride, "in a quiz the click does not move w0")
        let star = try XCTUnwrap(d.model.analysis).fixedPoint.w
        let distance = ((guess[0] - star[0]) * (guess[0] - star[0]) + (guess[1] - star[1]) * (guess[1] - star[1]))
            .squareRoot()
        XCTAssertTrue(d.model.message.hasSuffix("distance " + NumberText.fit(distance, width: 12)!), d.model.message)
        XCTAssertTrue(frameText(d).contains("w* [0.553, 0.447]"), "the answer is shown")
    }

    func testANewQuestionHidesTheAnswersAgain() throws {
        let d = try driver()
        d.input(try InputEvent.parseSequence("2"))
        XCTAssertFalse(d.model.quizHidesAnswers)
        d.input(try InputEvent.parseSequence("l"))
        XCTAssertTrue(d.model.quizHidesAnswers, "a new lr is a new question")
        d.input(try InputEvent.parseSequence("Q"))
        XCTAssertNil(d.model.display.lessons.quiz, "Q ends quiz mode")
        XCTAssertTrue(frameText(d).contains("lr_max"))
    }
}
