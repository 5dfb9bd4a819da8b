import SDMGrad

extension ExplorerState {
    /// An explorer on one call of the inner solver: matrix `a` with parameters `parameters`, started
    /// from `warmStart` (the simplex state the weighting held before that call).
    public init(call a: Matrix, warmStart: [Double], name: String, parameters: SolverParameters) {
        self.init(sequence: [Batches(matrix: a)], name: name, parameters: parameters, start: (0, warmStart))
    }
}
