import SDMGrad
import TerminalUI

/// The explorer's model: what the user chose (`inputs`), what the view shows (`display`) and what
/// is derived (`derived`). `update` changes it and returns the background work to start.
public struct ExplorerState: Sendable {
    /// What the user chose.
    public internal(set) var inputs: ExplorerInputs
    /// What the view shows.
    public var display = ExplorerViewState()
    /// What is derived.
    public internal(set) var derived: ExplorerDerived {
        // A windowed run holds in memory only the inputs the computation holds (issue 19).
        didSet {
            if inputs.sequence.isWindowed {
                inputs.sequence = inputs.sequence.holdingAsIn(derived.computation.batches)
            }
        }
    }
    /// The followed run folder, when the explorer follows a recording.
    public internal(set) var follow: FollowState?

    /// An explorer on a scenario; `presets` are what Tab cycles through.
    public init(scenario: Scenario, presets: [Scenario] = [], presetIndex: Int? = nil) {
        inputs = ExplorerInputs(
            presets: presets, presetIndex: presetIndex, originalScenario: scenario, scenario: scenario,
            source: .scenario, sequence: CallSequence([]), parameters: scenario.parameters, seed: scenario.seed)
        derived = ExplorerDerived(
            computation: Self.firstComputation(batches: inputs.batches(), parameters: inputs.parameters, start: nil))
    }

    /// An explorer on a fixed sequence of calls (e.g. several `--matrix` files), warm-started in
    /// order; call `start.call` starts from `start.w` when given; `recorded`: what torchjd recorded per call (a run
    /// folder); `reader`: reads call k again from disk, so only a window of calls is held (issue 19).
    public init(
        sequence: [Batches], name: String, parameters: SolverParameters, start: (call: Int, w: [Double])? = nil,
        recorded: [RecordedCall] = [], reader: CallSequence.Reader? = nil
    ) {
        self.init(
            calls: reader.map { CallSequence(sequence, reader: $0) } ?? CallSequence(sequence), name: name,
            parameters: parameters, start: start, recorded: recorded)
    }

    /// An explorer on the calls of `sequence`, which holds at least its first call (a run folder read
    /// again from disk holds only that one: the calls are run once, streamed, and a window of them kept).
    public init(
        calls sequence: CallSequence, name: String, parameters: SolverParameters,
        start: (call: Int, w: [Double])? = nil, recorded: [RecordedCall] = []
    ) {
        precondition(sequence.count > 0 && sequence.holds(0))
        let first = sequence[held: 0]!
        var scenario: Scenario
        if let j1 = first.j1, let j2 = first.j2 {
            scenario = Scenario(name: name, j1: j1, j2: j2, j3: first.j3, parameters: parameters)
        } else {
            scenario = Scenario(name: name, matrix: first.a, parameters: parameters)
        }
        if sequence.count > 1 { scenario.title = "\(sequence.count) calls from \(name)" }
        inputs = ExplorerInputs(
            presets: [], presetIndex: nil, originalScenario: scenario, scenario: scenario,
            source: .sequence, sequence: sequence, parameters: parameters, seed: scenario.seed)
        inputs.startOverride = start
        inputs.recorded = recorded
        derived = ExplorerDerived(
            computation: Self.firstComputation(batches: inputs.sequence, parameters: parameters, start: start))
        inputs.sequence = inputs.sequence.holdingAsIn(derived.computation.batches)
    }

    /// The calls of a model just made: at once when cheap, else pending (`start()` computes them in the
    /// background, so the explorer opens at once and q works).
    static func firstComputation(
        batches: CallSequence, parameters: SolverParameters, start: (call: Int, w: [Double])?
    ) -> Computation {
        guard Computation.openingCost(batches: batches, parameters: parameters) > Computation.backgroundCost else {
            return Computation(batches: batches, parameters: parameters, shownCall: 0, start: start)
        }
        return .pending(batches: batches, shownCall: 0, iterations: parameters.iters)
    }

    // MARK: what the panels read

    /// The scenario shown, with the user's gradient edits.
    public var scenario: Scenario { inputs.scenario }
    /// Solver parameters in force.
    public var parameters: SolverParameters { inputs.parameters }
    /// The traced calls.
    public var computation: Computation { derived.computation }
    /// Number of tasks.
    public var m: Int { inputs.scenario.m }
    /// Number of iterations of the shown call.
    public var iterationCount: Int { inputs.parameters.iters }
    /// The inner iteration shown (0 = the start point).
    public var iteration: Int { display.iteration }
    /// Whether the timer steps forward.
    public var playing: Bool { display.playing }
    /// The lower view.
    public var lowerView: LowerView { display.lowerView }
    /// Whether the arrow keys move the selected gradient's tip.
    public var editing: Bool { display.editing }
    /// The task selected for editing.
    public var selectedTask: Int { display.selectedTask }
    /// The one-line message of the status area.
    public var message: String { display.message }
    /// Set when the user asked to quit.
    public var wantsToQuit: Bool { display.wantsToQuit }
    /// Whether gradients were edited since the last save.
    public var hasUnsavedEdits: Bool { inputs.hasUnsavedEdits }
    /// The trace of the shown call, with the iterations computed again from a checkpoint when it is bounded.
    public var trace: Trace? {
        guard let trace = computation.call?.trace else { return nil }
        return derived.segment.map { trace.attaching($0) } ?? trace
    }
    /// w at the shown iteration.
    public var shownW: [Double]? { trace?.w(at: display.iteration) }
    /// Weights at the shown iteration.
    public var shownWeights: [Double]? { trace?.weights(at: display.iteration) }
    /// The direction at the shown iteration: J^T weights (full length), or nil for a bare matrix.
    public var shownDirection: [Double]? {
        guard let weights = shownWeights, let j = computation.input.directionJacobian else { return nil }
        return j.transposeTimes(weights)
    }
    /// The direction at the shown iteration in the geometry's coordinates (once the embedding is there).
    public var shownDirectionEmbedded: [Double]? {
        guard let embedding = derived.embedding.value else { return nil }
        return shownWeights.map { embedding.combine($0) }
    }
    /// The shown call's fixed point and stability, once computed.
    public var analysis: Analysis? { derived.analysis.value }
    /// The open lower view's result as `type`, once computed (nil while another view is open).
    func lowerResult<T>(_ type: T.Type) -> T? { derived.lower?.value?.value as? T }
    /// What the open lower view says in place of its result while it is not there.
    func lowerPlaceholder(ellipsis: String) -> String? {
        display.lowerView.job.flatMap { job in derived.lower?.placeholder(job.what, ellipsis: ellipsis) }
    }
    /// Distances to w* and step lengths of the shown trace.
    public var traceFigures: TraceFigures? { trace.map { TraceFigures(trace: $0, star: analysis?.fixedPoint.w) } }
    /// The scenario with the current edits and parameters, as it would be saved.
    public var scenarioForSaving: Scenario { inputs.scenarioForSaving }
    /// Whether some analysis of the shown state is still being computed.
    public var isAnalyzing: Bool {
        derived.computation.isPending || derived.embedding.isPending || derived.matrixFacts.isPending
            || derived.analysis.isPending || derived.curve.isPending
            || derived.lower?.isPending == true || derived.reading != nil
    }
}
