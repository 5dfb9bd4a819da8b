/// The knobs of one SDMGrad weighting (torchjd's defaults unless said otherwise).
public struct SolverParameters: Equatable, Sendable {
    /// Weight of the preferred direction (lambda >= 0).
    public var lambda: Double = 0.3
    /// Inner learning rate (> 0).
    public var lr: Double = 10
    /// Heavy-ball momentum, in [0, 1).
    public var momentum: Double = 0.5
    /// Inner iterations per call (>= 1).
    public var iters: Int = 20
    /// Preference vector w~; nil means uniform 1/m.
    public var pref: [Double]? = nil
    /// Which implementation to reproduce.
    public var variant: Variant = .torchjd

    /// Parameters with torchjd's defaults.
    public init() {}

    /// Parameters for `variant`, with that variant's default learning rate.
    public init(variant: Variant) {
        self.variant = variant
        self.lr = variant.defaultLearningRate
    }

    /// Checks every parameter as torchjd does; `m` is the number of tasks when known.
    public func validate(m: Int? = nil) throws {
        guard lambda.isFinite, lambda >= 0 else {
            throw InputError("lambda must be a finite number >= 0, got \(lambda)")
        }
        guard lr.isFinite, lr > 0 else { throw InputError("lr must be a finite number > 0, got \(lr)") }
        guard momentum.isFinite, momentum >= 0, momentum < 1 else {
            throw InputError("momentum must be in [0, 1), got \(momentum)")
        }
        guard iters >= 1 else { throw InputError("iters must be >= 1, got \(iters)") }
        guard iters <= Limits.maxIterations else {
            throw InputError("iters must be <= \(Limits.maxIterations), got \(iters)")
        }
        if let pref {
            guard variant.acceptsPreference else {
                throw InputError("pref: the \(variant.rawValue) variant uses the uniform preference only")
            }
            guard pref.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw InputError("pref must have finite entries >= 0, got \(pref)")
            }
            if let m, pref.count != m {
                throw InputError("pref has \(pref.count) entries but the matrix has m = \(m) tasks")
            }
        }
    }

    /// The preference vector for m tasks: `pref`, or uniform 1/m.
    public func preference(m: Int) -> [Double] {
        pref ?? Array(repeating: 1 / Double(m), count: m)
    }
}
