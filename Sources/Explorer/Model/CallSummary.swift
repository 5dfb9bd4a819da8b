import SDMGrad

/// What the explorer keeps of every call, held in full or not (issue 19): what the calls list, the header
/// and the lower views read, a few vectors of m numbers instead of A, Â and the trace.
public struct CallSummary: Equatable, Sendable {
    /// Number of tasks.
    public let m: Int
    /// The preference vector w~ used.
    public let preference: [Double]
    /// w before the call (the warm start): running the call again from it gives the same call, bit for bit.
    public let start: [Double]
    /// What the weighting returned.
    public let weights: [Double]
    /// The simplex state after the call.
    public let w: [Double]
    /// The scale s of the normalization.
    public let scale: Double
    /// The largest |y| the iterations met (names the rounding cause of a recorded failure).
    public let largestPreProjection: Double
    /// Whether every A_ii <= 0 (names the scale-zero cause of a recorded failure).
    public let diagonalNonPositive: Bool

    /// The summary of `call`.
    public init(_ call: WeightingCall) {
        m = call.m
        preference = call.preference
        start = call.start
        weights = call.weights
        w = call.w
        scale = call.normalization.scale
        largestPreProjection = call.largestPreProjection
        let a = call.normalization.source
        diagonalNonPositive = (0..<a.rows).allSatisfy { a[$0, $0] <= 0 }
    }
}
