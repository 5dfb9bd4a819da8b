/// The xterm 256-colour palette as RGB, and ramps snapped to it (for heat maps and fades).
public enum Palette256 {
    /// The six levels of the 6x6x6 colour cube.
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB of palette entries 16-255 (the cube and the grey ramp); nil below 16 (terminal-defined).
    public static func rgb(_ index: Int) -> (r: Int, g: Int, b: Int)? {
        switch index {
        case 16..<232:
            let i = index - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        case 232..<256:
            let v = 8 + 10 * (index - 232)
            return (v, v, v)
        default: return nil
        }
    }

    /// The entry of 16-255 nearest to (r, g, b) in squared RGB distance.
    public static func nearest(r: Int, g: Int, b: Int) -> Color {
        var best = 16, bestDistance = Int.max
        for index in 16..<256 {
            let c = rgb(index)!
            let d = (c.r - r) * (c.r - r) + (c.g - g) * (c.g - g) + (c.b - b) * (c.b - b)
            if d < bestDistance { best = index; bestDistance = d }
        }
        return .indexed(UInt8(best))
    }

    /// `count` colours evenly along the piecewise-linear path through `anchors` (RGB), each
    /// snapped to the palette.
    public static func ramp(_ anchors: [(Int, Int, Int)], count: Int) -> [Color] {
        guard count > 0, !anchors.isEmpty else { return [] }
        guard anchors.count > 1, count > 1 else {
            return Array(repeating: nearest(r: anchors[0].0, g: anchors[0].1, b: anchors[0].2), count: count)
        }
        return (0..<count).map { i in
            let t = Double(i) / Double(count - 1) * Double(anchors.count - 1)
            let k = min(Int(t), anchors.count - 2), f = t - Double(k)
            let a = anchors[k], b = anchors[k + 1]
            func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * f).rounded()) }
            return nearest(r: mix(a.0, b.0), g: mix(a.1, b.1), b: mix(a.2, b.2))
        }
    }

    /// Viridis (matplotlib's perceptually uniform map), dark purple to yellow, as RGB anchors.
    public static let viridisAnchors: [(Int, Int, Int)] = [
        (68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37),
    ]
}
