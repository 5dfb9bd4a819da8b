/// The Pareto set of the toy as the papers draw it (a segment at x2 = -8.3552) and the optima they mark.
/// The exact set bends slightly: at x1 = 0 it passes (0, -8.3552), at its ends x2 is about -8.43
/// (the optima of L1 and L2 alone); `stationarity(at:)` measures Pareto stationarity exactly.
public enum ToyParetoSet {
    /// The height of the Pareto segment: x2 = -8.3552.
    public static let x2 = -8.3552
    /// The x1 extent of the Pareto segment: [-7, 7].
    public static let x1Range: ClosedRange<Double> = -7...7
    /// The average-loss optimum the papers mark: (0, -8.3552).
    public static let averageOptimum = SIMD2(0, x2)
    /// The optimum of L1 the papers mark: (7, -8.3552).
    public static let optimumL1 = SIMD2(7, x2)
    /// The optimum of L2 the papers mark: (-7, -8.3552).
    public static let optimumL2 = SIMD2(-7, x2)

    /// The distance from x to the Pareto segment.
    public static func distance(from x: SIMD2<Double>) -> Double {
        let nearest = SIMD2(min(max(x.x, x1Range.lowerBound), x1Range.upperBound), x2)
        let d = x - nearest
        return planeDot(d, d).squareRoot()
    }

    /// Pareto stationarity at x: the norm of the min-norm point of the segment [g1, g2] of the exact gradients
    /// (0 exactly at Pareto-stationary points).
    public static func stationarity(at x: SIMD2<Double>) -> Double {
        let g = ToyProblem.gradients(at: x)
        let d = g.g1 - g.g2
        let dd = planeDot(d, d)
        let t = dd > 0 ? min(max(-planeDot(d, g.g2) / dd, 0), 1) : 0
        let gw = g.g2 + t * d
        return planeDot(gw, gw).squareRoot()
    }
}
