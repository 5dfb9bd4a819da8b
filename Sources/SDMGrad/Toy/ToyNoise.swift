extension ToyGradients {
    /// A noisy sample: every entry plus s N(0, 1), drawn in the order g1.x, g1.y, g2.x, g2.y.
    /// With s = 0 nothing is drawn and the exact pair is returned.
    public func sample(noise s: Double, random: inout SeededRandom) -> ToyGradients {
        guard s != 0 else { return self }
        let a = random.nextNormal(), b = random.nextNormal(), c = random.nextNormal(), d = random.nextNormal()
        return ToyGradients(g1: g1 + s * SIMD2(a, b), g2: g2 + s * SIMD2(c, d))
    }
}
