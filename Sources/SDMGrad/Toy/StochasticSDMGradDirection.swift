/// What one `sdmgrad` step handed to the inner solver: enough to replay exactly that call.
public struct ToyWeightingInput: Equatable, Sendable {
    /// A = J_xi J_xi'^T (2 x 2).
    public var a: Matrix
    /// The simplex state w before the call (the warm start; uniform on the first step).
    public var warmStart: [Double]
    /// The weighting's parameters (lambda included).
    public var parameters: SolverParameters
    /// The samples' 2 x 2 Jacobians (rows: the two task gradients): xi, xi' (A = J1 J2^T) and zeta (the
    /// direction's); nil when only A was kept.
    public var jacobians: (j1: Matrix, j2: Matrix, j3: Matrix)?

    /// The inputs of one call.
    public init(
        a: Matrix, warmStart: [Double], parameters: SolverParameters,
        jacobians: (j1: Matrix, j2: Matrix, j3: Matrix)? = nil
    ) {
        self.a = a
        self.warmStart = warmStart
        self.parameters = parameters
        self.jacobians = jacobians
    }

    /// Equal inputs: the same A, warm start, parameters and Jacobians.
    public static func == (lhs: ToyWeightingInput, rhs: ToyWeightingInput) -> Bool {
        lhs.a == rhs.a && lhs.warmStart == rhs.warmStart && lhs.parameters == rhs.parameters
            && lhs.jacobians?.j1 == rhs.jacobians?.j1 && lhs.jacobians?.j2 == rhs.jacobians?.j2
            && lhs.jacobians?.j3 == rhs.jacobians?.j3
    }

    /// That call again, on a fresh weighting warm-started the same way (traced for the explorer by default).
    public func replay(trace: Bool = true) throws -> WeightingCall {
        var weighting = SDMGradWeighting(parameters: parameters)
        weighting.setState(warmStart)
        return try weighting(a, trace: trace)
    }
}

extension ToyDirection {
    /// `sdmgrad`: the stateful weighting on A = J_xi J_xi'^T (rows of J: the two task gradients of a sample);
    /// direction J_zeta^T weights. Returns the direction and the call's inputs; throws when the weighting does
    /// (e.g. the official variant's undefined scale).
    public static func sdmgrad(
        xi: ToyGradients, xiPrime: ToyGradients, zeta: ToyGradients,
        weighting: inout SDMGradWeighting
    ) throws -> (ToyDirection, ToyWeightingInput) {
        let a = Matrix(
            rows: 2, columns: 2,
            storage: [
                planeDot(xi.g1, xiPrime.g1), planeDot(xi.g1, xiPrime.g2),
                planeDot(xi.g2, xiPrime.g1), planeDot(xi.g2, xiPrime.g2),
            ])
        let warmStart = weighting.state ?? [0.5, 0.5]
        let call = try weighting(a)
        let weights = SIMD2(call.weights[0], call.weights[1])
        return (
            ToyDirection(direction: zeta.combined(weights), weights: weights),
            ToyWeightingInput(
                a: a, warmStart: warmStart, parameters: weighting.parameters,
                jacobians: (xi.jacobian, xiPrime.jacobian, zeta.jacobian))
        )
    }
}

extension ToyGradients {
    /// The 2 x 2 Jacobian whose rows are the two task gradients.
    public var jacobian: Matrix { Matrix(rows: 2, columns: 2, storage: [g1.x, g1.y, g2.x, g2.y]) }
}
