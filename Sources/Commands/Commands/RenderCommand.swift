import ArgumentParser
import Explorer
import Runtime
import SDMGrad
import TerminalUI

/// `render`: builds the explorer headless at a size, feeds keys, prints the frame (SPEC section 4).
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one frame of the explorer without a terminal, after feeding it keys.")

    @OptionGroup var input: InputOptions

    @OptionGroup var teaching: TeachingOptions

    @Option(help: "Frame size as WIDTHxHEIGHT.")
    var size = "120x40"

    @Option(
        help:
            "Key presses: plain characters, or <right> <left> <up> <down> <tab> <btab> <space> <enter> <esc> <home> <end> <pgup> <pgdn>; the mouse as <click:X,Y> <drag:X1,Y1,X2,Y2> <wheelup:X,Y> <wheeldown:X,Y>."
    )
    var keys = ""

    @Option(
        help:
            "text (exactly H lines of W columns), json (frame and state), svg or html (a picture with the frame's colours)."
    )
    var format = FrameFormat.text

    @Option(
        help:
            "Colours of an svg or html picture: auto (unless NO_COLOR is set), always or never (bold and reverse kept)."
    )
    var color = ColorMode.auto

    @Flag(help: "ASCII glyphs instead of Unicode.")
    var ascii = false

    @Option(help: "explore (the inner-solver explorer) or train (the training playground, SPEC section 8).")
    var mode = RenderMode.explore

    func run() throws {
        let (width, height) = try parseSize(size)
        let pressed: [InputEvent]
        do { pressed = try InputEvent.parseSequence(keys) } catch { throw InputError("--keys: \(error)") }
        let theme: Theme = ascii ? .ascii : .unicode
        // The real loop, headless: every analysis is waited for, so the frame does not depend on the machine's speed.
        let app: ExplorerApp
        if mode == .train {
            app = ExplorerApp(playground: PlaygroundState(), theme: theme)
        } else {
            try teaching.check(input)
            var state = try teaching.apply(to: input.makeState())  // lessons and the quiz
            state.display.saveFolder = try input.saveFolder()
            app = ExplorerApp(explorer: state, theme: theme)
        }
        let driver = HeadlessDriver(model: app, width: width, height: height)
        driver.settle()
        driver.input(pressed)
        let frame = driver.frame().lines()
        if format == .svg || format == .html {
            print(
                RenderPicture.document(
                    driver.frame(), html: format == .html, title: RenderPicture.title(driver.model), color: color),
                terminator: "")
        } else if format == .text {
            print(frame.joined(separator: "\n"))
        } else if let playground = driver.model.playground, driver.model.mode == .playground {
            print(PlaygroundJSON.document(frame: frame, state: playground))
        } else {
            print(RenderJSON.document(frame: frame, state: driver.model.inner ?? driver.model.explorer!))
        }
    }
}

/// Parses "WxH" with sensible bounds.
func parseSize(_ text: String) throws -> (Int, Int) {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w >= 1, h >= 1, w <= 1000, h <= 500 else {
        throw InputError("--size must be WIDTHxHEIGHT with 1 <= W <= 1000 and 1 <= H <= 500, got '\(text)'")
    }
    return (w, h)
}

/// The JSON form of a rendered frame and the state behind it.
enum RenderJSON {
    static func document(frame: [String], state: ExplorerState) -> String {
        let state = state.quizMasked  // the quiz withholds w*, the verdict and lr_max here as on the screen
        var s = JSONWriter()
        let p = state.parameters
        s.field("lambda", raw: JSONWriter.number(p.lambda))
        s.field("lr", raw: JSONWriter.number(p.lr))
        s.field("momentum", raw: JSONWriter.number(p.momentum))
        s.field("iters", raw: "\(p.iters)")
        s.field("iteration", raw: "\(state.iteration)")
        s.field("variant", raw: JSONWriter.string(p.variant.rawValue))
        s.field("preset", raw: JSONWriter.string(state.scenario.name))
        s.field("weights", raw: JSONWriter.array(state.shownWeights ?? []))
        s.field("w", raw: JSONWriter.array(state.shownW ?? []))
        s.field("direction", raw: JSONWriter.array(state.shownDirection ?? state.shownDirectionEmbedded ?? []))
        if let analysis = state.analysis {
            s.field("fixed_point", raw: JSONWriter.array(analysis.fixedPoint.w))
            s.field("verdict", raw: JSONWriter.string(analysis.stability.verdict.rawValue))
            s.field("lr_max", raw: JSONWriter.number(analysis.stability.lrMax))
        }
        s.field("overlay", raw: JSONWriter.string(state.lowerView.name))
        s.field("call", raw: "\(state.computation.shownCall + 1)")
        s.field("calls", raw: "\(state.computation.calls.count)")
        // What the header warns about (numerically suspect results); absent when there is nothing to say.
        let warnings = state.derived.warnings
        if !warnings.isEmpty {
            s.field("warnings", raw: "[" + warnings.map(JSONWriter.string).joined(separator: ",") + "]")
        }
        var doc = JSONWriter()
        doc.field("frame", raw: "[" + frame.map(JSONWriter.string).joined(separator: ",") + "]")
        doc.field("state", raw: s.object())
        return doc.object()
    }
}
