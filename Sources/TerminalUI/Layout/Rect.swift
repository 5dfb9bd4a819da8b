/// A rectangle of cells: top-left corner (x, y) and size; width and height are never negative.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Creates a rectangle; negative sizes become 0.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The column just right of the rectangle.
    public var maxX: Int { x + width }
    /// The row just below the rectangle.
    public var maxY: Int { y + height }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// Number of cells covered.
    public var area: Int { width * height }

    /// True when the cell (x, y) lies inside.
    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The overlap with `other` (empty, positioned at the clamped corner, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Shrinks every side by `margin` cells (never below an empty rectangle).
    public func inset(by margin: Int) -> Rect {
        inset(horizontal: margin, vertical: margin)
    }

    /// Shrinks left and right by `horizontal`, top and bottom by `vertical`.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let newWidth = max(0, width - 2 * horizontal)
        let newHeight = max(0, height - 2 * vertical)
        return Rect(
            x: x + min(horizontal, width / 2), y: y + min(vertical, height / 2),
            width: newWidth, height: newHeight)
    }

    /// Splits side by side: the left part is `column` cells wide (clamped to the rectangle).
    public func splitHorizontally(at column: Int) -> (left: Rect, right: Rect) {
        let leftWidth = min(max(0, column), width)
        return (
            Rect(x: x, y: y, width: leftWidth, height: height),
            Rect(x: x + leftWidth, y: y, width: width - leftWidth, height: height)
        )
    }

    /// Splits one above the other: the top part is `row` cells high (clamped to the rectangle).
    public func splitVertically(at row: Int) -> (top: Rect, bottom: Rect) {
        let topHeight = min(max(0, row), height)
        return (
            Rect(x: x, y: y, width: width, height: topHeight),
            Rect(x: x, y: y + topHeight, width: width, height: height - topHeight)
        )
    }

    /// A rectangle of at most the given size centred inside this one.
    public func centered(width innerWidth: Int, height innerHeight: Int) -> Rect {
        let w = min(max(0, innerWidth), width)
        let h = min(max(0, innerHeight), height)
        return Rect(x: x + (width - w) / 2, y: y + (height - h) / 2, width: w, height: h)
    }

    /// `x,y WxH`, for test failure messages.
    public var description: String { "\(x),\(y) \(width)x\(height)" }
}
