import Runtime
import SDMGrad
import TerminalUI

/// A view that fills the lower part of the screen, as one value: its key, its background job
/// and how it draws. `LowerView.all` lists the ones a key opens; adding one is a file defining it
/// (see `LowerViews/`) plus a line in that list.
public struct LowerView: Sendable, Hashable {
    /// Its name: the `overlay` field of `render --format json`.
    public let name: String
    /// The key that opens and closes it, its label in the help, and the help's line.
    let key: Character?, keyHelp: String, hint: String?
    /// The work it needs for the shown call (run in the background); nil when it draws from the state alone.
    let job: LowerViewJob?
    /// What a click at (x, y) in the lower area does, when the view acts on clicks.
    let click: (@Sendable (inout ExplorerState, Int, Int, Rect) -> Command<ExplorerMessage>)?
    /// Draws it, and whatever of the panels it leaves visible, into the frame's lower part.
    let draw: @Sendable (ExplorerState, FrameLayout, inout Buffer, Theme) -> Void
    /// Where its rows are scrolled to (the state's `display.scroll` clamped); nil when it does not scroll.
    let scroll: (@Sendable (ExplorerState, FrameLayout) -> ScrollState)?

    /// A lower view opened by `key` (nil for the built-in ones bound elsewhere).
    init(
        name: String, key: Character?, help: String, hint: String? = nil, job: LowerViewJob? = nil,
        scroll: (@Sendable (ExplorerState, FrameLayout) -> ScrollState)? = nil,
        click: (@Sendable (inout ExplorerState, Int, Int, Rect) -> Command<ExplorerMessage>)? = nil,
        draw: @escaping @Sendable (ExplorerState, FrameLayout, inout Buffer, Theme) -> Void
    ) {
        self.name = name
        self.key = key
        self.keyHelp = help
        self.hint = hint
        self.job = job
        self.scroll = scroll
        self.click = click
        self.draw = draw
    }

    /// The lower views a key opens, in the order of the help.
    public static let all: [LowerView] = [.explain, .variants, .sweep, .calls, .settingsMap]

    /// Two lower views are the same when their names are.
    public static func == (lhs: LowerView, rhs: LowerView) -> Bool { lhs.name == rhs.name }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// The key binding that opens it, if it has a key.
    var binding: KeyBinding<ExplorerAction>? {
        key.map { KeyBinding([.character($0)], label: String($0), help: keyHelp, hint: hint, action: .toggle(self)) }
    }
}

/// A lower view's background work: built from the state on the key press, run off it.
struct LowerViewJob: Sendable {
    /// What it says while pending or failed, e.g. "the sweep" in "computing the sweep (40%)…".
    let what: String
    /// Whether a result computed earlier still holds for the state (then no job runs); nil: never.
    let keeps: (@Sendable (ExplorerState, any Sendable) -> Bool)?
    /// The work for the shown `call` of `state`: polls `isCancelled`, reports `progress`, returns
    /// its result (nil when cancelled).
    let make:
        @Sendable (ExplorerState, WeightingCall) ->
            @Sendable (
                _ isCancelled: @Sendable () -> Bool,
                _ progress: @Sendable (Double) -> Void
            ) -> (any Sendable)?

    /// A job saying `what` it computes, with `make` building the work (and `keeps`, when a result can outlive changes).
    init(
        what: String, keeps: (@Sendable (ExplorerState, any Sendable) -> Bool)? = nil,
        make:
            @escaping @Sendable (ExplorerState, WeightingCall) ->
            @Sendable (
                _ isCancelled: @Sendable () -> Bool, _ progress: @Sendable (Double) -> Void
            ) -> (any Sendable)?
    ) {
        self.what = what
        self.keeps = keeps
        self.make = make
    }
}

/// A lower view's result, whatever its type (the view that asked for it knows).
public struct LowerViewResult: Sendable {
    /// The value the job returned.
    let value: any Sendable
}

extension LowerView {
    /// No lower view: the state panel and the convergence panel.
    public static let none: LowerView = LowerView(name: "none", key: nil, help: "") { state, layout, buffer, theme in
        Frame.statePanel(state, theme: theme).render(area: layout.state, buffer: &buffer)
        Frame.convergence(state, theme: theme).render(area: layout.convergence, buffer: &buffer)
    }

    /// The key table, over everything between the header and the status line.
    public static let help: LowerView = LowerView(
        name: "help", key: nil, help: "",
        scroll: { state, layout in
            helpTable(state, theme: .unicode).scroll(area: layout.help) ?? ScrollState(lineCount: 0, viewport: 0)
        }
    ) { state, layout, buffer, theme in
        LowerView.none.draw(state, layout, &buffer, theme)
        // Help covers the panels; the header with the parameters stays visible.
        helpTable(state, theme: theme).render(area: layout.help, buffer: &buffer)
    }

    /// The explorer's key table, scrolled to the state's `display.scroll` when it is too long for the screen.
    static func helpTable(_ state: ExplorerState, theme: Theme) -> KeyHelp {
        KeyHelp(
            title: ["Keys", " (any key closes)"], keymap: ExplorerKeymap.main, mouse: ExplorerKeymap.mouse,
            about: state.scenario.title + ". " + state.scenario.description,
            footer: InnerProblemText.help(theme) + " " + InnerProblemText.columns(theme), theme: theme,
            offset: state.display.scroll
        )
    }
}
