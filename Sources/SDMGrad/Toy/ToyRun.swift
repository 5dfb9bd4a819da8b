/// One training run on the toy, advanced in chunks so a caller can show progress and stop at any time.
/// Each step k: record x_k and the losses there, draw the gradient samples, compute the method's direction,
/// hand it to Adam as the gradient.
public struct ToyRun: Sendable {
    /// The run's settings (validated).
    public let settings: ToyRunSettings
    /// The recorded steps so far.
    public private(set) var trajectory: ToyTrajectory
    /// Steps taken so far.
    public private(set) var stepsDone = 0
    /// The current point (after `stepsDone` updates).
    public private(set) var x: SIMD2<Double>
    /// Why the run stopped early (the weighting refused a step), if it did.
    public private(set) var failure: InputError?
    private var adam: TorchAdam
    private var random: SeededRandom
    private var weighting: SDMGradWeighting

    /// A run at step 0; throws a one-line InputError on bad settings.
    public init(_ settings: ToyRunSettings) throws {
        try settings.validate()
        self.settings = settings
        trajectory = ToyTrajectory(
            stride: settings.recordEvery, totalSteps: settings.steps,
            withWeightingInputs: settings.method.reads(.innerSolver))
        x = settings.start
        adam = TorchAdam(lr: settings.lr)
        random = SeededRandom(seed: settings.seed)
        weighting = SDMGradWeighting(parameters: settings.weightingParameters)
    }

    /// Whether every step is done (or the run failed).
    public var isFinished: Bool { stepsDone == settings.steps || failure != nil }

    /// The fraction of steps done, in [0, 1].
    public var progress: Double { Double(stepsDone) / Double(settings.steps) }

    /// Takes up to `steps` more steps; returns how many were taken.
    @discardableResult
    public mutating func advance(steps: Int) -> Int {
        let target = min(settings.steps, stepsDone + max(steps, 0))
        let before = stepsDone
        while stepsDone < target && failure == nil { takeStep() }
        return stepsDone - before
    }

    /// Runs to the end.
    public mutating func finish() { advance(steps: settings.steps) }

    /// Record i with, for `sdmgrad`, the inner solver's inputs at that step.
    public func record(_ i: Int) -> ToyStepRecord {
        var record = trajectory[i]
        if let (a, w) = trajectory.matrixAndWarmStart(i) {
            record.weightingInput = ToyWeightingInput(
                a: a, warmStart: w, parameters: settings.weightingParameters,
                jacobians: trajectory.jacobians(i))
        }
        return record
    }

    private mutating func takeStep() {
        let k = stepsDone
        let exact = ToyProblem.gradients(at: x)
        let s = settings.noise
        let direction: ToyDirection
        var input: ToyWeightingInput?
        switch settings.method.rules.direction {
        case .oneSample(let rule): direction = rule(exact.sample(noise: s, random: &random), settings)
        case .stochasticSDMGrad:
            let xi = exact.sample(noise: s, random: &random)
            let xiPrime = exact.sample(noise: s, random: &random)
            let zeta = exact.sample(noise: s, random: &random)
            do {
                (direction, input) = try ToyDirection.sdmgrad(
                    xi: xi, xiPrime: xiPrime, zeta: zeta, weighting: &weighting)
            } catch let error as InputError {
                failure = InputError("step \(k): \(error.message)")
                return
            } catch {
                failure = InputError("step \(k): \(error)")
                return
            }
        }
        if trajectory.keeps(step: k) {
            trajectory.append(x: x, losses: ToyProblem.losses(at: x), direction: direction, input: input)
        }
        adam.update(&x, gradient: direction.direction)
        stepsDone += 1
    }
}
