import SDMGrad

/// The playground's own messages: training progress, inner-solver verdicts, play ticks.
public enum PlaygroundMessage: Sendable {
    /// Runs of computation `generation` advanced (indices into the runs list); `finished` on the last message.
    case runs(generation: Int, updates: [Int: PlaygroundRun], finished: Bool, elapsedMilliseconds: Double)
    /// Inner-solver verdicts at some steps of the run with `settings`.
    case verdicts(settings: ToyRunSettings, [Int: InnerVerdict])
    /// The play timer fired. Its timer is keyed `playTimer`: a newer play (or a pause) supersedes it in the
    /// runtime, so a tick of an earlier play never arrives.
    case tick
}

/// The inner solver's verdict at one `sdmgrad` step: what the explorer's analysis says of that call.
public struct InnerVerdict: Equatable, Sendable {
    /// converges, oscillates or diverges at the call's fixed point.
    public let verdict: StabilityVerdict
    /// The spectral radius of the linearized inner iteration.
    public let spectralRadius: Double
    /// The largest inner lr that converges.
    public let lrMax: Double

    /// The verdict of an analysis.
    public init(_ analysis: Analysis) {
        verdict = analysis.stability.verdict
        spectralRadius = analysis.stability.spectralRadius
        lrMax = analysis.stability.lrMax
    }
}

extension PlaygroundMessage {
    /// The key of the play timer (`Command.after`): setting it again or cancelling it supersedes the pending tick.
    static let playTimer = "playground.play"
}
