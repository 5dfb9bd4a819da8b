import SDMGrad

/// Figures of the shown call's A that the matrix panel draws (O(m²): computed in the background).
public struct MatrixFacts: Sendable {
    /// Indices i with A_ii < 0 (clamped to 0 in the scale).
    public let negativeDiagonal: [Int]
    /// ‖A − Aᵀ‖_F and its ratio to ‖A‖_F.
    public let asymmetry: (absolute: Double, relative: Double)
    /// The largest |A_ij| (sets the tolerance for "differs from its mirror").
    public let largestEntry: Double

    /// The figures of `a`.
    public init(a: Matrix) {
        let diagonal = a.diagonal
        negativeDiagonal = diagonal.indices.filter { diagonal[$0] < 0 }
        var squares = 0.0
        for i in 0..<a.rows {
            for j in (i + 1)..<max(a.columns, i + 1) { let d = a[i, j] - a[j, i]; squares += 2 * d * d }
        }
        let total = a.frobeniusNorm
        asymmetry = (squares.squareRoot(), total > 0 ? squares.squareRoot() / total : 0)
        largestEntry = a.storage.reduce(0) { max($0, abs($1)) }
    }
}

/// Per-iteration figures of a trace: distances to w* and step lengths (O(iters·m), per frame).
public struct TraceFigures: Sendable {
    /// ‖w_k − w*‖ for k = 0...iters (empty while w* is not known).
    public let distancesToFixedPoint: [Double]
    /// ‖w_k − w_{k−1}‖ for k = 1...iters.
    public let stepLengths: [Double]
    /// Whether some iterate is not finite.
    public let overflowed: Bool

    /// The figures of `trace`, with distances to `star` when known.
    public init(trace: Trace, star: [Double]?) {
        distancesToFixedPoint = star.map { s in (0...trace.count).map { euclideanDistance(trace.w(at: $0), s) } } ?? []
        stepLengths = trace.steps.indices.map { euclideanDistance(trace.w(at: $0 + 1), trace.w(at: $0)) }
        overflowed = !trace.steps.allSatisfy { $0.w.allSatisfy(\.isFinite) }
    }
}
