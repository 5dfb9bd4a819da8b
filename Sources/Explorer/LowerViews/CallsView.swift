import SDMGrad
import TerminalUI

extension LowerView {
    /// The weights call after call, with every call's fixed point.
    public static let calls: LowerView = LowerView(
        name: "calls", key: "c", help: "calls panel: weights call after call", hint: "c calls",
        job: LowerViewJob(what: "the analyses") { state, _ in
            let computation = state.computation, count = computation.calls.count
            return { isCancelled, progress in
                var analyses: [Analysis] = []
                for index in 0..<count {
                    if isCancelled() { return nil }
                    if index % 16 == 0, count > 32 { progress(Double(index) / Double(count)) }
                    // A call a windowed run does not hold is read again, analysed and dropped.
                    guard let (_, call) = try? computation.fullCall(index, trace: false),
                        let analysis = Analysis.compute(call: call, isCancelled: isCancelled)
                    else { return nil }
                    analyses.append(analysis)
                }
                return analyses
            }
        },
        scroll: { state, layout in callsPanel(state, theme: .unicode).scroll(area: layout.lower) },
        // A click on a call's row shows that call.
        click: { state, x, y, area in
            guard let call = callsPanel(state, theme: .unicode).point(x: x, y: y, area: area) else { return .none }
            return state.showCall(call)
        }
    ) { state, layout, buffer, theme in
        callsPanel(state, theme: theme).render(area: layout.lower, buffer: &buffer)
    }

    /// The calls panel of `state`, scrolled to its `display.scroll`.
    static func callsPanel(_ state: ExplorerState, theme: Theme) -> CallsPanel {
        CallsPanel(
            calls: state.computation.calls, shownCall: state.computation.shownCall,
            analyses: state.lowerResult([Analysis].self), placeholder: state.lowerPlaceholder(ellipsis: theme.ellipsis),
            tasks: state.scenario.tasks, theme: theme, offset: state.display.scroll, recorded: state.recordedOutcomes
        )
    }
}

extension CallsPanel {
    /// The calls panel of `state`: what the view draws and what a click on it asks.
    public static func of(_ state: ExplorerState, theme: Theme) -> CallsPanel {
        LowerView.callsPanel(state, theme: theme)
    }
}
