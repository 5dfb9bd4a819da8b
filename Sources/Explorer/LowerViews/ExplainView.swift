extension LowerView {
    /// The shown iteration narrated formula by formula.
    public static let explain: LowerView = LowerView(name: "explain", key: "x", help: "explain the iteration, formula by formula",
                                   hint: "x explain") { state, layout, buffer, theme in
        ExplainPanel.render(state, area: layout.lower, buffer: &buffer, theme: theme)
    }
}
