/// A weight vector as one row of block glyphs, task 1 on the left, heights from 0 to the largest weight.
/// When there are more tasks than columns, each column shows the largest weight of its tasks, so the
/// winner never disappears in the averaging.
public enum VectorSparkline {
    /// The tasks (0-based, as a range) that column `column` of `columns` stands for, for `count` tasks.
    public static func tasks(ofColumn column: Int, columns: Int, count: Int) -> Range<Int> {
        let cols = max(1, min(columns, count))
        return (column * count / cols)..<((column + 1) * count / cols)
    }

    /// The glyph level of each column (0 = lowest), nil where a task in it is not finite. Uses
    /// min(width, count) columns; the scale runs from 0 (or the smallest value when negative) to the largest.
    public static func levels(_ values: [Double], width: Int, glyphs: GlyphSet = .unicode) -> [Int?] {
        guard width > 0, !values.isEmpty else { return [] }
        let columns = min(width, values.count)
        let peaks: [Double] = (0..<columns).map { c in
            let slice = values[tasks(ofColumn: c, columns: columns, count: values.count)]
            return slice.contains { !$0.isFinite } ? .nan : slice.max()!
        }
        let finite = peaks.filter(\.isFinite)
        let low = min(0, finite.min() ?? 0), high = finite.max() ?? 0
        let top = glyphs.sparkLevels.count - 1
        return peaks.map { peak in
            guard peak.isFinite else { return nil }
            guard high > low else { return 0 }
            return Int(((peak - low) / (high - low) * Double(top)).rounded())
        }
    }

    /// The row as text: min(width, count) glyphs, `glyphs.nonFinite` for columns with a non-finite entry.
    public static func text(_ values: [Double], width: Int, glyphs: GlyphSet = .unicode) -> String {
        String(
            levels(values, width: width, glyphs: glyphs).map { $0.map { glyphs.sparkLevels[$0] } ?? glyphs.nonFinite })
    }
}
