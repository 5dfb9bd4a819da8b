extension ToyDirection {
    /// `sdmgrad-toy` (the official toy's closed form): x in [0, 1] minimizes |gw|^2 + 2 lambda gw . g0 with
    /// gw = x g1 + (1 - x) g2 (a quadratic: exact); direction (gw + lambda g0) / (1 + lambda).
    public static func sdmgradToy(_ g: ToyGradients, lambda: Double) -> ToyDirection {
        let x = sdmgradToyMixture(g, lambda: lambda)
        let gw = x * g.g1 + (1 - x) * g.g2
        return ToyDirection(
            direction: (gw + lambda * g.mean) / (1 + lambda),
            weights: SIMD2((x + lambda / 2) / (1 + lambda), (1 - x + lambda / 2) / (1 + lambda)))
    }

    /// The x in [0, 1] minimizing |gw|^2 + 2 lambda gw . g0: the stationary point
    /// -(d . g2 + lambda d . g0) / |d|^2 (d = g1 - g2) clamped to [0, 1]; 1/2 when g1 = g2 (every x gives the same gw).
    public static func sdmgradToyMixture(_ g: ToyGradients, lambda: Double) -> Double {
        let d = g.g1 - g.g2
        let dd = planeDot(d, d)
        guard dd > 0 else { return 0.5 }
        let x = -(planeDot(d, g.g2) + lambda * planeDot(d, g.mean)) / dd
        return min(max(x, 0), 1)
    }
}
