import SDMGrad

/// What the playground computes from its inputs (the model's third part): the runs, as far as
/// they got, and the inner solver's verdicts along the selected `sdmgrad` run.
public struct PlaygroundDerived: Sendable {
    /// One per entry of `inputs.allSettings`, partial while computing.
    public var runs: [PlaygroundRun] = []
    /// Generation of the runs' computation (messages of older ones are dropped).
    public var generation = 0
    /// Whether some run is still computing.
    public var computing = false
    /// Milliseconds from the computation's start to the first partial picture.
    public var firstPictureMilliseconds: Double?
    /// Milliseconds the last computation took in total.
    public var totalMilliseconds: Double?
    /// The run whose verdicts `verdicts` holds.
    public var verdictSettings: ToyRunSettings?
    /// Verdicts of the inner solver by record index of that run.
    public var verdicts: [Int: InnerVerdict] = [:]
    /// Whether verdicts are being computed.
    public var verdictsPending = false

    /// The fraction of all steps computed.
    public var progress: Double {
        let total = runs.reduce(0) { $0 + $1.settings.steps }
        return total == 0 ? 1 : Double(runs.reduce(0) { $0 + $1.stepsDone }) / Double(total)
    }
}
