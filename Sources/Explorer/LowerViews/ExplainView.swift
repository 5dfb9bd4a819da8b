import SDMGrad

extension LowerView {
    /// The shown iteration narrated formula by formula.
    public static let explain: LowerView = LowerView(
        name: "explain", key: "x", help: "explain the iteration, formula by formula",
        hint: "x explain"
    ) { state, layout, buffer, theme in
        ExplainPanel(
            call: state.computation.call, absenceNote: state.computation.absenceNote,
            shownCall: state.computation.shownCall, iteration: state.iteration, parameters: state.parameters,
            direction: state.shownDirection,
            symmetric: state.derived.matrixFacts.value.map { $0.asymmetry.absolute == 0 }, theme: theme
        )
        .render(area: layout.lower, buffer: &buffer)
    }
}
