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
        let keptDefault = p.lr == p.variant.defaultLearningRate
        columns = Variant.allCases.map { variant in
            var q = SolverParameters(variant: variant)
            q.lambda = p.lambda
            q.momentum = p.momentum
            q.iters = p.iters
            q.lr = keptDefault ? variant.defaultLearningRate : p.lr
            if variant.acceptsPreference { q.pref = p.pref }
            var weighting = SDMGradWeighting(parameters: q)
            if let start { weighting.setState(start) }
            do {
                let result = try weighting(a, trace: true)
                return Column(variant: variant, lr: q.lr, call: result, failure: nil, analysis: Analysis(call: result))
            } catch {
                return Column(variant: variant, lr: q.lr, call: nil, failure: "\(error)", analysis: nil)
            }
        }
    }
}
