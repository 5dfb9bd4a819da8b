/// Builds compact JSON text; doubles print in their shortest round-trip form, non-finite ones as null.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var text = ""

    /// An empty writer.
    public init() {}

    /// A double in shortest round-trip form (`null` when not finite, since JSON has no NaN).
    public static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    /// A JSON array of doubles.
    public static func array(_ xs: [Double]) -> String { "[" + xs.map(number).joined(separator: ",") + "]" }

    /// A JSON array of arrays for a matrix.
    public static func matrix(_ m: Matrix) -> String { "[" + m.rowArrays.map(array).joined(separator: ",") + "]" }

    /// A JSON string literal with the needed escapes.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Appends `"key":value` (value already JSON) to an object being built, with a comma when needed.
    public mutating func field(_ key: String, raw value: String) {
        text += (text.isEmpty ? "{" : ",") + JSONWriter.string(key) + ":" + value
    }

    /// The finished object.
    public func object() -> String { text.isEmpty ? "{}" : text + "}" }
}
