extension ToyDirection {
    /// `mgda`: the official toy's closed form, x = (g22 - g12) / (g11 + g22 - 2 g12 + 1e-8) when
    /// g12 < min(g11, g22), else the shorter gradient; direction x g1 + (1 - x) g2.
    public static func mgda(_ g: ToyGradients) -> ToyDirection {
        let g11 = g.g11, g12 = g.g12, g22 = g.g22
        let x: Double
        if g12 < min(g11, g22) {
            x = (g22 - g12) / (g11 + g22 - 2 * g12 + 1e-8)
        } else if g11 < g22 {
            x = 1
        } else {
            x = 0
        }
        return ToyDirection(direction: x * g.g1 + (1 - x) * g.g2, weights: SIMD2(x, 1 - x))
    }
}
