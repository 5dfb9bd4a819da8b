import ArgumentParser
import Explorer
import TerminalUI

/// `learn`: the guided lessons (the explorer opened on a lesson, or on the list).
struct LearnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Guided lessons on SDMGrad's inner solver: the list, or one lesson by number or name.")

    @Argument(help: "A lesson's number or name; none opens the list.")
    var lesson: String?

    @Flag(help: "Print the lessons (number, name, steps, title) instead of opening the explorer.")
    var list = false

    @Flag(help: "Quiz mode (see the explorer's --quiz).")
    var quiz = false

    @Option(help: "auto, always or never (NO_COLOR also turns colour off).")
    var color = ColorMode.auto

    @Flag(help: "ASCII glyphs only.")
    var ascii = false

    func run() throws {
        let catalog = try LessonLibrary.load()
        // a bad name fails before the terminal starts
        if let lesson { _ = try LessonLibrary.index(of: lesson, in: catalog) }
        if list {
            print(
                catalog.enumerated().map {
                    "\($0.offset + 1)\t\($0.element.name)\t\($0.element.steps.count)\t\($0.element.title)"
                }
                .joined(separator: "\n"))
            return
        }
        var arguments = ["--color", color.rawValue] + (ascii ? ["--ascii"] : []) + (quiz ? ["--quiz"] : [])
        arguments += lesson.map { ["--lesson", $0] } ?? ["--lessons"]
        let explore = try ExploreCommand.parse(arguments)
        try explore.run()
    }
}
