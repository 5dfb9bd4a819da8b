extension ToyDirection {
    /// `mean`: g0 = (g1 + g2) / 2.
    public static func mean(_ g: ToyGradients) -> ToyDirection {
        ToyDirection(direction: g.mean, weights: SIMD2(0.5, 0.5))
    }
}
