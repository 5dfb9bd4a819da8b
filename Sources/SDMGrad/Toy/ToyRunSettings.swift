/// Everything that fixes one training run on the toy (SPEC section 8's defaults).
public struct ToyRunSettings: Equatable, Sendable {
    /// Most steps one run may take (bounds time and memory).
    public static let maxSteps = 10_000_000

    /// The direction method.
    public var method: ToyMethod
    /// The start point x at step 0.
    public var start: SIMD2<Double> = ToyStarts.standard
    /// Number of steps N (numbered 0 ..< N).
    public var steps: Int = 70_000
    /// Adam's learning rate.
    public var lr: Double = 0.002
    /// Standard deviation s of the gradient noise (0: exact gradients).
    public var noise: Double = 0.2
    /// Seed of the noise.
    public var seed: UInt64 = 1
    /// lambda of `sdmgrad` and `sdmgrad-toy` (it overrides `solver.lambda`).
    public var lambda: Double
    /// CAGrad's c.
    public var c: Double = 0.5
    /// The inner solver's parameters for `sdmgrad` (variant, lr, momentum, iters, pref); lambda comes from `lambda`.
    public var solver = SolverParameters()
    /// Keep steps 0, K, 2K, ... and the last one (1: every step).
    public var recordEvery: Int = 1

    /// SPEC section 8's defaults for `method` (lambda: the method's default).
    public init(method: ToyMethod = .sdmgrad) {
        self.method = method
        self.lambda = method.defaultLambda
    }

    /// The weighting's parameters with this run's lambda.
    public var weightingParameters: SolverParameters {
        var p = solver
        p.lambda = lambda
        return p
    }

    /// Throws a one-line InputError naming the first bad setting.
    public func validate() throws {
        guard start.x.isFinite, start.y.isFinite else {
            throw InputError("start must be two finite numbers, got \(start.x),\(start.y)")
        }
        guard steps >= 1, steps <= Self.maxSteps else {
            throw InputError("steps must be in 1...\(Self.maxSteps), got \(steps)")
        }
        guard lr.isFinite, lr > 0 else { throw InputError("lr must be a finite number > 0, got \(lr)") }
        guard noise.isFinite, noise >= 0 else { throw InputError("noise must be a finite number >= 0, got \(noise)") }
        guard lambda.isFinite, lambda >= 0 else {
            throw InputError("lambda must be a finite number >= 0, got \(lambda)")
        }
        guard c.isFinite, c >= 0 else { throw InputError("c must be a finite number >= 0, got \(c)") }
        guard recordEvery >= 1 else { throw InputError("every must be >= 1, got \(recordEvery)") }
        if method == .sdmgrad { try weightingParameters.validate(m: 2) }
    }
}
