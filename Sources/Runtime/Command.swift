/// Work a model asks the runtime to do after an update (Bubble Tea's Cmd); results come back
/// to the model as `Event.message`.
public indirect enum Command<Message: Sendable>: Sendable {
    /// Nothing to do.
    case none
    /// Several commands.
    case batch([Command<Message>])
    /// Runs `work` off the key path. A newer job with the same `key` cancels this one: its
    /// context reports `isCancelled` and whatever it returns is dropped.
    case background(key: String, work: @Sendable (JobContext<Message>) -> Message?)
    /// Sends `message` after `milliseconds`. A newer timer with the same `key`, or `cancel(key:)`,
    /// supersedes this one: it never fires (so a paused player's stale tick cannot arrive).
    case after(milliseconds: Int, Message, key: String? = nil)
    /// Cancels the job running or queued under `key`, and the timer set under it, if any.
    case cancel(key: String)
    /// Cancels every job and timer whose key starts with `prefix` (an embedded model closing).
    case cancelAll(prefix: String)

    /// Both commands, skipping `none`.
    public static func + (lhs: Command, rhs: Command) -> Command {
        switch (lhs, rhs) {
        case (.none, _): return rhs
        case (_, .none): return lhs
        default: return .batch([lhs, rhs])
        }
    }

    /// The commands flattened, `none` and batches removed.
    var flattened: [Command] {
        switch self {
        case .none: return []
        case .batch(let commands): return commands.flatMap(\.flattened)
        default: return [self]
        }
    }
}

extension Command {
    /// The same work with its messages wrapped by `transform` (Elm's Cmd.map), so a model can
    /// embed another model and forward its commands.
    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Message) -> Other) -> Command<Other> {
        switch self {
        case .none: return .none
        case .batch(let commands): return .batch(commands.map { $0.map(transform) })
        case .background(let key, let work):
            return .background(key: key) { context in
                let inner = JobContext<Message>(token: context.token) { context.send(transform($0)) }
                return work(inner).map(transform)
            }
        case .after(let milliseconds, let message, let key):
            return .after(milliseconds: milliseconds, transform(message), key: key)
        case .cancel(let key): return .cancel(key: key)
        case .cancelAll(let prefix): return .cancelAll(prefix: prefix)
        }
    }
}
