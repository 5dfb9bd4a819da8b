/// The fixed point and its stability for one call's normalized matrix and parameters.
public struct Analysis: Equatable, Sendable {
    /// w* and its residual.
    public let fixedPoint: FixedPoint
    /// Verdict, spectral radius and largest converging lr at w*.
    public let stability: Stability

    /// Analyzes Â with the parameters in force; `near` picks among several fixed points (e.g. the solver's w).
    public init(normalized: Matrix, preference: [Double], parameters: SolverParameters, near: [Double]? = nil) {
        fixedPoint = FixedPointSolver.solve(normalized: normalized, preference: preference,
                                            lambda: parameters.lambda, near: near)
        stability = Stability(normalized: normalized, support: fixedPoint.support,
                              lr: parameters.lr, momentum: parameters.momentum)
    }

    /// Analyzes the normalized matrix of a finished call, choosing the fixed point nearest its w.
    public init(call: WeightingCall) {
        self.init(normalized: call.normalization.matrix, preference: call.preference,
                  parameters: call.parameters, near: call.w)
    }
}
