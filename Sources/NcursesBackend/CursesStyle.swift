import CNcursesw
import TerminalUI

/// Maps styles to curses attributes and colour pairs, allocating pairs on first use.
struct CursesStyles {
    /// False under NO_COLOR or `--color never`: only attributes are drawn.
    let usesColor: Bool
    /// Colours the terminal can show (8, 16, 256...).
    let paletteSize: Int
    /// True when -1 means "the terminal's default colour" (use_default_colors succeeded).
    let hasDefaultColors: Bool
    /// Highest pair number curses allows (pair 0 is fixed to the default colours).
    let maxPair: Int
    private var pairs: [PairKey: Int16] = [:]

    private struct PairKey: Hashable {
        let foreground: Int
        let background: Int
    }

    /// Creates the mapping for an initialised screen.
    init(usesColor: Bool, paletteSize: Int, hasDefaultColors: Bool, maxPair: Int) {
        self.usesColor = usesColor
        self.paletteSize = paletteSize
        self.hasDefaultColors = hasDefaultColors
        self.maxPair = min(maxPair, Int(Int16.max))
    }

    /// The attribute bits for a style's bold/dim/reverse/underline.
    static func attributes(of style: Style) -> attr_t {
        var bits = sdm_attr_normal()
        if style.bold { bits |= sdm_attr_bold() }
        if style.dim { bits |= sdm_attr_dim() }
        if style.reverse { bits |= sdm_attr_reverse() }
        if style.underline { bits |= sdm_attr_underline() }
        return bits
    }

    /// The colour pair for a style, initialising a new pair when needed; 0 when colour is off
    /// or the terminal ran out of pairs.
    mutating func pair(for style: Style) -> Int16 {
        guard usesColor else { return 0 }
        let key = PairKey(
            foreground: cursesColor(style.fg, fallback: Int(COLOR_WHITE)),
            background: cursesColor(style.bg, fallback: Int(COLOR_BLACK)))
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = pairs.count + 1
        guard next <= maxPair else { return 0 }
        init_pair(Int16(next), Int16(key.foreground), Int16(key.background))
        pairs[key] = Int16(next)
        return Int16(next)
    }

    /// The curses colour number for a colour (-1 is the terminal default when allowed).
    private func cursesColor(_ color: Color, fallback: Int) -> Int {
        guard let index = color.paletteIndex(forPaletteSize: paletteSize) else {
            return hasDefaultColors ? -1 : fallback
        }
        return index
    }
}
