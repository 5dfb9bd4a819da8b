import SDMGrad
import XCTest

/// Warnings for numerically suspect calls: the numbers stay torchjd's, the warnings say what happened.
final class CallWarningsTests: XCTestCase {
    /// Issue 12's matrix: every A_ii < 0, so s = 0 and Â = A / 1e-8; y passes 2^53 and the projection
    /// loses the sum. torchjd 0.18.0 returns w = [0, 0, 0] and weights (0 + 0.3 / 3) / 1.3 each (sum 0.23):
    /// the same numbers here, with warnings.
    func testHugeNegativeDiagonalKeepsTorchjdsNumbersAndWarns() throws {
        let a = Matrix([[-1e7, 3e7, 0], [2e7, -1e7, 5e6], [0, 1e7, -2e7]])
        var weighting = SDMGradWeighting()
        let call = try weighting(a)
        XCTAssertEqual(call.normalization.scale, 0)
        XCTAssertEqual(call.w, [0, 0, 0])
        assertClose(call.weights, [0.1 / 1.3, 0.1 / 1.3, 0.1 / 1.3], tolerance: 1e-15)
        assertClose(call.weights.reduce(0, +), 0.3 / 1.3, tolerance: 1e-15)
        XCTAssertGreaterThan(call.largestPreProjection, 9_007_199_254_740_992)
        let warnings = CallWarnings.of(call: call)
        XCTAssertEqual(warnings.count, 3, "\(warnings)")
        XCTAssertTrue(warnings[0].hasPrefix("scale s = 0"), warnings[0])
        XCTAssertTrue(warnings[1].hasPrefix("|y| reached"), warnings[1])
        XCTAssertTrue(warnings[2].hasPrefix("w is off the simplex: its entries sum to 0.0"), warnings[2])
        XCTAssertTrue(warnings.allSatisfy { !$0.contains("\n") })
        // With the trace the same peak is seen (and it is the trace's largest |y|).
        var traced = SDMGradWeighting()
        let withTrace = try traced(a, trace: true)
        let peak = withTrace.trace!.steps.flatMap(\.y).map(abs).max()!
        XCTAssertEqual(withTrace.largestPreProjection, peak)
    }

    /// An ordinary call has nothing to say, analysis included.
    func testOrdinaryCallHasNoWarnings() throws {
        var rng = SplitMix64(seed: 51)
        for m in [2, 5, 80] {
            let a = Plain.gramian(m: m, n: m + 3, common: 0.3, &rng)
            var weighting = SDMGradWeighting()
            let call = try weighting(a)
            XCTAssertEqual(CallWarnings.of(call: call, analysis: Analysis(call: call)), [], "m = \(m)")
        }
    }

    /// Entries that overflow Â (A / 1e-8 beyond the largest double) give NaN: reported, not hidden.
    func testNonFiniteResultIsReported() throws {
        let a = Matrix([[-1, 1e301], [1e301, -1]])
        var weighting = SDMGradWeighting()
        let call = try weighting(a)
        XCTAssertFalse(call.weights.allSatisfy(\.isFinite))
        let warnings = CallWarnings.of(call: call)
        XCTAssertTrue(warnings.contains { $0.hasPrefix("w or the weights are not finite") }, "\(warnings)")
        XCTAssertFalse(warnings.contains { $0.hasPrefix("w is off the simplex") }, "said once, as not finite")
    }
}
