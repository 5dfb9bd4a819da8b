/// The root in [0, 1] of a non-decreasing function (the derivative of a convex 1-D objective),
/// i.e. the objective's minimizer on [0, 1]: safeguarded Newton inside a shrinking sign bracket.
public enum MonotoneRoot {
    /// Width of the final bracket: the answer is within this of the true minimizer.
    public static let tolerance = 1e-12

    /// The minimizer on [0, 1] of a convex function given its derivative `f` (value and slope at x).
    public static func minimizer(_ f: (Double) -> (value: Double, slope: Double)) -> Double {
        if f(0).value >= 0 { return 0 }
        if f(1).value <= 0 { return 1 }
        var low = 0.0, high = 1.0
        var x = 0.5
        for round in 0..<200 {
            let (value, slope) = f(x)
            if value == 0 { return x }
            if value < 0 { low = x } else { high = x }
            if high - low <= tolerance { break }
            let newton = x - value / slope
            if round < 100, slope > 0, newton > low, newton < high {
                // Near the root Newton's step is tiny: probe both sides of its point so the bracket closes around it.
                if abs(newton - x) < tolerance / 4 {
                    let probe = tolerance / 4
                    let below = max(newton - probe, low), above = min(newton + probe, high)
                    if f(below).value < 0 { low = below }
                    if f(above).value > 0 { high = above }
                    if high - low <= tolerance { break }
                }
                x = min(max(newton, low), high)
                if x == low || x == high { x = (low + high) / 2 }
            } else {
                x = (low + high) / 2
            }
        }
        return (low + high) / 2
    }
}
