/// What torchjd returned at one step, judged on its own (SPEC section 7.2): the sum of the recorded
/// weights, whether they are off the simplex, and why when that can be named.
public struct RecordedOutcome: Equatable, Sendable {
    /// Why the recorded weights are not a convex combination.
    public enum Cause: String, Sendable {
        /// Every A_ii <= 0: s = 0 and Â = A / 1e-8, so the steps dwarf the simplex.
        case scaleZero = "scale_zero"
        /// The pre-projection points grew beyond what the recorded dtype can add 1 to (2^24 in float32,
        /// 2^53 in float64): the projection cannot keep the sum at 1.
        case rounding
        /// A recorded weight is NaN or infinite.
        case nonFinite = "non_finite"
    }

    /// The sum of the recorded weights.
    public let sum: Double
    /// |sum - 1| > 1e-4 or a negative weight.
    public let offSimplex: Bool
    /// Why, when it can be named (only when off the simplex).
    public let cause: Cause?

    /// Off the simplex beyond this.
    public static let sumTolerance = 1e-4

    /// Judges the recorded weights of a call whose A is `a`; `largestPreProjection` is the largest |y| of the
    /// replay of the same call (from the same warm start).
    public init(weights: [Double], dtype: RecordedDType, a: Matrix, largestPreProjection: Double) {
        self.init(
            weights: weights, dtype: dtype, scaleZero: (0..<a.rows).allSatisfy { a[$0, $0] <= 0 },
            largestPreProjection: largestPreProjection)
    }

    /// Judges the recorded weights of a call whose A has every A_ii <= 0 when `scaleZero` (what a caller
    /// that no longer holds A kept of it).
    public init(weights: [Double], dtype: RecordedDType, scaleZero: Bool, largestPreProjection: Double) {
        sum = weights.reduce(0, +)
        offSimplex = !(abs(sum - 1) <= RecordedOutcome.sumTolerance) || weights.contains { $0 < 0 }
        guard offSimplex else { cause = nil; return }
        let digits = dtype == .float32 ? 24.0 : 53.0
        if weights.contains(where: { !$0.isFinite }) {
            cause = .nonFinite
        } else if scaleZero {
            cause = .scaleZero
        } else if largestPreProjection >= Double.pow2(digits) {
            cause = .rounding
        } else {
            cause = nil
        }
    }
}

extension Double {
    /// 2^e.
    static func pow2(_ e: Double) -> Double { Double(sign: .plus, exponent: Int(e), significand: 1) }
}
