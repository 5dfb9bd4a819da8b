/// A width x height grid of cells that widgets draw into; every write is clipped, none traps.
///
/// Invariant: a wide grapheme's cell is always followed by a continuation cell on the same
/// row, and every continuation cell follows a wide grapheme.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    /// A buffer filled with blank cells; negative sizes become 0.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle at the origin.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column x, row y; reading outside gives a blank cell, writing outside is ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set { put(newValue, x: x, y: y) }
    }

    /// True when (x, y) is a cell of the buffer.
    public func contains(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// Stores `cell` at (x, y), keeping wide graphemes whole: a wide cell that no longer fits
    /// becomes a space, and any wide grapheme partly overwritten loses its other half.
    mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x, y) else { return }
        var cell = cell
        if cell.isContinuation {
            // Continuations only appear through a wide write; a direct one would orphan.
            cell = Cell(ascii: 0x20, style: cell.style)
        }
        if cell.columns == 2 && x + 1 >= width {
            cell = Cell(ascii: 0x20, style: cell.style)
        }
        let isWide = cell.columns == 2
        // Clear both columns before setting either, so the second clear cannot undo the first write.
        clearWideNeighbours(x: x, y: y)
        if isWide { clearWideNeighbours(x: x + 1, y: y) }
        cells[y * width + x] = cell
        if isWide {
            cells[y * width + x + 1] = .continuation(style: cell.style)
        }
    }

    /// Before (x, y) is overwritten: blanks the other half of a wide grapheme it is part of.
    private mutating func clearWideNeighbours(x: Int, y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0 {
            cells[index - 1] = Cell(ascii: 0x20, style: cells[index - 1].style)
        } else if !old.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(ascii: 0x20, style: cells[index + 1].style)
        }
    }

    /// Sets every cell of `rect` (clipped to the buffer) to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let clipped = rect.intersection(area)
        let step = max(1, cell.width)
        for y in clipped.y..<clipped.maxY {
            var x = clipped.x
            while x < clipped.maxX {
                if step == 2 && x + 1 >= clipped.maxX {
                    put(Cell(ascii: 0x20, style: cell.style), x: x, y: y)
                } else {
                    put(cell, x: x, y: y)
                }
                x += step
            }
        }
    }

    /// Sets the style of every cell in `rect`, keeping the characters (for highlights).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX {
                cells[y * width + x].style = style
            }
        }
    }

    /// Writes `text` from column x on row y and returns the columns it took.
    ///
    /// Text is cut at `maxWidth` columns and at the right edge; columns left of 0 are skipped
    /// but still counted, so `x += write(...)` chains spans. Wide graphemes take two columns
    /// (one that does not fit whole stops the text); zero-width marks join the previous cell;
    /// control characters show as `?` (a tab as a space). Nothing is written on a row outside.
    @discardableResult
    public mutating func write(
        _ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int = .max
    ) -> Int {
        // Absurd columns cannot reach the buffer; rejecting them keeps the arithmetic from overflowing.
        guard y >= 0, y < height, maxWidth > 0, x > Int.min / 2, x < width else { return 0 }
        let limit = min(x.addingReportingOverflow(maxWidth).overflow ? Int.max : x + maxWidth, width)
        var column = x
        // Printable ASCII (most text): a byte a cell, without breaking the text into graphemes.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let end = min(x + text.utf8.count, limit)
            let start = max(x, 0)
            guard start < end else { return end - x }
            // Only the run's two ends can cut a wide grapheme in half; inside, narrow cells replace whole ones.
            clearWideNeighbours(x: start, y: y)
            clearWideNeighbours(x: end - 1, y: y)
            var index = y * width + start
            for byte in text.utf8.dropFirst(start - x).prefix(end - start) {
                cells[index] = Cell(ascii: byte, style: style)
                index += 1
            }
            return end - x
        }
        var previousX = x - 1  // where a leading combining mark attaches
        for original in text {
            let character = Buffer.printable(original)
            let columns = displayWidth(of: character)
            if columns == 0 {
                attach(character, toCellAt: previousX, y: y)
                continue
            }
            if column + columns > limit { break }
            if column >= 0 {
                put(Cell(character, style: style), x: column, y: y)
            } else if column + columns > 0 {
                // A wide grapheme straddling the left edge: show its visible half as a space.
                put(Cell(ascii: 0x20, style: style), x: 0, y: y)
            }
            previousX = column
            column += columns
        }
        return column - x
    }

    /// Writes styled spans one after another from (x, y); returns the columns taken.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, maxWidth: Int = .max) -> Int {
        var used = 0
        for span in spans where used < maxWidth {
            used += write(span.text, x: x + used, y: y, style: span.style, maxWidth: maxWidth - used)
        }
        return used
    }

    /// Appends a zero-width mark to the grapheme at (x, y) (or the wide grapheme it continues).
    private mutating func attach(_ mark: Character, toCellAt x: Int, y: Int) {
        var target = x
        if contains(target, y), cells[y * width + target].isContinuation { target -= 1 }
        guard contains(target, y) else { return }
        let index = y * width + target
        let combined = String(cells[index].character) + String(mark)
        // Only keep the mark when it really fuses into one grapheme.
        if combined.count == 1 {
            cells[index].character = Character(combined)
        }
    }

    /// Replaces control characters by a visible stand-in so they never reach the terminal.
    static func printable(_ character: Character) -> Character {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return character }
        guard let first = character.unicodeScalars.first else { return "?" }
        if first == "\t" { return " " }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return "?" }
        return character
    }

    /// Exactly `height` strings of exactly `width` columns each, without escape codes.
    public func lines() -> [String] {
        (0..<height).map(line)
    }

    /// Row y as plain text of exactly `width` columns.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        // UTF-8 bytes first, one String at the end: appending Characters one by one is several times slower.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width * 3)
        let space = UInt8(ascii: " ")
        var x = 0
        while x < width {
            let cell = cells[y * width + x]
            let columns = cell.isContinuation ? 0 : Int(cell.columns)
            if cell.isContinuation {
                bytes.append(space)  // orphan half: keep the column count exact
                x += 1
            } else if columns == 2 && x + 1 < width {
                cell.appendUTF8(to: &bytes)
                x += 2
            } else if columns != 1 {
                bytes.append(space)
                x += 1
            } else {
                cell.appendUTF8(to: &bytes)
                x += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
