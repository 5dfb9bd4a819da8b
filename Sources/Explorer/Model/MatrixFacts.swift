import SDMGrad

/// Per-call figures the panels draw every frame, derived once when the shown call changes.
public struct CallSummary: Sendable {
    /// Indices i with A_ii < 0 (clamped to 0 in the scale).
    public let negativeDiagonal: [Int]
    /// ‖A − Aᵀ‖_F and its ratio to ‖A‖_F.
    public let asymmetry: (absolute: Double, relative: Double)
    /// The largest |A_ij| (sets the tolerance for "differs from its mirror").
    public let largestEntry: Double
    /// The largest |Â_ij|, for explaining an overflow.
    public let largestNormalizedEntry: Double
    /// ‖w_k − w*‖ for k = 0...iters.
    public let distancesToFixedPoint: [Double]
    /// ‖w_k − w_{k−1}‖ for k = 1...iters.
    public let stepLengths: [Double]
    /// Whether some iterate is not finite.
    public let overflowed: Bool

    /// The figures of `a` and, when it ran, of its call and fixed point.
    init(a: Matrix, call: WeightingCall?, analysis: Analysis?) {
        let diagonal = a.diagonal
        negativeDiagonal = diagonal.indices.filter { diagonal[$0] < 0 }
        var squares = 0.0
        for i in 0..<a.rows { for j in (i + 1)..<max(a.columns, i + 1) { let d = a[i, j] - a[j, i]; squares += 2 * d * d } }
        let total = a.frobeniusNorm
        asymmetry = (squares.squareRoot(), total > 0 ? squares.squareRoot() / total : 0)
        largestEntry = a.storage.reduce(0) { max($0, abs($1)) }
        largestNormalizedEntry = call?.normalization.matrix.storage.reduce(0) { max($0, abs($1)) } ?? 0
        if let trace = call?.trace {
            let star = analysis?.fixedPoint.w
            distancesToFixedPoint = star.map { s in (0...trace.count).map { euclideanDistance(trace.w(at: $0), s) } } ?? []
            stepLengths = trace.steps.indices.map { euclideanDistance(trace.w(at: $0 + 1), trace.w(at: $0)) }
            overflowed = !trace.steps.allSatisfy { $0.w.allSatisfy(\.isFinite) }
        } else {
            distancesToFixedPoint = []
            stepLengths = []
            overflowed = false
        }
    }
}
