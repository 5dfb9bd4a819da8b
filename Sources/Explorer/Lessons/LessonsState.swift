import SDMGrad

/// Where the student is in a lesson.
public struct LessonProgress: Equatable, Sendable {
    /// Index of the lesson in the catalog.
    public var lesson: Int
    /// Index of the step shown.
    public var step: Int

    /// The progress at `step` of lesson `lesson`.
    public init(lesson: Int, step: Int) {
        self.lesson = lesson
        self.step = step
    }
}

/// The lessons and the quiz as the explorer's view sees them (part of `ExplorerViewState`).
public struct LessonsState: Sendable {
    /// The lessons found in assets/lessons, in order.
    public var catalog: [Lesson] = []
    /// The built-in scenarios lessons start from (also when the explorer was opened on files).
    public var presets: [Scenario] = []
    /// The assets folder (for lessons on a folder of calls).
    public var assetsFolder: String?
    /// Whether the lesson list covers the panels.
    public var listOpen = false
    /// The lesson selected in the list.
    public var selected = 0
    /// The lesson being followed, if any.
    public var progress: LessonProgress?
    /// The quiz, while quiz mode is on (`--quiz`, `Q`, or a quiz step).
    public var quiz: QuizState?

    /// An empty catalog (the explorer without lessons).
    public init() {}

    /// The lesson being followed.
    public var lesson: Lesson? { progress.map { catalog[$0.lesson] } }
    /// The step shown.
    public var step: LessonStep? {
        progress.flatMap { p in catalog[p.lesson].steps.indices.contains(p.step) ? catalog[p.lesson].steps[p.step] : nil
        }
    }
}

/// What the student guessed before the answer was shown.
public enum QuizGuess: Equatable, Sendable {
    /// A click on the simplex: the guessed w*.
    case point([Double])
    /// A key: the guessed verdict.
    case verdict(StabilityVerdict)
}

/// Everything a quiz answer depends on: when it changes, the answer is hidden again (a new question).
public struct QuizQuestion: Equatable, Sendable {
    let parameters: SolverParameters
    let scenario: String
    let gradients: Matrix?
    let call: Int
    let start: [Double]?
}

/// Quiz mode: the answers stay hidden until the student commits a guess for the question shown.
public struct QuizState: Equatable, Sendable {
    /// The question the guess answers.
    public var question: QuizQuestion?
    /// The guess, once made.
    public var guess: QuizGuess?
    /// Whether a new question hides the answers again (`--quiz`, `Q`); a lesson's quiz ends instead.
    public var persistent: Bool

    /// A quiz with no question yet (the next update fills it in).
    public init(persistent: Bool) { self.persistent = persistent }

    /// Whether the answers are hidden.
    public var hidesAnswers: Bool { guess == nil }
}
