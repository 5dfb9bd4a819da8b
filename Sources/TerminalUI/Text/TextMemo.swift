import Synchronization

/// A bounded memo of texts made from values that repeat frame after frame (the same numbers are
/// formatted again at every redraw): made once, then looked up. Emptied when full, so it never grows.
final class TextMemo<Key: Hashable & Sendable>: Sendable {
    private let table = Mutex<[Key: [String]]>([:])
    /// The most entries kept.
    let limit: Int

    /// An empty memo holding at most `limit` entries.
    init(limit: Int) { self.limit = limit }

    /// The texts of `key`, made by `make` the first time.
    func texts(_ key: Key, make: () -> [String]) -> [String] {
        if let hit = table.withLock({ $0[key] }) { return hit }
        let made = make()
        table.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[key] = made
        }
        return made
    }
}
