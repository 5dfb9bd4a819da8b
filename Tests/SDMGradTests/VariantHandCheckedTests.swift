import SDMGrad
import XCTest

/// Cases small enough to do with pencil and paper; each comment derives the expected numbers.
final class VariantHandCheckedTests: XCTestCase {
    func parameters(_ variant: Variant, lambda: Double, lr: Double, momentum: Double = 0.5, iters: Int)
        -> SolverParameters
    {
        var p = SolverParameters(variant: variant)
        p.lambda = lambda
        p.lr = lr
        p.momentum = momentum
        p.iters = iters
        return p
    }

    func testDefaultLearningRates() {
        XCTAssertEqual(SolverParameters().lr, 10)
        XCTAssertEqual(SolverParameters().lambda, 0.3)
        XCTAssertEqual(SolverParameters().momentum, 0.5)
        XCTAssertEqual(SolverParameters().iters, 20)
        XCTAssertNil(SolverParameters().pref)
        XCTAssertEqual(SolverParameters().variant, .torchjd)
        XCTAssertEqual(SolverParameters(variant: .torchjd).lr, 10)
        XCTAssertEqual(SolverParameters(variant: .libmtl).lr, 5)
        XCTAssertEqual(SolverParameters(variant: .official).lr, 10)
    }

    /// libmtl, A = [[2, 1], [0, 2]], lambda = 0.5, lr = 0.2, one iteration.
    ///   s = mean(sqrt 2, sqrt 2) = sqrt 2, so Â = A / d with d = s^2 + 1e-8 = 2 + 1e-8.
    ///   w0 = (1/2, 1/2), w~ = (1/2, 1/2): w0 + lambda w~ = (3/4, 3/4).
    ///   g = Â (3/4, 3/4) = ((2 + 1) 3/4, (0 + 2) 3/4) / d = (2.25, 1.5) / d;  v = g (first iteration).
    ///   y = w0 - 0.2 g = (0.5 - 0.45/d, 0.5 - 0.3/d) ~ (0.275, 0.35): sum ~ 0.625 != 1, so sort/cumsum.
    ///   Duchi: u = (y2, y1); rho = 2 since 2 u2 = 0.55 > u1 + u2 - 1 = -0.375; tau = (y1 + y2 - 1)/2 = -0.375/d.
    ///   w = y - tau = (0.5 - 0.075/d, 0.5 + 0.075/d) ~ (0.4625, 0.5375), both > 0.
    ///   weights = (w + 0.5 w~)/1.5 = ((0.75 - 0.075/d)/1.5, (0.75 + 0.075/d)/1.5) = (0.5 - 0.05/d, 0.5 + 0.05/d).
    func testLibMTLOneIterationInterior() throws {
        var weighting = SDMGradWeighting(parameters: parameters(.libmtl, lambda: 0.5, lr: 0.2, iters: 1))
        let call = try weighting(Matrix([[2, 1], [0, 2]]), trace: true)
        let d = 2 + 1e-8
        assertClose(call.normalization.scale, 2.0.squareRoot(), tolerance: 1e-15)
        assertClose(call.normalization.matrix.storage, [2 / d, 1 / d, 0, 2 / d], tolerance: 1e-15)
        let step = try XCTUnwrap(call.trace?.steps.first)
        assertClose(step.grad, [2.25 / d, 1.5 / d], tolerance: 1e-15)
        assertClose(step.velocity, [2.25 / d, 1.5 / d], tolerance: 1e-15)
        assertClose(step.y, [0.5 - 0.45 / d, 0.5 - 0.3 / d], tolerance: 1e-15)
        assertClose(step.tau, -0.375 / d, tolerance: 1e-15)
        assertClose(call.w, [0.5 - 0.075 / d, 0.5 + 0.075 / d], tolerance: 1e-15)
        assertClose(call.weights, [0.5 - 0.05 / d, 0.5 + 0.05 / d], tolerance: 1e-15)
        XCTAssertEqual(call.start, [0.5, 0.5])
    }

    /// official, A = [[0.9999, 0.5], [-1.5, 0.9999]], lambda = 1, lr = 0.25, momentum = 0.5, two iterations.
    ///   s = mean(sqrt(0.9999 + 1e-4), ...) = 1 (0.9999 + 0.0001 is exactly 1.0 in double), Â = A / 1 = A.
    /// Iteration 1: w0 + lambda w~ = (1, 1); g1 = (0.9999 + 0.5, -1.5 + 0.9999) = (1.4999, -0.5001) = v1.
    ///   y1 = w0 - 0.25 v1 = (0.125025, 0.625025); sum 0.75005 != 1, rho = 2, tau1 = (0.75005 - 1)/2 = -0.124975,
    ///   w1 = y1 - tau1 = (0.25, 0.75); weights1 = (w1 + w~)/2 = (0.375, 0.625).
    /// Iteration 2: w1 + w~ = (0.75, 1.25); g2 = (0.9999*0.75 + 0.5*1.25, -1.5*0.75 + 0.9999*1.25) = (1.374925, 0.124875).
    ///   v2 = 0.5 v1 + g2 = (2.124875, -0.125175); y2 = w1 - 0.25 v2 = (-0.28121875, 0.78129375).
    ///   m = 2 closed form: (y21 - y22 + 1)/2 = -0.03125625 < 0, so w2 = (0, 1) and tau2 = y22 - 1 = -0.21870625.
    ///   weights2 = ((0 + 0.5)/2, (1 + 0.5)/2) = (0.25, 0.75).
    func testOfficialTwoIterations() throws {
        var weighting = SDMGradWeighting(parameters: parameters(.official, lambda: 1, lr: 0.25, iters: 2))
        let a = Matrix([[0.9999, 0.5], [-1.5, 0.9999]])
        let call = try weighting(a, trace: true)
        XCTAssertEqual(call.normalization.scale, 1)
        XCTAssertEqual(call.normalization.matrix, a, "official divides by s^2 = 1, no 1e-8")
        let trace = try XCTUnwrap(call.trace)
        XCTAssertEqual(trace.count, 2)
        let (s1, s2) = (trace.steps[0], trace.steps[1])
        assertClose(s1.grad, [1.4999, -0.5001], tolerance: 1e-15)
        assertClose(s1.velocity, [1.4999, -0.5001], tolerance: 1e-15)
        assertClose(s1.y, [0.125025, 0.625025], tolerance: 1e-15)
        assertClose(s1.tau, -0.124975, tolerance: 1e-15)
        assertClose(s1.w, [0.25, 0.75], tolerance: 1e-15)
        assertClose(s1.weights, [0.375, 0.625], tolerance: 1e-15)
        assertClose(s2.grad, [1.374925, 0.124875], tolerance: 1e-15)
        assertClose(s2.velocity, [2.124875, -0.125175], tolerance: 1e-15)
        assertClose(s2.y, [-0.28121875, 0.78129375], tolerance: 1e-15)
        assertClose(s2.tau, -0.21870625, tolerance: 1e-15)
        assertClose(s2.w, [0, 1], tolerance: 1e-15)
        assertClose(call.w, [0, 1], tolerance: 1e-15)
        assertClose(call.weights, [0.25, 0.75], tolerance: 1e-15)
    }

    /// official scale on a diagonal: A = diag(0.9999, 3.9999, 8.9999): A_ii + 1e-4 = 1, 4, 9 exactly,
    /// s = (1 + 2 + 3)/3 = 2, Â = A / 4 (exact: dividing by a power of two).
    /// torchjd and libmtl on the same A: s = (sqrt 0.9999 + sqrt 3.9999 + sqrt 8.9999)/3, Â = A / (s^2 + 1e-8).
    func testOfficialAndTorchjdScalesOnADiagonal() throws {
        let a = Matrix([[0.9999, 0, 0], [0, 3.9999, 0], [0, 0, 8.9999]])
        let official = try Normalization(a, variant: .official)
        XCTAssertEqual(official.scale, 2)
        XCTAssertEqual(official.matrix.storage, a.storage.map { $0 / 4 })
        let s = (0.9999.squareRoot() + 3.9999.squareRoot() + 8.9999.squareRoot()) / 3
        for variant in [Variant.torchjd, .libmtl] {
            let n = try Normalization(a, variant: variant)
            assertClose(n.scale, s, tolerance: 1e-15)
            assertClose(n.matrix.storage, a.storage.map { $0 / (s * s + 1e-8) }, tolerance: 1e-15)
        }
        // torchjd clamps negative diagonal entries at 0: A = diag(4, -9) gives s = (2 + 0)/2 = 1, Â = A / (1 + 1e-8).
        let clamped = try Normalization(Matrix([[4, 1], [1, -9]]), variant: .torchjd)
        XCTAssertEqual(clamped.scale, 1)
        assertClose(clamped.matrix.storage, [4, 1, 1, -9].map { $0 / (1 + 1e-8) }, tolerance: 1e-15)
        // All-negative diagonal: s = 0 and Â = A / 1e-8 (torchjd's guard against division by zero).
        let zero = try Normalization(Matrix([[-1, 2], [3, -4]]), variant: .torchjd)
        XCTAssertEqual(zero.scale, 0)
        assertClose(zero.matrix.storage, [-1e8, 2e8, 3e8, -4e8], tolerance: 1e-6)
    }

    /// official: sqrt(A_ii + 1e-4) is not real when A_ii < -1e-4; that is an error, never NaN.
    func testOfficialUndefinedScaleThrows() {
        let a = Matrix([[1.0, 0.2], [0.3, -0.5]])
        assertInputError(["official", "undefined"], "Normalization official, A_22 = -0.5") {
            try Normalization(a, variant: .official)
        }
        var weighting = SDMGradWeighting(parameters: SolverParameters(variant: .official))
        assertInputError(["official", "undefined"], "weighting official, A_22 = -0.5") { try weighting(a) }
        XCTAssertNil(weighting.state, "a failed call leaves no state behind")
        // The same matrix is fine for torchjd (the diagonal is clamped at 0).
        var torchjd = SDMGradWeighting()
        XCTAssertNoThrow(try torchjd(a))
        // On the boundary A_ii = -1e-4 the square root is sqrt(0) = 0: defined (s = (sqrt(1 + 1e-4) + 0)/2).
        let boundary = Matrix([[1.0, 0], [0, -1e-4]])
        let n = try? Normalization(boundary, variant: .official)
        XCTAssertNotNil(n)
        if let n { assertClose(n.scale, (1 + 1e-4).squareRoot() / 2, tolerance: 1e-15) }
        // Every A_ii = -1e-4: s = 0 and A / s^2 is undefined; it must throw rather than divide by zero.
        assertInputError(["official"], "official with s = 0") {
            try Normalization(Matrix([[-1e-4, 1], [1, -1e-4]]), variant: .official)
        }
    }

    /// libmtl, y already on the simplex: A = [[1, -1], [-1, 1]], lambda = 0: s = 1, Â = A/(1 + 1e-8),
    /// g = Â (1/2, 1/2) = (0, 0) exactly, so y = w0 = (1/2, 1/2): sum(y) == 1 and y >= 0, the shortcut returns y
    /// unchanged (tau reported 0) and w stays uniform. torchjd gets the same from tau = (sum(y) - 1)/m = 0.
    func testLibMTLShortcutWhenYIsOnTheSimplex() throws {
        for variant in Variant.allCases {
            var weighting = SDMGradWeighting(parameters: parameters(variant, lambda: 0, lr: 5, iters: 3))
            let call = try weighting(Matrix([[1, -1], [-1, 1]]), trace: true)
            for step in try XCTUnwrap(call.trace).steps {
                XCTAssertEqual(step.grad, [0, 0], "\(variant)")
                XCTAssertEqual(step.y, [0.5, 0.5], "\(variant)")
                XCTAssertEqual(step.tau, 0, "\(variant)")
            }
            XCTAssertEqual(call.w, [0.5, 0.5], "\(variant)")
            XCTAssertEqual(call.weights, [0.5, 0.5], "\(variant)")
        }
    }

    /// One task: the simplex is {1}, so w = 1 and weights = (1 + lambda w~)/(1 + lambda) = 1 for any A != NaN.
    func testOneTaskIsAlwaysWeightOne() throws {
        for variant in Variant.allCases {
            for a in [4.0, 0, -3e-5, 1e8, 1e-9] {
                var weighting = SDMGradWeighting(parameters: SolverParameters(variant: variant))
                let call = try weighting(Matrix([[a]]))
                XCTAssertEqual(call.w, [1], "\(variant) a=\(a)")
                XCTAssertEqual(call.weights, [1], "\(variant) a=\(a)")
            }
        }
    }

    /// State: w carries over between calls, momentum restarts at every call, and a change of m restarts from uniform.
    /// By hand with official, A = [[0.9999, 2], [0, 0.9999]] (s = 1, Â = A), lambda = 0, lr = 0.5, momentum 0.9,
    /// one iteration per call (numbers below, next to each call).
    func testStateCarriedMomentumRestartedAndResetOnNewSize() throws {
        let p = parameters(.official, lambda: 0, lr: 0.5, momentum: 0.9, iters: 1)
        var weighting = SDMGradWeighting(parameters: p)
        let a = Matrix([[0.9999, 2], [0, 0.9999]])
        // Call 1: g = Â w0 = (0.49995 + 1, 0.49995) = (1.49995, 0.49995); y = w0 - 0.5 g = (-0.249975, 0.250025);
        // closed form: (y1 - y2 + 1)/2 = 0.25 -> w = (0.25, 0.75).
        let first = try weighting(a, trace: true)
        XCTAssertEqual(first.start, [0.5, 0.5])
        assertClose(first.w, [0.25, 0.75], tolerance: 1e-15)
        // Call 2 starts from (0.25, 0.75); its first velocity is its own gradient (momentum restarted):
        // g = (0.9999*0.25 + 1.5, 0.9999*0.75) = (1.749975, 0.749925); y = (0.25 - 0.8749875, 0.75 - 0.3749625)
        //   = (-0.6249875, 0.3750375); (y1 - y2 + 1)/2 = -0.000025 < 0 -> w = (0, 1).
        let second = try weighting(a, trace: true)
        assertClose(second.start, [0.25, 0.75], tolerance: 1e-15)
        let step = try XCTUnwrap(second.trace?.steps.first)
        assertClose(step.grad, [1.749975, 0.749925], tolerance: 1e-15)
        XCTAssertEqual(step.velocity, step.grad, "momentum restarts at every call")
        assertClose(second.w, [0, 1], tolerance: 1e-15)
        // A 3 x 3 call restarts from uniform; reset() does too.
        let third = try weighting(Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
        XCTAssertEqual(third.start, [1.0 / 3, 1.0 / 3, 1.0 / 3])
        weighting.reset()
        XCTAssertNil(weighting.state)
        XCTAssertEqual(try weighting(a).start, [0.5, 0.5])
    }

    /// Parameters out of range and bad matrices are one-line InputErrors naming the parameter.
    func testInvalidParametersAndMatrices() {
        func check(_ keyWords: [String], _ edit: (inout SolverParameters) -> Void, m: Int = 2) {
            var p = SolverParameters()
            edit(&p)
            assertInputError(keyWords, "\(p)") { try p.validate(m: m) }
            var weighting = SDMGradWeighting(parameters: p)
            assertInputError(keyWords, "weighting \(p)") { try weighting(Matrix([[1, 0], [0, 1]])) }
        }
        check(["lambda"]) { $0.lambda = -1 }
        check(["lambda"]) { $0.lambda = .nan }
        check(["lambda"]) { $0.lambda = .infinity }
        check(["lr"]) { $0.lr = 0 }
        check(["lr"]) { $0.lr = -2 }
        check(["lr"]) { $0.lr = .nan }
        check(["momentum"]) { $0.momentum = 1 }
        check(["momentum"]) { $0.momentum = -0.1 }
        check(["iters"]) { $0.iters = 0 }
        check(["pref", "3"]) { $0.pref = [0.2, 0.3, 0.5] }
        check(["pref"]) { $0.pref = [1, -1] }
        check(["pref"]) { $0.pref = [1, .nan] }
        check(["pref", "libmtl"]) {
            $0.variant = .libmtl; $0.pref = [0.5, 0.5]
        }
        check(["pref", "official"]) {
            $0.variant = .official; $0.pref = [0.5, 0.5]
        }
        // Accepted edge values: lambda = 0, momentum = 0, iters = 1, a zero preference vector.
        var ok = SolverParameters()
        ok.lambda = 0; ok.momentum = 0; ok.iters = 1; ok.pref = [0, 0]
        XCTAssertNoThrow(try ok.validate(m: 2))

        var weighting = SDMGradWeighting()
        assertInputError(["square"], "2 x 3") { try weighting(Matrix([[1, 2, 3], [4, 5, 6]])) }
        assertInputError(["empty"], "0 x 0") { try weighting(Matrix(rows: 0, columns: 0, storage: [])) }
        assertInputError(["NaN"], "NaN entry") { try weighting(Matrix([[1, .nan], [0, 1]])) }
        assertInputError(["infinite"], "infinite entry") { try weighting(Matrix([[1, 0], [-.infinity, 1]])) }
    }
}

/// The trace obeys the loop of SPEC section 1 step by step, recomputed here from its own definition.
final class TraceRecursionTests: XCTestCase {
    func testEveryStepFollowsTheLoop() throws {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<60 {
            let m = rng.int(1...6)
            let variant = Variant.allCases[trial % 3]
            var p = SolverParameters(variant: variant)
            p.lambda = [0, 0.3, 2][trial % 3]
            p.momentum = rng.uniform(0, 0.95)
            p.lr = [0.05, 1, 10][rng.int(0...2)]
            p.iters = rng.int(1...8)
            if variant == .torchjd && trial % 2 == 0 { p.pref = (0..<m).map { _ in rng.uniform(0, 2) } }
            let a = Matrix(
                rows: m, columns: m,
                storage: (0..<m * m).map { _ in rng.uniform(-2, 2) }
                    .enumerated().map { $0.offset % (m + 1) == 0 ? abs($0.element) + 0.1 : $0.element })
            var weighting = SDMGradWeighting(parameters: p)
            for _ in 0..<2 {  // two calls: the second starts warm and restarts the momentum
                let call = try weighting(a, trace: true)
                let trace = try XCTUnwrap(call.trace)
                let ahat = call.normalization.matrix
                let pref = p.pref ?? Array(repeating: 1 / Double(m), count: m)
                XCTAssertEqual(call.preference, pref)
                var w = call.start
                var v = [Double](repeating: 0, count: m)
                for (k, step) in zip(1..., trace.steps) {
                    XCTAssertEqual(step.iteration, k)
                    let shifted = (0..<m).map { w[$0] + p.lambda * pref[$0] }
                    let g = (0..<m).map { i in (0..<m).reduce(0.0) { $0 + ahat[i, $1] * shifted[$1] } }
                    assertClose(step.grad, g, tolerance: 1e-12, "g_\(k)")
                    v = k == 1 ? step.grad : (0..<m).map { p.momentum * v[$0] + step.grad[$0] }
                    assertClose(step.velocity, v, tolerance: 1e-12, "v_\(k)")
                    assertClose(step.y, (0..<m).map { w[$0] - p.lr * step.velocity[$0] }, tolerance: 1e-12, "y_\(k)")
                    assertClose(step.w, step.y.map { max($0 - step.tau, 0) }, tolerance: 1e-12, "w_\(k)")
                    XCTAssertEqual(step.w.reduce(0, +), 1, accuracy: 1e-9, "w_\(k) on the simplex")
                    assertClose(
                        step.weights, (0..<m).map { (step.w[$0] + p.lambda * pref[$0]) / (1 + p.lambda) },
                        tolerance: 1e-15, "weights_\(k)")
                    w = step.w
                    v = step.velocity
                }
                XCTAssertEqual(call.w, w)
                XCTAssertEqual(call.weights, trace.steps.last?.weights)
            }
        }
    }
}
