/// When lambda changes nothing: the inner problem and the fact the lambda key runs into.
///
/// For a symmetric Â the fixed point w* minimizes ½ (w + λw̃)ᵀ Â (w + λw̃) = ½‖Jᵀ(w + λw̃)‖² over the
/// simplex (Â = J Jᵀ / s²), and the iteration is projected heavy-ball gradient descent on it; for
/// A = J1 J2ᵀ it is the stochastic version. At a w* with every w*_i > 0 (interior) the KKT
/// conditions say Â(w* + λw̃) = c 1, so w* + λw̃ = c Â⁻¹1 and, summing, c = (1 + λ) / 1ᵀÂ⁻¹1:
/// the weights (w* + λw̃)/(1 + λ) equal u = Â⁻¹1 / 1ᵀÂ⁻¹1 whatever lambda is. Lambda acts only
/// once w* = (1 + λ)u − λw̃ reaches the boundary of the simplex.
public struct LambdaInvariance: Equatable, Sendable {
    /// u = Â⁻¹1 / 1ᵀÂ⁻¹1: the weights of the interior fixed point, the same at every lambda where there is one.
    public let weights: [Double]
    /// The preference w̃ the fixed point is shifted by.
    public let preference: [Double]
    /// (1 + λ)u − λw̃ is interior exactly for 0 <= λ < `interiorBelow` (infinity: always; 0: never, u has an entry <= 0).
    public let interiorBelow: Double

    /// The largest Â handled: one dense solve of this size stays well under a millisecond.
    public static let taskLimit = 64

    /// The invariance for Â and w̃; nil when m > `taskLimit`, Â is (numerically) singular or 1ᵀÂ⁻¹1 is 0:
    /// then no isolated interior fixed point exists to pin the weights.
    public static func compute(normalized a: Matrix, preference: [Double]) -> LambdaInvariance? {
        let m = a.rows
        guard m >= 1, m <= taskLimit, a.isSquare, preference.count == m, a.isFinite,
            let x = LinearSolve.solve(a.storage, [Double](repeating: 1, count: m), k: m)
        else { return nil }
        let total = x.reduce(0, +)
        let largest = x.reduce(0) { max($0, abs($1)) }
        guard total.isFinite, abs(total) > 1e-12 * largest else { return nil }
        let u = x.map { $0 / total }
        // w*_i = u_i + λ (u_i − w̃_i) > 0: true for every λ when u_i >= w̃_i, up to u_i / (w̃_i − u_i) otherwise.
        var below = Double.infinity
        for i in 0..<m {
            if u[i] <= 0 { below = 0; break }
            if preference[i] > u[i] { below = min(below, u[i] / (preference[i] - u[i])) }
        }
        return LambdaInvariance(weights: u, preference: preference, interiorBelow: below)
    }

    /// The invariance of a finished call's Â and w̃; nil beyond `taskLimit` tasks, where Â is not even built.
    public static func compute(call: WeightingCall) -> LambdaInvariance? {
        guard call.m <= taskLimit else { return nil }
        return compute(normalized: call.normalization.matrix, preference: call.preference)
    }

    /// Whether the interior fixed point exists at `lambda`, so the weights there are `weights`.
    public func isInterior(lambda: Double) -> Bool { lambda >= 0 && lambda < interiorBelow }

    /// w* = (1 + λ)u − λw̃ at `lambda`, nil where that leaves the open simplex.
    public func interiorFixedPoint(lambda: Double) -> [Double]? {
        guard isInterior(lambda: lambda) else { return nil }
        return zip(weights, preference).map { (1 + lambda) * $0 - lambda * $1 }
    }
}
