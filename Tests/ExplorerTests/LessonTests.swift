import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Every lesson driven to its end by the keys and clicks a student would use, through the real
/// loop (HeadlessDriver); the goal grammar; bad lesson files.
final class LessonTests: XCTestCase {
    /// The keys a student presses at each step of each lesson (Enter only where the goal is "none").
    static let scripts: [String: [String]] = [
        "weights-and-d": [
            "n", "------", "<end>", "<enter>", "e2" + String(repeating: "<right>", count: 14), "<esc><enter>",
        ],
        "lambda": ["++++", "+++++++", "++", "<enter>"],
        "scale": ["n", "++++", "e<up>", "<esc><enter>"],
        "one-iteration": ["n", "x", "n", "<enter>"],
        "lr-max": ["2", "lllll", "<enter>"],
        "momentum": ["mmmmm", "MMMMMMMMM", "<enter>"],
        "noise-and-calls": ["o", "c", "oo", "<enter>"],
        "three-tasks": ["G", "c", "llllll", "<enter>"],
        "outer-loop": ["<enter>", "++++", "<enter>"],
    ]

    static let lessons: LessonsState = try! LessonLibrary.state()

    /// A driver on lesson `index`, its analyses done.
    func driver(lesson index: Int, width: Int = 120, height: Int = 40) -> HeadlessDriver<ExplorerState> {
        var state = ExplorerState(scenario: Self.lessons.presets[0], presets: Self.lessons.presets, presetIndex: 0)
        state.display.lessons = Self.lessons
        _ = state.openLesson(index)
        let d = HeadlessDriver(model: state, width: width, height: height)
        d.settle()
        return d
    }

    /// The text inside the lesson box, whitespace removed.
    func boxText(_ d: HeadlessDriver<ExplorerState>, step: LessonStep) -> String {
        let buffer = d.frame()
        let layout = FrameLayout(width: buffer.width, height: buffer.height, m: d.model.m)
        let rect = LessonView.boxSlot(d.model, layout: layout)
        let lines = buffer.lines().map(Array.init)
        let inside = (rect.y + 1..<rect.maxY - 1).map { String(lines[$0][(rect.x + 1)..<(rect.maxX - 1)]) }
        return inside.joined().filter { !$0.isWhitespace }
    }

    func testThereAreAtLeastNineLessonsEachWithAScript() {
        XCTAssertGreaterThanOrEqual(Self.lessons.catalog.count, 9)
        XCTAssertEqual(Set(Self.lessons.catalog.map(\.name)), Set(Self.scripts.keys), "a script per lesson")
    }

    func testEveryLessonReachesItsEndByTheStudentsKeys() throws {
        for size in [(120, 40), (80, 24)] { try driveEveryLesson(width: size.0, height: size.1) }
    }

    func driveEveryLesson(width: Int, height: Int) throws {
        for (index, lesson) in Self.lessons.catalog.enumerated() {
            let script = try XCTUnwrap(Self.scripts[lesson.name])
            XCTAssertEqual(script.count, lesson.steps.count, "\(lesson.name): one key group per step")
            let d = driver(lesson: index, width: width, height: height)
            for (k, step) in lesson.steps.enumerated() {
                let label = "\(lesson.name) step \(k + 1) at \(width)x\(height)"
                XCTAssertEqual(d.model.display.lessons.progress, LessonProgress(lesson: index, step: k), label)
                if step.goal.isNone {
                    XCTAssertEqual(
                        script[k], script[k].hasPrefix("<esc>") ? "<esc><enter>" : "<enter>",
                        "\(label): only a none goal is skipped")
                } else {
                    XCTAssertFalse(
                        step.goal.holds(in: d.model),
                        "\(label): the goal \(step.goal.text) must not hold before the student acts")
                    XCTAssertFalse(script[k].contains("<enter>"), "\(label): a goal is reached, not skipped")
                }
                // The text shows real numbers: every placeholder is computed, and the box shows the text.
                for name in LessonText.placeholders(in: step.text)
                where !(step.quiz && LessonText.hidden.contains(name)) {
                    XCTAssertNotNil(LessonText.value(name, state: d.model), "\(label): {\(name)} is computed")
                }
                let filled = LessonText.fill(step.text, state: d.model, hideAnswers: d.model.quizHidesAnswers)
                XCTAssertFalse(filled.contains("…"), "\(label): \(filled)")
                XCTAssertTrue(
                    boxText(d, step: step).contains(filled.filter { !$0.isWhitespace }),
                    "\(label): the box shows the whole text:\n\(filled)\n\(d.frame().lines().joined(separator: "\n"))")
                d.input(try InputEvent.parseSequence(script[k]))
                if !step.goal.isNone {
                    XCTAssertTrue(step.goal.holds(in: d.model), "\(label): \(step.goal.text) holds after \(script[k])")
                }
            }
            XCTAssertEqual(d.model.display.lessons.progress?.step, lesson.steps.count, "\(lesson.name) is done")
            XCTAssertTrue(d.frame().lines().joined().contains("Lesson \(index + 1): done"))
            d.input(try InputEvent.parseSequence("<enter>"))
            XCTAssertTrue(d.model.display.lessons.listOpen, "Enter after the end opens the list")
            XCTAssertEqual(
                d.model.display.lessons.selected, min(index + 1, Self.lessons.catalog.count - 1),
                "the next lesson is selected")
        }
    }

    func testTheListOpensWithBAndANumberOpensThatLesson() throws {
        var state = ExplorerState(scenario: Self.lessons.presets[0], presets: Self.lessons.presets, presetIndex: 0)
        state.display.lessons = Self.lessons
        let d = HeadlessDriver(model: state, width: 80, height: 24)
        d.settle()
        d.input(try InputEvent.parseSequence("b"))
        XCTAssertTrue(d.model.display.lessons.listOpen)
        let frame = d.frame().lines().joined(separator: "\n")
        for lesson in Self.lessons.catalog.prefix(9) {
            XCTAssertTrue(frame.contains(String(lesson.title.prefix(30))), frame)
        }
        d.input(try InputEvent.parseSequence("<down><down><enter>"))
        XCTAssertEqual(d.model.display.lessons.progress, LessonProgress(lesson: 2, step: 0))
        XCTAssertEqual(d.model.scenario.name, "magnitudes-2")
        d.input(try InputEvent.parseSequence("b5"))
        XCTAssertEqual(
            d.model.display.lessons.progress, LessonProgress(lesson: 4, step: 0),
            "a digit in the list opens that lesson")
    }

    func testEnterSkipsAStepWithoutItsGoal() throws {
        let d = driver(lesson: 0)
        d.input(try InputEvent.parseSequence("<enter>"))
        XCTAssertEqual(d.model.display.lessons.progress?.step, 1)
        XCTAssertEqual(d.model.iteration, 0, "skipping does not do the step's work")
    }

    func testGoalGrammar() throws {
        let goal = try LessonGoal.parse("lambda >= 1 and verdict converges and w* on edge")
        XCTAssertEqual(
            goal.clauses,
            [.compare(quantity: "lambda", op: ">=", value: 1), .verdict(.converges), .fixedPointFace("edge")])
        XCTAssertTrue(try LessonGoal.parse("none").isNone)
        XCTAssertEqual(
            try LessonGoal.parse("iteration 3").clauses, [.compare(quantity: "iteration", op: "==", value: 3)])
        for bad in ["lambda >= x", "verdict wobbles", "w* inside", "", "lambda >= 1 and", "view nothing", "jump"] {
            XCTAssertThrowsError(try LessonGoal.parse(bad), bad)
        }
        // Evaluated on a real state: conflict-2 at lr 10 oscillates, w* interior; lr 1.5 < lr_max 1.955.
        let d = driver(lesson: 4)
        XCTAssertTrue(try LessonGoal.parse("verdict oscillates and w* interior and lr above lr_max").holds(in: d.model))
        XCTAssertFalse(try LessonGoal.parse("lr below lr_max").holds(in: d.model))
    }

    func testABadLessonFileIsOneLineNamingFileAndStep() {
        let cases: [(String, String)] = [
            (
                #"{"title": "t", "scenario": {"preset": "conflict-2"}, "steps": [{"text": "a", "goal": "none"}, {"text": "b", "goal": "lambda >> 1"}]}"#,
                "step 2"
            ),
            (
                #"{"title": "t", "scenario": {"preset": "conflict-2"}, "steps": [{"text": "{nope}", "goal": "none"}]}"#,
                "{nope}"
            ),
            (
                #"{"title": "t", "scenario": {"preset": "conflict-2"}, "steps": [{"text": "a", "goal": "none", "emphasize": ["bogus"]}]}"#,
                "emphasize"
            ),
            (
                #"{"title": "t", "scenario": {"preset": "conflict-2"}, "steps": [{"text": "a", "goal": "none", "quiz": true}]}"#,
                "guessed"
            ),
            (#"{"title": "t", "steps": []}"#, "scenario"),
            (#"{"title": "t", "scenario": {"preset": "x"}, "steps": [{"text": "a", "goal": "none"}, "#, "07-bad.json"),
        ]
        for (text, needle) in cases {
            XCTAssertThrowsError(try LessonReader.parse(Array(text.utf8), file: "07-bad.json")) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("lesson 07-bad.json: "), message)
                XCTAssertTrue(message.contains(needle), "\(message) names \(needle)")
                XCTAssertFalse(message.contains("\n"), message)
            }
        }
    }
}
