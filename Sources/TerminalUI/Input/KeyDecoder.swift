/// Turns raw terminal input (characters and escape sequences) into keys; pure, so the
/// curses backend and tests share it.
public enum KeyDecoder {
    /// The key for one input character: control codes become named keys or `.ctrl`.
    public static func key(forScalar scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl("@")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(scalar.value) + 96)))
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(scalar.value) + 64)))
        case 0x80..<0xA0: return .character("?")  // C1 controls are never printable
        default: return .character(Character(scalar))
        }
    }

    /// The result of looking at the input that followed an ESC.
    public enum EscapeMatch: Hashable, Sendable {
        /// A complete sequence of `length` scalars (after the ESC) meaning `key`, or nil for a
        /// well-formed sequence the app has no use for (swallowed so it does not turn into keys).
        case sequence(Key?, length: Int)
        /// The ESC stands alone: the scalars after it are ordinary input.
        case loneEscape
    }

    /// Matches CSI (`ESC [ params final`) and SS3 (`ESC O x`) sequences at the start of
    /// `input`, the scalars that arrived right after an ESC. Modifier parameters are ignored
    /// (`ESC [1;5C` is `.right`).
    public static func matchEscape(_ input: [Unicode.Scalar]) -> EscapeMatch {
        guard let introducer = input.first else { return .loneEscape }
        if introducer == "O" {
            guard input.count >= 2 else { return .loneEscape }
            return .sequence(finalKey(input[1]), length: 2)
        }
        guard introducer == "[" else { return .loneEscape }
        var parameters = ""
        for (offset, scalar) in input.enumerated().dropFirst() {
            switch scalar.value {
            case 0x30...0x3F, 0x20...0x2F:
                parameters.unicodeScalars.append(scalar)
            case 0x40...0x7E:
                let key = scalar == "~" ? tildeKey(parameters) : finalKey(scalar)
                return .sequence(key, length: offset + 1)
            default:
                return .loneEscape
            }
        }
        return .loneEscape
    }

    /// Keys named by the final byte of CSI/SS3 sequences (xterm and friends).
    private static func finalKey(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "M": return .enter  // keypad enter in application mode
        default: return nil
        }
    }

    /// Keys of `ESC [ n ~` sequences (vt220, rxvt, linux console, tmux).
    private static func tildeKey(_ parameters: String) -> Key? {
        let first = parameters.split(separator: ";").first.map(String.init) ?? ""
        switch first {
        case "1", "7": return .home
        case "4", "8": return .end
        case "3": return .delete
        case "5": return .pageUp
        case "6": return .pageDown
        default: return nil
        }
    }
}
