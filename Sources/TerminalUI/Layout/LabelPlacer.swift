/// Where a label may sit relative to its anchor cell.
public enum LabelDirection: CaseIterable, Hashable, Sendable {
    /// On the anchor's row, starting just right of it.
    case right
    /// On the anchor's row, ending just left of it.
    case left
    /// The row above, starting at the anchor's column.
    case aboveRight
    /// The row above, ending at the anchor's column.
    case aboveLeft
    /// The row below, starting at the anchor's column.
    case belowRight
    /// The row below, ending at the anchor's column.
    case belowLeft
    /// The row above, centred on the anchor.
    case above
    /// The row below, centred on the anchor.
    case below

    /// The first cell of a label `width` columns wide for an anchor at (x, y).
    func origin(anchorX x: Int, anchorY y: Int, width: Int) -> (x: Int, y: Int) {
        switch self {
        case .right: return (x + 1, y)
        case .left: return (x - width, y)
        case .aboveRight: return (x, y - 1)
        case .aboveLeft: return (x - width + 1, y - 1)
        case .belowRight: return (x, y + 1)
        case .belowLeft: return (x - width + 1, y + 1)
        case .above: return (x - (width - 1) / 2, y - 1)
        case .below: return (x - (width - 1) / 2, y + 1)
        }
    }
}

/// A label to place: its forms (preferred first, shorter ones after), the cell it names, how much it matters,
/// and the directions to try, in order.
public struct LabelRequest: Hashable, Sendable {
    /// The forms, preferred first; each is written whole or not at all.
    public var forms: [String]
    /// Column of the cell the label names.
    public var anchorX: Int
    /// Row of the cell the label names.
    public var anchorY: Int
    /// Higher priorities are placed first, so they win the free cells.
    public var priority: Int
    /// Directions tried for each form, in order.
    public var directions: [LabelDirection]
    /// The style the caller writes it in.
    public var style: Style

    /// A label naming (anchorX, anchorY); every direction is tried unless `directions` says otherwise.
    public init(
        forms: [String], anchorX: Int, anchorY: Int, priority: Int = 0,
        directions: [LabelDirection] = LabelDirection.allCases, style: Style = .plain
    ) {
        self.forms = forms
        self.anchorX = anchorX
        self.anchorY = anchorY
        self.priority = priority
        self.directions = directions.isEmpty ? LabelDirection.allCases : directions
        self.style = style
    }
}

/// Where one label went: which request, the form chosen and its first cell.
public struct LabelPlacement: Hashable, Sendable {
    /// Index of the request in the list given to the placer.
    public var request: Int
    /// The form written.
    public var text: String
    /// Column of its first cell.
    public var x: Int
    /// Its row.
    public var y: Int
    /// Its style (the request's).
    public var style: Style

    /// Columns it takes.
    public var width: Int { displayWidth(of: text) }
}

/// Places labels so that none overlaps a mark or another label: by priority, each label tries its
/// directions with its first form, then its shorter forms, and is dropped when nothing fits. Labels on one
/// row keep a blank column between them, so two never read as one word.
public enum LabelPlacer {
    /// The placements, in placing order (highest priority first, ties in request order); the occupancy
    /// afterwards has the placed labels' cells taken as `.label`.
    public static func place(_ requests: [LabelRequest], occupancy: inout CellOccupancy) -> [LabelPlacement] {
        let order = requests.indices.sorted {
            requests[$0].priority != requests[$1].priority
                ? requests[$0].priority > requests[$1].priority : $0 < $1
        }
        var placed: [LabelPlacement] = []
        for index in order {
            let request = requests[index]
            search: for form in request.forms where !form.isEmpty {
                let width = displayWidth(of: form)
                for direction in request.directions {
                    let origin = direction.origin(anchorX: request.anchorX, anchorY: request.anchorY, width: width)
                    guard fits(width: width, x: origin.x, y: origin.y, in: occupancy) else { continue }
                    for x in origin.x..<(origin.x + width) { occupancy.take(x: x, y: origin.y, as: .label) }
                    placed.append(
                        LabelPlacement(request: index, text: form, x: origin.x, y: origin.y, style: request.style))
                    break search
                }
            }
        }
        return placed
    }

    /// The placements for marks taken from what `buffer` shows in `area` (see `CellOccupancy(buffer:area:)`).
    public static func place(_ requests: [LabelRequest], over buffer: Buffer, area: Rect) -> [LabelPlacement] {
        var occupancy = CellOccupancy(buffer: buffer, area: area)
        return place(requests, occupancy: &occupancy)
    }

    /// The tasks worth a label: every task up to `most` tasks, else only the `top` largest weights
    /// (ties by index), so a 64-task picture does not become a wall of labels.
    public static func labelledTasks(weights: [Double], most: Int = 8, top: Int = 3) -> [Int] {
        weights.count <= most ? Array(weights.indices) : Array(TopKText.ranking(weights).prefix(max(0, top)))
    }

    /// Writes `placements` into `buffer`.
    public static func write(_ placements: [LabelPlacement], into buffer: inout Buffer) {
        for p in placements { buffer.write(p.text, x: p.x, y: p.y, style: p.style) }
    }

    /// True when `width` cells from (x, y) are free and the cells just left and right hold no label.
    static func fits(width: Int, x: Int, y: Int, in occupancy: CellOccupancy) -> Bool {
        guard width > 0 else { return false }
        for column in x..<(x + width) where !occupancy.isFree(x: column, y: y) { return false }
        return occupancy.owner(x: x - 1, y: y) != .label && occupancy.owner(x: x + width, y: y) != .label
    }
}
