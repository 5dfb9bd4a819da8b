/// The three start points of the papers' toy figures.
public enum ToyStarts {
    /// (-8.5, 7.5), (-8.5, -5) and (9, 9), in the papers' order.
    public static let all: [SIMD2<Double>] = [SIMD2(-8.5, 7.5), SIMD2(-8.5, -5), SIMD2(9, 9)]
    /// The default start of `train`: (-8.5, 7.5).
    public static let standard = all[0]
}
