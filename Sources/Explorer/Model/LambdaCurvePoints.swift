import SDMGrad

/// The weights the geometry's curve passes through: (w*(lambda) + lambda w~)/(1 + lambda) for
/// lambda from 0 up, ending at the preference itself (lambda = infinity).
public struct LambdaCurvePoints: Sendable {
    /// The lambdas, ascending; the last is infinity.
    public let lambdas: [Double]
    /// The weights at each lambda.
    public let weights: [[Double]]
    /// False when the curve's work budget ran out before the last lambda (large m).
    public let isComplete: Bool

    /// The points of `curve`, closed by `preference` at lambda = infinity.
    init(curve: LambdaCurve, preference: [Double]) {
        lambdas = curve.points.map(\.lambda) + [.infinity]
        weights = curve.points.map(\.weights) + [preference]
        isComplete = curve.isComplete
    }
}
