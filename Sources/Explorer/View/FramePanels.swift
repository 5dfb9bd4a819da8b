import SDMGrad
import TerminalUI

/// The panels as values built from the model: what `Frame` draws, and what the mouse asks.
extension Frame {
    /// The simplex panel of `state`.
    public static func simplex(_ state: ExplorerState, theme: Theme) -> SimplexPanel {
        let trace = state.trace
        // The variants' trails while that view is open, else the shown call's.
        let comparison = state.lowerResult(VariantsComparison.self)
        let trails =
            comparison.map { comparison in
                comparison.columns.compactMap { column in
                    column.call?.trace.map { ($0, theme.variantColor(column.variant)) }
                }
            } ?? trace.map { [($0, theme.color(.trail))] } ?? []
        return SimplexPanel(
            trace: trace, iteration: state.iteration, iterationCount: state.iterationCount, trails: trails,
            star: state.analysis?.fixedPoint.w, m: state.m, tasks: state.scenario.tasks, theme: theme)
    }

    /// The convergence panel of `state`.
    public static func convergence(_ state: ExplorerState, theme: Theme) -> ConvergencePanel {
        let figures = state.traceFigures
        // The largest entry of Â is read only when the advice names it.
        let largest =
            figures?.overflowed == true
            ? state.computation.call.map { call in
                call.normalization.source.storage.reduce(0) { max($0, abs($1)) } / call.normalization.divisor
            } ?? 0 : 0
        return ConvergencePanel(
            hasTrace: state.trace != nil, analysis: state.derived.analysis, figures: figures,
            iteration: state.iteration, iterationCount: state.iterationCount, tasks: state.scenario.tasks,
            lr: state.parameters.lr, largestEntry: largest, theme: theme)
    }

    /// The geometry panel of `state`.
    public static func geometry(_ state: ExplorerState, theme: Theme) -> GeometryPanel {
        GeometryPanel(
            embedding: state.derived.embedding, yaw: state.display.yaw, pitch: state.display.pitch,
            m: state.m, tasks: state.scenario.tasks,
            preference: state.computation.call?.preference ?? state.parameters.preference(m: state.m),
            weights: state.shownWeights, curve: state.derived.curve,
            starWeights: state.analysis?.fixedPoint.weights,
            selectedTask: state.editing ? state.selectedTask : nil, theme: theme)
    }

    /// The state panel of `state`.
    public static func statePanel(_ state: ExplorerState, theme: Theme) -> StatePanel {
        StatePanel(
            iteration: state.iteration, iterationCount: state.iterationCount, trace: state.trace,
            absenceNote: state.computation.absenceNote, lr: state.parameters.lr, momentum: state.parameters.momentum,
            direction: state.shownDirection, directionEmbedded: state.shownDirectionEmbedded,
            preference: state.computation.call?.preference, tasks: state.scenario.tasks,
            description: state.scenario.description, theme: theme, followed: state.followedFigures)
    }

    /// The matrix panel of `state`.
    public static func matrix(_ state: ExplorerState, theme: Theme) -> MatrixPanel {
        MatrixPanel(
            variant: state.parameters.variant, a: state.computation.input.a, call: state.computation.call,
            absenceNote: state.computation.absenceNote, facts: state.derived.matrixFacts, theme: theme,
            followedTask: state.display.followedTask)
    }

    /// The header of `state`.
    public static func header(_ state: ExplorerState, theme: Theme) -> Header {
        Header(
            parameters: state.parameters, scenario: state.scenario, follow: state.follow,
            callCount: state.computation.calls.count, shownCall: state.computation.shownCall,
            preset: state.inputs.presetIndex.map { ($0, state.inputs.presets.count) }, warnings: state.derived.warnings,
            iteration: state.iteration, playing: state.playing, editingTask: state.editing ? state.selectedTask : nil,
            isAnalyzing: state.isAnalyzing, weights: state.shownWeights, absenceNote: state.computation.absenceNote,
            direction: state.shownDirection, directionEmbedded: state.shownDirectionEmbedded, theme: theme,
            recordedFailure: state.recordedFailureNote)
    }

    /// The status line of `state`: its message, or the key hint.
    public static func statusLine(_ state: ExplorerState, theme: Theme) -> StatusLine {
        StatusLine(message: state.message, theme: theme)
    }
}
