/// How a cell is drawn: foreground and background colour plus text attributes.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool

    /// Creates a style; every part defaults to the terminal's plain rendering.
    public init(
        fg: Color = .default, bg: Color = .default,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// The terminal's default colours with no attributes.
    public static let plain = Style()
    /// Bold text in default colours.
    public static let bold = Style(bold: true)
    /// Dim text in default colours.
    public static let dim = Style(dim: true)
    /// Reverse video in default colours.
    public static let reverse = Style(reverse: true)
    /// Underlined text in default colours.
    public static let underline = Style(underline: true)

    /// The same attributes with both colours reset to default (for NO_COLOR).
    public func withoutColor() -> Style {
        Style(bold: bold, dim: dim, reverse: reverse, underline: underline)
    }

    /// A copy with the foreground colour replaced.
    public func fg(_ color: Color) -> Style {
        var copy = self
        copy.fg = color
        return copy
    }

    /// A copy with the background colour replaced.
    public func bg(_ color: Color) -> Style {
        var copy = self
        copy.bg = color
        return copy
    }

    /// A copy with bold switched on.
    public func bolded() -> Style {
        var copy = self
        copy.bold = true
        return copy
    }

    /// A copy with reverse video switched on.
    public func reversed() -> Style {
        var copy = self
        copy.reverse = true
        return copy
    }
}
