/// A file-name part made from text the user or an input file chose (a scenario's name): it can
/// never name another folder, hide itself or carry control characters.
public enum SafeFileName {
    /// The longest name part kept, in characters.
    public static let maxLength = 64

    /// `text` with ASCII letters, digits, `-`, `_` and `.` kept and every other run of characters
    /// (slashes, spaces, control characters, non-ASCII) made one `_`; leading dots and dashes are
    /// dropped (no hidden file, no `..`, nothing a command line takes for an option); cut to
    /// `maxLength`; `fallback` when nothing is left.
    public static func from(_ text: String, fallback: String = "scenario") -> String {
        var out = ""
        var lastWasReplacement = false
        for scalar in text.unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") {
                out.append(c)
                lastWasReplacement = false
            } else if !lastWasReplacement {
                out.append("_")
                lastWasReplacement = true
            }
            if out.count >= maxLength * 2 { break }
        }
        let trimmed = out.drop(while: { $0 == "." || $0 == "-" })
        let cut = String(trimmed.prefix(maxLength))
        return cut.isEmpty || cut.allSatisfy({ $0 == "_" }) ? fallback : cut
    }
}
