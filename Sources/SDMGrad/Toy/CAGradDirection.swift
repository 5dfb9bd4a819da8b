extension ToyDirection {
    /// `cagrad` (the official toy's form): coef = c * 0.5 sqrt(g11 + g22 + 2 g12 + 1e-4); x in [0, 1] minimizes
    /// coef sqrt(|gw|^2 + 1e-4) + gw . g0 with gw = x g1 + (1 - x) g2 (convex: solved to 1e-12);
    /// direction (g0 + coef / (sqrt(|gw|^2 + 1e-4) + 1e-4) gw) / (1 + c).
    public static func cagrad(_ g: ToyGradients, c: Double) -> ToyDirection {
        let x = cagradMixture(g, c: c)
        let g0 = g.mean
        let coef = cagradCoefficient(g, c: c)
        let gw = x * g.g1 + (1 - x) * g.g2
        let gwNorm = (planeDot(gw, gw) + 1e-4).squareRoot()
        let scale = coef / (gwNorm + 1e-4)
        return ToyDirection(
            direction: (g0 + scale * gw) / (1 + c),
            weights: SIMD2((0.5 + scale * x) / (1 + c), (0.5 + scale * (1 - x)) / (1 + c)))
    }

    /// c ||g0|| as the official toy computes it: c * 0.5 sqrt(g11 + g22 + 2 g12 + 1e-4).
    public static func cagradCoefficient(_ g: ToyGradients, c: Double) -> Double {
        c * 0.5 * (g.g11 + g.g22 + 2 * g.g12 + 1e-4).squareRoot()
    }

    /// The x in [0, 1] minimizing coef sqrt(|gw|^2 + 1e-4) + gw . g0.
    public static func cagradMixture(_ g: ToyGradients, c: Double) -> Double {
        let coef = cagradCoefficient(g, c: c)
        let d = g.g1 - g.g2, g0 = g.mean
        let dd = planeDot(d, d), dg2 = planeDot(d, g.g2), dg0 = planeDot(d, g0)
        // q(x) = |g2 + x d|^2 + 1e-4; the objective's derivative is coef (dd x + dg2) / sqrt(q) + dg0,
        // non-decreasing since its slope coef (dd (g22 + 1e-4) - dg2^2) / q^1.5 is >= 0 (Cauchy-Schwarz).
        let curvature = max(dd * (g.g22 + 1e-4) - dg2 * dg2, 0)
        return MonotoneRoot.minimizer { x in
            let gw = g.g2 + x * d
            let q = planeDot(gw, gw) + 1e-4
            let root = q.squareRoot()
            return (coef * (dd * x + dg2) / root + dg0, coef * curvature / (q * root))
        }
    }
}
