import SDMGrad
import TerminalUI

/// What a piece of the screen is, so panels name meanings and the theme alone picks colours.
public enum ThemeRole: String, CaseIterable, Sendable {
    case plain, title, frame, header, headerTitle, message, label, value, iteration, playing, editing
    case warning, danger, good, direction, preference, fixedPoint, current, beforeProjection
    case trail, spark, asymmetric, axis, curve, selectedTask, prose, selectedRow
    case headerDanger
    case emphasis  // lessons: the border of a panel a lesson step points at
}

/// Colours, glyphs and styles of the explorer: the single source of every style the view draws.
public struct Theme: Sendable {
    /// Unicode or ASCII glyphs.
    public var glyphs: GlyphSet
    /// Whether Unicode symbols (λ, τ, ‖, ᵀ) may be used in text.
    public var unicodeText: Bool

    /// The full Unicode theme.
    public static let unicode = Theme(glyphs: .unicode, unicodeText: true)
    /// Plain ASCII for terminals without a UTF-8 locale.
    public static let ascii = Theme(glyphs: .ascii, unicodeText: false)

    /// The style of a role.
    public func role(_ role: ThemeRole) -> Style {
        switch role {
        case .plain: return .plain
        case .title: return Style(fg: .brightWhite, bold: true)
        case .frame: return Style(fg: .brightBlack)
        case .header: return Style(reverse: true)
        case .headerTitle: return Style(bold: true, reverse: true)
        case .message: return Style(fg: .yellow, reverse: true)
        case .label: return Style(dim: true)
        case .value: return Style(fg: .brightWhite, bold: true)
        case .iteration: return Style(fg: .brightYellow, bold: true)
        case .playing, .good: return Style(fg: .green, bold: true)
        case .editing: return Style(fg: .yellow, bold: true, reverse: true)
        case .warning: return Style(fg: .yellow, bold: true)
        case .danger: return Style(fg: .red, bold: true)
        case .direction: return Style(fg: .brightGreen, bold: true)
        case .preference: return Style(fg: .white, bold: true)
        case .fixedPoint: return Style(fg: .brightBlue, bold: true)
        case .current: return Style(fg: .brightYellow, bold: true)
        case .beforeProjection: return Style(fg: .brightRed, bold: true)
        case .trail, .spark: return Style(fg: .brightYellow)
        case .asymmetric: return Style(fg: .yellow)
        case .axis: return Style(fg: .brightBlack)
        case .curve: return Style(fg: .blue)
        case .selectedTask, .prose: return Style(fg: .brightWhite)
        case .selectedRow: return Style(reverse: true)
        case .headerDanger: return Style(fg: .red, bold: true, reverse: true)
        case .emphasis: return Style(fg: .indexed(208), bold: true)
        }
    }

    /// The colour of a role, for canvas dots and lines.
    public func color(_ role: ThemeRole) -> Color { self.role(role).fg }

    /// One colour per task, cycling.
    public func taskColor(_ i: Int) -> Color {
        let palette: [Color] = [.cyan, .magenta, .yellow, .green, .blue, .red, .brightCyan, .brightMagenta]
        return palette[i % palette.count]
    }

    /// Task i's text (bold for labels on a canvas).
    public func task(_ i: Int, bold: Bool = false) -> Style { Style(fg: taskColor(i), bold: bold) }

    /// The trail colour of a variant: its place in the list of variants picks it, so a new variant gets its own.
    public func variantColor(_ variant: Variant) -> Color {
        let palette: [Color] = [.brightYellow, .brightCyan, .brightMagenta, .brightGreen, .brightRed]
        return palette[(Variant.allCases.firstIndex(of: variant) ?? 0) % palette.count]
    }

    /// A variant's name in its trail colour.
    public func variant(_ variant: Variant) -> Style { Style(fg: variantColor(variant), bold: true) }

    /// A stability verdict: good when it converges, a warning when it oscillates, danger when it diverges.
    public func verdict(_ verdict: StabilityVerdict) -> Style {
        switch verdict {
        case .converges: return role(.good)
        case .oscillates: return role(.warning)
        case .diverges: return role(.danger)
        }
    }

    /// The name of the role (or task, or variant) drawn in `style`, for style maps in reviews.
    public func name(of style: Style) -> String? {
        if let role = ThemeRole.allCases.first(where: { self.role($0) == style }) { return role.rawValue }
        for i in 0..<8 where style == task(i) || style == task(i, bold: true) { return "task \(i + 1)" }
        if let v = Variant.allCases.first(where: { self.variant($0) == style }) { return "variant \(v.rawValue)" }
        return nil
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
}

/// The playground's colours and marks, in the same theme as the explorer's: a perceptual ramp (viridis in the
/// 256 palette) for the map, one colour per toy method faded from start to end, and the marks' colours.
extension Theme {
    /// Levels of the map's colour ramp.
    public static let mapLevels = 12
    /// The map's ramp, low loss dark: viridis without its yellow end, so the runs' colours stay readable on it.
    public static let mapRamp: [Color] = Palette256.ramp(Array(Palette256.viridisAnchors.prefix(8)), count: mapLevels)
    /// The map's colour on level i.
    public func mapColor(onLevel i: Int) -> Color { Self.mapRamp[i] }
    /// The contour lines' colour on level i: a few steps darker (lighter on the darkest levels).
    public func contourColor(onLevel i: Int) -> Color { Self.mapRamp[i >= 3 ? i - 3 : min(Self.mapLevels - 1, i + 4)] }

    /// Shades of each toy method from the start (faint) to the end (full), mixed from grey to the method's RGB.
    static let toyFadeSteps = 5
    static let toyFades: [ToyMethod: [Color]] = Dictionary(
        uniqueKeysWithValues: ToyMethod.allCases.map { method in
            let (r, g, b) = method.rules.rgb
            let grey = 110
            return (
                method,
                (0..<toyFadeSteps).map { k in
                    let t = 0.35 + 0.65 * Double(k) / Double(toyFadeSteps - 1)
                    func mix(_ v: Int) -> Int { Int(Double(grey) + (Double(v) - Double(grey)) * t) }
                    return Palette256.nearest(r: mix(r), g: mix(g), b: mix(b))
                }
            )
        })

    /// A toy method's colour at fraction `t` of its run (0 start, 1 end).
    public func toyMethodColor(_ method: ToyMethod, at t: Double) -> Color {
        let shades = Self.toyFades[method]!
        return shades[min(Self.toyFadeSteps - 1, max(0, Int(t * Double(Self.toyFadeSteps))))]
    }

    /// A toy method's full colour.
    public func toyMethodColor(_ method: ToyMethod) -> Color { Self.toyFades[method]!.last! }

    /// A toy method's name or line, bold in its colour.
    public func toyMethod(_ method: ToyMethod) -> Style { Style(fg: toyMethodColor(method), bold: true) }

    /// The Pareto segment and front, and the start points' marks.
    public var paretoColor: Color { .indexed(231) }
    /// The optima's marks.
    public var optimumColor: Color { .indexed(226) }

    /// A mark for a sample or a run's end ("●", ASCII "o").
    public var disc: String { unicodeText ? "●" : "o" }
    /// The separator between phrases of a title ("·", ASCII "-").
    public var middleDot: String { unicodeText ? "·" : "-" }
}
