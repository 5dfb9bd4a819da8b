import Runtime
import SDMGrad
import TerminalUI

/// How lessons and the quiz change the explorer: the list's keys, opening a lesson, a step that
/// advances once its goal holds, and the guesses of the quiz.
extension ExplorerState {
    /// Whether the quiz hides w*, the verdict, rho, lr_max and the lambda curve now.
    public var quizHidesAnswers: Bool { display.lessons.quiz?.hidesAnswers ?? false }

    /// Keys the lesson list (or a hidden quiz) takes before the keymap; nil lets the key through.
    mutating func lessonKey(_ key: Key) -> Command<ExplorerMessage>? {
        if display.lessons.listOpen {
            let count = display.lessons.catalog.count
            switch key {
            case .up, .character("k"): display.lessons.selected = max(0, display.lessons.selected - 1)
            case .down, .character("j"): display.lessons.selected = min(count - 1, display.lessons.selected + 1)
            case .character(let c) where c.isWholeNumber:
                if let n = c.wholeNumberValue, n >= 1, n <= count { return openLesson(n - 1) }
            case .enter: return openLesson(display.lessons.selected)
            case .escape, .character("b"): display.lessons.listOpen = false
            case .character("q"), .ctrl("c"): return nil
            default: break
            }
            return Command.none
        }
        if quizHidesAnswers, case .toggle = ExplorerKeymap.main.action(for: key) {
            display.message = "quiz: guess first (click the simplex where w* is, or 1/2/3 for the verdict)"
            return Command.none
        }
        return nil
    }

    /// Opens or closes the lesson list.
    mutating func toggleLessonList() -> Command<ExplorerMessage> {
        guard !display.lessons.catalog.isEmpty else {
            display.message = "no lessons here (run `sdmgrad-explorer learn`, or set SDMGRAD_EXPLORER_ASSETS)"
            return .none
        }
        display.lessons.listOpen.toggle()
        if display.lessons.listOpen, let p = display.lessons.progress { display.lessons.selected = p.lesson }
        return .none
    }

    /// Opens lesson `index` on its own scenario, at its first step.
    public mutating func openLesson(_ index: Int) -> Command<ExplorerMessage> {
        var lessons = display.lessons
        guard lessons.catalog.indices.contains(index) else { return .none }
        let lesson = lessons.catalog[index]
        var fresh: ExplorerState
        do { fresh = try Self.lessonState(lesson, lessons: lessons) } catch {
            display.message = "\(error)"
            return .none
        }
        fresh.display.size = display.size
        fresh.display.saveFolder = display.saveFolder
        fresh.display.playInterval = display.playInterval
        lessons.listOpen = false
        lessons.selected = index
        lessons.progress = LessonProgress(lesson: index, step: 0)
        if lessons.quiz?.persistent != true { lessons.quiz = nil }
        fresh.display.lessons = lessons
        self = fresh
        enterStep()
        display.message = "lesson \(index + 1): \(lesson.title)"
        return restartAnalyses(inputChanged: true)
    }

    /// The explorer on a lesson's scenario, with the lesson's parameters.
    static func lessonState(_ lesson: Lesson, lessons: LessonsState) throws -> ExplorerState {
        switch lesson.scenario {
        case .preset(let name):
            guard let i = lessons.presets.firstIndex(where: { $0.name == name }) else {
                throw InputError("lesson \(lesson.name): no preset '\(name)'")
            }
            var presets = lessons.presets
            presets[i].parameters = LessonReader.applying(lesson.parameters, to: presets[i].parameters)
            try presets[i].parameters.validate(m: presets[i].m)
            return ExplorerState(scenario: presets[i], presets: presets, presetIndex: i)
        case .folder(let relative):
            guard let assets = lessons.assetsFolder else { throw InputError("lesson \(lesson.name): no assets folder") }
            let folder = assets + "/" + relative
            let batches = try StepFolder.load(folder)
            let base = RunFolder.isRunFolder(folder) ? try RunParameters.read(folder: folder).0 : SolverParameters()
            let name = String(relative.split(separator: "/").last ?? "run")
            return ExplorerState(
                sequence: batches, name: name, parameters: LessonReader.applying(lesson.parameters, to: base))
        case .matrix(let a):
            let parameters = LessonReader.applying(lesson.parameters, to: SolverParameters())
            var state = ExplorerState(scenario: Scenario(name: lesson.name, matrix: a, parameters: parameters))
            state.inputs.presets = lessons.presets
            return state
        }
    }

    /// Enter in a lesson: the next step (the goal skipped); after the last, the lesson list.
    mutating func skipStep() -> Command<ExplorerMessage> {
        guard let p = display.lessons.progress else {
            display.message = "Enter moves through a lesson's steps; b opens the lessons"
            return .none
        }
        if display.lessons.step == nil {  // the lesson is done
            display.lessons.progress = nil
            display.lessons.listOpen = true
            display.lessons.selected = min(p.lesson + 1, display.lessons.catalog.count - 1)
            return .none
        }
        let skippedQuiz = display.lessons.step?.quiz == true && quizHidesAnswers
        let skipped = display.lessons.step?.goal.isNone == false
        nextStep()
        display.message =
            skippedQuiz ? "step skipped (no guess: the answers are shown)" : (skipped ? "step skipped" : "")
        return .none
    }

    /// Moves to the next step (past the last one: the lesson's end).
    private mutating func nextStep() {
        guard var p = display.lessons.progress else { return }
        p.step += 1
        display.lessons.progress = p
        enterStep()
    }

    /// What a step does on entry: a quiz step starts a quiz; a lesson's finished quiz ends.
    private mutating func enterStep() {
        if display.lessons.step?.quiz == true {
            if display.lessons.quiz == nil || display.lessons.quiz?.guess != nil {
                display.lessons.quiz = QuizState(persistent: display.lessons.quiz?.persistent ?? false)
            }
            if display.lowerView != .none && display.lowerView != .help { display.lowerView = .none }
        } else if let quiz = display.lessons.quiz, !quiz.persistent, quiz.guess == nil {
            display.lessons.quiz = nil
        }
    }

    /// After every update: a new quiz question hides the answers again, and a step whose goal
    /// holds advances.
    mutating func lessonAfterUpdate() {
        if var quiz = display.lessons.quiz {
            let question = quizQuestion
            if quiz.question == nil {
                quiz.question = question
                display.lessons.quiz = quiz
            } else if quiz.question != question {
                if quiz.guess != nil, !quiz.persistent {
                    display.lessons.quiz = nil
                } else {
                    quiz.question = question
                    quiz.guess = nil
                    display.lessons.quiz = quiz
                }
            }
        }
        // Several steps may hold at once only by a mistake in the lesson; one step per update.
        if let step = display.lessons.step, step.goal.holds(in: self) {
            nextStep()
            display.message =
                "goal reached: " + step.goal.text + (display.lessons.step == nil ? "; Enter: the lesson list" : "")
        }
    }

    /// What the quiz's answer depends on now.
    var quizQuestion: QuizQuestion {
        QuizQuestion(
            parameters: parameters, scenario: scenario.name, gradients: scenario.gradients,
            call: computation.shownCall, start: inputs.startOverride?.w)
    }

    /// `Q`: quiz mode on (the answers hide until a guess) or off.
    mutating func toggleQuiz() -> Command<ExplorerMessage> {
        if display.lessons.quiz?.persistent == true {
            display.lessons.quiz = nil
            display.message = "quiz mode off"
        } else {
            display.lessons.quiz = QuizState(persistent: true)
            if display.lowerView != .none && display.lowerView != .help { display.lowerView = .none }
            display.message =
                "quiz: where is w*? click the simplex; or guess the verdict: 1 converges 2 oscillates 3 diverges"
        }
        return .none
    }

    /// A verdict guess (keys 1, 2, 3).
    mutating func guess(_ verdict: StabilityVerdict) -> Command<ExplorerMessage> {
        guard quizHidesAnswers else {
            display.message = "1/2/3 guess the verdict in quiz mode (Q)"
            return .none
        }
        display.lessons.quiz?.guess = .verdict(verdict)
        display.message = quizReveal ?? ""
        return .none
    }

    /// A click on the simplex while the quiz hides the answers: the guess of w*; nil otherwise.
    mutating func quizClick(_ w: [Double]) -> Command<ExplorerMessage>? {
        guard quizHidesAnswers else { return nil }
        display.lessons.quiz?.guess = .point(w)
        display.message = quizReveal ?? ""
        return Command.none
    }

    /// The answer next to the guess, once both are there.
    public var quizReveal: String? {
        guard let guess = display.lessons.quiz?.guess, let analysis else { return nil }
        let stability = analysis.stability
        let facts =
            "ρ " + LessonText.number(stability.spectralRadius) + ", lr_max " + LessonText.number(stability.lrMax)
        switch guess {
        case .point(let w):
            let star = analysis.fixedPoint.w
            let distance = zip(w, star).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
            return "your w* " + LessonText.vector(w) + "; w* is " + LessonText.vector(star) + ", distance "
                + LessonText.number(distance)
        case .verdict(let v):
            guard let truth = analysis.fact.verdict else {
                return "you said \(v.rawValue); w* is unverified, so there is no verdict (\(facts))"
            }
            return v == truth
                ? "you said \(v.rawValue): right (\(facts))"
                : "you said \(v.rawValue): no, it \(truth.rawValue) (\(facts))"
        }
    }

    /// The state as the panels may show it: while the quiz hides the answers, w*, the verdict,
    /// rho, lr_max and the lambda curve are withheld (each panel says so where they would be).
    public var quizMasked: ExplorerState {
        guard quizHidesAnswers else { return self }
        var copy = self
        let note = "hidden until you guess"
        copy.derived.analysis = .failed(note)
        copy.derived.curve = .failed(note)
        if copy.derived.lower != nil { copy.derived.lower = .failed(note) }
        copy.derived.warnings = copy.derived.warnings.filter { !$0.contains("w*") }
        copy.inputs.scenario.description = ""  // a preset's description states its w* and verdict
        if copy.display.message.contains("w*") && !copy.display.message.hasPrefix("quiz") { copy.display.message = "" }
        return copy
    }
}
