/// What one call of the weighting computed.
public struct WeightingCall: Equatable, Sendable {
    /// Number of tasks.
    public let m: Int
    /// The parameters in force.
    public let parameters: SolverParameters
    /// The preference vector w~ used.
    public let preference: [Double]
    /// The scale s and the normalized matrix Â.
    public let normalization: Normalization
    /// w before the call (the warm start).
    public let start: [Double]
    /// What the weighting returns: (w + lambda w~) / (1 + lambda).
    public let weights: [Double]
    /// The simplex state after the call.
    public let w: [Double]
    /// Every inner iteration, when a trace was asked for.
    public let trace: Trace?
    /// The largest |y_k,i| the iterations met (infinity after a NaN): beyond 2^53 the projection
    /// cannot keep the sum of w at 1.
    public let largestPreProjection: Double

    /// What a call says about an A with NaN or infinite entries.
    static let nonFiniteMessage = "A has NaN or infinite entries"
}

/// torchjd's stateful `SDMGradWeighting`: the simplex point w is kept from call to call.
public struct SDMGradWeighting: Sendable {
    /// The parameters applied to every call.
    public var parameters: SolverParameters
    /// The simplex point carried to the next call; nil before the first call or after `reset()`.
    public private(set) var state: [Double]?
    private var workspace = SolverWorkspace(m: 0)

    /// A weighting with the given parameters and no state yet.
    public init(parameters: SolverParameters = SolverParameters()) {
        self.parameters = parameters
    }

    /// Forgets the warm start: the next call starts from uniform 1/m.
    public mutating func reset() { state = nil }

    /// Sets the warm start explicitly (it must be on the simplex of the next call's size).
    public mutating func setState(_ w: [Double]?) { state = w }

    /// Weights for the square matrix A (normally J1 J2^T); throws on invalid parameters or input.
    public mutating func callAsFunction(_ a: Matrix, trace: Bool = false) throws -> WeightingCall {
        // Nothing cancels it, so there is always a call.
        try call(a, traceBudget: trace ? TraceBudget(bytes: .max) : nil)!
    }

    /// The call, traced within `traceBudget` (nil: no trace); nil, with the state unchanged, once `isCancelled`
    /// says stop (it is asked before every iteration); `progress` hears of every iteration done.
    public mutating func call(
        _ a: Matrix, traceBudget: TraceBudget?, isCancelled: (() -> Bool)? = nil, progress: ((Int) -> Void)? = nil
    ) throws -> WeightingCall? {
        guard a.isSquare else { throw InputError("A must be square, got \(a.rows) x \(a.columns)") }
        guard a.rows >= 1 else { throw InputError("A is empty (0 x 0)") }
        let m = a.rows
        // The diagonal first (it decides the scale); the other entries are checked by the solver's first pass.
        guard (0..<m).allSatisfy({ a[$0, $0].isFinite }) else { throw InputError(WeightingCall.nonFiniteMessage) }
        try parameters.validate(m: m)
        let normalization = try Normalization(a, variant: parameters.variant)
        let preference = parameters.preference(m: m)
        var w = (state?.count == m) ? state! : Array(repeating: 1 / Double(m), count: m)
        let start = w
        if workspace.m != m { workspace = SolverWorkspace(m: m) }
        var recorder = traceBudget.map {
            TraceRecorder(plan: TracePlan(m: m, iterations: parameters.iters, budget: $0), start: start)
        }
        var peak = 0.0
        let record: ((IterationRecord) -> Void)? =
            recorder == nil
            ? nil
            : {
                recorder!.take($0)
                progress?($0.iteration)
            }
        let finite = InnerSolver.run(
            normalization: normalization, preference: preference, parameters: parameters,
            w: &w, workspace: &workspace, peak: &peak, isCancelled: isCancelled, record: record)
        if let isCancelled, isCancelled() { return nil }
        guard finite else { throw InputError(WeightingCall.nonFiniteMessage) }
        state = w
        let lambda = parameters.lambda
        let startWeights = combinedWeights(start, preference: preference, lambda: lambda)
        let replay = TraceReplay(
            normalization: normalization, preference: preference, parameters: parameters,
            preferred: workspace.preferred)
        return WeightingCall(
            m: m, parameters: parameters, preference: preference, normalization: normalization, start: start,
            weights: combinedWeights(w, preference: preference, lambda: lambda), w: w,
            trace: recorder?.trace(start: start, startWeights: startWeights, replay: replay),
            largestPreProjection: peak)
    }
}
