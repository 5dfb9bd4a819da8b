import Runtime
import SDMGrad
import TerminalUI

/// The explorer's keys as data: dispatch, the `?` help, the status hint and the README's key
/// table all come from here.
public enum ExplorerKeymap {
    private typealias A = ExplorerAction
    private static func c(_ character: Character) -> Key { .character(character) }

    /// Every key the explorer honours, in help order.
    public static let main: Keymap<ExplorerAction> = Keymap(before + LowerView.all.compactMap(\.binding) + after)

    /// The keys listed before the lower views'.
    private static let before: [KeyBinding<ExplorerAction>] = [
        KeyBinding(
            [c("n"), .right], label: "n  →", help: "next inner iteration", hint: "n/p step", action: .nextIteration),
        KeyBinding([c("p"), .left], label: "p  ←", help: "previous inner iteration", action: .previousIteration),
        KeyBinding(
            [(.home, A.firstIteration), (.end, A.lastIteration)], label: "Home  End", help: "first (0) / last iteration"
        ),
        KeyBinding([c(" ")], label: "space", help: "play / pause stepping", hint: "space play", action: .togglePlay),
        KeyBinding(
            [(c("+"), A.lambdaUp), (c("="), A.lambdaUp), (c("-"), A.lambdaDown), (c("_"), A.lambdaDown)],
            label: "+  -", help: "raise / lower lambda (never below 0)", hint: "+/- λ"),
        KeyBinding(
            [(c("L"), A.lrUp), (c("l"), A.lrDown)], label: "L  l", help: "raise / lower the inner lr", hint: "l/L lr"),
        KeyBinding([(c("M"), A.momentumUp), (c("m"), A.momentumDown)], label: "M  m", help: "raise / lower momentum"),
        KeyBinding([(c("I"), A.itersUp), (c("i"), A.itersDown)], label: "I  i", help: "more / fewer inner iterations"),
        KeyBinding(
            [c("V")], label: "V", help: "next variant: " + Variant.allCases.map(\.rawValue).joined(separator: ", "),
            hint: "V variant", action: .nextVariant),
        KeyBinding(
            [(.tab, A.nextPreset), (.backTab, A.previousPreset)], label: "Tab  Shift-Tab",
            help: "next / previous preset", hint: "Tab preset"),
        KeyBinding([c("e")], label: "e", help: "edit gradients: 1-9 task, arrows move tip", action: .startEditing),
        KeyBinding(
            [(c("["), A.yawLeft), (c("]"), A.yawRight), (c("{"), A.pitchDown), (c("}"), A.pitchUp)],
            label: "[  ]  {  }", help: "rotate the 3-D view (yaw, pitch)"),
        KeyBinding([c("o")], label: "o", help: "outer step: new batches, warm start", action: .outerStep),
        KeyBinding(
            [(.pageUp, A.previousCall), (.pageDown, A.nextCall)], label: "PgUp  PgDn", help: "previous / next call"),
        KeyBinding([c("g")], label: "g", help: "first call of the sequence", action: .firstCall),
        KeyBinding([c("G")], label: "G", help: "last call (a followed run: follow new calls)", action: .lastCall),
        KeyBinding([c("r")], label: "r", help: "resample noisy batches (new seed)", action: .resample),
    ]

    /// The keys listed after the lower views' (each of those comes from its definition in `LowerView.all`).
    private static let after: [KeyBinding<ExplorerAction>] = [
        KeyBinding([c("s")], label: "s", help: "save scenario (edits, parameters) as JSON", action: .save),
        KeyBinding([c("t")], label: "t", help: "export the shown call's trace as JSON", action: .exportTrace),
        KeyBinding([c("P")], label: "P", help: "save the frame as an SVG picture", action: .savePicture),
        KeyBinding([c("R")], label: "R", help: "reset to the scenario as loaded", action: .reset),
        KeyBinding([c("T")], label: "T", help: "training playground (the paper's toy)", action: .openPlayground),
        KeyBinding(
            [c("b")], label: "b", help: "lessons: the list of guided lessons (the book)", hint: "b lessons",
            action: .lessons),
        KeyBinding([.enter], label: "Enter", help: "lesson: next step (skips its goal)", action: .nextStep),
        KeyBinding(
            [c("Q")], label: "Q", help: "quiz: hide w*, verdict, rho, lr_max, curve until a guess", action: .quiz),
        KeyBinding(
            [(c("1"), A.guessConverges), (c("2"), A.guessOscillates), (c("3"), A.guessDiverges)],
            label: "1  2  3", help: "quiz: guess converges / oscillates / diverges"),
        KeyBinding(
            [c("f")], label: "f",
            help: "follow a task: type its number or name, Enter (empty: stop); "
                + "its weight, rank and row of the normalized A are shown", action: .followTask),
        KeyBinding(
            [c("z")], label: "z",
            help: "zoom: the open lower view to the whole screen and back; without one, "
                + "Geometry, Simplex, Matrix, State, Convergence in turn, then back", action: .zoom),
        KeyBinding(
            [(.up, A.scrollUp), (.down, A.scrollDown)], label: "↑  ↓",
            help: "scroll the open lower view (or help) a row"),
        KeyBinding(
            [.escape], label: "Esc", help: "close the lower view (or the zoom); end editing", action: .closeView),
        KeyBinding(
            [c("?")], label: "?",
            help: "this help: arrows, PgUp PgDn Home End scroll it when long; other keys close it", hint: "? help",
            action: .toggle(.help)),
        KeyBinding(
            [c("q"), .ctrl("c")], label: "q  Ctrl-C", help: "quit, restoring the terminal", hint: "q quit",
            action: .quit),
    ]

    /// What the mouse does, for the help and the README.
    public static let mouse: [(label: String, help: String)] = [
        ("click simplex", "start the shown call from that point (w0)"),
        ("wheel", "over simplex or convergence: next / previous iteration"),
        ("wheel on a view", "over help or a lower view: scroll it (3 rows)"),
        ("click sparkline", "jump to that iteration"),
        ("drag a tip", "while editing (e): move that gradient in Geometry"),
        ("click a call", "in the calls view (c): show that call"),
    ]

    /// The README's key table (markdown), made from the keymap and the mouse list.
    public static var markdownTable: String {
        let rows = main.helpRows.map { "| `\($0.keys)` | \($0.help) |" } + mouse.map { "| \($0.label) | \($0.help) |" }
        return (["| key | action |", "|---|---|"] + rows).joined(separator: "\n")
    }
}
