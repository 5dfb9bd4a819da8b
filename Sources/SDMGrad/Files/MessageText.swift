extension StringProtocol {
    /// Text from an input file, made fit to quote inside a one-line error message: at most `limit`
    /// Unicode scalars, with line breaks and other control characters written as escapes.
    public func quotedForMessage(limit: Int = 40) -> String {
        var out = ""
        var count = 0
        for scalar in unicodeScalars {
            if count == limit { return out + "..." }
            count += 1
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                switch scalar.properties.generalCategory {
                case .control, .lineSeparator, .paragraphSeparator:
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
