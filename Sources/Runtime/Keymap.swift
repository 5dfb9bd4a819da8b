import TerminalUI

/// One line of a keymap: keys with the actions they send, how the help writes them, what they
/// do, and the few words of the status hint.
public struct KeyBinding<Action: Sendable>: Sendable {
    /// Each key with its action (a line may pair opposite actions, as `+  -` does).
    public let keys: [(key: Key, action: Action)]
    /// The keys as the help writes them ("n  →").
    public let label: String
    /// The label in ASCII for terminals without Unicode ("n  ->").
    public let asciiLabel: String
    /// What the keys do, one line.
    public let help: String
    /// The few words for the status bar's hint, when the line is worth one.
    public let hint: String?

    /// A line binding every key of `keys` to `action`.
    public init(
        _ keys: [Key], label: String, asciiLabel: String? = nil, help: String, hint: String? = nil, action: Action
    ) {
        self.init(keys.map { ($0, action) }, label: label, asciiLabel: asciiLabel, help: help, hint: hint)
    }

    /// A line binding each key to its own action.
    public init(_ keys: [(Key, Action)], label: String, asciiLabel: String? = nil, help: String, hint: String? = nil) {
        self.keys = keys.map { (key: $0.0, action: $0.1) }
        self.label = label
        self.asciiLabel = asciiLabel ?? Self.ascii(label)
        self.help = help
        self.hint = hint
    }
}

extension KeyBinding {
    /// A label's usual ASCII spelling: arrows as "->" and "<-", lambda spelled out.
    public static func ascii(_ label: String) -> String {
        let spelled: [Character: String] = ["→": "->", "←": "<-", "↑": "^", "↓": "v", "λ": "lambda"]
        return label.map { spelled[$0] ?? String($0) }.joined()
    }
}

/// Keys as data (Bubble Tea's key.Binding): one declaration gives dispatch, the help table and
/// the status hint.
public struct Keymap<Action: Sendable>: Sendable {
    /// The lines, in help order.
    public let bindings: [KeyBinding<Action>]

    /// The hints of `bindings` with their widths, measured once: the status line asks every frame.
    private let hints: [(text: String, width: Int)]

    /// A keymap of `bindings`.
    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
        hints = bindings.compactMap { binding in binding.hint.map { ($0, displayWidth(of: $0)) } }
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? {
        for binding in bindings {
            if let match = binding.keys.first(where: { $0.key == key }) { return match.action }
        }
        return nil
    }

    /// Every key the map knows.
    public var allKeys: [Key] { bindings.flatMap { $0.keys.map(\.key) } }

    /// The status bar's hint: the lines' short texts in order, as many whole ones as fit
    /// `width`, the last `essential` ones (help, quit) always kept.
    public func hint(width: Int, essential: Int = 2) -> String {
        let kept = Array(hints.suffix(essential))
        var chosen: [String] = []
        // Hints are joined by two blanks, so the joined width is the sum of the parts' plus 2 a gap.
        var used = kept.reduce(0) { $0 + $1.width } + 2 * max(kept.count - 1, 0)
        for hint in hints.dropLast(essential) {
            let added = hint.width + (chosen.isEmpty && kept.isEmpty ? 0 : 2)
            guard used + added <= width else { break }
            used += added
            chosen.append(hint.text)
        }
        return (chosen + kept.map { $0.text }).joined(separator: "  ")
    }

    /// The help rows: keys and what they do.
    public var helpRows: [(keys: String, help: String)] { helpRows(ascii: false) }

    /// The help rows with labels in Unicode or in ASCII.
    public func helpRows(ascii: Bool) -> [(keys: String, help: String)] {
        bindings.map { (ascii ? $0.asciiLabel : $0.label, $0.help) }
    }
}
