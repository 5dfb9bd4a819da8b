/// How much room one part of a layout asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (less only when the total does not fit).
    case length(Int)
    /// This percentage of the whole length, rounded down.
    case percentage(Int)
    /// A share of whatever the other constraints leave, proportional to the weight.
    case fill(Int)
}

/// Splits a rectangle into consecutive parts along one axis, ratatui style.
public struct Layout: Hashable, Sendable {
    /// The axis along which parts follow each other.
    public enum Direction: Hashable, Sendable {
        /// Parts side by side, left to right.
        case horizontal
        /// Parts stacked, top to bottom.
        case vertical
    }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Blank cells left between neighbouring parts.
    public var spacing: Int

    /// Creates a layout of `constraints` along `direction`.
    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.spacing = max(0, spacing)
    }

    /// Parts side by side.
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    /// Parts stacked top to bottom.
    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    /// One rectangle per constraint, in order, together never longer than `rect`.
    public func split(_ rect: Rect) -> [Rect] {
        let total = direction == .horizontal ? rect.width : rect.height
        let lengths = Layout.lengths(for: constraints, total: total, spacing: spacing)
        var offset = 0
        var parts: [Rect] = []
        for length in lengths {
            switch direction {
            case .horizontal:
                parts.append(Rect(x: rect.x + offset, y: rect.y, width: length, height: rect.height))
            case .vertical:
                parts.append(Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: length))
            }
            offset = min(total, offset + length + spacing)
        }
        return parts
    }

    /// Resolves constraints to lengths: fixed and percentage parts first, fills share the rest;
    /// when fixed parts overflow, later parts shrink first.
    static func lengths(for constraints: [Constraint], total: Int, spacing: Int) -> [Int] {
        let available = max(0, total - spacing * max(0, constraints.count - 1))
        var lengths = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n): return max(0, n)
            case .percentage(let p): return available * min(max(0, p), 100) / 100
            case .fill: return 0
            }
        }
        var remaining = available
        for index in lengths.indices {
            lengths[index] = min(lengths[index], remaining)
            remaining -= lengths[index]
        }
        let weights = constraints.map { constraint -> Int in
            if case .fill(let weight) = constraint { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return lengths }
        var handedOut = 0
        var weightSoFar = 0
        for index in lengths.indices where weights[index] > 0 {
            // Cumulative rounding so the fills add up to exactly `remaining`.
            weightSoFar += weights[index]
            let end = remaining * weightSoFar / totalWeight
            lengths[index] = end - handedOut
            handedOut = end
        }
        return lengths
    }
}
