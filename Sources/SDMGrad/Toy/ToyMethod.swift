/// The update directions the toy can train with (SPEC section 8).
///
/// Code asks a method for its `rules` (its colour, the settings it reads, how it turns gradients into a direction)
/// instead of comparing methods by identity, as `Variant` does: a new method is one new case and one `ToyMethodRules`.
public enum ToyMethod: String, CaseIterable, Sendable {
    /// The mean gradient g0.
    case mean
    /// MGDA's min-norm point of the segment [g1, g2] (closed form).
    case mgda
    /// PCGrad: each gradient projected off the other when they conflict.
    case pcgrad
    /// CAGrad with its conflict-averse radius c.
    case cagrad
    /// The official toy's closed form of SDMGrad with lambda.
    case sdmgradToy = "sdmgrad-toy"
    /// torchjd's stateful SDMGradWeighting on A = J_xi J_xi'^T, direction J_zeta^T weights.
    case sdmgrad

    /// Everything that distinguishes this method.
    public var rules: ToyMethodRules {
        switch self {
        case .mean:
            return ToyMethodRules(rgb: (255, 255, 255), parameters: [], direction: .oneSample { g, _ in .mean(g) })
        case .mgda:
            return ToyMethodRules(rgb: (255, 135, 0), parameters: [], direction: .oneSample { g, _ in .mgda(g) })
        case .pcgrad:
            return ToyMethodRules(rgb: (255, 95, 255), parameters: [], direction: .oneSample { g, _ in .pcgrad(g) })
        case .cagrad:
            return ToyMethodRules(
                rgb: (135, 175, 255), parameters: [.c], direction: .oneSample { g, s in .cagrad(g, c: s.c) })
        case .sdmgradToy:
            return ToyMethodRules(
                rgb: (255, 175, 175), parameters: [.lambda], defaultLambda: 0.01,
                direction: .oneSample { g, s in .sdmgradToy(g, lambda: s.lambda) })
        case .sdmgrad:
            return ToyMethodRules(rgb: (255, 0, 0), parameters: [.lambda, .innerSolver], direction: .stochasticSDMGrad)
        }
    }

    /// lambda when not given: 0.3 for `sdmgrad` (torchjd's default), 0.01 for `sdmgrad-toy` (the official toy's).
    public var defaultLambda: Double { rules.defaultLambda }

    /// Whether lambda changes this method's direction.
    public var usesLambda: Bool { rules.parameters.contains(.lambda) }

    /// Whether the method reads `parameter`.
    public func reads(_ parameter: ToyParameter) -> Bool { rules.parameters.contains(parameter) }

    /// The names of the methods that read `parameter`: "sdmgrad-toy and sdmgrad".
    public static func names(reading parameter: ToyParameter) -> String {
        let names = allCases.filter { $0.reads(parameter) }.map(\.rawValue)
        return names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}

/// A setting a toy method may read besides the shared ones (start, steps, lr, noise, seed).
public enum ToyParameter: Sendable {
    /// SDMGrad's lambda.
    case lambda
    /// CAGrad's radius c.
    case c
    /// The inner solver's settings (variant, inner lr, momentum, iterations, preference).
    case innerSolver
}

/// What a toy method is: its colour, the settings it reads and how it finds a direction.
public struct ToyMethodRules: Sendable {
    /// How a method turns gradients into a direction.
    public enum Direction: Sendable {
        /// From one noisy sample of the two gradients and the run's settings.
        case oneSample(@Sendable (ToyGradients, ToyRunSettings) -> ToyDirection)
        /// torchjd's stateful weighting from two samples for A and a third for the direction.
        case stochasticSDMGrad
    }

    /// The method's full colour as RGB, bright enough to read over the map's viridis ramp (the theme fades it).
    public let rgb: (Int, Int, Int)
    /// The settings beyond the shared ones that change its direction.
    public let parameters: Set<ToyParameter>
    /// lambda when not given (read only when `parameters` has lambda).
    public let defaultLambda: Double
    /// How it finds a direction.
    public let direction: Direction

    /// Rules from their parts.
    public init(rgb: (Int, Int, Int), parameters: Set<ToyParameter>, defaultLambda: Double = 0.3, direction: Direction)
    {
        self.rgb = rgb
        self.parameters = parameters
        self.defaultLambda = defaultLambda
        self.direction = direction
    }
}
