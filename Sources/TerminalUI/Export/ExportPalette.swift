/// How terminal colours become exact RGB in a picture: the terminal's default foreground and
/// background, the 16 basic colours (which each terminal defines for itself) and the xterm
/// 256-colour cube and grey ramp (which are standard).
public struct ExportPalette: Hashable, Sendable {
    /// What `Color.default` means for text.
    public var foreground: RGB
    /// What `Color.default` means behind text: the picture's background.
    public var background: RGB
    /// Palette entries 0-15.
    public var basic: [RGB]

    /// Creates a palette; `basic` must hold 16 colours (missing ones are taken from xterm's).
    public init(foreground: RGB, background: RGB, basic: [RGB] = ExportPalette.xtermBasic) {
        self.foreground = foreground
        self.background = background
        self.basic = (0..<16).map { $0 < basic.count ? basic[$0] : ExportPalette.xtermBasic[$0] }
    }

    /// xterm's default 16 colours, the most widely copied definition of them.
    public static let xtermBasic: [RGB] = [
        RGB(0x00, 0x00, 0x00), RGB(0xcd, 0x00, 0x00), RGB(0x00, 0xcd, 0x00), RGB(0xcd, 0xcd, 0x00),
        RGB(0x00, 0x00, 0xee), RGB(0xcd, 0x00, 0xcd), RGB(0x00, 0xcd, 0xcd), RGB(0xe5, 0xe5, 0xe5),
        RGB(0x7f, 0x7f, 0x7f), RGB(0xff, 0x00, 0x00), RGB(0x00, 0xff, 0x00), RGB(0xff, 0xff, 0x00),
        RGB(0x5c, 0x5c, 0xff), RGB(0xff, 0x00, 0xff), RGB(0x00, 0xff, 0xff), RGB(0xff, 0xff, 0xff),
    ]

    /// A dark terminal: light grey on near black, xterm's basic colours.
    public static let dark = ExportPalette(foreground: RGB(0xd0, 0xd0, 0xd0), background: RGB(0x12, 0x12, 0x12))

    /// The RGB of `color`, with `fallback` standing for the terminal's default.
    public func rgb(_ color: Color, default fallback: RGB) -> RGB {
        guard let index = color.paletteIndex else { return fallback }
        if index < 16 { return basic[index] }
        let c = Palette256.rgb(index)!
        return RGB(UInt8(c.r), UInt8(c.g), UInt8(c.b))
    }

    /// The colours a cell in `style` is drawn with, reverse video applied: text (or dots) and the
    /// cell's background, nil when that is the picture's own background.
    public func colors(of style: Style) -> (ink: RGB, paper: RGB?) {
        let fg = rgb(style.fg, default: foreground)
        let bg = style.bg == .default ? nil : rgb(style.bg, default: background)
        return style.reverse ? (bg ?? background, fg) : (fg, bg)
    }
}
