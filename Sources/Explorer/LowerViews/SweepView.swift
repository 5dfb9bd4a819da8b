import SDMGrad
import TerminalUI

extension LowerView {
    /// Weights at the solver's output and at w* as lambda sweeps.
    public static let sweep: LowerView = LowerView(
        name: "sweep", key: "w", help: "lambda sweep: output vs fixed point", hint: "w sweep",
        job: LowerViewJob(what: "the sweep") { state, call in
            let a = state.computation.input.a, parameters = state.parameters
            return { isCancelled, progress in
                LambdaSweep(call: call, a: a, parameters: parameters, isCancelled: isCancelled, progress: progress)
            }
        }
    ) { state, layout, buffer, theme in
        SweepPanel.of(state, theme: theme).render(area: layout.lower, buffer: &buffer)
    }
}

extension SweepPanel {
    /// The sweep panel of `state`: what the view draws.
    public static func of(_ state: ExplorerState, theme: Theme) -> SweepPanel {
        SweepPanel(
            sweep: state.lowerResult(LambdaSweep.self), placeholder: state.lowerPlaceholder(ellipsis: theme.ellipsis),
            m: state.m, lambda: state.parameters.lambda, theme: theme, tasks: state.scenario.tasks
        )
    }
}
