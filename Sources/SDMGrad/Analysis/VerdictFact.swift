/// What an analysis may state about a call as a fact (SPEC section 7.1): a verdict only at a verified
/// fixed point (KKT residual at most 1e-8), and marked estimated when the face's eigenvalues are Ritz
/// values. Every text that concludes something ("repels at every lr", "no safe lr") asks `isFact` first.
public struct VerdictFact: Equatable, Sendable {
    /// The KKT residual at or below which w* counts as verified.
    public static let verifiedResidual = 1e-8
    /// The verdict at w*, nil when w* is unverified (or when no mode moves: Â is zero to rounding).
    public let verdict: StabilityVerdict?
    /// Whether w* is verified.
    public let fixedPointVerified: Bool
    /// Whether rho comes from estimated eigenvalues (a large face).
    public let estimated: Bool

    /// The fact for a fixed point and the stability there.
    public init(fixedPoint: FixedPoint, stability: Stability) {
        fixedPointVerified = fixedPoint.isVerified
        estimated = stability.isEstimate
        verdict = fixedPointVerified && !stability.isNeutral ? stability.verdict : nil
    }

    /// No verdict, nothing verified (a replay that is not finite).
    public static let none = VerdictFact(verdict: nil, fixedPointVerified: false, estimated: false)

    private init(verdict: StabilityVerdict?, fixedPointVerified: Bool, estimated: Bool) {
        self.verdict = verdict
        self.fixedPointVerified = fixedPointVerified
        self.estimated = estimated
    }

    /// A verdict that is neither unverified nor estimated.
    public var isFact: Bool { verdict != nil && !estimated }

    /// "converges", "diverges (estimated)" or "unverified".
    public var word: String {
        guard let verdict else { return "unverified" }
        return verdict.rawValue + (estimated ? " (estimated)" : "")
    }
}
