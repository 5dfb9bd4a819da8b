import ArgumentParser
import SDMGrad
import TerminalUI

/// `--variant` is parsed by swift-argument-parser, which lists the variants in its message and help.
extension Variant: ExpressibleByArgument {}

/// `--color auto|always|never`, parsed by swift-argument-parser.
extension ColorMode: ExpressibleByArgument {}

/// `render --format`: the frame as text, or the frame and the state as JSON.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}
