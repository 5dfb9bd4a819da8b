import SDMGrad

/// The explorer's own messages: finished analyses, timer ticks, effects' results.
public enum ExplorerMessage: Sendable {
    /// The play timer fired. Its timer is keyed `playTimer`: a newer play (or a pause) supersedes it in the
    /// runtime, so a tick of an earlier play never arrives.
    case tick
    /// The calls, computed in the background (large m).
    case computed(Computation)
    /// How far the background computation of the calls got (both 1-based).
    case computing(call: Int, iteration: Int)
    /// Iterations of the shown call computed again from a checkpoint (a bounded trace).
    case segment(TraceSegment)
    /// The embedding of the shown input is done.
    case embedding(Embedding)
    /// The matrix figures of the shown input are done.
    case matrixFacts(MatrixFacts)
    /// The fixed point and stability of the shown call: done, or their progress.
    case analysis(Pending<Analysis>, warnings: [String] = [])
    /// The lambda curve of the shown call is done.
    case curve(LambdaCurvePoints)
    /// The open lower view's result: done, or its progress.
    case lower(Pending<LowerViewResult>)
    /// A file was written (or not): the line to show.
    case saved(message: String, scenarioSaved: Bool)
    /// Time to look at the followed run folder again.
    case pollFollowed
    /// What the followed run folder held new.
    case followed(FollowUpdate)
    /// Call `index` read back from disk and run again (or why it could not be).
    case callRead(index: Int, batches: Batches?, call: WeightingCall?, problem: String?)
}

extension ExplorerMessage {
    /// The key of the play timer (`Command.after`): setting it again or cancelling it supersedes the pending tick.
    static let playTimer = "play"
}
