/// What the whole run adds up to (SPEC section 7.2's summary).
public struct RunSummary: Equatable, Sendable {
    /// Number of calls.
    public let calls: Int
    /// Calls with the verdict converges, oscillates, diverges (verified w* only).
    public let converges: Int, oscillates: Int, diverges: Int
    /// Calls without a verdict (w* unverified, or Â zero to rounding).
    public let unverified: Int
    /// Calls whose verdict rests on estimated eigenvalues.
    public let estimated: Int
    /// Calls whose output reached w* (r(w) <= 1e-3).
    public let reached: Int
    /// Calls whose recorded winning task differs from the previous call's.
    public let flips: Int
    /// Median of the distances to w*'s weights (finite ones).
    public let medianDistance: Double
    /// Calls whose recorded weights are off the simplex.
    public let recordedOffSimplex: Int
    /// Largest replay difference over the calls.
    public let largestReplayDifference: Double
    /// Calls whose replay is not finite.
    public let diverged: Int
    /// Calls recorded in float32.
    public let float32Calls: Int
    /// Calls where the replay's winning task equals the recording's.
    public let winnerAgreements: Int
    /// The largest grid lr at which every mapped call is reached with the run's iters (nil when none).
    public let safeLR: Double?
    /// The map's recommended setting, confirmed by a whole-run replay (nil when no cell reaches any call).
    public let recommendation: Recommendation?
}

/// The settings the map recommends, and what a whole-run replay at them gives.
public struct Recommendation: Equatable, Sendable {
    /// The lr (the geometric middle of the widest band).
    public let lr: Double
    /// The iteration budget.
    public let iters: Int
    /// Mapped calls reached at that cell.
    public let reached: Int
    /// Calls reached when the whole run is replayed at lr and iters with warm starts carried.
    public let replayed: Int
}
