import SDMGrad

/// One run as the playground holds it: its settings and the steps recorded so far (partial while it computes).
public struct PlaygroundRun: Sendable {
    /// The run's settings.
    public let settings: ToyRunSettings
    /// The recorded steps so far.
    public var trajectory: ToyTrajectory
    /// Steps computed so far.
    public var stepsDone: Int
    /// Why the run stopped early, if it did.
    public var failure: String?

    /// An empty run (nothing computed yet).
    public init(settings: ToyRunSettings) {
        self.settings = settings
        trajectory = ToyTrajectory(
            stride: settings.recordEvery, totalSteps: settings.steps,
            withWeightingInputs: settings.method == .sdmgrad)
        stepsDone = 0
    }

    /// What a ToyRun has computed so far.
    public init(_ run: ToyRun) {
        settings = run.settings
        trajectory = run.trajectory
        stepsDone = run.stepsDone
        failure = run.failure?.message
    }

    /// Whether every step is computed (or the run failed).
    public var isFinished: Bool { stepsDone == settings.steps || failure != nil }

    /// The index of the record shown at step k (the last one at or before it), nil before any record.
    public func recordIndex(atStep k: Int) -> Int? { trajectory.recordIndex(atOrBefore: k) }

    /// Record i in full, with the inner solver's input for `sdmgrad` (its A, warm start and parameters).
    public func record(_ i: Int) -> ToyStepRecord {
        var record = trajectory[i]
        if let (a, w) = trajectory.matrixAndWarmStart(i) {
            record.weightingInput = ToyWeightingInput(
                a: a, warmStart: w, parameters: settings.weightingParameters,
                jacobians: trajectory.jacobians(i))
        }
        return record
    }
}
