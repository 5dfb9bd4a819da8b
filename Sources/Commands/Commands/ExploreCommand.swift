import ArgumentParser
import Explorer
import NcursesBackend
import Runtime
import SDMGrad
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive explorer (the default subcommand).
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the interactive explorer (the default).")

    @OptionGroup var input: InputOptions

    @OptionGroup var teaching: TeachingOptions

    @Option(help: "auto, always or never (NO_COLOR also turns colour off).")
    var color = ColorMode.auto

    @Flag(help: "ASCII glyphs only.")
    var ascii = false

    @Option(
        help: "A run folder (SPEC section 7) to keep reading while it is written: new calls appear as they complete.")
    var follow: String?

    @Option(help: "Milliseconds between steps while playing.")
    var stepMilliseconds = 350

    @Flag(help: .hidden)
    var exitAfterFirstFrame = false  // for measuring start-up: launch to first frame on screen

    func run() throws {
        guard stepMilliseconds >= 10, stepMilliseconds <= 60_000 else {
            throw InputError("--step-milliseconds must be in 10...60000")
        }
        if follow != nil, input.preset != nil || input.scenario != nil || !input.matrix.isEmpty || !input.j1.isEmpty {
            throw InputError(
                "--follow reads its own run folder: give no --preset, --scenario, --matrix or --j1/--j2 with it")
        }
        try teaching.check(input)
        var state = try follow.map { try FollowedRun.explorer(folder: $0, options: input.solver) } ?? input.makeState()
        state = try teaching.apply(to: state)  // lessons and the quiz
        state.display.playInterval = stepMilliseconds
        state.display.saveFolder = try input.saveFolder()
        let terminal: Terminal
        do { terminal = try Terminal.start(colorMode: color, asciiOnly: ascii ? true : nil) } catch let error
            as TerminalError
        {
            throw InputError(error.description)
        }
        defer { terminal.stop() }
        let theme = terminal.glyphs == .ascii ? Theme.ascii : Theme.unicode
        let program = Program(model: ExplorerApp(explorer: state, theme: theme), backend: terminal)
        if exitAfterFirstFrame {
            program.begin()
            program.drawFrame()
            return
        }
        program.run()
    }
}
