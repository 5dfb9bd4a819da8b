/// Consecutive cells of one row to send to the terminal, starting at column x.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]

    /// Creates a run of `cells` starting at (x, y).
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

/// Finds what changed between two frames, so the terminal only receives those cells.
public enum BufferDiff {
    /// Runs of changed cells, row by row, left to right; with no previous frame, or one of a
    /// different size, every row is one full-width run.
    public static func changes(from old: Buffer?, to new: Buffer) -> [CellRun] {
        guard let old, old.width == new.width, old.height == new.height else {
            return (0..<new.height).map { y in
                CellRun(x: 0, y: y, cells: Array(new.cells[(y * new.width)..<((y + 1) * new.width)]))
            }
        }
        var runs: [CellRun] = []
        for y in 0..<new.height {
            var x = 0
            while x < new.width {
                let index = y * new.width + x
                guard old.cells[index] != new.cells[index] else {
                    x += 1
                    continue
                }
                var end = x + 1
                while end < new.width, old.cells[y * new.width + end] != new.cells[y * new.width + end] {
                    end += 1
                }
                // A run must not stop between a wide grapheme and its right half.
                if end < new.width, new.cells[y * new.width + end].isContinuation {
                    end += 1
                }
                // Nor start on a right half: the terminal needs the grapheme that covers it.
                let start = (x > 0 && new.cells[index].isContinuation) ? x - 1 : x
                runs.append(
                    CellRun(x: start, y: y, cells: Array(new.cells[(y * new.width + start)..<(y * new.width + end)])))
                x = end
            }
        }
        return runs
    }
}
