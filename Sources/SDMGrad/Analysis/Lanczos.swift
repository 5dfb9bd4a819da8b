/// The leading (largest) eigenpairs of a symmetric operator known only through products S x:
/// Lanczos with full reorthogonalization and a fixed budget of products.
public struct LeadingEigenpairs: Sendable {
    /// The largest eigenvalues found, descending.
    public let values: [Double]
    /// Their unit eigenvectors, as the columns of an m x count matrix.
    public let vectors: Matrix
    /// ||S v - value v|| for each pair (0 for an exact pair).
    public let residuals: [Double]
    /// True when every residual is within the tolerance (or the Krylov space became invariant).
    public let converged: Bool
    /// How many products S x were used.
    public let products: Int

    /// Runs Lanczos on the m x m symmetric operator `apply` (out = S x) for the `count` largest eigenvalues,
    /// with at most `budget` products; stops once every wanted pair has a residual <= tolerance * |largest|.
    /// Returns nil when `isCancelled` says so (checked between products); `progress` gets the share of
    /// the budget spent.
    public static func compute(
        m: Int, count: Int, budget: Int = 120, tolerance: Double = 1e-10,
        apply: (_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>) -> Void,
        isCancelled: () -> Bool = { false },
        progress: (Double) -> Void = { _ in }
    ) -> LeadingEigenpairs? {
        let k = min(count, m)
        let steps = max(k, min(budget, m))
        var basis: [[Double]] = []  // orthonormal Lanczos vectors q_1, q_2, ...
        var alpha: [Double] = [], beta: [Double] = []
        var random = SeededRandom(seed: 0x5EED_1A4C)
        var q = (0..<m).map { _ in random.nextNormal() }
        normalize(&q)
        var next = [Double](repeating: 0, count: m)
        var invariant = false
        var ritz: (values: [Double], vectors: Matrix, lastRow: [Double]) = ([], Matrix.zeros(rows: 0, columns: 0), [])
        while basis.count < steps {
            if isCancelled() { return nil }
            progress(Double(basis.count) / Double(steps))
            basis.append(q)
            q.withUnsafeBufferPointer { x in
                next.withUnsafeMutableBufferPointer { out in apply(x.baseAddress!, out.baseAddress!) }
            }
            let a = dot(next, q)
            alpha.append(a)
            // Full reorthogonalization, twice: keeps the basis orthonormal to rounding.
            for _ in 0..<2 {
                for v in basis {
                    let c = dot(next, v)
                    for i in 0..<m { next[i] -= c * v[i] }
                }
            }
            let b = euclideanNorm(next)
            let j = basis.count
            let checkNow = j >= k && (j % 4 == 0 || j == steps)
            let scale = max(abs(a), alpha.map(abs).max() ?? 0, beta.max() ?? 0, 1e-300)
            if b <= 1e-13 * scale || j == m {
                invariant = true
            }
            if checkNow || invariant {
                ritz = tridiagonalEigen(alpha: alpha, beta: beta)
                let top = max(abs(ritz.values.first ?? 0), abs(ritz.values.last ?? 0), 1e-300)
                let residuals = (0..<min(k, j)).map { abs(b * ritz.lastRow[$0]) }
                if invariant || residuals.allSatisfy({ $0 <= tolerance * top }) { break }
            }
            beta.append(b)
            q = next.map { $0 / b }
        }
        if ritz.values.count != basis.count {
            ritz = tridiagonalEigen(alpha: alpha, beta: Array(beta.prefix(alpha.count - 1)))
        }
        let found = min(k, basis.count)
        var vectors = Matrix.zeros(rows: m, columns: found)
        for c in 0..<found {
            for (t, v) in basis.enumerated() {
                let s = ritz.vectors[t, c]
                if s == 0 { continue }
                for i in 0..<m { vectors[i, c] += s * v[i] }
            }
        }
        // Residuals measured directly (one more product per pair), so the flag is honest.
        var residuals: [Double] = []
        var column = [Double](repeating: 0, count: m), image = column
        for c in 0..<found {
            for i in 0..<m { column[i] = vectors[i, c] }
            column.withUnsafeBufferPointer { x in
                image.withUnsafeMutableBufferPointer { apply(x.baseAddress!, $0.baseAddress!) }
            }
            residuals.append(euclideanDistance(image, column.map { ritz.values[c] * $0 }))
        }
        let top = max(abs(ritz.values.first ?? 0), 1e-300)
        let converged = residuals.allSatisfy { $0 <= max(tolerance, 1e-9) * top }
        return LeadingEigenpairs(
            values: Array(ritz.values.prefix(found)), vectors: vectors, residuals: residuals,
            converged: converged, products: basis.count + found)
    }

    /// Eigenvalues (descending), eigenvectors and their last components of the symmetric tridiagonal
    /// matrix with diagonal `alpha` and off-diagonal `beta` (implicit QL with Wilkinson shifts).
    static func tridiagonalEigen(alpha: [Double], beta: [Double]) -> (
        values: [Double], vectors: Matrix, lastRow: [Double]
    ) {
        let n = alpha.count
        var d = alpha
        var e = [Double](repeating: 0, count: n)
        for i in 0..<min(beta.count, n - 1) { e[i] = beta[i] }
        var z = [Double](repeating: 0, count: n * n)  // z[row * n + col], columns are eigenvectors
        for i in 0..<n { z[i * n + i] = 1 }
        for l in 0..<n {
            var iterations = 0
            while true {
                var mIndex = l
                while mIndex < n - 1 {
                    let dd = abs(d[mIndex]) + abs(d[mIndex + 1])
                    if abs(e[mIndex]) <= 1e-16 * dd { break }
                    mIndex += 1
                }
                if mIndex == l { break }
                iterations += 1
                if iterations > 60 { break }
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = hypot2(g, 1)
                g = d[mIndex] - d[l] + e[l] / (g + (g >= 0 ? abs(r) : -abs(r)))
                var s = 1.0, c = 1.0, p = 0.0
                var i = mIndex - 1
                var underflow = false
                while i >= l {
                    var f = s * e[i]
                    let b = c * e[i]
                    r = hypot2(f, g)
                    e[i + 1] = r
                    if r == 0 {
                        d[i + 1] -= p
                        e[mIndex] = 0
                        underflow = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    for k in 0..<n {
                        f = z[k * n + i + 1]
                        z[k * n + i + 1] = s * z[k * n + i] + c * f
                        z[k * n + i] = c * z[k * n + i] - s * f
                    }
                    i -= 1
                }
                if underflow { continue }
                d[l] -= p
                e[l] = g
                e[mIndex] = 0
            }
        }
        let order = (0..<n).sorted { d[$0] > d[$1] }
        var vectors = Matrix.zeros(rows: n, columns: n)
        for (c, k) in order.enumerated() { for r in 0..<n { vectors[r, c] = z[r * n + k] } }
        return (order.map { d[$0] }, vectors, order.map { z[(n - 1) * n + $0] })
    }

    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        x.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { b in LinearAlgebra.dot(a.baseAddress!, b.baseAddress!, count: x.count) }
        }
    }

    static func normalize(_ x: inout [Double]) {
        let n = euclideanNorm(x)
        if n > 0 { for i in x.indices { x[i] /= n } }
    }
}
