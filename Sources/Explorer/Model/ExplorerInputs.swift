import SDMGrad

/// Where the explorer's input came from, which decides what "outer step" and "resample" mean.
public enum InputSource: Equatable, Sendable {
    /// A built-in or user scenario (gradients, Jacobians or a matrix).
    case scenario
    /// A fixed sequence of matrices or Jacobian triples, one call each.
    case sequence
}

/// What the user chose: the input, the parameters and the start point (the model's first part).
public struct ExplorerInputs: Sendable {
    /// The built-in scenarios, for cycling with Tab.
    public var presets: [Scenario]
    /// Index of the preset shown, when a preset is shown.
    public var presetIndex: Int?
    /// The scenario as loaded (for reset).
    public var originalScenario: Scenario
    /// The scenario shown, with the user's gradient edits.
    public var scenario: Scenario
    /// Scenario or fixed sequence.
    public var source: InputSource
    /// The fixed sequence of calls (source == .sequence); grows while following a run (then only
    /// the calls the computation holds are in memory).
    public var sequence: CallSequence
    /// What torchjd recorded for each call of `sequence` (a run folder), in the same order; empty otherwise.
    public var recorded: [RecordedCall] = []
    /// Solver parameters in force.
    public var parameters: SolverParameters
    /// Noise seed of the first call (stochastic scenarios).
    public var seed: UInt64
    /// Number of outer steps (calls) so far for a scenario; each draws new batches.
    public var outerSteps = 1
    /// Whether gradients were edited since the last save.
    public var hasUnsavedEdits = false
    /// A start point w0 the user chose for the shown call (a click in the simplex), else the warm start.
    public var startOverride: (call: Int, w: [Double])?

    /// Inputs of every call for the current scenario, seed and outer steps.
    func batches() -> CallSequence {
        if source == .sequence { return sequence }
        var batches: [Batches] = []
        var s = scenario
        for step in 0..<outerSteps {
            s.seed = seed &+ UInt64(step)
            batches.append(s.batches())
            if scenario.noise == 0 { break }
        }
        return CallSequence(batches)
    }

    /// The scenario with the current edits and parameters, as it would be saved.
    public var scenarioForSaving: Scenario {
        var s = scenario
        s.parameters = parameters
        s.seed = seed
        return s
    }
}
