/// The gradients g1, g2 of the two toy losses (or noisy samples of them), with their inner products.
public struct ToyGradients: Equatable, Sendable {
    /// Gradient of L1.
    public var g1: SIMD2<Double>
    /// Gradient of L2.
    public var g2: SIMD2<Double>

    /// A pair of gradients.
    public init(g1: SIMD2<Double>, g2: SIMD2<Double>) {
        self.g1 = g1
        self.g2 = g2
    }

    /// g0 = (g1 + g2) / 2.
    public var mean: SIMD2<Double> { (g1 + g2) / 2 }
    /// g1 . g1.
    public var g11: Double { planeDot(g1, g1) }
    /// g1 . g2.
    public var g12: Double { planeDot(g1, g2) }
    /// g2 . g2.
    public var g22: Double { planeDot(g2, g2) }

    /// The combination a1 g1 + a2 g2.
    public func combined(_ weights: SIMD2<Double>) -> SIMD2<Double> { weights.x * g1 + weights.y * g2 }
}

/// The dot product of two plane vectors.
@inline(__always) func planeDot(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double { a.x * b.x + a.y * b.y }
