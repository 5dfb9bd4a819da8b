import SDMGrad

/// The explorer's own messages: finished analyses, timer ticks, effects' results.
public enum ExplorerMessage: Sendable {
    /// The play timer fired (ticks of an earlier play carry an older generation and are ignored).
    case tick(generation: Int)
    /// The calls of `revision`, computed in the background (large m).
    case computed(revision: Int, Computation)
    /// The embedding of the input of `inputRevision` is done.
    case embedding(inputRevision: Int, Embedding)
    /// The matrix figures of the input of `inputRevision` are done.
    case matrixFacts(inputRevision: Int, MatrixFacts)
    /// The fixed point and stability of `revision`: done, or their progress.
    case analysis(revision: Int, Pending<Analysis>, warnings: [String] = [])
    /// The lambda curve of `revision` is done.
    case curve(revision: Int, LambdaCurvePoints)
    /// The variants comparison of `revision` is done.
    case variants(revision: Int, VariantsComparison)
    /// The lambda sweep of `revision`: done, or its progress.
    case sweep(revision: Int, Pending<LambdaSweep>)
    /// The analyses of every call of `revision`: done, or their progress.
    case callAnalyses(revision: Int, Pending<[Analysis]>)
    /// A file was written (or not): the line to show.
    case saved(message: String, scenarioSaved: Bool)
    /// Time to look at the followed run folder again.
    case pollFollowed
    /// What the followed run folder held new.
    case followed(FollowUpdate)
}
