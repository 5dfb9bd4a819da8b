/// Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (accurate for the small m here).
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in descending order.
    public let values: [Double]
    /// Eigenvectors as the columns of an m x m matrix, in the order of `values`.
    public let vectors: Matrix

    /// Decomposes the symmetric part of `a`, (A + A^T) / 2.
    public init(symmetricPartOf a: Matrix) {
        let n = a.rows
        var s = Matrix.zeros(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { s[i, j] = 0.5 * (a[i, j] + a[j, i]) } }
        var v = Matrix.zeros(rows: n, columns: n)
        for i in 0..<n { v[i, i] = 1 }
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<max(n, i + 1) { off += s[i, j] * s[i, j] } }
            if off <= 1e-30 * max(1, s.frobeniusNorm * s.frobeniusNorm) { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where s[p, q] != 0 {
                    // Rotation that zeroes s[p, q].
                    let theta = (s[q, q] - s[p, p]) / (2 * s[p, q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), sn = t * c
                    for k in 0..<n {
                        let skp = s[k, p], skq = s[k, q]
                        s[k, p] = c * skp - sn * skq
                        s[k, q] = sn * skp + c * skq
                    }
                    for k in 0..<n {
                        let spk = s[p, k], sqk = s[q, k]
                        s[p, k] = c * spk - sn * sqk
                        s[q, k] = sn * spk + c * sqk
                    }
                    for k in 0..<n {
                        let vkp = v[k, p], vkq = v[k, q]
                        v[k, p] = c * vkp - sn * vkq
                        v[k, q] = sn * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { s[$0, $0] > s[$1, $1] }
        values = order.map { s[$0, $0] }
        var sorted = Matrix.zeros(rows: n, columns: n)
        for (c, k) in order.enumerated() { for r in 0..<n { sorted[r, c] = v[r, k] } }
        vectors = sorted
    }
}
