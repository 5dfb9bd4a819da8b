/// Eigenvalues of a small dense real matrix (Hessenberg reduction, then shifted complex QR).
public enum Eigenvalues {
    /// All eigenvalues of the n x n real matrix `a` (row-major), in no particular order.
    public static func of(_ a: Matrix) -> [Complex] {
        precondition(a.isSquare)
        let n = a.rows
        if n == 0 { return [] }
        if n == 1 { return [Complex(a[0, 0])] }
        if n == 2 { return twoByTwo(Complex(a[0, 0]), Complex(a[0, 1]), Complex(a[1, 0]), Complex(a[1, 1])) }
        var h = hessenberg(a).storage.map { Complex($0) }
        return hessenbergQR(&h, n: n)
    }

    /// Eigenvalues of [[a, b], [c, d]] from the characteristic polynomial.
    static func twoByTwo(_ a: Complex, _ b: Complex, _ c: Complex, _ d: Complex) -> [Complex] {
        let half = 0.5 * (a + d)
        let disc = (0.5 * (a - d)) * (0.5 * (a - d)) + b * c
        let root = disc.squareRoot
        return [half + root, half - root]
    }

    /// Reduces a real matrix to upper Hessenberg form by Householder reflections (similar matrix).
    static func hessenberg(_ a: Matrix) -> Matrix {
        var h = a
        let n = a.rows
        guard n > 2 else { return h }
        for k in 0..<(n - 2) {
            var v = (k + 1..<n).map { h[$0, k] }
            let alpha = -(v[0] >= 0 ? 1.0 : -1.0) * v.reduce(0) { hypot2($0, $1) }
            if alpha == 0 { continue }
            v[0] -= alpha
            let vnorm2 = v.reduce(0) { $0 + $1 * $1 }
            if vnorm2 == 0 { continue }
            // H = (I - 2vv^T/v^Tv) H (I - 2vv^T/v^Tv)
            for j in 0..<n {
                var s = 0.0
                for i in 0..<v.count { s += v[i] * h[k + 1 + i, j] }
                s *= 2 / vnorm2
                for i in 0..<v.count { h[k + 1 + i, j] -= s * v[i] }
            }
            for i in 0..<n {
                var s = 0.0
                for j in 0..<v.count { s += h[i, k + 1 + j] * v[j] }
                s *= 2 / vnorm2
                for j in 0..<v.count { h[i, k + 1 + j] -= s * v[j] }
            }
        }
        return h
    }

    /// Shifted QR on a complex upper Hessenberg matrix with deflation; returns its eigenvalues.
    static func hessenbergQR(_ h: inout [Complex], n: Int) -> [Complex] {
        var values: [Complex] = []
        var hi = n - 1
        var iterations = 0
        func at(_ i: Int, _ j: Int) -> Complex { h[i * n + j] }
        while hi >= 0 {
            if hi == 0 { values.append(at(0, 0)); break }
            // Find the lowest l with a negligible subdiagonal h[l, l-1].
            var l = hi
            while l > 0 {
                let s = at(l - 1, l - 1).magnitude + at(l, l).magnitude
                if at(l, l - 1).magnitude <= 1e-15 * (s == 0 ? 1 : s) { break }
                l -= 1
            }
            if l == hi {
                values.append(at(hi, hi)); hi -= 1; iterations = 0; continue
            }
            if l == hi - 1 {
                values += twoByTwo(at(hi - 1, hi - 1), at(hi - 1, hi), at(hi, hi - 1), at(hi, hi))
                hi -= 2; iterations = 0; continue
            }
            iterations += 1
            if iterations > 100 * n {
                // No convergence: return the diagonal as the best estimate.
                for i in stride(from: hi, through: 0, by: -1) { values.append(at(i, i)) }
                break
            }
            // Wilkinson shift from the trailing 2x2 block; an exceptional shift now and then.
            let pair = twoByTwo(at(hi - 1, hi - 1), at(hi - 1, hi), at(hi, hi - 1), at(hi, hi))
            var mu = (pair[0] - at(hi, hi)).magnitude < (pair[1] - at(hi, hi)).magnitude ? pair[0] : pair[1]
            if iterations % 11 == 0 { mu = at(hi, hi) + Complex(at(hi, hi - 1).magnitude * 0.75, 0) }
            // One QR step on rows/columns l...hi via Givens rotations: H - mu I = QR, H <- RQ + mu I.
            for i in l...hi { h[i * n + i] = h[i * n + i] - mu }
            var rotations: [(c: Complex, s: Complex)] = []
            for k in l..<hi {
                let a = at(k, k), b = at(k + 1, k)
                let r = hypot2(a.magnitude, b.magnitude)
                let c: Complex, s: Complex
                if r == 0 { c = Complex(1); s = Complex(0) } else { c = (1 / r) * a; s = (1 / r) * b }
                rotations.append((c, s))
                for j in k..<n {
                    let x = at(k, j), y = at(k + 1, j)
                    h[k * n + j] = c.conjugate * x + s.conjugate * y
                    h[(k + 1) * n + j] = c * y - s * x
                }
            }
            for (offset, rot) in rotations.enumerated() {
                let k = l + offset
                for i in 0...min(k + 2, hi) {
                    let x = at(i, k), y = at(i, k + 1)
                    h[i * n + k] = x * rot.c + y * rot.s
                    h[i * n + k + 1] = y * rot.c.conjugate - x * rot.s.conjugate
                }
            }
            for i in l...hi { h[i * n + i] = h[i * n + i] + mu }
        }
        return values
    }
}
