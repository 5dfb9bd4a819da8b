import ArgumentParser
import Explorer

/// `presets`: one line per built-in scenario, NAME<TAB>m<TAB>title.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "presets", abstract: "List the built-in scenarios.")

    func run() throws {
        let library = try PresetLibrary.load()
        print(library.scenarios.map { "\($0.name)\t\($0.m)\t\($0.title)" }.joined(separator: "\n"))
    }
}
