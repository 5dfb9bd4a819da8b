import TerminalUI

/// Number formatting for the screen (no Foundation): fixed, scientific and compact forms.
public enum NumberFormat {
    /// `x` with exactly `digits` decimals ("-0.000" never appears); scientific when too large.
    public static func fixed(_ x: Double, digits: Int) -> String { NumberText.fixed(x, decimals: digits) }

    /// `x` as mantissa and exponent, e.g. "1.23e+08".
    public static func scientific(_ x: Double, digits: Int) -> String {
        NumberText.scientific(x, decimals: digits, compact: false)
    }

    /// About four significant digits in the shortest readable form.
    public static func short(_ x: Double) -> String {
        guard x.isFinite else { return nonFinite(x) }
        let a = abs(x)
        if a == 0 { return "0" }
        if a >= 1e5 || a < 1e-3 { return scientific(x, digits: 2) }
        if a >= 100 { return fixed(x, digits: 1) }
        if a >= 10 { return fixed(x, digits: 2) }
        if a >= 1 { return fixed(x, digits: 3) }
        return fixed(x, digits: 4)
    }

    /// A vector as "[a, b, c]", eliding the middle beyond `maxItems`.
    public static func vector(_ xs: [Double], digits: Int? = nil, maxItems: Int = 8) -> String {
        let item: (Double) -> String = { x in digits.map { fixed(x, digits: $0) } ?? short(x) }
        if xs.count <= maxItems { return "[" + xs.map(item).joined(separator: ", ") + "]" }
        let head = xs.prefix(maxItems - 2).map(item), tail = xs.suffix(1).map(item)
        return "[" + (head + ["... (\(xs.count - maxItems + 1) more)"] + tail).joined(separator: ", ") + "]"
    }

    /// The label shown for NaN and infinities: always explicit, never a silent number.
    public static func nonFinite(_ x: Double) -> String { NumberText.nonFinite(x) }
}
