#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number formatting for the screen (no Foundation): fixed, scientific and compact forms.
public enum NumberFormat {
    /// `x` with exactly `digits` decimals ("-0.000" never appears); scientific when too large.
    public static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return nonFinite(x) }
        let scale = pow(10.0, Double(digits))
        guard abs(x) * scale < 9e15 else { return scientific(x, digits: max(digits, 2)) }
        let n = Int64((abs(x) * scale).rounded())
        let unit = Int64(scale)
        let whole = n / unit, fraction = n % unit
        var text = String(whole)
        if digits > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return (x < 0 && n != 0 ? "-" : "") + text
    }

    /// `x` as mantissa and exponent, e.g. "1.23e+08".
    public static func scientific(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return nonFinite(x) }
        if x == 0 { return fixed(0, digits: digits) + "e+00" }
        var exponent = Int(floor(log10(abs(x))))
        // 10^exponent underflows to 0 for subnormal x: scale up first there.
        var mantissa = exponent < -300 ? (x * 1e300) / pow(10.0, Double(exponent + 300)) : x / pow(10.0, Double(exponent))
        if abs((mantissa * pow(10.0, Double(digits))).rounded()) >= 10 * pow(10.0, Double(digits)) {
            mantissa /= 10
            exponent += 1
        }
        let e = abs(exponent)
        return fixed(mantissa, digits: digits) + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
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
    public static func nonFinite(_ x: Double) -> String { x.isNaN ? "NaN(diverged)" : (x > 0 ? "+inf(overflow)" : "-inf(overflow)") }
}
