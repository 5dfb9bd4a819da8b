/// Everything one inner iteration computed (SPEC section 2, `--trace`).
public struct IterationRecord: Equatable, Sendable {
    /// 1-based iteration number k.
    public let iteration: Int
    /// g_k = Â (w + lambda w~).
    public let grad: [Double]
    /// v_k = momentum v_{k-1} + g_k.
    public let velocity: [Double]
    /// y_k = w - lr v_k, the point before projection.
    public let y: [Double]
    /// The projection threshold tau_k.
    public let tau: Double
    /// w after this iteration.
    public let w: [Double]
    /// (w + lambda w~) / (1 + lambda) after this iteration.
    public let weights: [Double]
}

/// The start point and every iteration of one call of the inner solver.
public struct Trace: Equatable, Sendable {
    /// w_0, the warm start.
    public let start: [Double]
    /// Weights at the start point.
    public let startWeights: [Double]
    /// One record per inner iteration, in order.
    public let steps: [IterationRecord]

    /// Number of iterations recorded.
    public var count: Int { steps.count }

    /// w after k iterations (k = 0 is the start point).
    public func w(at k: Int) -> [Double] { k == 0 ? start : steps[k - 1].w }

    /// Weights after k iterations (k = 0 is the start point).
    public func weights(at k: Int) -> [Double] { k == 0 ? startWeights : steps[k - 1].weights }
}

/// The combination (w + lambda w~) / (1 + lambda) that the weighting returns.
public func combinedWeights(_ w: [Double], preference: [Double], lambda: Double) -> [Double] {
    var out = w
    for i in out.indices { out[i] = (w[i] + lambda * preference[i]) / (1 + lambda) }
    return out
}
