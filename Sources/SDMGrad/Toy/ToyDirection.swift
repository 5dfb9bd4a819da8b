/// One step's update direction and the coefficients (a1, a2) with direction = a1 g1 + a2 g2.
public struct ToyDirection: Equatable, Sendable {
    /// The vector handed to Adam as the gradient.
    public var direction: SIMD2<Double>
    /// The coefficients (a1, a2) of g1 and g2.
    public var weights: SIMD2<Double>

    /// A direction with its coefficients.
    public init(direction: SIMD2<Double>, weights: SIMD2<Double>) {
        self.direction = direction
        self.weights = weights
    }
}
