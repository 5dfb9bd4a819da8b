import Foundation
import SDMGrad
import XCTest

/// The convergence analysis (fixed point, stability verdict, lr_max, eigenvalues) checked against
/// closed forms computed here and against long runs of the real solver.
final class AnalysisTests: XCTestCase {
    private func uniform(_ m: Int) -> [Double] { Array(repeating: 1 / Double(m), count: m) }

    private func parameters(lambda: Double = 0.3, lr: Double, momentum: Double = 0.5) -> SolverParameters {
        var p = SolverParameters()
        p.lambda = lambda
        p.lr = lr
        p.momentum = momentum
        return p
    }

    /// Checks everything FixedPoint reports for w* against an independently known `expected`.
    private func assertFixedPoint(
        _ fp: FixedPoint, _ expected: [Double], a: Matrix, lambda: Double, pref: [Double],
        tolerance: Double = 1e-12, _ message: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        assertClose(fp.w, expected, tolerance: tolerance, "w* " + message, file: file, line: line)
        let weights = zip(expected, pref).map { ($0 + lambda * $1) / (1 + lambda) }
        assertClose(fp.weights, weights, tolerance: tolerance, "weights " + message, file: file, line: line)
        XCTAssertEqual(
            fp.support, expected.indices.filter { expected[$0] > 1e-9 }, "support " + message, file: file, line: line)
        XCTAssertLessThan(fp.residual, 1e-12, "residual " + message, file: file, line: line)
        XCTAssertLessThan(
            Plain.kktViolation(a, lambda: lambda, pref: pref, w: fp.w, supportTolerance: 1e-12), 1e-12,
            "KKT of the reported w* " + message, file: file, line: line)
    }

    // MARK: 1. fixed point vs closed forms

    /// m = 2, symmetric PSD Â. On the segment w(t) = e2 + t d, d = e1 - e2, t in [0, 1], the fixed point of
    /// <Â(w + lambda w~), v - w> >= 0 is the minimizer of the convex f(t) = 1/2 w^T Â w + lambda w^T Â w~:
    ///   f'(t) = d^T Â (e2 + t d) + lambda d^T Â w~ = 0
    ///   => t* = -(d^T Â e2 + lambda d^T Â w~) / (d^T Â d),  d^T Â e2 = Â12 - Â22,  d^T Â d = Â11 + Â22 - 2 Â12,
    /// and since f is convex in t the constrained minimizer is clip(t*, 0, 1): w* = (t, 1 - t).
    func testTwoTasksMatchClippedUnconstrainedMinimizer() {
        var rng = SplitMix64(seed: 2)
        var interior = 0, clipped = 0
        for trial in 0..<60 {
            let a = Plain.normalize(Plain.gramian(m: 2, n: 3, common: [0, 1, 2.5][trial % 3], &rng))
            let lambda = [0, 0.3, 1.0, 4.0][trial % 4]
            let pref = trial % 5 == 0 ? uniform(2) : [rng.uniform(0, 1), rng.uniform(0, 1)]
            let aw = Plain.matVec(a, pref)
            let dAd = a[0, 0] + a[1, 1] - 2 * a[0, 1]
            let t = -((a[0, 1] - a[1, 1]) + lambda * (aw[0] - aw[1])) / dAd
            let tc = min(max(t, 0), 1)
            if tc > 0 && tc < 1 { interior += 1 } else { clipped += 1 }
            let fp = FixedPointSolver.solve(normalized: a, preference: pref, lambda: lambda)
            assertFixedPoint(
                fp, [tc, 1 - tc], a: a, lambda: lambda, pref: pref, tolerance: 1e-12, "trial \(trial), t* = \(t)")
            XCTAssertTrue(fp.isUnique, "PD Gramian, trial \(trial)")
            XCTAssertEqual(fp.method, "faces")
        }
        XCTAssertGreaterThan(interior, 5)
        XCTAssertGreaterThan(clipped, 5)
    }

    /// m = 3, w* in the interior: the 4 x 4 KKT system [Â -1; 1^T 0] (w, mu) = (-lambda Â w~, 1),
    /// solved here by Cramer's rule, must give w > 0 and be what the solver reports.
    func testThreeTasksInterior() {
        let j = Matrix([[1, 0.2, 0], [0, 1.2, 0.3], [0.1, 0, 0.9]])
        let a = Plain.normalize(Plain.timesTranspose(j, j))
        for (lambda, pref) in [(0.3, uniform(3)), (0.0, uniform(3)), (1.0, [0.7, 0.1, 0.2])] {
            guard let w = Plain.solveFace(a, lambda: lambda, pref: pref, face: [0, 1, 2]) else {
                return XCTFail("singular KKT system")
            }
            XCTAssert(w.allSatisfy { $0 > 1e-3 }, "the case is meant to be interior: \(w)")
            XCTAssertLessThan(Plain.kktViolation(a, lambda: lambda, pref: pref, w: w), 1e-12)
            let fp = FixedPointSolver.solve(normalized: a, preference: pref, lambda: lambda)
            assertFixedPoint(fp, w, a: a, lambda: lambda, pref: pref, "interior, lambda \(lambda)")
            XCTAssertTrue(fp.isUnique)
        }
    }

    /// m = 3, w* on an edge. Gradients e1, e2 and (2, 2, 0.5): by the symmetry between tasks 1 and 2
    /// w* = (1/2, 1/2, 0) with uniform w~; then g = Â(w* + lambda/3 1) is proportional to
    /// (1/2 + 2 lambda/3 + ..): g1 = g2 = 0.5 + lambda (1 + 0 + 2)/3, g3 = 2 + lambda (2 + 2 + 8.25)/3 > g1.
    /// With a non-uniform w~ the edge point comes from the 3 x 3 system on face {1, 2} (Cramer's rule).
    func testThreeTasksEdge() {
        let j = Matrix([[1, 0, 0], [0, 1, 0], [2, 2, 0.5]])
        let raw = Plain.timesTranspose(j, j)
        let a = Plain.normalize(raw)
        // Symmetric case, by hand on the raw Gramian (w* does not depend on the positive scale of Â).
        let lambda = 0.3
        let g1 = 0.5 + lambda * 3 / 3, g3 = 2 + lambda * 12.25 / 3
        XCTAssertGreaterThan(g3, g1)
        assertClose(
            Plain.matVec(raw, [0.5 + lambda / 3, 0.5 + lambda / 3, lambda / 3]), [g1, g1, g3], tolerance: 1e-14)
        let fp = FixedPointSolver.solve(normalized: a, preference: uniform(3), lambda: lambda)
        assertFixedPoint(fp, [0.5, 0.5, 0], a: a, lambda: lambda, pref: uniform(3), "edge, symmetric")
        // Non-uniform preference: face {0, 1} by Cramer, then KKT (g3 larger) checked directly.
        let pref = [0.6, 0.1, 0.3]
        guard let w = Plain.solveFace(a, lambda: 0.5, pref: pref, face: [0, 1]) else { return XCTFail("singular") }
        XCTAssert(w[0] > 0 && w[1] > 0 && w[2] == 0, "\(w)")
        let g = Plain.matVec(a, zip(w, pref).map { $0 + 0.5 * $1 })
        assertClose(g[0], g[1], tolerance: 1e-12)
        XCTAssertGreaterThan(g[2], g[0] + 0.1)
        let fp2 = FixedPointSolver.solve(normalized: a, preference: pref, lambda: 0.5)
        assertFixedPoint(fp2, w, a: a, lambda: 0.5, pref: pref, "edge, preference \(pref)")
        XCTAssertTrue(fp2.isUnique)
    }

    /// m = 3, w* at a vertex. Gradients (1, 0, 0), (2, 1, 0), (2, -1, 0.5): raw Gramian
    /// [[1, 2, 2], [2, 5, 3], [2, 3, 5.25]]. At w = e1 with lambda = 0.3, w~ = 1/3:
    /// w + lambda w~ = (1.1, 0.1, 0.1), g = (1.1 + 0.2 + 0.2, 2.2 + 0.5 + 0.3, 2.2 + 0.3 + 0.525) = (1.5, 3.0, 3.025):
    /// g1 is the smallest, so e1 satisfies the KKT conditions (and it is the only point: Â is PD).
    func testThreeTasksVertex() {
        let j = Matrix([[1, 0, 0], [2, 1, 0], [2, -1, 0.5]])
        let raw = Plain.timesTranspose(j, j)
        assertClose(raw.storage, [1, 2, 2, 2, 5, 3, 2, 3, 5.25], tolerance: 1e-15)
        assertClose(Plain.matVec(raw, [1.1, 0.1, 0.1]), [1.5, 3.0, 3.025], tolerance: 1e-14)
        let a = Plain.normalize(raw)
        let fp = FixedPointSolver.solve(normalized: a, preference: uniform(3), lambda: 0.3)
        assertFixedPoint(fp, [1, 0, 0], a: a, lambda: 0.3, pref: uniform(3), "vertex")
        XCTAssertEqual(fp.support, [0])
        XCTAssertTrue(fp.isUnique)
        // A vertex: no face modes, any lr keeps it.
        let stability = Stability(normalized: a, support: fp.support, lr: 1e6, momentum: 0.5)
        XCTAssertEqual(stability.lrMax, .infinity)
        XCTAssertEqual(stability.verdict, .converges)
    }

    /// m = 3, random matrices (PD Gramians and non-symmetric J1 J2^T): every face solved by Cramer's rule here,
    /// the KKT points kept; the solver must report the same point (and non-uniqueness when there are several).
    func testThreeTasksRandomAgainstCramerEnumeration() {
        var rng = SplitMix64(seed: 3)
        var bySupportSize = [0, 0, 0, 0]
        for trial in 0..<80 {
            let a: Matrix
            if trial % 2 == 0 {
                a = Plain.normalize(Plain.gramian(m: 3, n: 4, common: [0, 0.8, 2][trial % 3], &rng))
            } else {
                let j1 = Plain.random(3, 4, &rng)
                var j2 = j1
                for i in 0..<j2.storage.count { j2.storage[i] += [0.2, 0.6, 1.2][trial % 3] * rng.uniform(-1, 1) }
                a = Plain.normalize(Plain.timesTranspose(j1, j2))
            }
            let lambda = [0.3, 0, 1][trial % 3]
            let pref = trial % 4 == 1 ? [rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0, 1)] : uniform(3)
            let truth = Plain.allFixedPoints(a, lambda: lambda, pref: pref)
            XCTAssertFalse(truth.isEmpty, "a fixed point always exists (trial \(trial))")
            let fp = FixedPointSolver.solve(normalized: a, preference: pref, lambda: lambda)
            XCTAssertLessThan(fp.residual, 1e-10, "trial \(trial)")
            XCTAssertLessThan(
                Plain.kktViolation(a, lambda: lambda, pref: pref, w: fp.w, supportTolerance: 1e-12), 1e-10)
            XCTAssert(
                truth.contains { Plain.maxAbsDiff($0, fp.w) < 1e-10 }, "trial \(trial): \(fp.w) not among \(truth)")
            if truth.count == 1 {
                bySupportSize[truth[0].filter { $0 > 0 }.count] += 1
                if trial % 2 == 0 { XCTAssertTrue(fp.isUnique, "PD Gramian, trial \(trial)") }
            } else {
                XCTAssertFalse(fp.isUnique, "trial \(trial): \(truth.count) fixed points but reported unique")
            }
        }
        XCTAssert(bySupportSize[1] > 3 && bySupportSize[2] > 3 && bySupportSize[3] > 3, "\(bySupportSize)")
    }

    /// The residual is ~0 at the exact w* and clearly positive at perturbed points.
    func testResidualExactAndPerturbed() {
        let j = Matrix([[1, 0.2, 0], [0, 1.2, 0.3], [0.1, 0, 0.9]])
        let a = Plain.normalize(Plain.timesTranspose(j, j))
        let lambda = 0.3, pref = uniform(3)
        let offset = Plain.matVec(a, pref).map { lambda * $0 }
        let exact = Plain.solveFace(a, lambda: lambda, pref: pref, face: [0, 1, 2])!
        XCTAssertLessThan(FixedPointSolver.kktResidual(a, offset: offset, w: exact), 1e-12)
        XCTAssertLessThan(FixedPointSolver.solve(normalized: a, preference: pref, lambda: lambda).residual, 1e-12)
        // Moving along the face by 1e-3 makes the gradient unequal on the support by about |Â d| ~ 1e-3.
        let moved = [exact[0] + 1e-3, exact[1] - 1e-3, exact[2]]
        let spread = Plain.kktViolation(a, lambda: lambda, pref: pref, w: moved)
        XCTAssertGreaterThan(spread, 1e-4)
        XCTAssertGreaterThan(FixedPointSolver.kktResidual(a, offset: offset, w: moved), 1e-4)
        // Off the simplex: at least |sum - 1|.
        XCTAssertGreaterThanOrEqual(
            FixedPointSolver.kktResidual(a, offset: offset, w: exact.map { $0 * 1.01 }), 0.01 - 1e-12)
        // A vertex that is not the fixed point: a smaller gradient off the support.
        XCTAssertGreaterThan(FixedPointSolver.kktResidual(a, offset: offset, w: [0, 0, 1]), 1e-2)
        // The edge case's exact point and a point pushed slightly inside.
        let je = Matrix([[1, 0, 0], [0, 1, 0], [2, 2, 0.5]])
        let ae = Plain.normalize(Plain.timesTranspose(je, je))
        let oe = Plain.matVec(ae, pref).map { lambda * $0 }
        XCTAssertLessThan(FixedPointSolver.kktResidual(ae, offset: oe, w: [0.5, 0.5, 0]), 1e-12)
        XCTAssertGreaterThan(FixedPointSolver.kktResidual(ae, offset: oe, w: [0.495, 0.495, 0.01]), 1e-3)
    }

    /// Â = 0: every point of the simplex is a fixed point, so w* is not unique; a singular PSD
    /// Gramian (two equal gradients) has a whole segment of them; a PD Gramian has exactly one.
    func testUniqueness() {
        for m in 2...5 {
            let zero = Matrix.zeros(rows: m, columns: m)
            let fp = FixedPointSolver.solve(normalized: zero, preference: uniform(m), lambda: 0.3)
            XCTAssertFalse(fp.isUnique, "zero matrix, m = \(m)")
            XCTAssertLessThan(fp.residual, 1e-12)
            XCTAssertLessThan(Plain.kktViolation(zero, lambda: 0.3, pref: uniform(m), w: fp.w), 1e-12)
        }
        let twin = Plain.normalize(Matrix([[1, 1], [1, 1]]))
        XCTAssertFalse(FixedPointSolver.solve(normalized: twin, preference: uniform(2), lambda: 0.3).isUnique)
        var rng = SplitMix64(seed: 4)
        for m in 2...6 {
            let a = Plain.normalize(Plain.gramian(m: m, n: 2 * m, common: 0.5, &rng))
            XCTAssertTrue(
                FixedPointSolver.solve(normalized: a, preference: uniform(m), lambda: 0.3).isUnique, "PD, m = \(m)")
        }
    }

    /// Beyond the enumeration limit the zero matrix is still not a unique fixed point.
    func testUniquenessZeroMatrixLargeM() {
        for m in [8, 12] {
            let fp = FixedPointSolver.solve(
                normalized: Matrix.zeros(rows: m, columns: m), preference: uniform(m), lambda: 0.3)
            XCTAssertEqual(fp.method, "zero matrix")
            XCTAssertEqual(fp.w, uniform(m), "no point is singled out: the one asked about (uniform) is kept")
            XCTAssertLessThan(fp.residual, 1e-12)
            XCTAssertFalse(fp.isUnique, "zero matrix, m = \(m): every point is a fixed point")
        }
    }

    // MARK: 2. fixed point vs a long run of the real solver

    /// Random PD Gramians: SDMGradWeighting with lr = 0.5 lr_max, momentum 0.5 and 5000 iterations from uniform
    /// lands on FixedPointSolver's w* (m = 2..6 by face enumeration, m = 10 and 20 by the active-set method).
    func testLongRunConvergesToFixedPoint() throws {
        var rng = SplitMix64(seed: 5)
        for m in [2, 3, 4, 5, 6, 10, 20] {
            for trial in 0..<3 {
                let raw = Plain.gramian(m: m, n: 2 * m + 2, common: [0, 0.6, 1.2][trial], &rng)
                let a = Plain.normalize(raw)
                let lambda = 0.3
                let fp = FixedPointSolver.solve(normalized: a, preference: uniform(m), lambda: lambda)
                XCTAssertEqual(fp.method, m <= 6 ? "faces" : "active set")
                // A PD Gramian: uniqueness is proven at every m (faces, or definiteness on the tangent space).
                XCTAssertEqual(fp.unique, true, "m \(m) trial \(trial): \(fp.uniqueness)")
                XCTAssertLessThan(fp.residual, 1e-10, "m \(m) trial \(trial)")
                XCTAssertLessThan(
                    Plain.kktViolation(a, lambda: lambda, pref: uniform(m), w: fp.w, supportTolerance: 1e-12), 1e-10)
                let lrMax = Stability(normalized: a, support: fp.support, lr: 1, momentum: 0.5).lrMax
                let lr = lrMax.isFinite ? 0.5 * lrMax : 1
                let call = try Plain.run(raw, lambda: lambda, lr: lr, momentum: 0.5, iters: 5000, start: nil)
                XCTAssertLessThan(
                    Plain.maxAbsDiff(call.w, fp.w), 1e-8,
                    "m \(m) trial \(trial), support \(fp.support): run \(call.w) vs w* \(fp.w)")
            }
        }
    }

    // MARK: 3. the verdict against the solver's behaviour

    /// Runs the real solver from near w* and says whether it settled on w* (and how far it ended).
    private func settles(
        _ raw: Matrix, wStar: [Double], lr: Double, momentum: Double, iters: Int,
        rng: inout SplitMix64
    ) throws -> (settled: Bool, lastDistance: Double, lastMove: Double) {
        let start = Plain.perturbed(wStar, size: 1e-4, &rng)
        let call = try Plain.run(raw, lambda: 0.3, lr: lr, momentum: momentum, iters: iters, start: start, trace: true)
        let steps = call.trace!.steps
        let tail = steps.suffix(100)
        let far = tail.map { Plain.distance($0.w, wStar) }.max()!
        var move = 0.0
        for (x, y) in zip(tail.dropLast(), tail.dropFirst()) { move = max(move, Plain.distance(x.w, y.w)) }
        return (Plain.distance(call.w, wStar) < 1e-8 && far < 1e-6, far, move)
    }

    func testVerdictMatchesBehaviour() throws {
        var rng = SplitMix64(seed: 6)
        var converging = 0, notConverging = 0
        for trial in 0..<32 {
            let m = 2 + trial % 4
            let raw = Plain.gramian(m: m, n: m + 3, common: [0, 0.4, 0.9][trial % 3], &rng)
            let a = Plain.normalize(raw)
            let fp = FixedPointSolver.solve(normalized: a, preference: uniform(m), lambda: 0.3)
            let lrMax = Stability(normalized: a, support: fp.support, lr: 1, momentum: 0.5).lrMax
            let factor = [0.3, 1.6, 0.7, 2.5][(trial / 4) % 4]
            let lr = lrMax.isFinite ? factor * lrMax : 10 * factor
            let analysis = Analysis(normalized: a, preference: uniform(m), parameters: parameters(lr: lr))
            XCTAssertEqual(analysis.fixedPoint, fp)
            let verdict = analysis.stability.verdict
            // PD Gramian: the face matrix is symmetric PD, so never "diverges"; the verdict follows lr vs lr_max.
            XCTAssertNotEqual(verdict, .diverges)
            XCTAssertEqual(verdict == .converges, lr < lrMax, "trial \(trial)")
            let outcome = try settles(raw, wStar: fp.w, lr: lr, momentum: 0.5, iters: 3000, rng: &rng)
            if verdict == .converges {
                converging += 1
                XCTAssertTrue(outcome.settled, "trial \(trial) m \(m): converges, yet distance \(outcome.lastDistance)")
            } else {
                notConverging += 1
                XCTAssertFalse(outcome.settled, "trial \(trial) m \(m): \(verdict), yet it settled")
                XCTAssertGreaterThan(outcome.lastDistance, 1e-3, "trial \(trial): should stay away from w*")
                XCTAssertGreaterThan(outcome.lastMove, 1e-4, "trial \(trial): should keep moving")
            }
        }
        XCTAssertGreaterThanOrEqual(converging, 8)
        XCTAssertGreaterThanOrEqual(notConverging, 8)
    }

    /// A matrix that pushes away from w* on its face: A = [[1, 3], [3, 1]] (s = 1) has w* = (1/2, 1/2) by symmetry and
    /// face eigenvalue c = (Â11 + Â22 - Â12 - Â21)/2 = -2/(1 + 1e-8) <= 0: "diverges" at every lr, the iterates leave w*.
    func testDivergesVerdictLeavesFixedPoint() throws {
        let raw = Matrix([[1, 3], [3, 1]])
        let a = Plain.normalize(raw)
        for lr in [0.01, 0.1, 1.0] {
            let analysis = Analysis(normalized: a, preference: uniform(2), parameters: parameters(lr: lr))
            assertClose(analysis.fixedPoint.w, [0.5, 0.5], tolerance: 1e-12)
            XCTAssertEqual(analysis.stability.faceEigenvalues.count, 1)
            assertClose(analysis.stability.faceEigenvalues[0].re, -2 / (1 + 1e-8), tolerance: 1e-12)
            XCTAssertEqual(analysis.stability.verdict, .diverges)
            XCTAssertEqual(analysis.stability.lrMax, 0)
            XCTAssertGreaterThanOrEqual(analysis.stability.spectralRadius, 1)
            var rng = SplitMix64(seed: 7)
            let outcome = try settles(raw, wStar: [0.5, 0.5], lr: lr, momentum: 0.5, iters: 2000, rng: &rng)
            XCTAssertFalse(outcome.settled)
            XCTAssertGreaterThan(outcome.lastDistance, 0.1, "lr \(lr)")
        }
    }

    // MARK: 4. lr_max

    /// m = 2 closed form: the face basis is q = (1, -1)/sqrt 2, so c = q^T Â q = (Â11 + Â22 - Â12 - Â21)/2 and
    /// the heavy-ball root t = -1 is reached at lr c = 2 (1 + momentum): lr_max = 4 (1 + momentum) / (Â11 + Â22 - Â12 - Â21).
    /// Then behaviour at 0.95 lr_max (settles from near w*) and 1.05 lr_max (does not), m = 2 and 3.
    func testLrMaxClosedFormAndBehaviour() throws {
        var rng = SplitMix64(seed: 8)
        var checkedTwo = 0, checkedThree = 0, trial = 0
        while (checkedTwo < 6 || checkedThree < 6) && trial < 200 {
            trial += 1
            let m = checkedTwo < 6 ? 2 : 3
            let raw = Plain.gramian(m: m, n: m + 2, common: 0.3, &rng)
            let a = Plain.normalize(raw)
            let fp = FixedPointSolver.solve(normalized: a, preference: uniform(m), lambda: 0.3)
            // a vertex has lr_max = inf
            guard fp.support.count >= 2, fp.w.filter({ $0 > 0 }).allSatisfy({ $0 > 0.02 }) else { continue }
            let momentum = [0.5, 0.0, 0.9][trial % 3]
            let lrMax = Stability(normalized: a, support: fp.support, lr: 1, momentum: momentum).lrMax
            XCTAssert(lrMax.isFinite && lrMax > 0)
            if m == 2 {
                XCTAssertEqual(fp.support, [0, 1])
                let closed = 4 * (1 + momentum) / (a[0, 0] + a[1, 1] - a[0, 1] - a[1, 0])
                assertClose(lrMax, closed, tolerance: 1e-12 * closed, "m = 2 closed form, momentum \(momentum)")
                checkedTwo += 1
            } else {
                checkedThree += 1
            }
            XCTAssertEqual(
                Stability(normalized: a, support: fp.support, lr: 0.95 * lrMax, momentum: momentum).verdict, .converges)
            XCTAssertEqual(
                Stability(normalized: a, support: fp.support, lr: 1.05 * lrMax, momentum: momentum).verdict, .oscillates
            )
            let below = try settles(raw, wStar: fp.w, lr: 0.95 * lrMax, momentum: momentum, iters: 6000, rng: &rng)
            XCTAssertTrue(
                below.settled, "m \(m) momentum \(momentum): 0.95 lr_max should settle (distance \(below.lastDistance))"
            )
            let above = try settles(raw, wStar: fp.w, lr: 1.05 * lrMax, momentum: momentum, iters: 3000, rng: &rng)
            XCTAssertFalse(above.settled, "m \(m) momentum \(momentum): 1.05 lr_max should not settle")
            XCTAssertGreaterThan(above.lastDistance, 1e-3)
        }
        XCTAssertEqual(checkedTwo, 6)
        XCTAssertEqual(checkedThree, 6)
    }

    /// Complex face eigenvalues: Â = I + s K with K the cyclic skew matrix (K 1 = 0) has w* = uniform by symmetry and
    /// face eigenvalues 1 +- i s sqrt 3; lr_max (found by bisection) separates settling from not settling.
    func testLrMaxComplexEigenvalues() throws {
        let s = 0.8
        let raw = Matrix([[1, s, -s], [-s, 1, s], [s, -s, 1]])
        let a = Plain.normalize(raw)
        let fp = FixedPointSolver.solve(normalized: a, preference: uniform(3), lambda: 0.3)
        assertClose(fp.w, uniform(3), tolerance: 1e-12)
        let d = 1 + 1e-8  // s^2 + 1e-8 with s = 1
        for momentum in [0.0, 0.5, 0.8] {
            let stability = Stability(normalized: a, support: fp.support, lr: 1, momentum: momentum)
            let eig = stability.faceEigenvalues.sorted { $0.im < $1.im }
            XCTAssertEqual(eig.count, 2)
            assertClose(eig.map(\.re), [1 / d, 1 / d], tolerance: 1e-12)
            assertClose(eig.map(\.im), [-s * 3.0.squareRoot() / d, s * 3.0.squareRoot() / d], tolerance: 1e-12)
            let lrMax = stability.lrMax
            XCTAssert(lrMax.isFinite && lrMax > 0)
            // The real closed form 2 (1 + momentum) / Re c overestimates it for complex c.
            XCTAssertLessThan(lrMax, 2 * (1 + momentum) * d)
            var rng = SplitMix64(seed: 9)
            XCTAssertTrue(
                try settles(raw, wStar: fp.w, lr: 0.95 * lrMax, momentum: momentum, iters: 6000, rng: &rng).settled,
                "momentum \(momentum)")
            let above = try settles(raw, wStar: fp.w, lr: 1.05 * lrMax, momentum: momentum, iters: 3000, rng: &rng)
            XCTAssertFalse(above.settled, "momentum \(momentum)")
            XCTAssertGreaterThan(above.lastDistance, 1e-3)
        }
    }

    // MARK: 5. eigenvalues

    private func assertTraceAndDeterminant(
        _ a: Matrix, _ message: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        let values = Eigenvalues.of(a)
        XCTAssertEqual(values.count, a.rows, message, file: file, line: line)
        var sum = Complex(0), product = Complex(1)
        for v in values { sum = sum + v; product = product * v }
        let trace = (0..<a.rows).reduce(0) { $0 + a[$1, $1] }
        let det = Plain.determinant(a)
        let scale = max(1, a.frobeniusNorm)
        XCTAssertLessThanOrEqual(abs(sum.re - trace), 1e-9 * scale, "trace " + message, file: file, line: line)
        XCTAssertLessThanOrEqual(abs(sum.im), 1e-9 * scale, "trace (imaginary) " + message, file: file, line: line)
        let detScale = max(abs(det), 1e-300)
        XCTAssertLessThanOrEqual(
            abs(product.re - det), 1e-9 * detScale, "det \(det) vs \(product) " + message, file: file, line: line)
        XCTAssertLessThanOrEqual(
            abs(product.im), 1e-9 * max(detScale, 1e-9), "det (imaginary) " + message, file: file, line: line)
        // Complex eigenvalues of a real matrix come in conjugate pairs.
        for v in values where abs(v.im) > 1e-9 {
            XCTAssert(
                values.contains { abs($0.re - v.re) < 1e-8 * scale && abs($0.im + v.im) < 1e-8 * scale },
                "no conjugate for \(v) " + message, file: file, line: line)
        }
    }

    func testEigenvaluesTraceAndDeterminant() {
        var rng = SplitMix64(seed: 10)
        for n in 2...8 {
            for trial in 0..<6 {
                assertTraceAndDeterminant(Plain.random(n, n, &rng, -2, 2), "n \(n) trial \(trial)")
            }
        }
        // Rotation-like: r R(theta) has eigenvalues r e^{+-i theta}.
        for theta in [0.3, 1.0, 2.5] {
            let r = 1.7
            let rot = Matrix([[r * cos(theta), -r * sin(theta)], [r * sin(theta), r * cos(theta)]])
            assertTraceAndDeterminant(rot, "rotation \(theta)")
            let values = Eigenvalues.of(rot).sorted { $0.im < $1.im }
            assertClose(values.map(\.re), [r * cos(theta), r * cos(theta)], tolerance: 1e-12)
            assertClose(values.map(\.im), [-r * sin(theta), r * sin(theta)], tolerance: 1e-12)
        }
        // Block rotation in 4-D (two rotations, no real eigenvalue) under an orthogonal similarity.
        var block = Matrix.zeros(rows: 4, columns: 4)
        block[0, 0] = cos(0.4); block[0, 1] = -sin(0.4); block[1, 0] = sin(0.4); block[1, 1] = cos(0.4)
        block[2, 2] = 2 * cos(2.0); block[2, 3] = -2 * sin(2.0); block[3, 2] = 2 * sin(2.0); block[3, 3] = 2 * cos(2.0)
        let h = householder([1, -2, 0.5, 3])
        let mixed = Plain.product(Plain.product(h, block), h)
        assertTraceAndDeterminant(mixed, "block rotation")
        // Conjugates share a real part only up to rounding: order by rounded real part, then imaginary part.
        let values = Eigenvalues.of(mixed).sorted {
            ($0.re * 1e6).rounded() != ($1.re * 1e6).rounded() ? $0.re < $1.re : $0.im < $1.im
        }
        let expected = [
            Complex(2 * cos(2.0), -2 * sin(2.0)), Complex(2 * cos(2.0), 2 * sin(2.0)),
            Complex(cos(0.4), -sin(0.4)), Complex(cos(0.4), sin(0.4)),
        ]
        assertClose(values.map(\.re), expected.map(\.re), tolerance: 1e-10)
        assertClose(values.map(\.im), expected.map(\.im), tolerance: 1e-10)
    }

    /// I - 2 v v^T / v^T v (symmetric, orthogonal, its own inverse).
    private func householder(_ v: [Double]) -> Matrix {
        let n = v.count
        let vv = v.reduce(0) { $0 + $1 * $1 }
        var h = Matrix.zeros(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { h[i, j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv } }
        return h
    }

    /// T upper triangular with diagonal 1, 2, 3 (and 1..6), moved by a non-orthogonal similarity
    /// S = (I + a E_{last,0}) H, whose inverse is H (I - a E_{last,0}) (H a Householder reflection, E_{ij} nilpotent).
    func testEigenvaluesKnownSpectrumAfterSimilarity() {
        var rng = SplitMix64(seed: 11)
        for n in [3, 4, 6] {
            var t = Matrix.zeros(rows: n, columns: n)
            for i in 0..<n {
                t[i, i] = Double(i + 1)
                for j in (i + 1)..<n { t[i, j] = rng.uniform(-2, 2) }
            }
            let h = householder((0..<n).map { _ in rng.uniform(-1, 1) })
            var shear = Matrix.zeros(rows: n, columns: n), unshear = shear
            for i in 0..<n { shear[i, i] = 1; unshear[i, i] = 1 }
            shear[n - 1, 0] = 1.5
            unshear[n - 1, 0] = -1.5
            let s = Plain.product(shear, h), sInverse = Plain.product(h, unshear)
            let identity = Plain.product(s, sInverse)
            for i in 0..<n { for j in 0..<n { assertClose(identity[i, j], i == j ? 1 : 0, tolerance: 1e-14) } }
            let b = Plain.product(Plain.product(s, t), sInverse)
            let values = Eigenvalues.of(b).sorted { $0.re < $1.re }
            assertClose(values.map(\.re), (1...n).map(Double.init), tolerance: 1e-9, "n \(n)")
            assertClose(values.map(\.im), Array(repeating: 0, count: n), tolerance: 1e-9, "n \(n)")
            assertTraceAndDeterminant(b, "similar to diag 1..\(n)")
        }
    }

    /// The symmetric eigen-decomposition: A V = V diag(values), V orthonormal, values descending, of (A + A^T)/2.
    func testSymmetricEigen() {
        var rng = SplitMix64(seed: 12)
        for n in 1...7 {
            let a = Plain.random(n, n, &rng)
            var sym = a
            for i in 0..<n { for j in 0..<n { sym[i, j] = 0.5 * (a[i, j] + a[j, i]) } }
            let eigen = SymmetricEigen(symmetricPartOf: a)
            XCTAssertEqual(eigen.values, eigen.values.sorted(by: >))
            let vtv = Plain.product(eigen.vectors.transposed, eigen.vectors)
            let av = Plain.product(sym, eigen.vectors)
            for i in 0..<n {
                for j in 0..<n {
                    assertClose(vtv[i, j], i == j ? 1 : 0, tolerance: 1e-12, "V^T V, n \(n)")
                    assertClose(av[i, j], eigen.vectors[i, j] * eigen.values[j], tolerance: 1e-10, "A V = V L, n \(n)")
                }
            }
            assertClose(eigen.values.reduce(1, *), Plain.determinant(sym), tolerance: 1e-10, "det, n \(n)")
        }
    }

    // MARK: the heavy-ball rate itself

    /// rate(c, lr, momentum) is the largest root modulus of t^2 - (1 + momentum - lr c) t + momentum: the roots
    /// computed here by the quadratic formula in real arithmetic (real c) must match, and lr_max = 2(1 + beta)/c.
    func testRateClosedFormForRealEigenvalues() {
        for c in [0.1, 1.0, 3.7] {
            for beta in [0.0, 0.5, 0.9] {
                for lr in [0.01, 0.5, 1.0, 2.0, 5.0] {
                    let b = 1 + beta - lr * c
                    let disc = b * b - 4 * beta
                    let expected =
                        disc >= 0 ? max(abs(b + disc.squareRoot()), abs(b - disc.squareRoot())) / 2 : beta.squareRoot()
                    assertClose(Stability.rate(c: Complex(c), lr: lr, momentum: beta), expected, tolerance: 1e-12)
                }
                let lrMax = Stability.largestStableRate(c: Complex(c), momentum: beta)
                assertClose(lrMax, 2 * (1 + beta) / c, tolerance: 1e-12 * lrMax)
                XCTAssertLessThan(Stability.rate(c: Complex(c), lr: lrMax * (1 - 1e-9), momentum: beta), 1)
                XCTAssertGreaterThan(Stability.rate(c: Complex(c), lr: lrMax * (1 + 1e-9), momentum: beta), 1)
            }
        }
        XCTAssertEqual(Stability.largestStableRate(c: Complex(-0.5), momentum: 0.5), 0)
        XCTAssertEqual(Stability.largestStableRate(c: Complex(0, 1), momentum: 0.5), 0)
    }
}
