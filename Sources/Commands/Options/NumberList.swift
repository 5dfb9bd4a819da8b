import ArgumentParser

/// Comma-separated numbers "a,b,..." (`train --start`, `train --pref`); every entry must parse.
public struct NumberList: ExpressibleByArgument, Equatable, Sendable {
    /// The numbers, in the order given (finiteness is checked by the command, which names the option).
    public var values: [Double]

    /// The given numbers.
    public init(_ values: [Double]) { self.values = values }

    /// Parses "a,b,..." (blanks around entries allowed); nil when an entry is not a number.
    public init?(argument: String) {
        var parsed: [Double] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let x = Double(part.trimmingCharacters(in: " ")) else { return nil }
            parsed.append(x)
        }
        values = parsed
    }

    /// The list as typed on the command line.
    public var defaultValueDescription: String { values.map { "\($0)" }.joined(separator: ",") }
}
