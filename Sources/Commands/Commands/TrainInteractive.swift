import Explorer
import NcursesBackend
import Runtime
import SDMGrad
import TerminalUI

/// `train --interactive`: the training playground in the terminal, on `train`'s settings.
enum TrainInteractive {
    /// Opens the playground and runs until the user quits.
    static func run(settings: ToyRunSettings) throws {
        let terminal: Terminal
        do { terminal = try Terminal.start(colorMode: .auto, asciiOnly: nil) } catch let error as TerminalError {
            throw InputError(error.description)
        }
        defer { terminal.stop() }
        let theme = terminal.glyphs == .ascii ? Theme.ascii : Theme.unicode
        let playground = PlaygroundState(inputs: PlaygroundInputs(settings: settings))
        Program(model: ExplorerApp(playground: playground, theme: theme), backend: terminal).run()
    }
}
