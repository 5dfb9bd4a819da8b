import Runtime
import SDMGrad

/// What one look at a followed run folder found.
public struct FollowUpdate: Sendable {
    /// The calls completed since the last look, in step order.
    public let batches: [Batches]
    /// What is wrong with the folder now (deleted, truncated, a bad step), if anything.
    public let problem: String?
    /// When the look was taken (monotonic milliseconds).
    public let time: Int
    /// What torchjd recorded for each of `batches` (its weights and state).
    public let recorded: [RecordedCall]
    /// Whether more calls are already there, left for the next look (a few calls at a time bound the memory).
    public let hasMore: Bool

    /// A look that found `batches` (recorded as `recorded`) and maybe a `problem`, at `time`.
    public init(
        batches: [Batches], problem: String?, time: Int, recorded: [RecordedCall] = [], hasMore: Bool = false
    ) {
        self.batches = batches
        self.hasMore = hasMore
        self.recorded = recorded
        self.problem = problem
        self.time = time
    }
}

/// A run folder the explorer keeps reading (`--follow`).
public struct FollowState: Sendable {
    /// The folder, as given.
    public let folder: String
    /// Reads what is new since the last call (the executable wires the run-folder reader in).
    let poll: @Sendable () -> FollowUpdate
    /// When the last new call arrived, and the time of the latest look (for the header's age).
    public internal(set) var lastArrival: Int?, lastLook = 0
    /// The folder's problem at the latest look.
    public internal(set) var problem: String?

    /// How often the folder is read.
    static let interval = 500

    /// Follows `folder`, reading it with `poll`.
    public init(folder: String, poll: @escaping @Sendable () -> FollowUpdate) {
        self.folder = folder
        self.poll = poll
    }

    /// Seconds since the last call arrived, when one did.
    public var secondsSinceLastCall: Int? { lastArrival.map { max(0, lastLook - $0) / 1000 } }
}

extension ExplorerState {
    /// Follows a run folder: the first look is started by `start`, later ones by a timer.
    public mutating func follow(_ state: FollowState) {
        follow = state
        // Following shows the newest call (a sequence alone opens on its first).
        derived.computation = computation.showing(Int.max)
    }

    /// The follower's timer and results.
    mutating func followMessage(_ message: ExplorerMessage) -> Command<ExplorerMessage> {
        guard var follow else { return .none }
        switch message {
        case .pollFollowed:
            let poll = follow.poll
            return .background(key: "follow") { _ in .followed(poll()) }
        case .followed(let update):
            follow.lastLook = update.time
            // A problem stops the following (the follower reports it at every later look); the calls read stay.
            if let problem = update.problem, follow.problem == nil { display.message = problem }
            follow.problem = update.problem
            var command: Command<ExplorerMessage> =
                update.problem == nil
                ? .after(milliseconds: update.hasMore ? 0 : FollowState.interval, .pollFollowed) : .none
            if !update.batches.isEmpty {
                follow.lastArrival = update.time
                let wasOnLast =
                    computation.shownCall
                    == (computation.isPending ? computation.batches.count : computation.calls.count) - 1
                // The recorded outcomes stay parallel to the calls, or are dropped when a look had none.
                inputs.recorded =
                    inputs.recorded.count == inputs.sequence.count && update.recorded.count == update.batches.count
                    ? inputs.recorded + update.recorded : []
                inputs.sequence = inputs.sequence.appending(update.batches)
                // The title counts the calls: keep it current as they arrive.
                inputs.scenario.title = "\(inputs.sequence.count) calls from \(inputs.scenario.name)"
                if computation.isPending {
                    // The calls are being computed: the new ones follow when they arrive (see `.computed`).
                    self.follow = follow
                    return command
                }
                if Computation.cost(batches: update.batches, parameters: inputs.parameters) > Computation.backgroundCost
                {
                    // Too large for the key path: every call again, in the background.
                    command = command + recompute(showLastCall: wasOnLast, inputChanged: wasOnLast)
                    self.follow = follow
                    return command
                }
                derived.computation = computation.appending(update.batches, parameters: inputs.parameters)
                if wasOnLast {
                    derived.computation = computation.showing(computation.calls.count - 1)
                    // Catching up on calls already on disk: the analyses wait for the last of them.
                    command = command + (update.hasMore ? deferAnalyses() : restartAnalyses(inputChanged: true))
                } else if display.lowerView == .calls {
                    command = command + lowerViewJob()
                }
            }
            self.follow = follow
            return command
        default:
            return .none
        }
    }
}

extension ExplorerState {
    /// Marks the shown call's analyses pending without starting them (more calls are about to be shown).
    mutating func deferAnalyses() -> Command<ExplorerMessage> {
        derived.embedding = .pending(progress: nil)
        derived.matrixFacts = .pending(progress: nil)
        derived.analysis = .pending(progress: nil)
        derived.curve = .pending(progress: nil)
        derived.warnings = []
        if derived.lower != nil { derived.lower = .pending(progress: nil) }
        return ["matrix", "analysis", "embedding", "curve", "lower"].reduce(.none) { $0 + .cancel(key: $1) }
    }
}
