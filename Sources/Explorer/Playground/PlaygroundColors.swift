import SDMGrad
import TerminalUI

/// The playground's colours: a perceptual ramp (viridis in the 256 palette) for the map, one
/// colour per method with a fade from start to end, and the marks' colours.
enum PlaygroundColors {
    /// Levels of the map's colour ramp.
    static let levels = 12
    /// The map's ramp, low loss dark: viridis without its yellow end, so the runs' colours stay readable on it.
    static let ramp: [Color] = Palette256.ramp(Array(Palette256.viridisAnchors.prefix(8)), count: levels)
    /// The contour lines' colour on level i: a few steps darker (lighter on the darkest levels).
    static func contour(onLevel i: Int) -> Color { ramp[i >= 3 ? i - 3 : min(levels - 1, i + 4)] }

    /// Each method's RGB, bright enough to read over viridis.
    static func rgb(_ method: ToyMethod) -> (Int, Int, Int) {
        switch method {
        case .mean: return (255, 255, 255)
        case .mgda: return (255, 135, 0)
        case .pcgrad: return (255, 95, 255)
        case .cagrad: return (135, 175, 255)
        case .sdmgradToy: return (255, 175, 175)
        case .sdmgrad: return (255, 0, 0)
        }
    }

    /// Shades of a method from the start (faint) to the end (full).
    static let fadeSteps = 5
    static let fades: [ToyMethod: [Color]] = Dictionary(uniqueKeysWithValues: ToyMethod.allCases.map { method in
        let (r, g, b) = rgb(method)
        let grey = 110
        return (method, (0..<fadeSteps).map { k in
            let t = 0.35 + 0.65 * Double(k) / Double(fadeSteps - 1)
            func mix(_ v: Int) -> Int { Int(Double(grey) + (Double(v) - Double(grey)) * t) }
            return Palette256.nearest(r: mix(r), g: mix(g), b: mix(b))
        })
    })

    /// The method's colour at fraction `t` of the run (0 start, 1 end).
    static func fade(_ method: ToyMethod, _ t: Double) -> Color {
        let shades = fades[method]!
        return shades[min(fadeSteps - 1, max(0, Int(t * Double(fadeSteps))))]
    }

    /// The method's full colour.
    static func color(_ method: ToyMethod) -> Color { fades[method]!.last! }

    /// The Pareto segment.
    static let pareto: Color = .indexed(231)
    /// The optima's marks.
    static let optimum: Color = .indexed(226)
    /// The start points' marks.
    static let start: Color = .indexed(231)
    /// A verdict's colour.
    static func verdict(_ v: StabilityVerdict) -> Color {
        switch v {
        case .converges: return .green
        case .oscillates: return .yellow
        case .diverges: return .red
        }
    }
    /// Panel borders and labels.
    static let frame = Style(fg: .brightBlack)
    static let title = Style(fg: .brightWhite, bold: true)
    static let label = Style(dim: true)
    static let emphasis = Style(fg: .brightWhite, bold: true)
    static let warning = Style(fg: .yellow, bold: true)
}
