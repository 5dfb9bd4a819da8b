import Synchronization

/// A bounded memo of values made from inputs that repeat frame after frame (the same numbers are
/// formatted, the same lines fitted and wrapped, at every redraw): made once, then looked up.
/// Emptied when full, so it never grows.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let table = Mutex<[Key: Value]>([:])
    /// The most entries kept.
    let limit: Int

    /// An empty memo holding at most `limit` entries.
    init(limit: Int) { self.limit = limit }

    /// The value of `key`, made by `make` the first time.
    func value(_ key: Key, make: () -> Value) -> Value {
        if let hit = table.withLock({ $0[key] }) { return hit }
        let made = make()
        table.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[key] = made
        }
        return made
    }
}

/// A memo of formatted texts (number forms).
typealias TextMemo<Key: Hashable & Sendable> = Memo<Key, [String]>

extension Memo where Value == [String] {
    /// The texts of `key`, made by `make` the first time.
    func texts(_ key: Key, make: () -> [String]) -> [String] { value(key, make: make) }
}
