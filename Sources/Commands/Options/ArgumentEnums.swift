import ArgumentParser
import SDMGrad
import TerminalUI

/// `--variant` is parsed by swift-argument-parser, which lists the variants in its message and help.
extension Variant: ExpressibleByArgument {}

/// `--color auto|always|never`, parsed by swift-argument-parser.
extension ColorMode: ExpressibleByArgument {}

/// `train --method`: the names come from `ToyMethod.allCases`.
extension ToyMethod: ExpressibleByArgument {}

/// `--format` of `render`, `report` and `train`: text, or JSON.
public enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json
}

/// `render --format`: the frame as text, the frame and the state as JSON, or a picture (SVG, or HTML around it).
public enum FrameFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json, svg, html
}

/// `render --mode`: the inner-solver explorer, or the training playground.
public enum RenderMode: String, CaseIterable, ExpressibleByArgument, Sendable {
    case explore, train
}
