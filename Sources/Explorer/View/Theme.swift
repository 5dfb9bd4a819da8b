import TerminalUI

/// Colours, glyphs and styles of the explorer, in one place.
public struct Theme: Sendable {
    /// Unicode or ASCII glyphs.
    public var glyphs: GlyphSet
    /// Whether Unicode symbols (λ, τ, ‖, ᵀ) may be used in text.
    public var unicodeText: Bool

    /// The full Unicode theme.
    public static let unicode = Theme(glyphs: .unicode, unicodeText: true)
    /// Plain ASCII for terminals without a UTF-8 locale.
    public static let ascii = Theme(glyphs: .ascii, unicodeText: false)

    /// One colour per task, cycling.
    public func taskColor(_ i: Int) -> Color {
        let palette: [Color] = [.cyan, .magenta, .yellow, .green, .blue, .red, .brightCyan, .brightMagenta]
        return palette[i % palette.count]
    }

    /// Text symbols with ASCII fallbacks.
    public var lambda: String { unicodeText ? "λ" : "lambda" }
    public var tau: String { unicodeText ? "τ" : "tau" }
    public var wTilde: String { unicodeText ? "w̃" : "w~" }
    public var aHat: String { unicodeText ? "Â" : "A^" }
    public var transpose: String { unicodeText ? "ᵀ" : "^T" }
    public var star: String { "w*" }
    public var rho: String { unicodeText ? "ρ" : "rho" }
    public var arrow: String { unicodeText ? "→" : "->" }
    public var norm: String { unicodeText ? "‖" : "|" }
    public var play: String { unicodeText ? "▶ playing" : "> playing" }
    public var pause: String { unicodeText ? "⏸ paused" : "|| paused" }
    public var current: String { unicodeText ? "●" : "@" }
    public var target: String { unicodeText ? "★" : "*" }
    public var separator: String { unicodeText ? "│" : "|" }
    public var ellipsis: String { unicodeText ? "…" : "..." }
    public var squared: String { unicodeText ? "²" : "^2" }
    public var infinity: String { unicodeText ? "∞" : "big" }

    /// Styles used across panels.
    public let titleStyle = Style(fg: .brightWhite, bold: true)
    public let headerStyle = Style(reverse: true)
    public let labelStyle = Style(dim: true)
    public let emphasis = Style(fg: .brightWhite, bold: true)
    public let directionColor: Color = .brightGreen
    public let preferenceColor: Color = .white
    public let warning = Style(fg: .yellow, bold: true)
    public let danger = Style(fg: .red, bold: true)
    public let good = Style(fg: .green, bold: true)
    public let frameStyle = Style(fg: .brightBlack)
}
