/// The point the inner solver aims at: w* on the simplex with <Â(w* + lambda w~), v - w*> >= 0 for every v.
public struct FixedPoint: Equatable, Sendable {
    /// w*.
    public let w: [Double]
    /// (w* + lambda w~) / (1 + lambda).
    public let weights: [Double]
    /// Largest KKT violation of w* (0 for an exact solution).
    public let residual: Double
    /// Indices with w*_i > 0: the active face.
    public let support: [Int]
    /// False when another fixed point was found (or a whole face of them).
    public let isUnique: Bool
    /// How it was found: "faces" (exact enumeration) or "extragradient" (iterative, then polished on its face).
    public let method: String
}

/// Finds the fixed point of the inner solver (SPEC section 2, `--analyze`).
public enum FixedPointSolver {
    /// Largest m solved by enumerating every face exactly.
    public static let enumerationLimit = 6

    /// The fixed point for normalized matrix Â, preference w~ and lambda; `near` picks among several.
    public static func solve(normalized a: Matrix, preference: [Double], lambda: Double, near: [Double]? = nil) -> FixedPoint {
        let m = a.rows
        let offset = a.times(preference).map { lambda * $0 }   // lambda Â w~
        var candidates: [[Double]] = []
        var sawSingularFace = false
        var method = "faces"
        if m <= enumerationLimit {
            for mask in 1..<(1 << m) {
                let face = (0..<m).filter { mask & (1 << $0) != 0 }
                guard let w = solveOnFace(a, offset: offset, face: face) else {
                    if faceCouldHoldSolutions(a, face: face) { sawSingularFace = true }
                    continue
                }
                if kktResidual(a, offset: offset, w: w) <= 1e-9 * (1 + a.storage.reduce(0) { max($0, abs($1)) }),
                   !candidates.contains(where: { euclideanDistance($0, w) < 1e-9 }) {
                    candidates.append(w)
                }
            }
        }
        if candidates.isEmpty {
            method = "extragradient"
            var w = extragradient(a, offset: offset, start: near ?? Array(repeating: 1 / Double(m), count: m))
            let face = w.indices.filter { w[$0] > 1e-9 }
            // A singular system on the face found (e.g. Â = 0: every point is fixed) means a set of fixed points.
            if faceCouldHoldSolutions(a, face: face) { sawSingularFace = true }
            if let polished = solveOnFace(a, offset: offset, face: face),
               kktResidual(a, offset: offset, w: polished) <= kktResidual(a, offset: offset, w: w) {
                w = polished
            }
            candidates = [w]
        }
        let target = near ?? Array(repeating: 1 / Double(m), count: m)
        let w = candidates.min(by: { euclideanDistance($0, target) < euclideanDistance($1, target) })!
        return FixedPoint(
            w: w, weights: combinedWeights(w, preference: preference, lambda: lambda),
            residual: kktResidual(a, offset: offset, w: w), support: w.indices.filter { w[$0] > 0 },
            isUnique: candidates.count == 1 && !sawSingularFace, method: method)
    }

    /// The largest KKT violation of w: off the simplex, unequal g on the support, or a smaller g off it.
    public static func kktResidual(_ a: Matrix, offset: [Double], w: [Double]) -> Double {
        let g = zip(a.times(w), offset).map { $0 + $1 }
        let mu = zip(w, g).reduce(0) { $0 + $1.0 * $1.1 }        // <g, w>: the multiplier on the support
        var violations = [abs(w.reduce(0, +) - 1)]
        for i in w.indices {
            violations.append(-w[i])
            violations.append(w[i] > 0 ? abs(g[i] - mu) : mu - g[i])
        }
        if violations.contains(where: \.isNaN) { return .infinity }
        return violations.reduce(0) { $1 > $0 ? $1 : $0 }
    }

    /// Solves Â_SS w_S + offset_S = mu 1, sum w_S = 1 on face S; nil when singular or w_S has a negative entry.
    static func solveOnFace(_ a: Matrix, offset: [Double], face: [Int]) -> [Double]? {
        let k = face.count
        guard k > 0, let x = solveFaceSystem(a, offset: offset, face: face) else { return nil }
        guard x[0..<k].allSatisfy({ $0 >= -1e-12 }) else { return nil }
        var w = [Double](repeating: 0, count: a.rows)
        for (r, i) in face.enumerated() { w[i] = max(x[r], 0) }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    /// Whether face S can hold a whole set of fixed points: only when its KKT system is singular
    /// (a face whose solution merely has a negative entry holds none).
    static func faceCouldHoldSolutions(_ a: Matrix, face: [Int]) -> Bool {
        face.count > 1 && solveFaceSystem(a, offset: [Double](repeating: 0, count: a.rows), face: face) == nil
    }

    /// (w_S, mu) from the face's KKT system, or nil when it is singular. The Â block and the offset are
    /// divided by the block's largest entry first, so a huge Â (s = 0 gives Â = A / 1e-8) does not make
    /// the constant column look negligible; mu is scaled too, w_S is unchanged.
    static func solveFaceSystem(_ a: Matrix, offset: [Double], face: [Int]) -> [Double]? {
        let k = face.count
        let n = k + 1
        var largest = 0.0
        for i in face { for j in face { largest = max(largest, abs(a[i, j])) } }
        let c = largest > 0 && largest.isFinite ? 1 / largest : 1
        var system = [Double](repeating: 0, count: n * n)
        var rhs = [Double](repeating: 0, count: n)
        for (r, i) in face.enumerated() {
            for (col, j) in face.enumerated() { system[r * n + col] = c * a[i, j] }
            system[r * n + k] = -1
            rhs[r] = -c * offset[i]
        }
        for col in 0..<k { system[k * n + col] = 1 }
        rhs[k] = 1
        return LinearSolve.solve(system, rhs, k: n)
    }

    /// Projected extragradient (Korpelevich) iterations; converges when Â + Â^T is PSD.
    static func extragradient(_ a: Matrix, offset: [Double], start: [Double]) -> [Double] {
        let m = a.rows
        let norm = max(a.frobeniusNorm, 1e-300)
        let eta = 0.5 / norm
        var w = start
        let budget = max(50, min(100_000, Int(2e8) / max(1, m * m)))
        for _ in 0..<budget {
            let g = zip(a.times(w), offset).map { $0 + $1 }
            let half = SimplexProjection.project(zip(w, g).map { $0 - eta * $1 }).w
            let g2 = zip(a.times(half), offset).map { $0 + $1 }
            let next = SimplexProjection.project(zip(w, g2).map { $0 - eta * $1 }).w
            let step = euclideanDistance(next, w)
            w = next
            if step < 1e-15 { break }
        }
        return w
    }
}
