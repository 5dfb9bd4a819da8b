import SDMGrad
import TerminalUI

extension LowerView {
    /// torchjd, libmtl and official side by side (their trails also go into the simplex panel).
    public static let variants: LowerView = LowerView(
        name: "variants", key: "v", help: "variants side by side", hint: "v variants",
        job: LowerViewJob(what: "the variants") { state, call in
            let a = state.computation.input.a, parameters = state.parameters
            // Each variant's trace bounded as the calls' are; a later change stops it between two iterations.
            return { isCancelled, _ in
                withoutActuallyEscaping(isCancelled) { stop in
                    VariantsComparison.compute(
                        a: a, start: call.start, parameters: parameters, traceBudget: .explorer, isCancelled: stop)
                }
            }
        },
        scroll: { state, layout in variantsPanel(state, theme: .unicode).scroll(area: layout.lower) }
    ) { state, layout, buffer, theme in
        variantsPanel(state, theme: theme).render(area: layout.lower, buffer: &buffer)
    }

    /// The variants panel of `state`, scrolled to its `display.scroll`.
    static func variantsPanel(_ state: ExplorerState, theme: Theme) -> VariantsPanel {
        VariantsPanel(
            comparison: state.lowerResult(VariantsComparison.self),
            placeholder: state.lowerPlaceholder(ellipsis: theme.ellipsis), theme: theme,
            tasks: state.scenario.tasks, offset: state.display.scroll
        )
    }
}

extension VariantsPanel {
    /// The variants panel of `state`: what the view draws.
    public static func of(_ state: ExplorerState, theme: Theme) -> VariantsPanel {
        LowerView.variantsPanel(state, theme: theme)
    }
}
