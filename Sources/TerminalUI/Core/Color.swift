/// A terminal colour: the terminal's default, one of the 16 ANSI colours, or a 256-colour palette index.
public enum Color: Hashable, Sendable {
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow
    case brightBlue, brightMagenta, brightCyan, brightWhite
    case indexed(UInt8)

    /// The xterm palette index (0-255), or nil for the terminal's default colour.
    public var paletteIndex: Int? {
        switch self {
        case .default: return nil
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .brightBlack: return 8
        case .brightRed: return 9
        case .brightGreen: return 10
        case .brightYellow: return 11
        case .brightBlue: return 12
        case .brightMagenta: return 13
        case .brightCyan: return 14
        case .brightWhite: return 15
        case .indexed(let index): return Int(index)
        }
    }

    /// The palette index to use on a terminal with `paletteSize` colours (8, 16, 256), or nil for default.
    ///
    /// Bright colours fold onto their base colour on 8-colour terminals; 256-colour cube and
    /// grey-ramp entries fold onto the nearest of the basic colours.
    public func paletteIndex(forPaletteSize paletteSize: Int) -> Int? {
        guard let index = paletteIndex else { return nil }
        if index < paletteSize { return index }
        if index < 16 { return index - 8 }
        let basic = Color.nearestBasicIndex(toPaletteIndex: index)
        return basic < paletteSize ? basic : basic - 8
    }

    /// Maps a 256-palette index (16-255) to the closest of the 16 basic colours.
    static func nearestBasicIndex(toPaletteIndex index: Int) -> Int {
        if index >= 232 {
            // Grey ramp: 24 steps from near black to near white.
            let step = index - 232
            if step < 6 { return 0 }
            if step < 12 { return 8 }
            if step < 20 { return 7 }
            return 15
        }
        let cube = index - 16
        let levels = [cube / 36, (cube / 6) % 6, cube % 6]
        let bits = levels.map { $0 >= 3 ? 1 : 0 }
        let base = bits[0] | bits[1] << 1 | bits[2] << 2
        let isBright = levels.contains { $0 >= 4 }
        return base == 0 ? (levels.max()! >= 2 ? 8 : 0) : base + (isBright ? 8 : 0)
    }
}
