/// The update directions the toy can train with (SPEC section 8).
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

    /// lambda when not given: 0.3 for `sdmgrad` (torchjd's default), 0.01 for `sdmgrad-toy` (the official toy's).
    public var defaultLambda: Double { self == .sdmgradToy ? 0.01 : 0.3 }

    /// Whether lambda changes this method's direction.
    public var usesLambda: Bool { self == .sdmgrad || self == .sdmgradToy }
}
