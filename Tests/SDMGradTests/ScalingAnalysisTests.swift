import SDMGrad
import XCTest

/// The analyses that scale to large m: Lanczos embedding, estimated stability, the warm-started lambda
/// curve, and the fixed-point search with its tri-state uniqueness.
final class ScalingAnalysisTests: XCTestCase {
    private func uniform(_ m: Int) -> [Double] { Array(repeating: 1 / Double(m), count: m) }

    /// (A + A^T) / 2 times x, written out.
    private func symmetricTimes(_ a: Matrix, _ x: [Double]) -> [Double] {
        (0..<a.rows).map { i in (0..<a.rows).reduce(0) { $0 + 0.5 * (a[i, $1] + a[$1, i]) * x[$1] } }
    }

    // MARK: embedding

    /// Lanczos's three leading eigenvalues equal the full Jacobi decomposition's (relative 1e-8), for
    /// random non-symmetric A beyond the full-decomposition limit.
    func testLeadingEigenpairsMatchFullDecomposition() {
        var rng = SplitMix64(seed: 31)
        for m in [40, 90] {
            let a = Plain.timesTranspose(Plain.random(m, 2 * m, &rng), Plain.random(m, 2 * m, &rng))
            let full = SymmetricEigen(symmetricPartOf: a)
            let pairs = LeadingEigenpairs.compute(
                m: m, count: 3,
                apply: { x, out in
                    let y = symmetricTimes(a, Array(UnsafeBufferPointer(start: x, count: m)))
                    for i in 0..<m { out[i] = y[i] }
                })!
            XCTAssertTrue(pairs.converged, "m = \(m)")
            for c in 0..<3 {
                assertClose(
                    pairs.values[c], full.values[c], tolerance: 1e-8 * abs(full.values[0]), "m = \(m), eigenvalue \(c)")
                // The vector is an eigenvector: S v = lambda v (independent product).
                let v = (0..<m).map { pairs.vectors[$0, c] }
                assertClose(symmetricTimes(a, v), v.map { full.values[c] * $0 }, tolerance: 1e-7 * abs(full.values[0]))
            }
        }
    }

    /// Beyond the limit the embedding of A comes from Lanczos: its column norms squared are A's symmetric
    /// part's leading eigenvalues, and a PSD Gramian of rank 3 is reproduced exactly (X X^T = A).
    func testLanczosEmbeddingOfAMatrix() {
        var rng = SplitMix64(seed: 32)
        let m = 60
        XCTAssertGreaterThan(m, Embedding.fullDecompositionLimit)
        let a = Plain.timesTranspose(Plain.random(m, 80, &rng), Plain.random(m, 80, &rng))
        let embedding = Embedding(matrix: a)
        let full = SymmetricEigen(symmetricPartOf: a)
        XCTAssertFalse(embedding.isExact)
        XCTAssertFalse(embedding.isEstimate)
        for c in 0..<3 {
            let norm2 = (0..<m).reduce(0) { $0 + embedding.coordinates[$1, c] * embedding.coordinates[$1, c] }
            assertClose(norm2, max(full.values[c], 0), tolerance: 1e-8 * full.values[0], "column \(c)")
        }
        let g = Plain.random(m, 3, &rng)
        let gram = Plain.timesTranspose(g, g)
        let exact = Embedding(matrix: gram)
        XCTAssertTrue(exact.isExact, exact.note)
        let x = exact.coordinates
        let reproduced = Plain.timesTranspose(x, x)
        let scale = gram.storage.map(abs).max()!
        assertClose(reproduced.storage, gram.storage, tolerance: 1e-9 * scale, "X X^T = A")
        // Symmetric part only: a non-symmetric A with the same symmetric part is never called exact.
        var skewed = gram
        skewed[0, 1] += 1
        skewed[1, 0] -= 1
        XCTAssertFalse(Embedding(matrix: skewed).isExact)
    }

    /// From a Jacobian with m > the limit: products J (J^T x) only; rank 3 is exact, rank 6 is not.
    func testLanczosEmbeddingOfAJacobian() {
        var rng = SplitMix64(seed: 33)
        let m = 50
        let rank3 = Plain.product(Plain.random(m, 3, &rng), Plain.random(3, 12, &rng))
        let exact = Embedding(jacobian: rank3)
        XCTAssertTrue(exact.isExact, exact.note)
        let gram = Plain.timesTranspose(rank3, rank3)
        let reproduced = Plain.timesTranspose(exact.coordinates, exact.coordinates)
        assertClose(reproduced.storage, gram.storage, tolerance: 1e-9 * gram.storage.map(abs).max()!)
        let rank6 = Plain.random(m, 6, &rng)
        let picture = Embedding(jacobian: rank6)
        XCTAssertFalse(picture.isExact)
        let full = SymmetricEigen(symmetricPartOf: Plain.timesTranspose(rank6, rank6))
        for c in 0..<3 {
            let norm2 = (0..<m).reduce(0) { $0 + picture.coordinates[$1, c] * picture.coordinates[$1, c] }
            assertClose(norm2, full.values[c], tolerance: 1e-8 * full.values[0])
        }
    }

    /// A cancelled embedding returns nil (and no picture).
    func testEmbeddingCancellation() {
        var rng = SplitMix64(seed: 34)
        let a = Plain.timesTranspose(Plain.random(64, 64, &rng), Plain.random(64, 64, &rng))
        XCTAssertNil(Embedding.compute(matrix: a, isCancelled: { true }))
        var calls = 0
        XCTAssertNil(
            Embedding.compute(
                matrix: a,
                isCancelled: {
                    calls += 1; return calls > 3
                }))
    }

    // MARK: stability

    /// The face eigenvalues of M = Q^T Â_SS Q on the full face, written out (Helmert basis) and given to the
    /// dense eigenvalue routine.
    private func exactFaceEigenvalues(_ a: Matrix) -> [Complex] {
        let k = a.rows
        var q = Matrix.zeros(rows: k, columns: k - 1)
        for c in 0..<(k - 1) {
            let n = Double(c + 1), norm = (n * (n + 1)).squareRoot()
            for r in 0...c { q[r, c] = 1 / norm }
            q[c + 1, c] = -n / norm
        }
        let aq = Plain.product(a, q)
        var qt = Matrix.zeros(rows: k - 1, columns: k)
        for r in 0..<k { for c in 0..<(k - 1) { qt[c, r] = q[r, c] } }
        return Eigenvalues.of(Plain.product(qt, aq))
    }

    /// Faces beyond the exact limit: a low-rank Â is found exactly (the Krylov space closes: not an
    /// estimate, rho and lr_max to 1e-9); a full-rank one is flagged as an estimate, with lr_max (set by
    /// the outermost eigenvalue) within 1e-6 and rho within 1% (relative) of the exact values.
    func testEstimatedStabilityAgainstExactEigenvalues() {
        var rng = SplitMix64(seed: 35)
        let m = Stability.exactFaceLimit + 60
        for (n, lr) in [(12, 0.05), (3 * m, 0.05), (3 * m, 10.0)] {
            let a = Plain.normalize(Plain.timesTranspose(Plain.random(m, n, &rng), Plain.random(m, n, &rng, 0, 1)))
            let stability = Stability(normalized: a, support: Array(0..<m), lr: lr, momentum: 0.5)
            let exact = exactFaceEigenvalues(a)
            let rho = exact.map { Stability.rate(c: $0, lr: lr, momentum: 0.5) }.max()!
            let lrMax = exact.map { Stability.largestStableRate(c: $0, momentum: 0.5) }.min()!
            if n < m {
                XCTAssertFalse(stability.isEstimate, "rank \(n): the Krylov space closes")
                assertClose(stability.spectralRadius, rho, tolerance: 1e-9 * max(rho, 1))
                assertClose(stability.lrMax, lrMax, tolerance: 1e-9 * max(lrMax, 1))
            } else {
                XCTAssertTrue(stability.isEstimate)
                assertClose(stability.lrMax, lrMax, tolerance: 1e-6 * lrMax, "lr_max")
                assertClose(stability.spectralRadius, rho, tolerance: 1e-2 * rho, "rho at lr \(lr)")
            }
            let expectedVerdict: StabilityVerdict =
                rho < 1 - 1e-12
                ? .converges
                : (exact.contains { $0.re <= 0 } ? .diverges : .oscillates)
            XCTAssertEqual(stability.verdict, expectedVerdict, "n \(n), lr \(lr)")
        }
        // Small faces stay exact.
        let small = Plain.normalize(Plain.gramian(m: 20, n: 30, common: 0, &rng))
        XCTAssertFalse(Stability(normalized: small, support: Array(0..<20), lr: 1, momentum: 0.5).isEstimate)
    }

    // MARK: lambda curve

    /// The warm-started curve gives the same fixed points as solving each lambda from scratch (PD
    /// Gramians: one fixed point per lambda), each satisfying KKT.
    func testWarmStartedCurveEqualsColdSolves() {
        var rng = SplitMix64(seed: 36)
        let lambdas = [0, 0.01, 0.1, 0.3, 1, 3, 10, 100]
        for (m, common) in [(4, 0.5), (20, 0.8), (70, 0.3)] {
            let a = Plain.normalize(Plain.gramian(m: m, n: 2 * m + 3, common: common, &rng))
            let pref = (0..<m).map { _ in rng.uniform(0, 2 / Double(m)) }
            let curve = LambdaCurve.compute(normalized: a, preference: pref, lambdas: lambdas)!
            XCTAssertTrue(curve.isComplete)
            XCTAssertEqual(curve.points.map(\.lambda), lambdas)
            for point in curve.points {
                let cold = FixedPointSolver.solve(normalized: a, preference: pref, lambda: point.lambda)
                assertClose(point.w, cold.w, tolerance: 1e-10, "m \(m), lambda \(point.lambda)")
                XCTAssertTrue(point.isVerified)
                XCTAssertLessThan(Plain.kktViolation(a, lambda: point.lambda, pref: pref, w: point.w), 1e-10)
                let weights = (0..<m).map { (point.w[$0] + point.lambda * pref[$0]) / (1 + point.lambda) }
                assertClose(point.weights, weights, tolerance: 1e-15)
            }
        }
        let a = Plain.normalize(Plain.gramian(m: 30, n: 40, common: 0.2, &rng))
        XCTAssertNil(LambdaCurve.compute(normalized: a, preference: uniform(30), isCancelled: { true }))
    }

    // MARK: fixed points and uniqueness

    /// unique is true when every face was checked (m <= 6) or Â's symmetric part is positive definite on
    /// the tangent space (PD Gramians beyond m = 6).
    func testUniqueWhenProven() {
        var rng = SplitMix64(seed: 37)
        for m in [3, 6, 9, 40] {
            let a = Plain.normalize(Plain.gramian(m: m, n: m + 5, common: 0.4, &rng))
            let fp = FixedPointSolver.solve(normalized: a, preference: uniform(m), lambda: 0.3)
            XCTAssertEqual(fp.unique, true, "m \(m): \(fp.uniqueness)")
            XCTAssertTrue(fp.isVerified)
            XCTAssertEqual(FixedPointSolver.positiveDefiniteOnTangentSpace(a), true)
        }
    }

    /// Â = diag(1, ..., 1, -1), lambda = 0: the last vertex is the only fixed point (every face checked
    /// by Cramer's rule below), but nothing here proves it (indefinite, m > 6): unique is nil, not true.
    func testUniqueUnknownWhenNotProven() {
        let m = 8
        var a = Matrix.zeros(rows: m, columns: m)
        for i in 0..<m { a[i, i] = i == m - 1 ? -1 : 1 }
        XCTAssertEqual(Plain.allFixedPoints(a, lambda: 0, pref: uniform(m)).count, 1)
        let fp = FixedPointSolver.solve(normalized: a, preference: uniform(m), lambda: 0)
        XCTAssertEqual(fp.w, (0..<m).map { $0 == m - 1 ? 1 : 0 })
        XCTAssertNil(fp.unique, fp.uniqueness)
        XCTAssertEqual(FixedPointSolver.positiveDefiniteOnTangentSpace(a), false)
    }

    /// An indefinite Â with two vertex fixed points (A_ii = 1 for tasks 0 and 1, columns 2 elsewhere:
    /// g_j >= g_i at e_0 and e_1, checked below without the package): never called unique; both are
    /// listed (the other one with its verdict), nearest to the solver first, and each satisfies KKT.
    func testTwoKnownFixedPointsNeverUnique() throws {
        let m = 10
        var a = Matrix.zeros(rows: m, columns: m)
        for i in 0..<m { for j in 0..<m { a[i, j] = i == j ? (i < 2 ? 1 : 5) : 2 } }
        let e0 = (0..<m).map { $0 == 0 ? 1.0 : 0 }, e1 = (0..<m).map { $0 == 1 ? 1.0 : 0 }
        XCTAssertEqual(Plain.kktViolation(a, lambda: 0, pref: uniform(m), w: e0), 0)
        XCTAssertEqual(Plain.kktViolation(a, lambda: 0, pref: uniform(m), w: e1), 0)
        var p = SolverParameters()
        p.lambda = 0
        let analysis = Analysis.compute(
            normalized: a, preference: uniform(m), parameters: p, near: e0, startFaces: [[1], [4, 5]])!
        XCTAssertEqual(analysis.fixedPoint.w, e0)
        XCTAssertEqual(analysis.fixedPoint.unique, false, analysis.fixedPoint.uniqueness)
        XCTAssertTrue(analysis.otherFixedPoints.contains { $0.w == e1 })
        XCTAssertEqual(analysis.otherFixedPoints.map(\.distance), analysis.otherFixedPoints.map(\.distance).sorted())
        for other in analysis.otherFixedPoints {
            XCTAssertLessThan(Plain.kktViolation(a, lambda: 0, pref: uniform(m), w: other.w), 1e-12)
            assertClose(other.distance, Plain.distance(other.w, e0), tolerance: 1e-15)
            XCTAssertEqual(
                other.stability.verdict,
                Stability(normalized: a, support: other.support, lr: p.lr, momentum: p.momentum).verdict)
        }
        // Through a real call that starts on the face {0, 1}: the trace's faces lead to the others too.
        var weighting = SDMGradWeighting(parameters: p)
        weighting.setState((0..<m).map { $0 < 2 ? 0.5 : 0 })
        let call = try weighting(Matrix(rows: m, columns: m, storage: a.storage.map { $0 * (25 + 1e-8) }))
        let fromCall = Analysis(call: call)
        XCTAssertNotEqual(fromCall.fixedPoint.unique, true)
        XCTAssertFalse(fromCall.otherFixedPoints.isEmpty)
        // The face system at small m finds all three (e0, e1 and their midpoint) by enumeration.
        let small = Matrix([[1, 2, 2], [2, 1, 2], [2, 2, 5]])
        let enumerated = Analysis(normalized: small, preference: uniform(3), parameters: p, near: [1, 0, 0])
        XCTAssertEqual(enumerated.fixedPoint.unique, false)
        XCTAssertEqual(
            enumerated.otherFixedPoints.count, Plain.allFixedPoints(small, lambda: 0, pref: uniform(3)).count - 1)
    }

    /// An analysis cancelled on the way returns nil.
    func testAnalysisCancellation() {
        var rng = SplitMix64(seed: 38)
        let a = Plain.normalize(Plain.gramian(m: 30, n: 40, common: 0.2, &rng))
        XCTAssertNil(
            Analysis.compute(
                normalized: a, preference: uniform(30), parameters: SolverParameters(), isCancelled: { true }))
    }
}
