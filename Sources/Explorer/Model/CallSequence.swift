import SDMGrad

/// The inputs of a sequence of calls: all of them in memory, or (a run folder, issue 19) only those of a
/// window of calls, the others read again from disk when needed.
public struct CallSequence: Sendable {
    /// Reads call k's inputs again from disk.
    public typealias Reader = @Sendable (Int) throws -> Batches

    /// Number of calls.
    public private(set) var count: Int
    /// The inputs held, by call index (every call when there is no reader).
    private(set) var held: [Int: Batches]
    /// Where the calls not held are read from; nil when every call is held.
    let reader: Reader?

    /// Every call of `batches`, held.
    public init(_ batches: [Batches]) {
        count = batches.count
        held = Dictionary(uniqueKeysWithValues: batches.enumerated().map { ($0.offset, $0.element) })
        reader = nil
    }

    /// `batches`, held until dropped by `keeping`; a call dropped is read again by `reader` when needed.
    public init(_ batches: [Batches], reader: @escaping Reader) {
        self.init(
            count: batches.count,
            held: Dictionary(uniqueKeysWithValues: batches.enumerated().map { ($0.offset, $0.element) }),
            reader: reader)
    }

    /// `count` calls of which only the first, `first`, is held; the others are read by `reader` when needed.
    public init(count: Int, first: Batches, reader: @escaping Reader) {
        self.init(count: count, held: [0: first], reader: reader)
    }

    private init(count: Int, held: [Int: Batches], reader: Reader?) {
        self.count = count
        self.held = held
        self.reader = reader
    }

    /// Whether calls may be dropped from memory (they can be read again).
    public var isWindowed: Bool { reader != nil }

    /// Whether call `k`'s inputs are in memory.
    public func holds(_ k: Int) -> Bool { held[k] != nil }

    /// The indices held, in order.
    public var heldIndices: [Int] { held.keys.sorted() }

    /// Call `k`'s inputs when held.
    public subscript(held k: Int) -> Batches? { held[k] }

    /// Call `k`'s inputs, read again from disk when not held.
    public func batches(_ k: Int) throws -> Batches {
        if let b = held[k] { return b }
        guard let reader else { throw InputError("call \(k + 1) is not in memory") }
        return try reader(k)
    }

    /// Every call's inputs, in order (only for a sequence that holds them all).
    public var all: [Batches] { (0..<count).compactMap { held[$0] } }

    /// The same calls followed by `more`.
    public func appending(_ more: [Batches]) -> CallSequence {
        var s = self
        for b in more {
            s.held[s.count] = b
            s.count += 1
        }
        return s
    }

    /// The same calls holding only those in `keep` (and those it holds that cannot be read again).
    public func keeping(_ keep: Set<Int>) -> CallSequence {
        guard reader != nil else { return self }
        return CallSequence(count: count, held: held.filter { keep.contains($0.key) }, reader: reader)
    }

    /// The same calls holding what `other` (the same sequence, maybe shorter) holds, and the calls past its end.
    public func holdingAsIn(_ other: CallSequence) -> CallSequence {
        guard reader != nil else { return self }
        var held = other.held.filter { $0.key < count }
        for (k, b) in self.held where k >= other.count { held[k] = b }
        return CallSequence(count: count, held: held, reader: reader)
    }

    /// The same calls, also holding `batches` as call `k`.
    public func holding(_ batches: Batches, at k: Int) -> CallSequence {
        var s = self
        s.held[k] = batches
        return s
    }
}
