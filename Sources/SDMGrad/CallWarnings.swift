/// One-line warnings for a call whose numbers are numerically suspect. They never change the numbers
/// (those stay torchjd's); they say what happened.
public enum CallWarnings {
    /// 2^53: beyond this magnitude doubles are no longer spaced by at most 1, so sums of y (and the
    /// projection's threshold) can lose the unit the simplex needs.
    public static let exactIntegerLimit = 9_007_199_254_740_992.0

    /// How far w may be off the simplex (its sum from 1, or below 0) before it is reported.
    public static let simplexTolerance = 1e-9

    /// The warnings for `call` (and, when given, its analysis), in a fixed order; empty when all is well.
    public static func of(call: WeightingCall, analysis: Analysis? = nil) -> [String] {
        var warnings: [String] = []
        let finite = (call.w + call.weights).allSatisfy(\.isFinite)
        if !finite {
            warnings.append("w or the weights are not finite: the iteration overflowed")
        }
        if call.normalization.scale == 0 && call.parameters.variant.rules.scale == .clampedDiagonalPlusEpsilon {
            warnings.append("scale s = 0 (no diagonal entry of A is positive): Â = A / 1e-8 magnifies A 1e8 times")
        }
        if call.largestPreProjection > exactIntegerLimit {
            warnings.append(
                "|y| reached \(call.largestPreProjection) > 2^53 during the iterations: the projection cannot keep the sum of w at 1"
            )
        }
        let total = call.w.reduce(0, +)
        if finite, abs(total - 1) > simplexTolerance || call.w.contains(where: { $0 < -simplexTolerance }) {
            warnings.append("w is off the simplex: its entries sum to \(total), not 1")
        }
        if let analysis, !analysis.fixedPoint.isVerified {
            let tolerance = FixedPointSolver.kktTolerance(call.normalization.matrix)
            warnings.append(
                "the fixed point could not be verified: KKT residual \(analysis.fixedPoint.residual) > \(tolerance)")
        }
        return warnings
    }

}
