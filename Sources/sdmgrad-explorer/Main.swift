import Commands

/// The binary: every subcommand lives in the Commands library, so tests can parse and run them in process.
@main
enum Main {
    /// Parses the command line and runs the chosen subcommand.
    static func main() { SDMGradExplorer.main() }
}
