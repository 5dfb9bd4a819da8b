/// torchjd, libmtl and official run on the same A from the same warm start.
public struct VariantsComparison: Sendable {
    /// One column of the comparison.
    public struct Column: Sendable {
        /// Which implementation.
        public let variant: Variant
        /// The learning rate it ran with.
        public let lr: Double
        /// The traced call (nil when it could not run: see `failure`).
        public let call: WeightingCall?
        /// Why it could not run (e.g. the official scale is undefined).
        public let failure: String?
        /// Its fixed point and verdict.
        public let analysis: Analysis?
    }

    /// The three columns, in Variant.allCases order.
    public let columns: [Column]

    /// Each variant with its own default lr when the user kept the default, else the user's lr,
    /// from the warm start `start` on `a`.
    public init(a: Matrix, start: [Double]?, parameters p: SolverParameters) {
        self = Self.compute(a: a, start: start, parameters: p, traceBudget: TraceBudget(bytes: .max))!
    }

    /// The comparison with each variant's trace kept within its share of `traceBudget` (the rest as checkpoints);
    /// nil once `isCancelled` says stop (asked before every iteration).
    public static func compute(
        a: Matrix, start: [Double]?, parameters p: SolverParameters, traceBudget: TraceBudget,
        isCancelled: (() -> Bool)? = nil
    ) -> VariantsComparison? {
        let keptDefault = p.lr == p.variant.defaultLearningRate
        var budget = traceBudget
        budget.bytes /= Variant.allCases.count
        var columns: [Column] = []
        for variant in Variant.allCases {
            var q = SolverParameters(variant: variant)
            q.lambda = p.lambda
            q.momentum = p.momentum
            q.iters = p.iters
            q.lr = keptDefault ? variant.defaultLearningRate : p.lr
            if variant.acceptsPreference { q.pref = p.pref }
            var weighting = SDMGradWeighting(parameters: q)
            if let start { weighting.setState(start) }
            do {
                guard let result = try weighting.call(a, traceBudget: budget, isCancelled: isCancelled) else {
                    return nil
                }
                columns.append(
                    Column(variant: variant, lr: q.lr, call: result, failure: nil, analysis: Analysis(call: result)))
            } catch {
                columns.append(Column(variant: variant, lr: q.lr, call: nil, failure: "\(error)", analysis: nil))
            }
        }
        return VariantsComparison(columns: columns)
    }

    private init(columns: [Column]) { self.columns = columns }
}
