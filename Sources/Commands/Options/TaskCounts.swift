import ArgumentParser
import SDMGrad

/// A list of task counts "a,b,c" (or "none"), each in 1...Limits.maxTasks; an empty entry is refused.
public struct TaskCounts: ExpressibleByArgument, Equatable, Sendable {
    /// The counts, in the order given.
    public var values: [Int]

    /// The given counts.
    public init(_ values: [Int]) { self.values = values }

    /// Parses "a,b,c" or "none"; nil (swift-argument-parser's "invalid value" line) for anything else.
    public init?(argument: String) {
        if argument == "none" { values = []; return }
        var parsed: [Int] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let m = Int(part), m >= 1, m <= Limits.maxTasks else { return nil }
            parsed.append(m)
        }
        values = parsed
    }

    /// How the help names the value.
    public static var defaultValueDescription: String { "a,b,c" }
}
