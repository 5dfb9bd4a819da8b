import SDMGrad
import XCTest

/// LambdaInvariance: an interior w* gives the weights Â⁻¹1 / 1ᵀÂ⁻¹1 at every lambda, checked
/// against the 2 x 2 closed form, the package's fixed-point solver, the reference iteration
/// (Plain.ReferenceWeighting) run to convergence, and the KKT conditions for A = J1 J2ᵀ.
final class LambdaInvarianceTests: XCTestCase {
    let lambdas = [0, 0.1, 0.3, 1, 2, 5, 20, 100.0]

    /// conflict-2's Gramian: u by the 2 x 2 formula, and where w* leaves the interior.
    func testTwoTasksMatchTheClosedForm() throws {
        let g = [[1.0, 0.1], [-0.7, 0.9]]
        let a = Plain.normalize(Matrix([[dot(g[0], g[0]), dot(g[0], g[1])], [dot(g[1], g[0]), dot(g[1], g[1])]]))
        let inv = try XCTUnwrap(LambdaInvariance.compute(normalized: a, preference: [0.5, 0.5]))
        // Â(u) ∝ 1 on two tasks: u ∝ (a22 − a12, a11 − a21).
        let u1 = (a[1, 1] - a[0, 1]) / (a[0, 0] + a[1, 1] - a[0, 1] - a[1, 0])
        XCTAssertEqual(inv.weights[0], u1, accuracy: 1e-12)
        XCTAssertEqual(inv.weights[0], 0.5411, accuracy: 1e-4, "the issue's [0.541, 0.459]")
        // w*_2 = (1 + λ)u_2 − λ/2 reaches 0 at λ = u_2 / (1/2 − u_2).
        let u2 = 1 - u1
        XCTAssertEqual(inv.interiorBelow, u2 / (0.5 - u2), accuracy: 1e-9)
        XCTAssertEqual(inv.interiorBelow, 11.2, accuracy: 0.1)
        XCTAssertTrue(inv.isInterior(lambda: 5))
        XCTAssertFalse(inv.isInterior(lambda: 12))
        // lr 1.5 converges here: the real iteration's output weights do not move from lambda 0.3 to 5.
        for lambda in [0.3, 5] {
            var reference = Plain.ReferenceWeighting(lambda: lambda, lr: 1.5, momentum: 0.5, iters: 400)
            let weights = reference.call(
                Matrix([[dot(g[0], g[0]), dot(g[0], g[1])], [dot(g[1], g[0]), dot(g[1], g[1])]])
            ).weights
            XCTAssertEqual(weights[0], u1, accuracy: 1e-9, "lambda \(lambda)")
        }
    }

    /// Random Gramians (some w* interior, some on faces): the solver's w* is (1 + λ)u − λw̃ exactly
    /// when the invariance says interior, and touches the boundary otherwise.
    func testAgreesWithTheFixedPointSolverAtManyLambdas() {
        var rng = SplitMix64(seed: 17)
        var interiorSeen = 0, boundarySeen = 0
        for trial in 0..<60 {
            let m = 2 + trial % 5
            let a = Plain.normalize(Plain.gramian(m: m, n: m + 2, common: trial % 3 == 0 ? 0.8 : 0.1, &rng))
            var pref = (0..<m).map { _ in rng.uniform(0.05, 1) }
            let sum = pref.reduce(0, +)
            pref = pref.map { $0 / sum }
            guard let inv = LambdaInvariance.compute(normalized: a, preference: pref) else { continue }
            XCTAssertEqual(inv.weights.reduce(0, +), 1, accuracy: 1e-12)
            for lambda in lambdas {
                let w = FixedPointSolver.solve(normalized: a, preference: pref, lambda: lambda).w
                let weights = zip(w, pref).map { ($0 + lambda * $1) / (1 + lambda) }
                if let interior = inv.interiorFixedPoint(lambda: lambda) {
                    interiorSeen += 1
                    XCTAssertLessThan(Plain.maxAbsDiff(w, interior), 1e-8, "trial \(trial) lambda \(lambda)")
                    XCTAssertLessThan(Plain.maxAbsDiff(weights, inv.weights), 1e-8, "trial \(trial) lambda \(lambda)")
                    XCTAssertLessThan(Plain.kktViolation(a, lambda: lambda, pref: pref, w: interior), 1e-9)
                } else if abs(lambda - inv.interiorBelow) > 1e-6 {
                    boundarySeen += 1
                    XCTAssertLessThan(
                        w.min()!, 1e-12, "trial \(trial) lambda \(lambda): w* \(w) should touch the boundary")
                }
            }
        }
        XCTAssertGreaterThan(interiorSeen, 40)
        XCTAssertGreaterThan(boundarySeen, 40)
    }

    /// A = J1 J2ᵀ is not symmetric: the interior fixed point still has the invariant weights (KKT).
    func testStochasticMatrixInteriorFixedPointSatisfiesKKT() throws {
        var rng = SplitMix64(seed: 5)
        var checked = 0
        for _ in 0..<40 {
            let j = Plain.random(3, 4, &rng)
            var j2 = j
            for i in 0..<j2.storage.count { j2.storage[i] += 0.2 * rng.uniform(-1, 1) }
            let a = Plain.normalize(Plain.timesTranspose(j, j2))
            let pref = [1.0 / 3, 1.0 / 3, 1.0 / 3]
            guard let inv = LambdaInvariance.compute(normalized: a, preference: pref) else { continue }
            for lambda in lambdas {
                guard let w = inv.interiorFixedPoint(lambda: lambda) else { continue }
                XCTAssertLessThan(Plain.kktViolation(a, lambda: lambda, pref: pref, w: w), 1e-9)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    /// No isolated interior fixed point: a singular Â (three tasks in a plane, spread-3) or a u off the simplex.
    func testSingularOrNeverInterior() {
        let g = [[1.0, 0.2], [-0.4, 1.0], [0.3, -0.8]]
        let gram = Matrix(g.map { x in g.map { dot(x, $0) } })
        XCTAssertNil(
            LambdaInvariance.compute(normalized: Plain.normalize(gram), preference: [1, 1, 1].map { $0 / 3.0 }))
        // magnitudes-2: Â⁻¹1 has a negative entry, so w* is never interior and lambda always acts.
        let big = [[10.0, 1.0], [0.3, 1.0]]
        let inv = LambdaInvariance.compute(
            normalized: Plain.normalize(Matrix(big.map { x in big.map { dot(x, $0) } })), preference: [0.5, 0.5])
        XCTAssertEqual(inv?.interiorBelow, 0)
        XCTAssertNil(inv?.interiorFixedPoint(lambda: 0))
    }

    func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }
}
