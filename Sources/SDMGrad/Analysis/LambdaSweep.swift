/// Weights at the solver's output and at the fixed point w* as lambda sweeps from 0 to a large value.
public struct LambdaSweep: Sendable {
    /// The lambdas, ascending (0 first, then log-spaced).
    public let lambdas: [Double]
    /// Solver output weights per lambda (m values each).
    public let solverWeights: [[Double]]
    /// Fixed-point weights per lambda.
    public let fixedPointWeights: [[Double]]

    /// The lambdas swept: 0, then 0.01 to 100 by factors of 1.2.
    public static let grid: [Double] = {
        var lambdas: [Double] = [0]
        var x = 0.01
        while x <= 100.0001 { lambdas.append(x); x *= 1.2 }
        return lambdas
    }()

    /// Sweeps `a` with `parameters` from the call's warm start; reports progress in [0, 1];
    /// nil when cancelled.
    public init?(
        call: WeightingCall, a: Matrix, parameters: SolverParameters,
        isCancelled: () -> Bool, progress: (Double) -> Void
    ) {
        lambdas = LambdaSweep.grid
        var solver: [[Double]] = [], fixed: [[Double]] = []
        var near: [Double]? = nil
        for (index, lambda) in lambdas.enumerated() {
            if isCancelled() { return nil }
            if index % 8 == 0 { progress(Double(index) / Double(lambdas.count)) }
            var p = parameters
            p.lambda = lambda
            var weighting = SDMGradWeighting(parameters: p)
            weighting.setState(call.start)
            guard let result = try? weighting(a) else { continue }
            solver.append(result.weights)
            // Warm-start each fixed point from the solver's w (the one it heads for), as before,
            // falling back on the neighbour's.
            let fp = FixedPointSolver.solve(
                normalized: result.normalization.matrix, preference: result.preference,
                lambda: lambda, near: result.w.allSatisfy(\.isFinite) ? result.w : near)
            near = fp.w
            fixed.append(fp.weights)
        }
        solverWeights = solver
        fixedPointWeights = fixed
    }
}
