import SDMGrad
import TerminalUI

extension LowerView {
    /// The shown iteration narrated formula by formula.
    public static let explain: LowerView = LowerView(
        name: "explain", key: "x", help: "explain the iteration, formula by formula", hint: "x explain",
        scroll: { state, layout in explainPanel(state, theme: .unicode).scroll(area: layout.lower) }
    ) { state, layout, buffer, theme in
        explainPanel(state, theme: theme).render(area: layout.lower, buffer: &buffer)
    }

    /// The explain panel of `state`, scrolled to its `display.scroll`.
    static func explainPanel(_ state: ExplorerState, theme: Theme) -> ExplainPanel {
        ExplainPanel(
            call: state.computation.call, trace: state.trace, absenceNote: state.computation.absenceNote,
            shownCall: state.computation.shownCall, iteration: state.iteration, parameters: state.parameters,
            direction: state.shownDirection,
            symmetric: state.derived.matrixFacts.value.map { $0.asymmetry.absolute == 0 }, theme: theme,
            offset: state.display.scroll
        )
    }
}

extension ExplainPanel {
    /// The explain panel of `state`: what the view draws.
    public static func of(_ state: ExplorerState, theme: Theme) -> ExplainPanel {
        LowerView.explainPanel(state, theme: theme)
    }
}
