/// The health of one recorded call, analyzed from the warm start torchjd had (SPEC section 7.2).
public struct CallHealth: Equatable, Sendable {
    /// The step number K.
    public let step: Int
    /// The verdict as far as it is a fact (nil when w* is unverified; marked when estimated).
    public let fact: VerdictFact
    /// rho of the linearized iteration at w*.
    public let spectralRadius: Double
    /// The largest lr that converges there (+infinity at a vertex).
    public let lrMax: Double
    /// Whether the replayed output reached w* and how many iterations it would have needed.
    public let reach: Reach
    /// Whether the replayed w ended on a vertex of the simplex (one positive entry).
    public let vertex: Bool
    /// The winning task of the recorded weights (argmax, first on ties), 0-based.
    public let winner: Int
    /// Whether `winner` differs from the previous call's.
    public let flip: Bool
    /// Euclidean distance from the replayed weights to w*'s weights.
    public let distanceToFixedPoint: Double
    /// Largest |replayed - recorded| over the weights.
    public let replayDifference: Double
    /// The replayed winning task (argmax of the replayed weights), 0-based.
    public let replayedWinner: Int
    /// The recorded weights' sum, whether they are off the simplex, and why.
    public let recorded: RecordedOutcome
    /// The dtype the call was recorded in.
    public let dtype: RecordedDType
    /// The replay's numbers are not finite (parameters that overflow): nothing is stated about it.
    public let diverged: Bool

    /// The verdict (nil when unverified).
    public var verdict: StabilityVerdict? { fact.verdict }
}
