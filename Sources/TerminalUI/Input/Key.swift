/// A key press as the app sees it, whatever terminal sequence produced it.
public enum Key: Hashable, Sendable {
    /// A printable grapheme; space is `.character(" ")`.
    case character(Character)
    case right, left, up, down
    case tab, backTab, enter, escape
    case home, end, pageUp, pageDown
    case backspace, delete
    /// Control plus a lowercase letter (or one of `@ [ \ ] ^ _`).
    case ctrl(Character)
}

extension Key: CustomStringConvertible {
    /// The key in `--keys` notation: a plain character, or `<name>` for special keys.
    public var description: String {
        switch self {
        case .character(" "): return "<space>"
        case .character("<"): return "<lt>"
        case .character(let character): return String(character)
        case .ctrl(let character): return "<c-\(character)>"
        default:
            // Every other case has exactly one name in the table.
            return "<" + Key.specialNames.first { $0.key == self }!.name + ">"
        }
    }

    /// Names accepted inside `<...>` in a key sequence, first spelling of a key is canonical.
    static let specialNames: [(name: String, key: Key)] = [
        ("right", .right), ("left", .left), ("up", .up), ("down", .down),
        ("tab", .tab), ("btab", .backTab), ("space", .character(" ")), ("enter", .enter),
        ("esc", .escape), ("home", .home), ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("bs", .backspace), ("del", .delete), ("lt", .character("<")),
        ("escape", .escape), ("return", .enter), ("cr", .enter), ("backspace", .backspace),
        ("delete", .delete), ("pageup", .pageUp), ("pagedown", .pageDown), ("s-tab", .backTab),
    ]
}
