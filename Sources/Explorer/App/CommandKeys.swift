import Runtime

extension Command {
    /// The same work with every job and timer key prefixed, so two embedded models (the explorer and the
    /// inner explorer opened from the playground) never cancel each other's jobs.
    func prefixingKeys(_ prefix: String) -> Command {
        switch self {
        case .none: return self
        case .after(let milliseconds, let message, let key):
            return .after(milliseconds: milliseconds, message, key: key.map { prefix + $0 })
        case .batch(let commands): return .batch(commands.map { $0.prefixingKeys(prefix) })
        case .background(let key, let work): return .background(key: prefix + key, work: work)
        case .cancel(let key): return .cancel(key: prefix + key)
        case .cancelAll(let keys): return .cancelAll(prefix: prefix + keys)
        }
    }
}
