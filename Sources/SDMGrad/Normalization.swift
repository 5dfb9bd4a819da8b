/// The scale s and the normalized matrix Â of SPEC section 1.
public struct Normalization: Equatable, Sendable {
    /// s: the mean square root of the (clamped) diagonal.
    public let scale: Double
    /// Â: A divided by s^2 (+ 1e-8 for torchjd and libmtl).
    public let matrix: Matrix

    /// Normalizes a square matrix the way `variant` does; throws when the official scale is undefined.
    public init(_ a: Matrix, variant: Variant) throws {
        precondition(a.isSquare, "A must be square")
        let m = a.rows
        let diagonal = a.diagonal
        var sum = 0.0
        let divisor: Double
        switch variant {
        case .torchjd, .libmtl:
            for d in diagonal { sum += max(d, 0).squareRoot() }
            let s = sum / Double(m)
            scale = s
            divisor = s * s + 1e-8
        case .official:
            if let i = diagonal.firstIndex(where: { $0 + 1e-4 < 0 }) {
                throw InputError("the official variant's scale is undefined: A[\(i + 1),\(i + 1)] = \(diagonal[i]) < -1e-4, so sqrt(A_ii + 1e-4) is not real")
            }
            for d in diagonal { sum += (d + 1e-4).squareRoot() }
            let s = sum / Double(m)
            guard s > 0 else { throw InputError("the official variant's scale is zero: every A_ii equals -1e-4") }
            scale = s
            divisor = s * s
        }
        matrix = Matrix(rows: m, columns: m, storage: Normalization.divided(a.storage, by: divisor))
    }

    /// Every entry divided (not multiplied by a reciprocal, so each matches torch's A / d), two lanes at a time.
    static func divided(_ values: [Double], by divisor: Double) -> [Double] {
        let n = values.count
        return [Double](unsafeUninitializedCapacity: n) { out, count in
            values.withUnsafeBufferPointer { source in
                let d = SIMD2<Double>(repeating: divisor)
                var i = 0
                while i + 2 <= n {
                    let x = SIMD2<Double>(source[i], source[i + 1]) / d
                    out[i] = x[0]
                    out[i + 1] = x[1]
                    i += 2
                }
                if i < n { out[i] = source[i] / divisor }
            }
            count = n
        }
    }
}
