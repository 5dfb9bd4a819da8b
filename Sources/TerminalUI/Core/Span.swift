/// A piece of text drawn in one style; lines of styled text are arrays of spans.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    /// Creates a span of `text` in `style`.
    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

extension Span: ExpressibleByStringLiteral {
    /// Lets a plain string literal stand for an unstyled span.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}
