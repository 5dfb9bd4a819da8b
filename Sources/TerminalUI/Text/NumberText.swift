#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How much of a number to show at best: significant digits, or a fixed count of decimals.
public enum NumberPrecision: Hashable, Sendable {
    /// Up to this many significant digits (fixed notation for 1e-3 <= |x| < 1e5, else scientific),
    /// trailing zeros dropped.
    case significant(Int)
    /// Exactly this many decimals when it fits (weights, w: entries in [0, 1]).
    case decimals(Int)
}

/// Numbers as text that fits a width by construction: precision is dropped first, then the
/// notation switches (to scientific, then to its compact form "1e-16"); a number is never cut.
public enum NumberText {
    /// The forms of `x`, most precise first and each narrower than the one before; every one is a rounding of `x`.
    public static func forms(_ x: Double, precision: NumberPrecision) -> [String] {
        formsMemo.texts(FormsKey(bits: x.bitPattern, precision: precision)) { makeForms(x, precision: precision) }
    }

    /// What `forms` is memoized by.
    struct FormsKey: Hashable, Sendable { let bits: UInt64, precision: NumberPrecision }
    /// The forms made so far (a frame formats the same few hundred numbers as the one before).
    static let formsMemo = TextMemo<FormsKey>(limit: 8192)

    /// The forms of `x`, made (see `forms`).
    static func makeForms(_ x: Double, precision: NumberPrecision) -> [String] {
        guard x.isFinite else { return [nonFinite(x)] }
        var out: [String] = []
        // A form no narrower than an earlier one is never the best fit ("2e0" after "2.2"); callers that
        // shrink a piece form by form (FittedLine) would otherwise trade digits for a useless exponent.
        func add(_ text: String) { if out.last.map({ text.count < $0.count }) ?? true { out.append(text) } }
        switch precision {
        case .significant(let digits):
            let top = max(1, digits)
            if x == 0 { return ["0"] }
            for d in stride(from: top, through: 1, by: -1) { add(trimmed(plain(x, significant: d))) }
            for d in stride(from: top, through: 1, by: -1) {
                add(trimmed(scientific(x, decimals: d - 1, compact: true)))
            }
        case .decimals(let digits):
            let top = max(0, digits)
            for d in stride(from: top, through: 1, by: -1) { add(fixed(x, decimals: d)) }
            if x != 0 {
                for d in stride(from: 2, through: 0, by: -1) { add(scientific(x, decimals: d, compact: true)) }
            }
            add(fixed(x, decimals: 0))
        }
        return out
    }

    /// The most precise form of `x` no wider than `width` columns, or nil when none fits.
    public static func fit(_ x: Double, width: Int, precision: NumberPrecision = .significant(4)) -> String? {
        forms(x, precision: precision).first { $0.count <= width }
    }

    /// `xs` as "[a, b, c]" no wider than `width`: fewer digits first, then the middle entries
    /// elided ("[a, b, …+3, z]"); nil when not even that fits.
    public static func vector(
        _ xs: [Double], width: Int, precision: NumberPrecision = .significant(4),
        maxItems: Int = 8, ellipsis: String = "…"
    ) -> String? {
        vectorForms(xs, precision: precision, maxItems: maxItems, ellipsis: ellipsis).first {
            displayWidth(of: $0) <= width
        }
    }

    /// The forms of a vector in order of preference: two levels of precision with every entry (up to
    /// `maxItems`), then fewer entries, then fewer digits; every entry shown is a rounding of its value.
    public static func vectorForms(
        _ xs: [Double], precision: NumberPrecision = .significant(4),
        maxItems: Int = 8, ellipsis: String = "…"
    ) -> [String] {
        let key = VectorKey(bits: xs.map(\.bitPattern), precision: precision, maxItems: maxItems, ellipsis: ellipsis)
        return vectorMemo.texts(key) {
            makeVectorForms(xs, precision: precision, maxItems: maxItems, ellipsis: ellipsis)
        }
    }

    /// What `vectorForms` is memoized by.
    struct VectorKey: Hashable, Sendable {
        let bits: [UInt64], precision: NumberPrecision, maxItems: Int, ellipsis: String
    }
    /// The vector forms made so far.
    static let vectorMemo = TextMemo<VectorKey>(limit: 2048)

    /// The forms of a vector, made (see `vectorForms`).
    static func makeVectorForms(_ xs: [Double], precision: NumberPrecision, maxItems: Int, ellipsis: String) -> [String]
    {
        let levels = levelsOf(precision)
        let cap = max(2, maxItems)
        var counts = [xs.count <= cap ? xs.count : cap]
        if xs.count > 2 { counts += stride(from: min(xs.count, cap) - 1, through: 2, by: -1) }
        var out: [String] = []
        // Readability first: keep two levels of precision with every entry before eliding entries.
        let rich = Array(levels.prefix(2)), poor = Array(levels.dropFirst(2))
        for pass in [rich, poor] {
            for count in counts {
                for level in pass {
                    let text = vectorText(xs, shown: count, precision: level, ellipsis: ellipsis)
                    if !out.contains(text) { out.append(text) }
                }
            }
        }
        return out
    }

    /// `xs` as "[a, b, c]" with `shown` entries (the last one kept when eliding).
    static func vectorText(_ xs: [Double], shown: Int, precision: NumberPrecision, ellipsis: String) -> String {
        let item: (Double) -> String = { forms($0, precision: precision).first ?? "" }
        if xs.count <= shown { return "[" + xs.map(item).joined(separator: ", ") + "]" }
        let head = xs.prefix(max(1, shown - 1)).map(item)
        let hidden = xs.count - head.count - 1
        return "[" + (head + ["\(ellipsis)+\(hidden)", item(xs[xs.count - 1])]).joined(separator: ", ") + "]"
    }

    /// The precisions tried for a vector, most precise first.
    static func levelsOf(_ precision: NumberPrecision) -> [NumberPrecision] {
        switch precision {
        case .significant(let d): return stride(from: max(1, d), through: 1, by: -1).map { .significant($0) }
        case .decimals(let d): return stride(from: max(0, d), through: 0, by: -1).map { .decimals($0) }
        }
    }

    /// `text` without trailing zeros after its decimal point ("0.5000" is "0.5", "1.000e-16" is "1e-16").
    public static func trimmed(_ text: String) -> String {
        let exponentStart = text.firstIndex { $0 == "e" } ?? text.endIndex
        var mantissa = text[..<exponentStart]
        guard mantissa.contains(".") else { return text }
        while mantissa.last == "0" { mantissa.removeLast() }
        if mantissa.last == "." { mantissa.removeLast() }
        return String(mantissa) + text[exponentStart...]
    }

    /// `x` with up to `significant` digits: fixed notation for 1e-3 <= |x| < 1e5 (all integer
    /// digits kept), else scientific with a signed two-digit exponent ("1.11e-16").
    public static func plain(_ x: Double, significant: Int) -> String {
        guard x.isFinite else { return nonFinite(x) }
        if x == 0 { return "0" }
        let a = abs(x)
        guard a >= 1e-3, a < 1e5 else { return scientific(x, decimals: significant - 1, compact: false) }
        let exponent = Int(floor(log10(a)))
        let text = fixed(x, decimals: max(0, significant - 1 - exponent))
        return text
    }

    /// `x` with exactly `decimals` decimals ("-0.000" never appears); scientific when too large for fixed.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        guard x.isFinite else { return nonFinite(x) }
        let digits = max(0, min(decimals, 15))
        let scale = pow(10.0, Double(digits))
        guard abs(x) * scale < 9e15 else { return scientific(x, decimals: max(digits, 2), compact: false) }
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

    /// `x` as mantissa and exponent: "1.23e+08" or, compact, "1.23e8" and "1e-16".
    public static func scientific(_ x: Double, decimals: Int, compact: Bool) -> String {
        guard x.isFinite else { return nonFinite(x) }
        let digits = max(0, decimals)
        if x == 0 { return compact ? "0" : fixed(0, decimals: digits) + "e+00" }
        var exponent = Int(floor(log10(abs(x))))
        // 10^exponent underflows to 0 for subnormal x: scale up first there.
        var mantissa =
            exponent < -300 ? (x * 1e300) / pow(10.0, Double(exponent + 300)) : x / pow(10.0, Double(exponent))
        if abs((mantissa * pow(10.0, Double(digits))).rounded()) >= 10 * pow(10.0, Double(digits)) {
            mantissa /= 10
            exponent += 1
        }
        let e = abs(exponent)
        if compact { return fixed(mantissa, decimals: digits) + "e" + (exponent < 0 ? "-" : "") + String(e) }
        return fixed(mantissa, decimals: digits) + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    }

    /// A setting or a point as typed, the shortest form: "0.3", "8.5", "-8.36" (integers without a point,
    /// more than 7 characters rounded to two decimals; "NaN", "inf", "-inf" when not finite).
    public static func compact(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        let plain = "\(x)"
        return plain.count <= 7 && !plain.contains("e") ? plain : fixed(x, decimals: 2)
    }

    /// An axis end: one decimal, none from 100 on ("12.3", "250").
    public static func axis(_ x: Double) -> String { fixed(x, decimals: abs(x) >= 100 ? 0 : 1) }

    /// A table cell of 4 decimals, scientific with 3 below 1e-4 or from 1e5 ("0.1235", "1.234e-05").
    public static func cell(_ x: Double) -> String {
        let a = abs(x)
        return a != 0 && (a >= 1e5 || a < 1e-4) ? scientific(x, decimals: 3, compact: false) : fixed(x, decimals: 4)
    }

    /// About four significant digits in the shortest readable form (messages, advice): "12.35", "0.1235", "1.23e-04".
    public static func short(_ x: Double) -> String {
        guard x.isFinite else { return nonFinite(x) }
        let a = abs(x)
        if a == 0 { return "0" }
        if a >= 1e5 || a < 1e-3 { return scientific(x, decimals: 2, compact: false) }
        if a >= 100 { return fixed(x, decimals: 1) }
        if a >= 10 { return fixed(x, decimals: 2) }
        if a >= 1 { return fixed(x, decimals: 3) }
        return fixed(x, decimals: 4)
    }

    /// A vector as "[a, b, c]" for a message (no width to fit): `decimals` each (else `short`), the middle
    /// elided beyond `maxItems` as "... (k more)".
    public static func list(_ xs: [Double], decimals: Int? = nil, maxItems: Int = 8) -> String {
        let item: (Double) -> String = { x in decimals.map { fixed(x, decimals: $0) } ?? short(x) }
        if xs.count <= maxItems { return "[" + xs.map(item).joined(separator: ", ") + "]" }
        let head = xs.prefix(maxItems - 2).map(item), tail = xs.suffix(1).map(item)
        return "[" + (head + ["... (\(xs.count - maxItems + 1) more)"] + tail).joined(separator: ", ") + "]"
    }

    /// A parameter as the explorer writes it in formulas and messages: integers without a point, else 3 decimals
    /// (4 below 0.01); "NaN", "inf", "-inf" when not finite.
    public static func parameter(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
        return fixed(x, decimals: abs(x) < 0.01 ? 4 : 3)
    }

    /// The label shown for NaN and infinities: always explicit, never a silent number.
    public static func nonFinite(_ x: Double) -> String {
        x.isNaN ? "NaN(diverged)" : (x > 0 ? "+inf(overflow)" : "-inf(overflow)")
    }
}
