/// A problem with user input, phrased as one line that names what is wrong.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The one-line message.
    public let message: String

    /// An error with the given one-line message.
    public init(_ message: String) { self.message = message }

    /// The same error with `prefix: ` in front (e.g. the file name, escaped so the message stays one line).
    public func prefixed(_ prefix: String) -> InputError {
        InputError("\(prefix.quotedForMessage(limit: 400)): \(message)")
    }

    public var description: String { message }
}
