import SDMGrad

/// The training playground's model: what the user chose (`inputs`), what the view shows (`view`)
/// and what is computed (`derived`). `update` changes it and returns the background work to start.
public struct PlaygroundState: Sendable {
    /// What the user chose.
    public internal(set) var inputs: PlaygroundInputs
    /// What the view shows.
    public var display: PlaygroundViewState
    /// What is computed.
    public internal(set) var derived = PlaygroundDerived()

    /// A playground on `inputs`, showing the last step; `start()` begins the runs.
    public init(inputs: PlaygroundInputs = PlaygroundInputs()) {
        self.inputs = inputs
        display = PlaygroundViewState(step: inputs.steps - 1)
        derived.runs = inputs.allSettings.map(PlaygroundRun.init(settings:))
    }

    /// The runs shown (partial while computing), in `inputs.allSettings` order.
    public var runs: [PlaygroundRun] { derived.runs }

    /// The run of `method` from start `start`, if shown.
    public func run(_ method: ToyMethod, start: Int) -> PlaygroundRun? {
        guard let m = inputs.methods.firstIndex(of: method), start >= 0, start < inputs.starts.count else { return nil }
        let index = m * inputs.starts.count + start
        return index < derived.runs.count ? derived.runs[index] : nil
    }

    /// The `sdmgrad` run from the selected start, if `sdmgrad` is shown.
    public var selectedSDMGradRun: PlaygroundRun? { run(.sdmgrad, start: display.selectedStart) }

    /// The step shown.
    public var step: Int { display.step }

    /// The inner solver's input at the shown step of the selected `sdmgrad` run, once computed.
    public var shownWeightingInput: (step: Int, input: ToyWeightingInput)? {
        guard let run = selectedSDMGradRun, let i = run.recordIndex(atStep: display.step),
            let input = run.record(i).weightingInput
        else { return nil }
        return (run.trajectory.step(ofRecord: i), input)
    }

    /// Hands the app what the playground asked for, once.
    public mutating func takeRequest() -> PlaygroundRequest? {
        defer { display.request = nil }
        return display.request
    }

    /// Whether some run or verdict is still being computed.
    public var isComputing: Bool { derived.computing || derived.verdictsPending }
}
