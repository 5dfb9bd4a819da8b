import SDMGrad

/// Which loss the playground's map shows.
public enum PlaygroundMapLoss: String, CaseIterable, Sendable {
    /// (L1 + L2) / 2.
    case average
    /// L1 alone.
    case l1 = "L1"
    /// L2 alone.
    case l2 = "L2"

    /// The next one in the cycle average, L1, L2.
    public var next: PlaygroundMapLoss {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The loss at x.
    public func value(at x: SIMD2<Double>) -> Double {
        let l = ToyProblem.losses(at: x)
        switch self {
        case .average: return (l.x + l.y) / 2
        case .l1: return l.x
        case .l2: return l.y
        }
    }
}

/// What the user chose in the playground (the model's first part): the outer settings shared by
/// every run, the methods shown, the start points and the map's loss.
public struct PlaygroundInputs: Equatable, Sendable {
    /// Steps per run.
    public var steps = 70_000
    /// Adam's learning rate.
    public var lr = 0.002
    /// Gradient noise s.
    public var noise = 0.2
    /// Noise seed.
    public var seed: UInt64 = 1
    /// lambda of `sdmgrad` and `sdmgrad-toy` alike (the same subproblem, solved exactly or by the inner loop).
    public var lambda = 0.3
    /// CAGrad's c.
    public var c = 0.5
    /// The inner solver's parameters of `sdmgrad` (lambda comes from `lambda`).
    public var solver = SolverParameters()
    /// The methods shown, in ToyMethod's order.
    public var methods: [ToyMethod] = ToyMethod.allCases
    /// The start points: the papers' three, then the ones the user added.
    public var starts: [SIMD2<Double>] = ToyStarts.all
    /// The map's loss.
    public var mapLoss: PlaygroundMapLoss = .average

    /// Most start points at once (each adds one run per method).
    public static let maxStarts = 6
    /// Records kept per run for the map (every step is kept for `sdmgrad`, up to `fullRecordLimit` steps).
    public static let pointsPerRun = 2_000
    /// Up to this many steps an `sdmgrad` run keeps every step (the inner explorer opens any of them).
    public static let fullRecordLimit = 100_000

    /// Inputs from `train`'s settings: its outer settings and inner parameters; every method, the three starts
    /// plus the given start when it is not one of them.
    public init(settings: ToyRunSettings = ToyRunSettings()) {
        steps = settings.steps
        lr = settings.lr
        noise = settings.noise
        seed = settings.seed
        lambda = settings.lambda
        c = settings.c
        solver = settings.solver
        if !starts.contains(settings.start) { starts.append(settings.start) }
    }

    /// The settings of one run.
    public func settings(method: ToyMethod, start: SIMD2<Double>) -> ToyRunSettings {
        var s = ToyRunSettings(method: method)
        s.start = start
        s.steps = steps
        s.lr = lr
        s.noise = noise
        s.seed = seed
        // Only what the method reads, so a key that changes lambda keeps the runs that do not use it.
        if method.usesLambda { s.lambda = lambda }
        if method.reads(.c) { s.c = c }
        if method.reads(.innerSolver) { s.solver = solver }
        s.recordEvery =
            method.reads(.innerSolver) ? max(1, steps / Self.fullRecordLimit) : max(1, steps / Self.pointsPerRun)
        return s
    }

    /// Every run shown: each method (in order) from each start.
    public var allSettings: [ToyRunSettings] {
        methods.flatMap { method in starts.map { settings(method: method, start: $0) } }
    }
}
