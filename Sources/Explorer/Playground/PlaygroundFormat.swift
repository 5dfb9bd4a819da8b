import TerminalUI

/// Numbers as the playground writes them: settings as typed (0.3, 0.002), points to two decimals.
enum PlaygroundFormat {
    /// The shortest form for ladder values and starts: "0.3", "8.5", "-8.36".
    static func compact(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        let plain = "\(x)"
        return plain.count <= 7 && !plain.contains("e") ? plain : NumberFormat.fixed(x, digits: 2)
    }

    /// Keymap text for the theme: arrows and lambda spelled out in ASCII.
    static func text(_ s: String, theme: Theme) -> String {
        guard !theme.unicodeText else { return s }
        return s.replacingAll("→", "->").replacingAll("←", "<-").replacingAll("λ", "lambda")
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation).
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
