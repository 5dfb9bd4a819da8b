/// The values the parameter keys step through: fine where it matters, coarse elsewhere.
enum Ladder {
    static let lambda: [Double] = [
        0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 20, 50, 100, 1000,
    ]
    static let lr: [Double] = [
        0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100,
    ]
    static let momentum: [Double] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]
    static let iters: [Int] = [1, 2, 3, 5, 10, 15, 20, 30, 50, 100, 200, 500, 1000]

    /// The first ladder value above `x`, or x itself at the top.
    static func up<T: Comparable>(_ x: T, in ladder: [T]) -> T { ladder.first(where: { $0 > x }) ?? x }

    /// The last ladder value below `x`, or x itself at the bottom.
    static func down<T: Comparable>(_ x: T, in ladder: [T]) -> T { ladder.last(where: { $0 < x }) ?? x }
}
