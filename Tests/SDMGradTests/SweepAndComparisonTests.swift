import SDMGrad
import XCTest

/// The lambda sweep and the variants comparison, pure numerics: checked against closed forms.
final class SweepAndComparisonTests: XCTestCase {
    private let identity = Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])

    private func firstCall(_ a: Matrix, _ parameters: SolverParameters = SolverParameters()) throws -> WeightingCall {
        var weighting = SDMGradWeighting(parameters: parameters)
        return try weighting(a)
    }

    /// The grid is 0, then 0.01 * 1.2^k up to 100: 1 + (floor(log(1e4) / log(1.2)) + 1) values, ascending.
    func testGridIsZeroThenGeometricUpToAHundred() {
        let grid = LambdaSweep.grid
        let geometric = Int((log(1e4) / log(1.2)).rounded(.down)) + 1
        XCTAssertEqual(grid.count, 1 + geometric)
        XCTAssertEqual(grid[0], 0)
        XCTAssertEqual(grid[1], 0.01, accuracy: 1e-15)
        for k in 2..<grid.count { XCTAssertEqual(grid[k] / grid[k - 1], 1.2, accuracy: 1e-12) }
        XCTAssertLessThanOrEqual(grid.last!, 100.0001)
    }

    /// On A = I the problem is symmetric in the tasks: at every lambda the fixed point's weights are uniform.
    func testSweepOnTheIdentityHasUniformFixedPointWeights() throws {
        let call = try firstCall(identity)
        var reported: [Double] = []
        let sweep = try XCTUnwrap(
            LambdaSweep(
                call: call, a: identity, parameters: SolverParameters(),
                isCancelled: { false }, progress: { reported.append($0) }))
        XCTAssertEqual(sweep.lambdas, LambdaSweep.grid)
        XCTAssertEqual(sweep.fixedPointWeights.count, sweep.lambdas.count)
        for weights in sweep.fixedPointWeights + sweep.solverWeights {
            for w in weights { XCTAssertEqual(w, 1.0 / 3, accuracy: 1e-9) }
        }
        XCTAssertFalse(reported.isEmpty)
        XCTAssertTrue(reported.allSatisfy { (0..<1).contains($0) })
    }

    /// A cancelled sweep returns nothing.
    func testCancelledSweepIsNil() throws {
        let call = try firstCall(identity)
        XCTAssertNil(
            LambdaSweep(
                call: call, a: identity, parameters: SolverParameters(), isCancelled: { true }, progress: { _ in }))
    }

    /// One column per variant in `Variant.allCases` order; each runs at its own default lr when the user kept
    /// the default, else at the user's lr.
    func testComparisonColumnsFollowTheLearningRateRule() {
        let kept = VariantsComparison(a: identity, start: nil, parameters: SolverParameters())
        XCTAssertEqual(kept.columns.map(\.variant), Variant.allCases)
        for column in kept.columns { XCTAssertEqual(column.lr, column.variant.defaultLearningRate) }
        var chosen = SolverParameters()
        chosen.lr = 0.05
        let user = VariantsComparison(a: identity, start: nil, parameters: chosen)
        for column in user.columns { XCTAssertEqual(column.lr, 0.05) }
        // On A = I every variant that runs ends where it started: the uniform point is the fixed point.
        for column in user.columns {
            guard let call = column.call else { continue }
            for w in call.w { XCTAssertEqual(w, 1.0 / 3, accuracy: 1e-9) }
        }
    }
}
