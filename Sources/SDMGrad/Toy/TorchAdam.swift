#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// torch.optim.Adam on a point of the plane, in double precision, with torch's order of operations
/// (single-tensor path, no weight decay, no amsgrad): m.lerp_(g, 1 - beta1); v.mul_(beta2).addcmul_(g, g, 1 - beta2);
/// denom = sqrt(v) / sqrt(1 - beta2^t) + eps; p.addcdiv_(m, denom, -lr / (1 - beta1^t)).
public struct TorchAdam: Equatable, Sendable {
    /// Learning rate.
    public var lr: Double
    /// Decay of the first moment (torch's default 0.9).
    public var beta1: Double
    /// Decay of the second moment (torch's default 0.999).
    public var beta2: Double
    /// Added to the denominator (torch's default 1e-8).
    public var eps: Double
    /// The first moment m (exp_avg).
    public private(set) var m = SIMD2<Double>(0, 0)
    /// The second moment v (exp_avg_sq).
    public private(set) var v = SIMD2<Double>(0, 0)
    /// Steps taken so far (torch's `step`).
    public private(set) var step = 0

    /// An optimizer with torch's defaults apart from `lr`.
    public init(lr: Double, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
    }

    /// One update of `x` with `gradient` as its gradient.
    public mutating func update(_ x: inout SIMD2<Double>, gradient g: SIMD2<Double>) {
        step += 1
        // torch.lerp with weight < 0.5 computes self + weight * (end - self).
        m = m + (1 - beta1) * (g - m)
        v = v * beta2 + ((1 - beta2) * g) * g
        let t = Double(step)
        let biasCorrection1 = 1 - pow(beta1, t)
        let biasCorrection2 = 1 - pow(beta2, t)
        let stepSize = lr / biasCorrection1
        let biasCorrection2Sqrt = biasCorrection2.squareRoot()
        let denom = SIMD2(v.x.squareRoot(), v.y.squareRoot()) / biasCorrection2Sqrt + eps
        // addcdiv: p + value * t1 / t2, evaluated left to right.
        x = x + (-stepSize * m) / denom
    }
}
