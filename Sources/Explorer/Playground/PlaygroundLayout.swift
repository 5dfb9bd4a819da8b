import SDMGrad
import TerminalUI

/// Where the playground's panels go at a size, computed once per frame and reused for mouse hit-tests.
public struct PlaygroundLayout: Sendable {
    /// The smallest size with every panel.
    public static let minimumWidth = 80, minimumHeight = 24

    /// The frame's size.
    public let width: Int, height: Int
    /// Row 0: the settings and the computation's progress.
    public let header: Rect
    /// The map (contours, Pareto set, trajectories), a box.
    public let map: Rect
    /// The methods and where each run is at the shown step, a box.
    public let methods: Rect
    /// The sdmgrad weights and the inner solver's verdicts, a box.
    public let weights: Rect
    /// L1 against L2 with the Pareto front, a box.
    public let lossSpace: Rect
    /// The step slider row.
    public let slider: Rect
    /// The status row: a message or the key hint.
    public let status: Rect

    /// Whether every panel fits.
    public var fits: Bool { width >= Self.minimumWidth && height >= Self.minimumHeight }

    /// The layout at `width` x `height`.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        header = Rect(x: 0, y: 0, width: width, height: 1)
        slider = Rect(x: 0, y: max(0, height - 2), width: width, height: 1)
        status = Rect(x: 0, y: max(0, height - 1), width: width, height: 1)
        let bodyHeight = max(0, height - 3)
        // Half-block pixels are about square: a square domain wants as many pixels across as down.
        let mapWidth = min(max(0, width - 36), 2 * max(0, bodyHeight - 2) + 2)
        map = Rect(x: 0, y: 1, width: mapWidth, height: bodyHeight)
        let rightWidth = max(0, width - mapWidth)
        let methodsHeight = min(bodyHeight, ToyMethod.allCases.count + 3)
        let weightsHeight = min(max(0, bodyHeight - methodsHeight), bodyHeight >= 30 ? 9 : 6)
        methods = Rect(x: mapWidth, y: 1, width: rightWidth, height: methodsHeight)
        weights = Rect(x: mapWidth, y: 1 + methodsHeight, width: rightWidth, height: weightsHeight)
        lossSpace = Rect(
            x: mapWidth, y: 1 + methodsHeight + weightsHeight, width: rightWidth,
            height: max(0, bodyHeight - methodsHeight - weightsHeight))
    }

    /// Everything between the header and the slider (where the help goes).
    public var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 3)) }

    /// The map's canvas (inside its box).
    public var mapCanvas: Rect { map.inset(by: 1) }
}
