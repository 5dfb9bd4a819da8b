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

/// Per-iteration figures of a trace: distances to w* and step lengths (O(iters·m) at most, per frame).
public struct TraceFigures: Sendable {
    /// ‖w_k − w*‖ for k = count - distances.count + 1...count: every iteration when the trace holds them all,
    /// else the last ones whose w is kept (at most `boundedWindow`); empty while w* is not known.
    public let distancesToFixedPoint: [Double]
    /// ‖w_k − w_{k−1}‖ for k = 1...iters.
    public let stepLengths: [Double]
    /// Whether some iterate is not finite.
    public let overflowed: Bool

    /// The most distances of a bounded trace: more than the Convergence panel is wide.
    static let boundedWindow = 1024

    /// The figures of `trace`, with distances to `star` when known.
    public init(trace: Trace, star: [Double]?) {
        stepLengths = trace.stepLengths
        overflowed = trace.overflowed
        guard let star else {
            distancesToFixedPoint = []
            return
        }
        var first = trace.count + 1
        let limit = trace.isComplete ? trace.count + 1 : Self.boundedWindow
        while first > 0, trace.count + 1 - first < limit, trace.w(at: first - 1) != nil { first -= 1 }
        distancesToFixedPoint = (first..<(trace.count + 1)).map { euclideanDistance(trace.w(at: $0)!, star) }
    }
}
