import ArgumentParser
import Commands
import XCTest

/// Subcommands parsed in process from argument lists, as swift-argument-parser's own end-to-end tests do.
final class CommandParsingTests: XCTestCase {
    func testEverySubcommandIsReachableByName() throws {
        let expected = [
            "explore": "ExploreCommand", "solve": "SolveCommand", "report": "ReportCommand", "render": "RenderCommand",
            "presets": "PresetsCommand", "bench": "BenchCommand", "train": "TrainCommand",
        ]
        for (name, type) in expected {
            let arguments = name == "report" ? [name, "folder"] : [name]
            let command = try SDMGradExplorer.parseAsRoot(arguments)
            XCTAssertEqual(String(describing: Swift.type(of: command)), type, name)
        }
    }

    func testNoSubcommandOpensTheExplorer() throws {
        XCTAssertEqual(String(describing: Swift.type(of: try SDMGradExplorer.parseAsRoot([]))), "ExploreCommand")
    }
}
