extension ToyDirection {
    /// `pcgrad`: when g12 < 0, ((1 - g12/g11) g1 + (1 - g12/g22) g2) / 2 (each gradient loses its
    /// component along the other), else g0.
    public static func pcgrad(_ g: ToyGradients) -> ToyDirection {
        let g12 = g.g12
        guard g12 < 0 else { return mean(g) }
        let a1 = 1 - g12 / g.g11, a2 = 1 - g12 / g.g22
        return ToyDirection(direction: (a1 * g.g1 + a2 * g.g2) / 2, weights: SIMD2(a1 / 2, a2 / 2))
    }
}
