import SDMGrad
import XCTest

/// Seeded property tests of the Euclidean projection onto the probability simplex.
final class SimplexProjectionPropertyTests: XCTestCase {
    /// A random vector of length m; `style` picks ordinary, huge, tiny or mixed magnitudes.
    func randomVector(_ m: Int, style: Int, _ rng: inout SplitMix64) -> [Double] {
        (0..<m).map { _ in
            switch style {
            case 0: return rng.uniform(-3, 3)  // ordinary
            case 1: return rng.uniform(-1, 1) * 1e12  // huge
            case 2: return rng.uniform(-1, 1) * 1e-12  // tiny
            case 3: return rng.uniform(-1, 1) * pow(10, rng.uniform(-300, 13))  // magnitudes from 1e-300 to 1e13
            case 4: return Double(rng.int(-2...2)) * 0.5  // many exact ties
            default: return rng.uniform(0, 1) / Double(m)  // near the simplex
            }
        }
    }

    /// The projection's defining threshold found independently: sum(max(y - tau, 0)) = 1 is continuous and
    /// strictly decreasing in tau where positive, so bisection on [max(y) - 1, max(y)] finds it.
    func bisectionThreshold(_ y: [Double]) -> Double {
        var lo = y.max()! - 1, hi = y.max()!  // f(lo) >= 1, f(hi) = 0
        for _ in 0..<200 {
            let mid = lo + (hi - lo) / 2
            if mid == lo || mid == hi { break }
            if y.reduce(0, { $0 + max($1 - mid, 0) }) > 1 { lo = mid } else { hi = mid }
        }
        return lo + (hi - lo) / 2
    }

    /// Rounding unavoidable at magnitude `scale` for m terms (absolute); 1e-12 for ordinary inputs.
    func sumTolerance(_ y: [Double]) -> Double {
        let scale = y.map(abs).max() ?? 0
        return max(1e-12, Double(4 * y.count) * scale.ulp)
    }

    func testLandsOnTheSimplexAndSatisfiesTheThresholdProperty() {
        var rng = SplitMix64(seed: 20240601)
        var checked = 0
        for variant in Variant.allCases {
            for m in 1...50 {
                for style in 0...5 {
                    for _ in 0..<4 {
                        let y = randomVector(m, style: style, &rng)
                        let (w, tau) = SimplexProjection.project(y, variant: variant)
                        let context = "\(variant) m=\(m) style=\(style) y=\(y)"
                        XCTAssertEqual(w.count, m)
                        XCTAssert(
                            w.allSatisfy { $0 >= 0 && $0.isFinite }, "negative or non-finite entry: \(w) \(context)")
                        let tol = sumTolerance(y)
                        XCTAssertEqual(w.reduce(0, +), 1, accuracy: tol, context)
                        // KKT: w = max(y - tau, 0) with the returned tau, and that tau is the threshold.
                        for i in 0..<m { XCTAssertEqual(w[i], max(y[i] - tau, 0), accuracy: tol, context) }
                        XCTAssertEqual(y.reduce(0) { $0 + max($1 - tau, 0) }, 1, accuracy: tol, context)
                        // ... and it is the one bisection finds.
                        XCTAssertEqual(tau, bisectionThreshold(y), accuracy: max(1e-12, 8 * tol), context)
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, 3 * 50 * 6 * 4)
    }

    /// torchjd's threshold (first i with t_i > u_{i+1}) and Duchi's (last rho with u_rho > t_rho) agree.
    func testTorchjdProjectionEqualsDuchiProjection() {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<3000 {
            let m = rng.int(1...50)
            let y = randomVector(m, style: trial % 6 == 1 || trial % 6 == 3 ? 0 : trial % 6, &rng)
            let a = SimplexProjection.project(y, variant: .torchjd)
            let b = SimplexProjection.project(y, variant: .libmtl)
            let c = SimplexProjection.project(y, variant: .official)
            for i in 0..<m {
                XCTAssertEqual(a.w[i], b.w[i], accuracy: 1e-12, "y=\(y)")
                XCTAssertEqual(b.w[i], c.w[i], "libmtl and official share a projection; y=\(y)")
            }
        }
    }

    /// A point already on the simplex projects to itself; the LibMTL/official shortcut returns it bit for bit.
    func testPointOnTheSimplexIsFixed() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<2000 {
            let m = rng.int(1...50)
            var x = (0..<m).map { _ in rng.unit() < 0.2 ? 0 : -log(1 - rng.unit()) }  // some exact zeros (faces)
            if x.allSatisfy({ $0 == 0 }) { x[0] = 1 }
            let total = x.reduce(0, +)
            let y = x.map { $0 / total }
            for variant in Variant.allCases {
                let (w, _) = SimplexProjection.project(y, variant: variant)
                for i in 0..<m { XCTAssertEqual(w[i], y[i], accuracy: 1e-15, "\(variant) y=\(y)") }
            }
            if y.reduce(0, +) == 1 {
                for variant in [Variant.libmtl, .official] {
                    let (w, tau) = SimplexProjection.project(y, variant: variant)
                    XCTAssertEqual(w, y, "\(variant) returns y unchanged when sum(y) == 1 and y >= 0")
                    XCTAssertEqual(tau, 0)
                }
            }
        }
        // Dyadic points sum to exactly 1: (0.5, 0.25, 0.25), a vertex, an edge midpoint.
        for y in [[0.5, 0.25, 0.25], [0, 1, 0], [0.5, 0, 0.5], [1.0]] {
            for variant in Variant.allCases {
                let (w, tau) = SimplexProjection.project(y, variant: variant)
                XCTAssertEqual(w, y, "\(variant)")
                XCTAssertEqual(tau, 0, "\(variant): sum(y) - 1 = 0, so the threshold is 0")
            }
        }
    }

    /// m = 2 by hand: minimize (w1 - a)^2 + (1 - w1 - b)^2 over w1 in [0, 1]: the derivative vanishes at
    /// w1 = (a - b + 1) / 2, so w1 = clip((a - b + 1) / 2, 0, 1), w2 = 1 - w1; inside, tau = a - w1 = (a + b - 1) / 2.
    func testTwoTasksClosedForm() {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<5000 {
            let a = rng.uniform(-4, 4), b = rng.uniform(-4, 4)
            let w1 = min(max((a - b + 1) / 2, 0), 1)
            for variant in Variant.allCases {
                let (w, tau) = SimplexProjection.project([a, b], variant: variant)
                XCTAssertEqual(w[0], w1, accuracy: 1e-12, "\(variant) a=\(a) b=\(b)")
                XCTAssertEqual(w[1], 1 - w1, accuracy: 1e-12, "\(variant) a=\(a) b=\(b)")
                if w1 > 0 && w1 < 1 { XCTAssertEqual(tau, (a + b - 1) / 2, accuracy: 1e-12) }
            }
        }
        // Pencil and paper: (0.9, 0.3) -> w1 = (0.9 - 0.3 + 1)/2 = 0.8, tau = 0.1; (3, -1) -> vertex (1, 0), tau = 2.
        assertClose(SimplexProjection.project([0.9, 0.3]).w, [0.8, 0.2], tolerance: 1e-15)
        assertClose(SimplexProjection.project([0.9, 0.3]).tau, 0.1, tolerance: 1e-15)
        XCTAssertEqual(SimplexProjection.project([3, -1]).w, [1, 0])
        XCTAssertEqual(SimplexProjection.project([3, -1]).tau, 2)
        XCTAssertEqual(SimplexProjection.project([-1, 3], variant: .libmtl).w, [0, 1])
    }

    /// m = 1: the simplex is the single point (1); tau = y - 1.
    func testOneTask() {
        for y in [-1e15, -5, 0, 0.25, 1, 7, 1e15] {  // |y| < 2^53: y - (y - 1) is exact
            for variant in Variant.allCases {
                let (w, tau) = SimplexProjection.project([y], variant: variant)
                XCTAssertEqual(w, [1], "\(variant) y=\(y)")
                XCTAssertEqual(tau, y - 1, "\(variant) y=\(y)")
            }
        }
    }

    /// Beyond 2^53 the threshold formulas lose the "- 1" to rounding: torchjd's own formula then gives tau = u_1 and
    /// w = 0 (what torchjd computes too), and LibMTL's code finds no rho at all (torch raises IndexError there).
    /// Whatever the variant, the result must stay finite: never NaN.
    /// Reachable from a weighting: a tiny diagonal makes s ~ 0 and Â = A / 1e-8, e.g. A = [[0, 1e9], [-1e9, 0]].
    func testProjectionBeyondDoublePrecisionIsNeverNaN() throws {
        for y in [[1e16], [1e16, 0], [2.5e20, -2.5e20], [-3e17, 4e17, 1]] {
            for variant in Variant.allCases {
                let (w, tau) = SimplexProjection.project(y, variant: variant)
                XCTAssert(
                    w.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 } && tau.isFinite,
                    "\(variant) projection of \(y) gave w = \(w), tau = \(tau)")
            }
        }
        for variant in Variant.allCases {
            var weighting = SDMGradWeighting(parameters: SolverParameters(variant: variant))
            let call = try weighting(Matrix([[0, 1e9], [-1e9, 0]]))
            XCTAssert(
                (call.w + call.weights).allSatisfy(\.isFinite),
                "\(variant) on A = [[0, 1e9], [-1e9, 0]] gave w = \(call.w), weights = \(call.weights)")
        }
    }

    /// Larger m takes the library-sort path (m > 32) in the implementation; same properties.
    func testLargeM() {
        var rng = SplitMix64(seed: 5)
        for m in [33, 64, 200, 1000] {
            let y = randomVector(m, style: 0, &rng)
            let a = SimplexProjection.project(y, variant: .torchjd), b = SimplexProjection.project(y, variant: .libmtl)
            XCTAssertEqual(a.w.reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertEqual(a.tau, bisectionThreshold(y), accuracy: 1e-12)
            assertClose(a.w, b.w, tolerance: 1e-12)
        }
    }
}
