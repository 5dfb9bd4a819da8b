/// The three outcomes of the inner solver near its fixed point.
public enum StabilityVerdict: String, Sendable {
    /// Every mode on the active face shrinks: the iterates settle on w*.
    case converges
    /// Some mode grows while all pull towards w* (lr too large): the iterates overshoot and jump.
    case oscillates
    /// Some mode pushes away from w* (Â is not positive on the face): the iterates leave w*.
    case diverges
}

/// Linear stability of the heavy-ball iteration on the active face of w*.
///
/// On the face with support S, let Q be an orthonormal basis of {x : sum x = 0} in R^|S| and
/// M = Q^T Â_SS Q. Near w* the deviation z and velocity p obey
/// z' = z - lr p',  p' = momentum p + M z, so each eigenvalue c of M gives the characteristic
/// polynomial t^2 - (1 + momentum - lr c) t + momentum, whose largest root modulus is that mode's rate.
public struct Stability: Equatable, Sendable {
    /// rho: the spectral radius of the linearized iteration (< 1 means local convergence).
    public let spectralRadius: Double
    /// converges, oscillates or diverges.
    public let verdict: StabilityVerdict
    /// The largest lr for which rho < 1 (+infinity at a vertex; 0 when no lr converges).
    public let lrMax: Double
    /// The eigenvalues c of the face matrix M (Ritz values when `isEstimate`).
    public let faceEigenvalues: [Complex]
    /// True when the face was too large to decompose and the eigenvalues are Arnoldi's Ritz values
    /// after a fixed budget: rho, the verdict and lr_max are then estimates from the outermost eigenvalues.
    public let isEstimate: Bool
    /// True when no mode moves to double precision (lr |c| <= 1e-12 for every face eigenvalue c, as for
    /// Â zero to rounding): rho is 1 only by rounding, and no verdict is stated.
    public let isNeutral: Bool

    /// Faces with at most this many tasks are decomposed exactly (dense Hessenberg QR).
    public static let exactFaceLimit = 160
    /// Arnoldi steps (products with Â on the face) spent on a larger face.
    public static let arnoldiBudget = 60

    /// The stability of the solver at the fixed point `fixedPoint` with the given lr and momentum.
    public init(normalized a: Matrix, support: [Int], lr: Double, momentum: Double) {
        self = Stability.compute(normalized: a, support: support, lr: lr, momentum: momentum)!
    }

    /// The same, stoppable: nil once `isCancelled` returns true (checked between Arnoldi steps).
    public static func compute(
        normalized a: Matrix, support: [Int], lr: Double, momentum: Double,
        isCancelled: () -> Bool = { false }
    ) -> Stability? {
        if support.count <= exactFaceLimit {
            return Stability(
                eigenvalues: faceEigenvalues(a, support: support), isEstimate: false, lr: lr, momentum: momentum)
        }
        if support.count <= symmetricFaceLimit && isSymmetric(a, on: support) {
            // A symmetric face (A = J Jᵀ) has real eigenvalues: exact ones by Jacobi rotations, not an estimate.
            return Stability(
                eigenvalues: faceEigenvalues(a, support: support, symmetric: true), isEstimate: false, lr: lr,
                momentum: momentum)
        }
        guard
            let (ritz, exact) = FaceArnoldi.ritzValues(
                a, support: support, steps: arnoldiBudget, isCancelled: isCancelled)
        else {
            return nil
        }
        return Stability(eigenvalues: ritz, isEstimate: !exact, lr: lr, momentum: momentum)
    }

    /// Verdict, rho and lr_max from the face eigenvalues.
    init(eigenvalues: [Complex], isEstimate: Bool, lr: Double, momentum: Double) {
        faceEigenvalues = eigenvalues
        self.isEstimate = isEstimate
        let rho = eigenvalues.map { Stability.rate(c: $0, lr: lr, momentum: momentum) }.max() ?? 0
        spectralRadius = rho
        if rho < 1 - 1e-12 {
            verdict = .converges
        } else if eigenvalues.contains(where: { $0.re <= 0 }) {
            verdict = .diverges
        } else {
            verdict = .oscillates
        }
        lrMax = eigenvalues.map { Stability.largestStableRate(c: $0, momentum: momentum) }.min() ?? .infinity
        isNeutral = !eigenvalues.isEmpty && eigenvalues.allSatisfy { lr * $0.magnitude <= 1e-12 }
    }

    /// Symmetric faces up to this many tasks are decomposed exactly (Jacobi rotations).
    public static let symmetricFaceLimit = 400

    /// Whether Â_SS equals its transpose up to 1e-12 of its largest entry.
    static func isSymmetric(_ a: Matrix, on support: [Int]) -> Bool {
        var largest = 0.0
        for i in support { for j in support { largest = max(largest, abs(a[i, j])) } }
        for (r, i) in support.enumerated() {
            for j in support[(r + 1)...] where abs(a[i, j] - a[j, i]) > 1e-12 * largest { return false }
        }
        return true
    }

    /// Eigenvalues of M = Q^T Â_SS Q on the face S (real ones by Jacobi when `symmetric`).
    static func faceEigenvalues(_ a: Matrix, support: [Int], symmetric: Bool = false) -> [Complex] {
        let k = support.count
        guard k >= 2 else { return [] }
        let q = sumZeroBasis(k)  // k x (k-1), orthonormal columns
        var sub = Matrix.zeros(rows: k, columns: k)
        for (r, i) in support.enumerated() { for (c, j) in support.enumerated() { sub[r, c] = a[i, j] } }
        // M = Q^T (A_SS Q)
        var aq = Matrix.zeros(rows: k, columns: k - 1)
        for r in 0..<k {
            for c in 0..<(k - 1) {
                var s = 0.0
                for t in 0..<k { s += sub[r, t] * q[t, c] }
                aq[r, c] = s
            }
        }
        var m = Matrix.zeros(rows: k - 1, columns: k - 1)
        for r in 0..<(k - 1) {
            for c in 0..<(k - 1) {
                var s = 0.0
                for t in 0..<k { s += q[t, r] * aq[t, c] }
                m[r, c] = s
            }
        }
        return symmetric ? SymmetricEigen(symmetricPartOf: m).values.map { Complex($0) } : Eigenvalues.of(m)
    }

    /// An orthonormal basis of {x in R^k : sum x = 0} (Helmert contrasts).
    static func sumZeroBasis(_ k: Int) -> Matrix {
        var q = Matrix.zeros(rows: k, columns: k - 1)
        for c in 0..<(k - 1) {
            let n = Double(c + 1)
            let norm = (n * (n + 1)).squareRoot()
            for r in 0...c { q[r, c] = 1 / norm }
            q[c + 1, c] = -n / norm
        }
        return q
    }

    /// Largest root modulus of t^2 - (1 + beta - lr c) t + beta.
    public static func rate(c: Complex, lr: Double, momentum beta: Double) -> Double {
        let b = Complex(1 + beta) - lr * c
        let disc = b * b - Complex(4 * beta)
        let root = disc.squareRoot
        return max((0.5 * (b + root)).magnitude, (0.5 * (b - root)).magnitude)
    }

    /// The supremum of lr > 0 with rate(c, lr) < 1 (the stable set is an interval (0, lrMax)).
    public static func largestStableRate(c: Complex, momentum beta: Double) -> Double {
        guard c.re > 0 else { return 0 }
        if c.im == 0 { return 2 * (1 + beta) / c.re }
        var lo = 0.0, hi = 2 * (1 + beta) / c.magnitude
        while rate(c: c, lr: hi, momentum: beta) < 1 { lo = hi; hi *= 2; if hi > 1e300 { return .infinity } }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if rate(c: c, lr: mid, momentum: beta) < 1 { lo = mid } else { hi = mid }
            if hi - lo <= 1e-15 * hi { break }
        }
        return lo
    }
}
