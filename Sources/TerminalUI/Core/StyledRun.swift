/// Consecutive cells of one row that share a style, as text; what an escape-code renderer emits.
public struct StyledRun: Hashable, Sendable {
    /// Column of the first cell.
    public var x: Int
    /// The graphemes of the run (wide graphemes once, continuation cells omitted).
    public var text: String
    public var style: Style

    /// Creates a run starting at column `x`.
    public init(x: Int, text: String, style: Style) {
        self.x = x
        self.text = text
        self.style = style
    }
}

extension Buffer {
    /// Row y split into maximal runs of equal style, left to right, covering the whole row.
    public func styledRuns(row y: Int) -> [StyledRun] {
        guard y >= 0, y < height else { return [] }
        var runs: [StyledRun] = []
        for x in 0..<width {
            let cell = self[x, y]
            if cell.isContinuation { continue }
            if let last = runs.last, last.style == cell.style {
                runs[runs.count - 1].text.append(cell.character)
            } else {
                runs.append(StyledRun(x: x, text: String(cell.character), style: cell.style))
            }
        }
        return runs
    }
}
