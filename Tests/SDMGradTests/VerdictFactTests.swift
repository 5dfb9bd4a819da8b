import SDMGrad
import XCTest

/// One notion of a fact (SPEC 7.1, issue 19): a verdict only at a verified w*, exact where affordable,
/// none where Â is zero to rounding; and `Reach` against the natural residual computed here by hand.
final class VerdictFactTests: XCTestCase {
    /// A = J Jᵀ (m = 200) is positive semi-definite: every face eigenvalue is >= 0, so the fixed point
    /// cannot repel, and on a face of more than 160 tasks the eigenvalues are now exact (Jacobi), not Ritz estimates.
    func testLargeSymmetricFaceIsExact() throws {
        let m = 200, n = 400
        var rng = SplitMix64(seed: 42)
        let j = Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { _ in rng.uniform(-1, 1) })
        let a = j.timesTransposeOf(j)
        var weighting = SDMGradWeighting()
        let call = try weighting(a)
        let analysis = Analysis(call: call)
        let stability = Stability(normalized: call.normalization.matrix, support: Array(0..<m), lr: 10, momentum: 0.5)
        XCTAssertFalse(stability.isEstimate)
        XCTAssert(stability.faceEigenvalues.allSatisfy { $0.re >= -1e-9 && abs($0.im) == 0 })
        XCTAssertNotEqual(stability.verdict, .diverges)
        XCTAssertNotEqual(analysis.fact.verdict, .diverges)
    }

    /// A = 1e-320 I: Â is zero to rounding, every point is a fixed point; no verdict (not "oscillates, any lr").
    func testTinyMatrixHasNoVerdict() throws {
        var weighting = SDMGradWeighting()
        let call = try weighting(Matrix([[1e-320, 0, 0], [0, 1e-320, 0], [0, 0, 1e-320]]))
        let analysis = Analysis(call: call)
        XCTAssertNil(analysis.fact.verdict)
        XCTAssertEqual(analysis.fixedPoint.unique, false)
        XCTAssertEqual(analysis.fixedPoint.w, call.w)
    }

    /// A = 0: every point is a fixed point, so w* is the solver's own w (uniform), not a vertex, and not unique.
    func testZeroMatrixDoesNotPickAVertex() throws {
        var weighting = SDMGradWeighting()
        let call = try weighting(Matrix([[0, 0, 0], [0, 0, 0], [0, 0, 0]]))
        let analysis = Analysis(call: call)
        XCTAssertEqual(analysis.fixedPoint.unique, false)
        XCTAssertEqual(analysis.fixedPoint.w, [1.0 / 3, 1.0 / 3, 1.0 / 3])
        XCTAssertTrue(analysis.reach?.reached ?? false)
    }

    /// conflict-2's A at lr 1.5 and lr 10: r(w) by hand (two tasks: P on the simplex of R^2 is a clamp), and
    /// iterations_needed is the first k whose iterate has r <= 1e-3 (checked by running k - 1 and k iterations).
    func testReachAgainstAHandResidual() throws {
        let a = Matrix([[1, -0.5], [-0.5, 1]])
        for lr in [1.5, 0.1] {
            var p = SolverParameters()
            p.lr = lr
            var weighting = SDMGradWeighting(parameters: p)
            let call = try weighting(a)
            let hat = call.normalization.matrix
            func r(_ w: [Double]) -> Double {
                let x = [w[0] + 0.3 * 0.5, w[1] + 0.3 * 0.5]
                let g = [hat[0, 0] * x[0] + hat[0, 1] * x[1], hat[1, 0] * x[0] + hat[1, 1] * x[1]]
                let z = [w[0] - g[0], w[1] - g[1]]
                let first = min(1, max(0, (z[0] - z[1] + 1) / 2))  // projection of z onto {u + v = 1, u, v >= 0}
                return max(abs(w[0] - first), abs(w[1] - (1 - first)))
            }
            let analysis = Analysis(call: call)
            let reach = try XCTUnwrap(analysis.reach)
            XCTAssertEqual(reach.outputResidual, r(call.w), accuracy: 1e-15)
            XCTAssertEqual(reach.reached, r(call.w) <= 1e-3)
            if let k = reach.iterationsNeeded {
                for (iters, expectReached) in [(k - 1, false), (k, true)] {
                    var q = p
                    q.iters = iters
                    var again = SDMGradWeighting(parameters: q)
                    XCTAssertEqual(r(try again(a).w) <= 1e-3, expectReached, "lr \(lr) iters \(iters)")
                }
            }
        }
    }
}
