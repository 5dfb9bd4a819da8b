import SDMGrad

/// What is derived from the inputs (the model's third part): the traced calls at once, the
/// analyses of the shown call as their background jobs finish.
public struct ExplorerDerived: Sendable {
    /// The calls, traced.
    public internal(set) var computation: Computation
    /// Counts changes of anything an analysis depends on; a job's result is kept only if the
    /// revision it started from is still current.
    public internal(set) var revision = 0
    /// Counts changes of the shown call's input (A and the Jacobians) alone.
    public internal(set) var inputRevision = 0
    /// The picture of the shown call's gradients (depends on the input only).
    public internal(set) var embedding: Pending<Embedding> = .pending(progress: nil)
    /// The figures of the shown A (depends on the input only).
    public internal(set) var matrixFacts: Pending<MatrixFacts> = .pending(progress: nil)
    /// The shown call's warnings (numerically suspect results): the cheap ones at once, the
    /// fixed point's with its analysis.
    public internal(set) var warnings: [String] = []
    /// The shown call's fixed point and stability.
    public internal(set) var analysis: Pending<Analysis> = .pending(progress: nil)
    /// w*(lambda) from 0 to infinity, for the geometry's curve.
    public internal(set) var curve: Pending<LambdaCurvePoints> = .pending(progress: nil)
    /// The variants side by side (while that view is open).
    public internal(set) var variants: Pending<VariantsComparison>?
    /// The lambda sweep (while that view is open).
    public internal(set) var sweep: Pending<LambdaSweep>?
    /// The analysis of every call (while the calls view is open).
    public internal(set) var callAnalyses: Pending<[Analysis]>?

    /// Derived values for `computation`, every analysis pending.
    init(computation: Computation) { self.computation = computation }
}
