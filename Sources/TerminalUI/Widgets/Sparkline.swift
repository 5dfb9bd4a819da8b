/// One row of block glyphs whose heights follow a series of values (the most recent on the right
/// when there are more values than columns); NaN and infinities show as `GlyphSet.nonFinite`.
public struct Sparkline: Sendable {
    /// How the vertical scale is chosen.
    public enum Scale: Hashable, Sendable {
        /// From the smallest to the largest drawable value.
        case auto
        /// A fixed range; values outside are clamped to the lowest or highest glyph.
        case fixed(ClosedRange<Double>)
    }

    public var values: [Double]
    public var scale: Scale
    /// Plots log10 of the values; values <= 0 cannot be drawn and show the non-finite marker.
    public var logarithmic: Bool
    public var style: Style
    /// Style of the non-finite marker.
    public var markerStyle: Style
    public var glyphs: GlyphSet

    /// Creates a sparkline of `values`.
    public init(
        values: [Double], scale: Scale = .auto, logarithmic: Bool = false,
        style: Style = .plain, markerStyle: Style = Style(fg: .red), glyphs: GlyphSet = .unicode
    ) {
        self.values = values
        self.scale = scale
        self.logarithmic = logarithmic
        self.style = style
        self.markerStyle = markerStyle
        self.glyphs = glyphs
    }

    /// The glyph level (0 = lowest) for each value, nil where the value cannot be drawn.
    public func levels() -> [Int?] {
        let transformed = values.map(transform)
        let drawable = transformed.compactMap { $0 }
        let bounds: (low: Double, high: Double)?
        switch scale {
        case .auto:
            bounds = drawable.min().map { ($0, drawable.max()!) }
        case .fixed(let range):
            let low = transform(range.lowerBound)
            let high = transform(range.upperBound)
            bounds = low.flatMap { l in high.map { (l, $0) } }
        }
        let top = glyphs.sparkLevels.count - 1
        return transformed.map { value in
            guard let value, let bounds else { return nil }
            guard bounds.high > bounds.low else { return 0 }
            let fraction = (value - bounds.low) / (bounds.high - bounds.low)
            let level = (min(max(fraction, 0), 1) * Double(top)).rounded()
            return Int(level)
        }
    }

    /// The value as plotted, or nil when it cannot be plotted.
    private func transform(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        if logarithmic {
            guard value > 0 else { return nil }
            return base10Logarithm(value)
        }
        return value
    }

    /// Draws on the first row of `area`, left-aligned, showing the last `area.width` values.
    public func render(area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        let shown = Array(levels().suffix(area.width))
        for (offset, level) in shown.enumerated() {
            let cell: Cell
            if let level {
                cell = Cell(glyphs.sparkLevels[level], style: style)
            } else {
                cell = Cell(glyphs.nonFinite, style: markerStyle)
            }
            buffer[area.x + offset, area.y] = cell
        }
    }
}

/// log10 for positive finite values, written out because the stdlib has no logarithm and
/// TerminalUI avoids Foundation: binary exponent plus an atanh series for the mantissa.
func base10Logarithm(_ value: Double) -> Double {
    let exponent = Double(value.exponent)
    let mantissa = value.significand  // in [1, 2)
    // ln(m) = 2 atanh((m-1)/(m+1)); t <= 1/3 so the series converges quickly.
    let t = (mantissa - 1) / (mantissa + 1)
    let tSquared = t * t
    var power = t
    var sum = 0.0
    var denominator = 1.0
    while abs(power / denominator) > 1e-17 {
        sum += power / denominator
        power *= tSquared
        denominator += 2
    }
    let naturalLog = 2 * sum + exponent * 0.693_147_180_559_945_3
    return naturalLog / 2.302_585_092_994_046
}
