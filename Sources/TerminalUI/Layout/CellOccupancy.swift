/// Which cells of an area are taken, by marks (tips, ★, d, a curve) or by placed labels: what a label
/// placer must not write over.
public struct CellOccupancy: Hashable, Sendable {
    /// The cells tracked; everything outside counts as taken.
    public let area: Rect
    /// What takes a cell.
    public enum Owner: UInt8, Hashable, Sendable {
        case free, mark, label
    }
    private var owners: [Owner]

    /// All cells of `area` free.
    public init(area: Rect) {
        self.area = area
        owners = [Owner](repeating: .free, count: max(0, area.width) * max(0, area.height))
    }

    /// The cells of `area` that `buffer` already shows something in (not a blank, nor an empty braille cell) taken as marks.
    public init(buffer: Buffer, area: Rect) {
        self.init(area: area.intersection(buffer.area))
        for y in self.area.y..<self.area.maxY {
            for x in self.area.x..<self.area.maxX {
                let cell = buffer[x, y]
                if cell.isContinuation || !(cell.holds(" ") || cell.holds("\u{2800}")) { mark(x: x, y: y) }
            }
        }
    }

    /// Who owns (x, y); `.mark` outside the area, so nothing is placed there.
    public func owner(x: Int, y: Int) -> Owner {
        area.contains(x: x, y: y) ? owners[(y - area.y) * area.width + (x - area.x)] : .mark
    }

    /// True when (x, y) is inside the area and nobody owns it.
    public func isFree(x: Int, y: Int) -> Bool { owner(x: x, y: y) == .free }

    /// Takes (x, y) for a mark (ignored outside the area).
    public mutating func mark(x: Int, y: Int) { take(x: x, y: y, as: .mark) }

    /// Takes (x, y) for `owner` (ignored outside the area).
    public mutating func take(x: Int, y: Int, as owner: Owner) {
        guard area.contains(x: x, y: y) else { return }
        owners[(y - area.y) * area.width + (x - area.x)] = owner
    }
}
