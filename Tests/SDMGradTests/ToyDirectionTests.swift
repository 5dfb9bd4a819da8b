import Foundation
import SDMGrad
import XCTest

/// Each direction against its closed form, an independent brute-force 1-D minimization, and its defining properties.
final class ToyDirectionTests: XCTestCase {
    /// Gradient pairs: random ones, plus conflicting, aligned, equal, opposite and tiny pairs.
    var pairs: [ToyGradients] {
        var random = SeededRandom(seed: 3)
        var list: [ToyGradients] = (0..<400).map { _ in
            ToyGradients(
                g1: SIMD2(random.nextNormal(), random.nextNormal()) * 3,
                g2: SIMD2(random.nextNormal(), random.nextNormal()))
        }
        list += [
            ToyGradients(g1: SIMD2(1, 0), g2: SIMD2(-1, 0.1)),
            ToyGradients(g1: SIMD2(2, 1), g2: SIMD2(1, 0.5)),
            ToyGradients(g1: SIMD2(1, 1), g2: SIMD2(1, 1)),
            ToyGradients(g1: SIMD2(0.3, -0.2), g2: SIMD2(-0.3, 0.2)),
            ToyGradients(g1: SIMD2(1e-3, 2e-3), g2: SIMD2(-3e-3, 1e-3)),
            ToyGradients(g1: SIMD2(5, 0), g2: SIMD2(0, 0.01)),
        ]
        // Pairs from the toy itself.
        for x in ToyStarts.all + [SIMD2(0, -8), SIMD2(-4, 1), SIMD2(6, -3)] { list.append(ToyProblem.gradients(at: x)) }
        return list
    }

    func dotp(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> Double { (a * b).sum() }
    func norm(_ a: SIMD2<Double>) -> Double { dotp(a, a).squareRoot() }

    /// Minimizes f on [0, 1]: a 20001-point grid, then golden-section search around the best grid point.
    func bruteForceMinimizer(_ f: (Double) -> Double) -> Double {
        var best = 0.0, bestValue = f(0)
        for i in 1...20000 {
            let x = Double(i) / 20000
            let value = f(x)
            if value < bestValue { best = x; bestValue = value }
        }
        var a = Swift.max(0, best - 1.0 / 20000), b = Swift.min(1, best + 1.0 / 20000)
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<200 {
            let c = b - ratio * (b - a), d = a + ratio * (b - a)
            if f(c) <= f(d) { b = d } else { a = c }
        }
        let mid = (a + b) / 2
        return [best, mid, 0, 1].min { f($0) < f($1) }!
    }

    func assertClose(
        _ a: SIMD2<Double>, _ b: SIMD2<Double>, _ tolerance: Double, _ message: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertLessThanOrEqual(
            norm(a - b), tolerance * Swift.max(1, norm(b)), "\(a) vs \(b) \(message)", file: file, line: line)
    }

    func testMeanIsTheAverage() {
        for g in pairs {
            let d = ToyDirection.mean(g)
            assertClose(d.direction, (g.g1 + g.g2) / 2, 1e-15)
            XCTAssertEqual(d.weights, SIMD2(0.5, 0.5))
        }
    }

    /// MGDA: the min-norm point of the segment [g1, g2] (up to the official 1e-8 in the denominator).
    func testMGDAIsTheMinNormPointOfTheSegment() {
        for g in pairs {
            let d = ToyDirection.mgda(g)
            let x = bruteForceMinimizer { x in
                let v = x * g.g1 + (1 - x) * g.g2; return self.dotp(v, v)
            }
            let best = x * g.g1 + (1 - x) * g.g2
            XCTAssertLessThanOrEqual(
                norm(d.direction), norm(best) + 1e-7 * Swift.max(1, norm(g.g1) + norm(g.g2)), "\(g)")
            XCTAssertEqual(d.weights.x + d.weights.y, 1, accuracy: 1e-15)
            XCTAssertGreaterThanOrEqual(d.weights.x, 0)
            XCTAssertGreaterThanOrEqual(d.weights.y, 0)
            assertClose(d.direction, d.weights.x * g.g1 + d.weights.y * g.g2, 1e-14)
        }
        // Closed form by hand: g1 = (1, 0), g2 = (-1, 0.1): g11 = 1, g12 = -1, g22 = 1.01,
        // x = (g22 - g12)/(g11 + g22 - 2 g12 + 1e-8) = 2.01/4.01.
        let d = ToyDirection.mgda(ToyGradients(g1: SIMD2(1, 0), g2: SIMD2(-1, 0.1)))
        XCTAssertEqual(d.weights.x, 2.01 / (4.01 + 1e-8), accuracy: 1e-15)
        // Aligned: the shorter gradient.
        XCTAssertEqual(ToyDirection.mgda(ToyGradients(g1: SIMD2(2, 1), g2: SIMD2(1, 0.5))).direction, SIMD2(1, 0.5))
    }

    /// PCGrad: when the gradients conflict each loses its component along the other; otherwise the mean.
    func testPCGradRemovesTheConflictingComponent() {
        var conflicting = 0
        for g in pairs {
            let d = ToyDirection.pcgrad(g)
            if dotp(g.g1, g.g2) < 0 {
                conflicting += 1
                let p1 = g.g1 - dotp(g.g1, g.g2) / dotp(g.g2, g.g2) * g.g2
                let p2 = g.g2 - dotp(g.g1, g.g2) / dotp(g.g1, g.g1) * g.g1
                XCTAssertEqual(dotp(p1, g.g2), 0, accuracy: 1e-12 * norm(g.g1) * norm(g.g2))
                assertClose(d.direction, (p1 + p2) / 2, 1e-13)
            } else {
                assertClose(d.direction, (g.g1 + g.g2) / 2, 1e-15)
            }
            assertClose(d.direction, d.weights.x * g.g1 + d.weights.y * g.g2, 1e-13)
        }
        XCTAssertGreaterThan(conflicting, 100)
    }

    /// CAGrad: x minimizes coef sqrt(|gw|^2 + 1e-4) + gw . g0; checked against brute force (value and point).
    func testCAGradAgainstBruteForce() {
        for c in [0.1, 0.5, 2.0] {
            for g in pairs {
                let g0 = (g.g1 + g.g2) / 2
                let coef = c * 0.5 * (dotp(g.g1, g.g1) + dotp(g.g2, g.g2) + 2 * dotp(g.g1, g.g2) + 1e-4).squareRoot()
                let objective = { (x: Double) -> Double in
                    let gw = x * g.g1 + (1 - x) * g.g2
                    return coef * (self.dotp(gw, gw) + 1e-4).squareRoot() + self.dotp(gw, g0)
                }
                let x = ToyDirection.cagradMixture(g, c: c)
                let brute = bruteForceMinimizer(objective)
                let scale = Swift.max(1, Swift.abs(objective(brute)))
                XCTAssertLessThanOrEqual(objective(x), objective(brute) + 1e-14 * scale, "c \(c) \(g)")
                XCTAssertEqual(x, brute, accuracy: 1e-5, "c \(c) \(g)")
                let gw = x * g.g1 + (1 - x) * g.g2
                let expected = (g0 + coef / ((dotp(gw, gw) + 1e-4).squareRoot() + 1e-4) * gw) / (1 + c)
                let d = ToyDirection.cagrad(g, c: c)
                assertClose(d.direction, expected, 1e-14)
                assertClose(d.direction, d.weights.x * g.g1 + d.weights.y * g.g2, 1e-13)
            }
        }
    }

    /// The CAGrad minimizer is found to 1e-12: the objective's derivative changes sign within 1e-12 of it.
    func testCAGradMixtureIsPreciseTo1e12() {
        for g in pairs {
            let c = 0.5
            let coef = c * 0.5 * (dotp(g.g1, g.g1) + dotp(g.g2, g.g2) + 2 * dotp(g.g1, g.g2) + 1e-4).squareRoot()
            let derivative = { (x: Double) -> Double in
                let gw = x * g.g1 + (1 - x) * g.g2
                return coef * self.dotp(gw, g.g1 - g.g2) / (self.dotp(gw, gw) + 1e-4).squareRoot()
                    + self.dotp(g.g1 - g.g2, (g.g1 + g.g2) / 2)
            }
            let x = ToyDirection.cagradMixture(g, c: c)
            let h = 1e-12
            if x > h {
                XCTAssertLessThanOrEqual(derivative(x - h), 1e-9 * Swift.max(1, coef * norm(g.g1 - g.g2)), "\(g)")
            }
            if x < 1 - h {
                XCTAssertGreaterThanOrEqual(derivative(x + h), -1e-9 * Swift.max(1, coef * norm(g.g1 - g.g2)), "\(g)")
            }
        }
    }

    /// The safeguarded Newton solver brackets known roots to 1e-12, also where Newton alone stalls or overshoots.
    func testMonotoneRootFindsKnownRoots() {
        let cases: [(root: Double, f: (Double) -> (value: Double, slope: Double))] = [
            (1.0 / 3, { x in (x - 1.0 / 3, 1) }),
            (0.7, { x in (Foundation.pow(x - 0.7, 3), 3 * Foundation.pow(x - 0.7, 2)) }),  // zero slope at the root
            (
                0.123456789,
                { x in
                    (
                        Foundation.atan(1000 * (x - 0.123456789)),
                        1000 / (1 + 1e6 * (x - 0.123456789) * (x - 0.123456789))
                    )
                }
            ),
            (0.9999, { x in (Foundation.exp(50 * (x - 0.9999)) - 1, 50 * Foundation.exp(50 * (x - 0.9999))) }),
        ]
        for (root, f) in cases {
            XCTAssertEqual(MonotoneRoot.minimizer(f), root, accuracy: 1e-12)
        }
        XCTAssertEqual(MonotoneRoot.minimizer { x in (x + 1, 1) }, 0)  // increasing on [0, 1]: the minimizer is 0
        XCTAssertEqual(MonotoneRoot.minimizer { x in (x - 2, 1) }, 1)  // decreasing: 1
    }

    func testCAGradAtZeroIsTheMean() {
        for g in pairs {
            let d = ToyDirection.cagrad(g, c: 0)
            assertClose(d.direction, (g.g1 + g.g2) / 2, 1e-15)
            XCTAssertEqual(d.weights, SIMD2(0.5, 0.5))
        }
    }

    /// sdmgrad-toy: x minimizes |gw|^2 + 2 lambda gw . g0 (brute force); lambda -> infinity gives the mean, 0 the MGDA point.
    func testSDMGradToyAgainstBruteForceAndLimits() {
        for lambda in [0.0, 0.01, 0.3, 3.0] {
            for g in pairs {
                let g0 = (g.g1 + g.g2) / 2
                let objective = { (x: Double) -> Double in
                    let gw = x * g.g1 + (1 - x) * g.g2
                    return self.dotp(gw, gw) + 2 * lambda * self.dotp(gw, g0)
                }
                let x = ToyDirection.sdmgradToyMixture(g, lambda: lambda)
                let brute = bruteForceMinimizer(objective)
                XCTAssertLessThanOrEqual(
                    objective(x), objective(brute) + 1e-14 * Swift.max(1, Swift.abs(objective(brute))),
                    "lambda \(lambda) \(g)")
                if g.g1 != g.g2 { XCTAssertEqual(x, brute, accuracy: 1e-5, "lambda \(lambda) \(g)") }
                let d = ToyDirection.sdmgradToy(g, lambda: lambda)
                assertClose(d.direction, ((x * g.g1 + (1 - x) * g.g2) + lambda * g0) / (1 + lambda), 1e-14)
                assertClose(d.direction, d.weights.x * g.g1 + d.weights.y * g.g2, 1e-13)
            }
        }
        for g in pairs {
            let huge = ToyDirection.sdmgradToy(g, lambda: 1e9)
            assertClose(huge.direction, (g.g1 + g.g2) / 2, 1e-8)
            let zero = ToyDirection.sdmgradToy(g, lambda: 0)
            let minNorm = bruteForceMinimizer { x in
                let v = x * g.g1 + (1 - x) * g.g2; return self.dotp(v, v)
            }
            XCTAssertLessThanOrEqual(norm(zero.direction), norm(minNorm * g.g1 + (1 - minNorm) * g.g2) + 1e-12)
            // MGDA's official form adds 1e-8 to |g1 - g2|^2: compare where that shift is negligible.
            if dotp(g.g1 - g.g2, g.g1 - g.g2) > 1e-2 {
                assertClose(zero.direction, ToyDirection.mgda(g).direction, 1e-6)
            }
        }
    }
}
