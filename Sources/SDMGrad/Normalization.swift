import Synchronization

/// The scale s and the normalized matrix Â of SPEC section 1.
///
/// Â = A / divisor is built only when first asked for (and then kept): the solver reads A and divides
/// each entry it uses on the fly, which gives the same numbers without writing a second m x m matrix
/// on every call. Small matrices are divided at once.
public struct Normalization: Equatable, Sendable {
    /// s: the mean square root of the (clamped or shifted) diagonal.
    public let scale: Double
    /// The divisor of Â = A / divisor: s^2 + 1e-8 (torchjd, libmtl) or s^2 (official).
    public let divisor: Double
    /// A as given.
    public let source: Matrix
    private let cache: NormalizedMatrixCache

    /// Up to this many entries Â is built at once (it is cheap and the solver's small path reads it).
    static let eagerEntries = 64 * 64

    /// Â: A divided by the divisor (built on first use, then kept).
    public var matrix: Matrix { cache.matrix(source: source, divisor: divisor) }

    /// The first `rows` rows of Â (all of Â when it is built), without building the rest: what a
    /// view that shows a corner of Â needs at any m.
    public func leadingRows(_ rows: Int) -> Matrix {
        if let built = cache.built { return built }
        let r = min(max(rows, 0), source.rows)
        return Matrix(
            rows: r, columns: source.columns,
            storage: Normalization.divided(Array(source.storage.prefix(r * source.columns)), by: divisor))
    }

    /// Â when it is already built (always for small m), else nil; never builds it.
    public var builtMatrix: Matrix? { cache.built }

    /// Normalizes a square matrix the way `variant` does; throws when the official scale is undefined.
    public init(_ a: Matrix, variant: Variant) throws {
        precondition(a.isSquare, "A must be square")
        let m = a.rows
        var sum = 0.0
        switch variant.rules.scale {
        case .clampedDiagonalPlusEpsilon:
            for i in 0..<m { sum += max(a[i, i], 0).squareRoot() }
            let s = sum / Double(m)
            scale = s
            divisor = s * s + 1e-8
        case .shiftedDiagonal:
            if let i = (0..<m).first(where: { a[$0, $0] + 1e-4 < 0 }) {
                throw InputError(
                    "the official variant's scale is undefined: A[\(i + 1),\(i + 1)] = \(a[i, i]) < -1e-4, so sqrt(A_ii + 1e-4) is not real"
                )
            }
            for i in 0..<m { sum += (a[i, i] + 1e-4).squareRoot() }
            let s = sum / Double(m)
            guard s > 0 else { throw InputError("the official variant's scale is zero: every A_ii equals -1e-4") }
            scale = s
            divisor = s * s
        }
        source = a
        cache = NormalizedMatrixCache()
        if a.storage.count <= Normalization.eagerEntries { _ = cache.matrix(source: a, divisor: divisor) }
    }

    /// Equal when built from the same A with the same scale (then Â is the same too).
    public static func == (lhs: Normalization, rhs: Normalization) -> Bool {
        lhs.scale == rhs.scale && lhs.divisor == rhs.divisor && lhs.source == rhs.source
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

/// Holds Â once built; shared by copies of a Normalization and safe to fill from any thread.
final class NormalizedMatrixCache: Sendable {
    private let stored = Mutex<Matrix?>(nil)

    /// Â, building it from A and the divisor on first use.
    func matrix(source: Matrix, divisor: Double) -> Matrix {
        stored.withLock { value in
            if let value { return value }
            let built = Matrix(
                rows: source.rows, columns: source.columns,
                storage: Normalization.divided(source.storage, by: divisor))
            value = built
            return built
        }
    }

    /// Â if it was built.
    var built: Matrix? { stored.withLock { $0 } }
}
