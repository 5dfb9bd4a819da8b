import CNcursesw
import TerminalUI

/// The key for a curses function-key code (what get_wch reports with KEY_CODE_YES), or nil
/// for keys the app does not use.
func key(forFunctionKeyCode code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_HOME, KEY_A1: return .home
    case KEY_END, KEY_C1, KEY_LL: return .end
    case KEY_PPAGE, KEY_A3: return .pageUp
    case KEY_NPAGE, KEY_C3: return .pageDown
    case KEY_BTAB: return .backTab
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    default: return key(forExtendedName: keyname(code).map { String(cString: $0) } ?? "")
    }
}

/// Modified cursor keys (`kRIT5` is Ctrl-Right) have terminfo names rather than fixed codes;
/// the modifier is dropped so Ctrl-Right still steps like Right.
func key(forExtendedName name: String) -> Key? {
    let prefixes: [(String, Key)] = [
        ("kRIT", .right), ("kLFT", .left), ("kUP", .up), ("kDN", .down), ("kHOM", .home),
        ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown), ("kDC", .delete),
    ]
    for (prefix, key) in prefixes where name.hasPrefix(prefix) {
        let modifier = name.dropFirst(prefix.count)
        if modifier.allSatisfy(\.isNumber) { return key }
    }
    return nil
}
