import SDMGrad

/// What is derived from the inputs (the model's third part): the traced calls at once, the
/// analyses of the shown call as their background jobs finish. A job replaced by a newer one
/// under the same key is cancelled by the runtime and its messages dropped, so what arrives
/// belongs to the state shown.
public struct ExplorerDerived: Sendable {
    /// The calls, traced.
    public internal(set) var computation: Computation
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
    /// The call being read back from disk to be shown (a windowed run, issue 19), if any.
    public internal(set) var reading: Int?
    /// Iterations of the shown call computed again from a checkpoint, when its trace is bounded.
    public internal(set) var segment: TraceSegment?
    /// The iterations being computed again, while their job runs.
    var segmentPending: ClosedRange<Int>?
    /// The open lower view's result (while a lower view with a job is open).
    public internal(set) var lower: Pending<LowerViewResult>?

    /// Derived values for `computation`, every analysis pending.
    init(computation: Computation) { self.computation = computation }
}
