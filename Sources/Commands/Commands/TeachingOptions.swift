import ArgumentParser
import Explorer
import SDMGrad

/// The lesson and quiz options shared by the explorer, `render` and `learn`.
struct TeachingOptions: ParsableArguments {
    @Option(
        help:
            "Open a guided lesson by number or name (see `sdmgrad-explorer learn --list`); it brings its own scenario.")
    var lesson: String?

    @Flag(help: "Open the list of lessons.")
    var lessons = false

    @Flag(
        help:
            "Quiz mode: w*, the verdict, rho, lr_max and the lambda curve stay hidden until you guess (a click on the simplex, or 1/2/3)."
    )
    var quiz = false

    /// Checks that a lesson is not combined with another input.
    func check(_ input: InputOptions) throws {
        guard lesson != nil else { return }
        if input.preset != nil || input.scenario != nil || !input.matrix.isEmpty || !input.j1.isEmpty
            || !input.j2.isEmpty
        {
            throw InputError(
                "--lesson opens its own scenario: give no --preset, --scenario, --matrix or --j1/--j2 with it")
        }
    }

    /// `state` with the lessons loaded and the lesson, the list or the quiz opened as asked.
    func apply(to state: ExplorerState) throws -> ExplorerState {
        var state = state
        do {
            state.display.lessons = try LessonLibrary.state()
        } catch let error as InputError {
            if lesson != nil || lessons { throw error }
            state.display.message = error.message  // the explorer works without lessons; g says why
        }
        if quiz { state.display.lessons.quiz = QuizState(persistent: true) }
        if let lesson {
            _ = state.openLesson(try LessonLibrary.index(of: lesson, in: state.display.lessons.catalog))
            guard state.display.lessons.progress != nil else { throw InputError(state.display.message) }
        } else if lessons {
            state.display.lessons.listOpen = true
        }
        return state
    }
}
