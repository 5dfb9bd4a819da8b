import SDMGrad

extension ExplorerState {
    /// An explorer on one call of the inner solver: matrix `a` with parameters `parameters`, started
    /// from `warmStart` (the simplex state the weighting held before that call).
    public init(call a: Matrix, warmStart: [Double], name: String, parameters: SolverParameters) {
        self.init(sequence: [Batches(matrix: a)], name: name, parameters: parameters, start: (0, warmStart))
    }

    /// An explorer on one recorded toy `sdmgrad` call: its A with the samples' Jacobians (so Geometry draws
    /// the real 2-D gradients), named "playground", titled `title` and described by `description`.
    public init(toyCall input: ToyWeightingInput, title: String, description: String) {
        let batches =
            input.jacobians.map { Batches(a: input.a, j1: $0.j1, j2: $0.j2, j3: $0.j3) } ?? Batches(matrix: input.a)
        self.init(sequence: [batches], name: "playground", parameters: input.parameters, start: (0, input.warmStart))
        inputs.scenario.title = title
        inputs.scenario.description = description
        inputs.originalScenario = inputs.scenario
    }
}
