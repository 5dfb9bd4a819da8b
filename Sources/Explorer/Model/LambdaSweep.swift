import SDMGrad

/// Weights at the solver's output and at the fixed point w* as lambda sweeps from 0 to a large value.
public struct LambdaSweep: Sendable {
    /// The lambdas, ascending (0 first, then log-spaced).
    public let lambdas: [Double]
    /// Solver output weights per lambda (m values each).
    public let solverWeights: [[Double]]
    /// Fixed-point weights per lambda.
    public let fixedPointWeights: [[Double]]

    /// Sweeps the shown call's A with the current parameters, from the same warm start.
    init(state: ExplorerState) {
        var lambdas: [Double] = [0]
        var x = 0.01
        while x <= 100.0001 { lambdas.append(x); x *= 1.2 }
        self.lambdas = lambdas
        var solver: [[Double]] = [], fixed: [[Double]] = []
        if let call = state.computation.call {
            let a = state.computation.input.a
            for lambda in lambdas {
                var p = state.parameters
                p.lambda = lambda
                var weighting = SDMGradWeighting(parameters: p)
                weighting.setState(call.start)
                if let result = try? weighting(a) {
                    solver.append(result.weights)
                    fixed.append(FixedPointSolver.solve(normalized: result.normalization.matrix, preference: result.preference,
                                                        lambda: lambda, near: result.w).weights)
                }
            }
        }
        solverWeights = solver
        fixedPointWeights = fixed
    }
}
