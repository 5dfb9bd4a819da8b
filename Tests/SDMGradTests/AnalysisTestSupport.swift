import SDMGrad
import XCTest

/// Plain, independent re-implementations used as truth by AnalysisTests and LargeTaskPathTests.
/// Nothing here calls into the package's numerics (only its Matrix container): every product,
/// projection, determinant and KKT check is written out straightforwardly.
enum Plain {
    // MARK: matrices and vectors

    /// A rows x columns matrix with entries uniform in [lo, hi).
    static func random(_ rows: Int, _ columns: Int, _ rng: inout SplitMix64, _ lo: Double = -1, _ hi: Double = 1)
        -> Matrix
    {
        Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in rng.uniform(lo, hi) })
    }

    /// x * y^T for two matrices with the same number of columns (e.g. J1 J2^T).
    static func timesTranspose(_ x: Matrix, _ y: Matrix) -> Matrix {
        precondition(x.columns == y.columns)
        var out = Matrix.zeros(rows: x.rows, columns: y.rows)
        for i in 0..<x.rows {
            for k in 0..<y.rows {
                var s = 0.0
                for j in 0..<x.columns { s += x[i, j] * y[k, j] }
                out[i, k] = s
            }
        }
        return out
    }

    /// x * y (ordinary product).
    static func product(_ x: Matrix, _ y: Matrix) -> Matrix {
        precondition(x.columns == y.rows)
        var out = Matrix.zeros(rows: x.rows, columns: y.columns)
        for i in 0..<x.rows {
            for j in 0..<y.columns {
                var s = 0.0
                for t in 0..<x.columns { s += x[i, t] * y[t, j] }
                out[i, j] = s
            }
        }
        return out
    }

    /// A x.
    static func matVec(_ a: Matrix, _ x: [Double]) -> [Double] {
        precondition(a.columns == x.count)
        return (0..<a.rows).map { i in
            var s = 0.0
            for j in 0..<a.columns { s += a[i, j] * x[j] }
            return s
        }
    }

    /// A random PSD Gramian G G^T with G m x n; `common` adds a shared component to every row
    /// (correlated tasks, which pushes w* onto faces and vertices).
    static func gramian(m: Int, n: Int, common: Double, _ rng: inout SplitMix64) -> Matrix {
        var g = random(m, n, &rng)
        let shared = (0..<n).map { _ in rng.uniform(-1, 1) }
        for i in 0..<m { for j in 0..<n { g[i, j] += common * shared[j] } }
        return timesTranspose(g, g)
    }

    /// SPEC section 1 normalization (torchjd): Â = A / (s^2 + 1e-8), s = mean_i sqrt(max(A_ii, 0)).
    static func normalize(_ a: Matrix) -> Matrix {
        var sum = 0.0
        for i in 0..<a.rows { sum += max(a[i, i], 0).squareRoot() }
        let s = sum / Double(a.rows)
        let d = s * s + 1e-8
        return Matrix(rows: a.rows, columns: a.columns, storage: a.storage.map { $0 / d })
    }

    static func distance(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count)
        var s = 0.0
        for i in x.indices { s += (x[i] - y[i]) * (x[i] - y[i]) }
        return s.squareRoot()
    }

    static func maxAbsDiff(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count)
        return zip(x, y).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    // MARK: simplex

    /// torchjd's sort-based projection threshold (SPEC section 1): u = y sorted descending,
    /// tau = (sum y - 1)/m unless some t_i = (u_1 + ... + u_i - 1)/i exceeds u_{i+1} first.
    static func threshold(_ y: [Double]) -> Double {
        let u = y.sorted(by: >)
        let m = y.count
        var cumulative = 0.0
        for i in 1..<max(m, 1) {
            cumulative += u[i - 1]
            let t = (cumulative - 1) / Double(i)
            if t > u[i] { return t }
        }
        return (y.reduce(0, +) - 1) / Double(m)
    }

    /// Euclidean projection onto the simplex with that threshold.
    static func project(_ y: [Double]) -> [Double] {
        let tau = threshold(y)
        return y.map { max($0 - tau, 0) }
    }

    /// w* plus a random perturbation of size about `size` (every coordinate), projected back on the simplex.
    static func perturbed(_ w: [Double], size: Double, _ rng: inout SplitMix64) -> [Double] {
        project(w.map { $0 + size * rng.uniform(-1, 1) })
    }

    /// The largest violation of the fixed-point (KKT) conditions of w, computed directly:
    /// g = Â (w + lambda w~) must be equal on the support (to its mean there) and not smaller off it;
    /// w must be on the simplex.
    static func kktViolation(_ a: Matrix, lambda: Double, pref: [Double], w: [Double], supportTolerance: Double = 0)
        -> Double
    {
        let g = matVec(a, zip(w, pref).map { $0 + lambda * $1 })
        let support = w.indices.filter { w[$0] > supportTolerance }
        guard !support.isEmpty else { return .infinity }
        let level = support.reduce(0) { $0 + g[$1] } / Double(support.count)
        var worst = abs(w.reduce(0, +) - 1)
        for i in w.indices {
            worst = max(worst, -w[i])
            if support.contains(i) { worst = max(worst, abs(g[i] - level)) } else { worst = max(worst, level - g[i]) }
        }
        return worst
    }

    // MARK: determinants and small systems

    /// det(a) by Gaussian elimination with partial pivoting.
    static func determinant(_ a: Matrix) -> Double {
        precondition(a.isSquare)
        let n = a.rows
        var m = a
        var det = 1.0
        for c in 0..<n {
            var p = c
            for r in (c + 1)..<max(n, c + 1) where abs(m[r, c]) > abs(m[p, c]) { p = r }
            if m[p, c] == 0 { return 0 }
            if p != c {
                for j in 0..<n { let t = m[c, j]; m[c, j] = m[p, j]; m[p, j] = t }
                det = -det
            }
            det *= m[c, c]
            for r in (c + 1)..<max(n, c + 1) {
                let f = m[r, c] / m[c, c]
                for j in c..<n { m[r, j] -= f * m[c, j] }
            }
        }
        return det
    }

    /// Cramer's rule for a small system M x = b (with `determinant` above); nil when det M = 0.
    static func cramer(_ m: Matrix, _ b: [Double]) -> [Double]? {
        let d = determinant(m)
        guard d != 0, d.isFinite else { return nil }
        return (0..<m.rows).map { col in
            var mc = m
            for r in 0..<m.rows { mc[r, col] = b[r] }
            return determinant(mc) / d
        }
    }

    /// The fixed point restricted to face S: solve Â_SS w_S - mu 1 = -lambda (Â w~)_S, sum w_S = 1
    /// by Cramer's rule; returns the full-length w (zeros off S) or nil when singular.
    static func solveFace(_ a: Matrix, lambda: Double, pref: [Double], face: [Int]) -> [Double]? {
        let k = face.count
        let offset = matVec(a, pref).map { lambda * $0 }
        var system = Matrix.zeros(rows: k + 1, columns: k + 1)
        var rhs = [Double](repeating: 0, count: k + 1)
        for (r, i) in face.enumerated() {
            for (c, j) in face.enumerated() { system[r, c] = a[i, j] }
            system[r, k] = -1
            rhs[r] = -offset[i]
        }
        for c in 0..<k { system[k, c] = 1 }
        rhs[k] = 1
        guard let x = cramer(system, rhs) else { return nil }
        var w = [Double](repeating: 0, count: a.rows)
        for (r, i) in face.enumerated() { w[i] = x[r] }
        return w
    }

    /// Every KKT point found by trying all faces (small m only), deduplicated.
    static func allFixedPoints(_ a: Matrix, lambda: Double, pref: [Double], tolerance: Double = 1e-10) -> [[Double]] {
        let m = a.rows
        var found: [[Double]] = []
        for mask in 1..<(1 << m) {
            let face = (0..<m).filter { mask & (1 << $0) != 0 }
            guard let w = solveFace(a, lambda: lambda, pref: pref, face: face),
                w.allSatisfy({ $0 >= -tolerance })
            else { continue }
            let clean = w.map { max($0, 0) }
            if kktViolation(a, lambda: lambda, pref: pref, w: clean) <= tolerance,
                !found.contains(where: { distance($0, clean) < 1e-9 })
            {
                found.append(clean)
            }
        }
        return found
    }

    // MARK: the real solver

    /// Runs the package's SDMGradWeighting once on A from `start` (nil: uniform) and returns the call.
    static func run(
        _ a: Matrix, lambda: Double, lr: Double, momentum: Double, iters: Int,
        pref: [Double]? = nil, start: [Double]?, trace: Bool = false
    ) throws -> WeightingCall {
        var p = SolverParameters()
        p.lambda = lambda
        p.lr = lr
        p.momentum = momentum
        p.iters = iters
        p.pref = pref
        var weighting = SDMGradWeighting(parameters: p)
        weighting.setState(start)
        return try weighting(a, trace: trace)
    }

    // MARK: SPEC section 1, written out

    /// A dense, straightforward SDMGrad (torchjd variant) that keeps its state between calls.
    struct ReferenceWeighting {
        var lambda = 0.3, lr = 10.0, momentum = 0.5
        var iters = 20
        var pref: [Double]? = nil
        var state: [Double]? = nil

        /// One call: returns (weights, w).
        mutating func call(_ a: Matrix) -> (weights: [Double], w: [Double]) {
            let m = a.rows
            let aHat = Plain.normalize(a)
            let p = pref ?? Array(repeating: 1 / Double(m), count: m)
            var w = (state?.count == m) ? state! : Array(repeating: 1 / Double(m), count: m)
            var v = [Double](repeating: 0, count: m)
            for k in 1...iters {
                let g = Plain.matVec(aHat, (0..<m).map { w[$0] + lambda * p[$0] })
                for i in 0..<m { v[i] = k == 1 ? g[i] : momentum * v[i] + g[i] }
                let y = (0..<m).map { w[$0] - lr * v[$0] }
                w = Plain.project(y)
            }
            state = w
            return ((0..<m).map { (w[$0] + lambda * p[$0]) / (1 + lambda) }, w)
        }
    }
}
