import SDMGrad

extension LowerView {
    /// torchjd, libmtl and official side by side (their trails also go into the simplex panel).
    public static let variants: LowerView = LowerView(
        name: "variants", key: "v", help: "variants side by side", hint: "v variants",
        job: LowerViewJob(what: "the variants") { state, call in
            let a = state.computation.input.a, parameters = state.parameters
            return { _, _ in VariantsComparison(a: a, start: call.start, parameters: parameters) }
        }
    ) { state, layout, buffer, theme in
        VariantsPanel(
            comparison: state.lowerResult(VariantsComparison.self),
            placeholder: state.lowerPlaceholder(ellipsis: theme.ellipsis), theme: theme
        )
        .render(area: layout.lower, buffer: &buffer)
    }
}
