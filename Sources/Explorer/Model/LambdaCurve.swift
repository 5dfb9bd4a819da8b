import SDMGrad

/// The fixed-point weights w*(lambda) for lambda from 0 up, ending at the preference itself:
/// the geometry panel draws d(w*(lambda)) through the embedding.
public struct LambdaCurvePoints: Sendable {
    /// The lambdas, ascending; the last is infinity (the preferred direction).
    public let lambdas: [Double]
    /// The weights (w* + lambda w~)/(1 + lambda) for each lambda.
    public let weights: [[Double]]

    /// The lambdas of the curve: 0, then 0.01 to 1000 by factors of 1.25.
    static let grid: [Double] = {
        var lambdas: [Double] = [0]
        var x = 0.01
        while x <= 1000 { lambdas.append(x); x *= 1.25 }
        return lambdas
    }()

    /// Solves each lambda's fixed point, warm-started from its neighbour's; nil when cancelled.
    init?(call: WeightingCall, isCancelled: () -> Bool) {
        let a = call.normalization.matrix
        var weights: [[Double]] = []
        var near: [Double]? = nil
        for lambda in LambdaCurvePoints.grid {
            if isCancelled() { return nil }
            let fp = FixedPointSolver.solve(normalized: a, preference: call.preference, lambda: lambda, near: near)
            near = fp.w
            weights.append(fp.weights)
        }
        lambdas = LambdaCurvePoints.grid + [.infinity]
        self.weights = weights + [call.preference]
    }
}
