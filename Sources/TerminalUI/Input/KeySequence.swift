/// A `--keys` string that names a key that does not exist.
public struct KeySequenceError: Error, CustomStringConvertible, Equatable {
    /// The name as written, without the angle brackets.
    public let name: String

    /// Creates the error for `<name>`.
    public init(name: String) {
        self.name = name
    }

    /// One line naming the bad key and the accepted names.
    public var description: String {
        "unknown key <\(name)> in key sequence; known: <right> <left> <up> <down> <tab> <btab> "
            + "<space> <enter> <esc> <home> <end> <pgup> <pgdn> <bs> <del> <lt> <c-x>"
    }
}

extension Key {
    /// Parses a key script: each plain character is one key press, `<name>` is a special key
    /// (case-insensitive, `<c-x>` is Ctrl-x). A `<` that does not start `<word>` is a literal `<`.
    public static func parseSequence(_ sequence: String) throws -> [Key] {
        var keys: [Key] = []
        var index = sequence.startIndex
        while index < sequence.endIndex {
            let character = sequence[index]
            if character == "<", let (name, after) = bracketedName(in: sequence, from: index) {
                keys.append(try key(named: name))
                index = after
            } else {
                keys.append(.character(character))
                index = sequence.index(after: index)
            }
        }
        return keys
    }

    /// The key for a name found between brackets.
    static func key(named name: String) throws -> Key {
        let lowered = name.lowercased()
        if let match = specialNames.first(where: { $0.name == lowered }) {
            return match.key
        }
        if lowered.hasPrefix("c-"), lowered.count == 3, let letter = lowered.last,
            letter.isASCII, letter.isLetter
        {
            return .ctrl(letter)
        }
        throw KeySequenceError(name: name)
    }

    /// If `<` at `start` opens `<word>` (letters, digits, `-`), the word and the index after `>`.
    private static func bracketedName(in text: String, from start: String.Index) -> (String, String.Index)? {
        var index = text.index(after: start)
        var name = ""
        while index < text.endIndex {
            let character = text[index]
            if character == ">" {
                return name.isEmpty ? nil : (name, text.index(after: index))
            }
            guard character.isASCII, character.isLetter || character.isNumber || character == "-" else {
                return nil
            }
            name.append(character)
            index = text.index(after: index)
        }
        return nil
    }
}
