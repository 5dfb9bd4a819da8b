import Runtime
import SDMGrad
import TerminalUI

/// The playground's keys as data: dispatch, the `?` help, the status hint and the README's
/// "Playground keys" table all come from here.
public enum PlaygroundKeymap {
    private typealias A = PlaygroundAction
    private static func c(_ character: Character) -> Key { .character(character) }

    /// Every key the playground honours, in help order.
    public static let main = Keymap<PlaygroundAction>([
        KeyBinding(
            [c("n"), .right], label: "n  →", help: "next step (1% of the run)", hint: "n/p step", action: .nextStep),
        KeyBinding([c("p"), .left], label: "p  ←", help: "previous step (1% of the run)", action: .previousStep),
        KeyBinding(
            [(c("."), A.oneStepForward), (c(","), A.oneStepBack)], label: ".  ,", help: "one step forward / back"),
        KeyBinding(
            [(.pageDown, A.jumpForward), (.pageUp, A.jumpBack)], label: "PgDn  PgUp", help: "jump 10% forward / back"),
        KeyBinding([(.home, A.firstStep), (.end, A.lastStep)], label: "Home  End", help: "first / last step"),
        KeyBinding([c(" ")], label: "space", help: "play / pause the steps", hint: "space play", action: .togglePlay),
        KeyBinding(
            [(c("+"), A.lambdaUp), (c("="), A.lambdaUp), (c("-"), A.lambdaDown), (c("_"), A.lambdaDown)],
            label: "+  -", help: "raise / lower lambda (sdmgrad, sdmgrad-toy)", hint: "+/- λ"),
        KeyBinding(
            [(c("L"), A.lrUp), (c("l"), A.lrDown)], label: "L  l", help: "raise / lower Adam's lr", hint: "l/L lr"),
        KeyBinding(
            [(c("S"), A.noiseUp), (c("s"), A.noiseDown)], label: "S  s", help: "more / less gradient noise",
            hint: "s/S noise"),
        KeyBinding([c("r")], label: "r", help: "new noise seed", action: .reseed),
        KeyBinding([(c("C"), A.cUp), (c("c"), A.cDown)], label: "C  c", help: "raise / lower CAGrad's c"),
        KeyBinding(
            ToyMethod.allCases.indices.map { (c(Character(String($0 + 1))), A.toggleMethod($0)) },
            label: "1 - \(ToyMethod.allCases.count)",
            help: "show / hide a method: " + ToyMethod.allCases.map(\.rawValue).joined(separator: ", "),
            hint: "1-\(ToyMethod.allCases.count) methods"),
        KeyBinding([c("m")], label: "m", help: "map: average loss, L1, L2", hint: "m map", action: .nextMap),
        KeyBinding(
            [(.tab, A.nextStart), (.backTab, A.previousStart)], label: "Tab  Shift-Tab",
            help: "the start whose sdmgrad run the weights panel shows"),
        KeyBinding(
            [.enter], label: "Enter", help: "open the inner solver on that sdmgrad step", hint: "Enter inner",
            action: .openInner),
        KeyBinding([c("X")], label: "X", help: "remove the added start points", action: .resetStarts),
        KeyBinding(
            [.escape], label: "Esc", help: "close the help; back to the explorer when opened from it", action: .leave),
        KeyBinding([c("?")], label: "?", help: "this help (any key closes it)", hint: "? help", action: .help),
        KeyBinding(
            [c("q"), .ctrl("c")], label: "q  Ctrl-C", help: "quit, restoring the terminal", hint: "q quit",
            action: .quit),
    ])

    /// What the mouse does, for the help and the README.
    public static let mouse: [(label: String, help: String)] = [
        ("click map", "add a start point there (up to \(PlaygroundInputs.maxStarts))"),
        ("click slider", "jump to that step"),
    ]

    /// The README's "Playground keys" table (markdown), made from the keymap and the mouse list.
    public static var markdownTable: String {
        let rows = main.helpRows.map { "| `\($0.keys)` | \($0.help) |" } + mouse.map { "| \($0.label) | \($0.help) |" }
        return (["| key | action |", "|---|---|"] + rows).joined(separator: "\n")
    }
}
