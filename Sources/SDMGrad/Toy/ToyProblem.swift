#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The two-task toy of CAGrad and of SDMGrad's official code (SPEC section 8), with exact gradients.
public enum ToyProblem {
    /// The floor of the clamp inside the log terms (LOWER).
    public static let lower = 5e-6

    /// The losses (L1, L2) at x.
    public static func losses(at x: SIMD2<Double>) -> SIMD2<Double> {
        let x1 = x.x, x2 = x.y
        let t = tanh(-x2)
        let f1 = log(max(abs(0.5 * (-x1 - 7) - t), lower)) + 6
        let f2 = log(max(abs(0.5 * (-x1 + 3) + t + 2), lower)) + 6
        let q1 = ((-x1 + 7) * (-x1 + 7) + 0.1 * ((-x2 - 8) * (-x2 - 8))) / 10 - 20
        let q2 = ((-x1 - 7) * (-x1 - 7) + 0.1 * ((-x2 - 8) * (-x2 - 8))) / 10 - 20
        let c1 = max(tanh(x2 * 0.5), 0), c2 = max(tanh(-x2 * 0.5), 0)
        return SIMD2(c1 * f1 + c2 * q1, c1 * f2 + c2 * q2)
    }

    /// The average loss (L1 + L2) / 2 at x.
    public static func averageLoss(at x: SIMD2<Double>) -> Double {
        let l = losses(at: x)
        return (l.x + l.y) / 2
    }

    /// The exact gradients of L1 and L2 at x, with torch's conventions at the kinks:
    /// the clamps pass the gradient where the input is >= the floor (zero below), and d|u|/du = sign(u), sign(0) = 0.
    public static func gradients(at x: SIMD2<Double>) -> ToyGradients {
        let x1 = x.x, x2 = x.y
        let t = tanh(-x2)
        let slope = 1 - t * t  // d tanh(v)/dv at v = -x2
        let u1 = 0.5 * (-x1 - 7) - t  // du1/dx = (-0.5, +slope)
        let u2 = 0.5 * (-x1 + 3) + t + 2  // du2/dx = (-0.5, -slope)
        let f1 = log(max(abs(u1), lower)) + 6
        let f2 = log(max(abs(u2), lower)) + 6
        // d log(max(|u|, LOWER))/du = sign(u)/|u| = 1/u at or above the floor, 0 below (u = 0 is below).
        let df1 = abs(u1) >= lower ? 1 / u1 : 0
        let df2 = abs(u2) >= lower ? 1 / u2 : 0
        let q1 = ((-x1 + 7) * (-x1 + 7) + 0.1 * ((-x2 - 8) * (-x2 - 8))) / 10 - 20
        let q2 = ((-x1 - 7) * (-x1 - 7) + 0.1 * ((-x2 - 8) * (-x2 - 8))) / 10 - 20
        let dq2dx2 = 0.02 * (x2 + 8)
        let s1 = tanh(x2 * 0.5), s2 = tanh(-x2 * 0.5)
        let c1 = max(s1, 0), c2 = max(s2, 0)
        let dc1 = s1 >= 0 ? 0.5 * (1 - s1 * s1) : 0
        let dc2 = s2 >= 0 ? -0.5 * (1 - s2 * s2) : 0
        let g1 = SIMD2(
            c1 * (-0.5 * df1) + c2 * ((x1 - 7) / 5),
            c1 * (slope * df1) + c2 * dq2dx2 + dc1 * f1 + dc2 * q1)
        let g2 = SIMD2(
            c1 * (-0.5 * df2) + c2 * ((x1 + 7) / 5),
            c1 * (-slope * df2) + c2 * dq2dx2 + dc1 * f2 + dc2 * q2)
        return ToyGradients(g1: g1, g2: g2)
    }
}
