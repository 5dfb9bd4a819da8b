/// Ritz values of the face matrix M = Q^T Â_SS Q without forming it: Arnoldi on x -> P Â_SS x in the
/// sum-zero subspace of R^|S| (P removes the mean), which has the same eigenvalues as M.
enum FaceArnoldi {
    /// The Ritz values after at most `steps` products, and whether they are exact (the Krylov space
    /// became invariant: then they are every distinct eigenvalue its random start could see, i.e. all
    /// of them but for a start orthogonal to some eigenvector, which has probability zero).
    /// nil once `isCancelled` returns true.
    static func ritzValues(
        _ a: Matrix, support: [Int], steps: Int,
        isCancelled: () -> Bool
    ) -> ([Complex], Bool)? {
        let k = support.count
        guard k >= 2 else { return ([], true) }
        let dimension = k - 1
        let budget = min(steps, dimension)
        var random = SeededRandom(seed: 0xA4_0A1D1)
        var q = (0..<k).map { _ in random.nextNormal() }
        removeMean(&q)
        scale(&q, by: 1 / euclideanNorm(q))
        var basis: [[Double]] = []
        var h = [Double](repeating: 0, count: (budget + 1) * budget)  // h[row * budget + col]
        var size = 0
        var invariant = false
        let m = a.rows
        var next = [Double](repeating: 0, count: k)
        while size < budget {
            if isCancelled() { return nil }
            basis.append(q)
            a.storage.withUnsafeBufferPointer { entries in
                for (r, i) in support.enumerated() {
                    let row = entries.baseAddress! + i * m
                    var s = 0.0
                    for (t, j) in support.enumerated() { s += row[j] * q[t] }
                    next[r] = s
                }
            }
            removeMean(&next)
            let column = size
            for _ in 0..<2 {  // modified Gram-Schmidt, twice
                for (row, v) in basis.enumerated() {
                    let c = zip(next, v).reduce(0) { $0 + $1.0 * $1.1 }
                    h[row * budget + column] += c
                    for t in 0..<k { next[t] -= c * v[t] }
                }
            }
            size += 1
            let b = euclideanNorm(next)
            let scaleOfColumn = (0...column).reduce(0) { max($0, abs(h[$1 * budget + column])) }
            if b <= 1e-12 * max(scaleOfColumn, 1e-300) { invariant = true; break }
            if size < budget { h[size * budget + column] = b }
            q = next.map { $0 / b }
        }
        var hessenberg = Matrix.zeros(rows: size, columns: size)
        for r in 0..<size { for c in 0..<size { hessenberg[r, c] = h[r * budget + c] } }
        let values = Eigenvalues.of(hessenberg)
        return (values, invariant || size == dimension)
    }

    static func removeMean(_ x: inout [Double]) {
        let mean = x.reduce(0, +) / Double(x.count)
        for i in x.indices { x[i] -= mean }
    }

    static func scale(_ x: inout [Double], by factor: Double) {
        for i in x.indices { x[i] *= factor }
    }
}
