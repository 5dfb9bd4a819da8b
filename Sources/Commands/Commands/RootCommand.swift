import ArgumentParser
import SDMGrad

#if canImport(Glibc)
    import Glibc
#endif

/// The command-line root: `explore` by default, plus `solve`, `report`, `render`, `presets`, `bench` and `train`.
public struct SDMGradExplorer: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sdmgrad-explorer",
        abstract: "See SDMGrad's inner solver work, one iteration at a time.",
        subcommands: [
            ExploreCommand.self, SolveCommand.self, ReportCommand.self, RenderCommand.self, PresetsCommand.self,
            BenchCommand.self, TrainCommand.self, LearnCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self)

    /// Parses and runs, turning every error into one line on stderr and a non-zero exit.
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            fail(error.message)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version
            let message = oneLine(for: error)
            // Bad input exits with status 2, even an option the parser rejects (an unknown --variant, --color or --format).
            fail(message, status: 2)
        }
    }

    /// The parser's message on one line: its first line, then any list of choices it gives below
    /// ("one of the following: mean, mgda, ...").
    public static func oneLine(for error: Error) -> String {
        let lines = message(for: error).split(separator: "\n").map { $0.trimmingCharacters(in: " ") }
        guard let first = lines.first else { return "\(error)" }
        let choices = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        return choices.isEmpty ? first : first + " " + choices.joined(separator: ", ")
    }

    /// The root with no options (required by ParsableCommand).
    public init() {}
}

/// Prints one line on stderr and exits with `status`.
func fail(_ message: String, status: Int32 = 2) -> Never {
    // Cut to 300 characters: a 1 MB number is not echoed whole.
    let cut =
        message.unicodeScalars.count > 300
        ? String(String.UnicodeScalarView(message.unicodeScalars.prefix(300))) + "..." : message
    let line = Array("sdmgrad-explorer: \(cut)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(status)
}
