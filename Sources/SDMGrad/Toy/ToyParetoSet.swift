/// The Pareto set of the toy and the optima the papers mark on their plots.
public enum ToyParetoSet {
    /// The height of the Pareto segment: x2 = -8.3552.
    public static let x2 = -8.3552
    /// The x1 extent of the Pareto segment: [-7, 7].
    public static let x1Range: ClosedRange<Double> = -7 ... 7
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
}
