import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Degenerate inputs are shown plainly: w stays on the simplex or the screen says it diverged; no bare NaN.
final class NumericalEdgeCaseTests: XCTestCase {
    func state(_ rows: [[Double]], parameters: SolverParameters = SolverParameters(), keys: String = "<end>") throws
        -> ExplorerState
    {
        var s = started(ExplorerState(sequence: [Batches(matrix: Matrix(rows))], name: "edge", parameters: parameters))
        apply(.resize(width: 120, height: 40), to: &s)
        for key in try Key.parseSequence(keys) { apply(.key(key), to: &s) }
        return s
    }

    func assertShownPlainly(_ s: ExplorerState, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for view in ["", "x", "v", "w", "c"] {
            var shown = s
            for key in (try? Key.parseSequence(view)) ?? [] { apply(.key(key), to: &shown) }
            let frame = Frame.render(shown, width: 120, height: 40).lines()
            XCTAssertEqual(frame.count, 40, file: file, line: line)
            for row in frame where hasUnlabelledNonFinite(row) {
                XCTFail("\(what) [\(view)]: unlabelled non-finite value in: \(row)", file: file, line: line)
            }
            if let w = shown.shownW, !w.allSatisfy(\.isFinite) {
                XCTAssertTrue(
                    frame.joined().contains("diverged"), "\(what): NaN w must be labelled", file: file, line: line)
            }
        }
    }

    func testZeroMatrix() throws {
        let s = try state([[0, 0, 0], [0, 0, 0], [0, 0, 0]])
        XCTAssertEqual(s.shownW!, [1.0 / 3, 1.0 / 3, 1.0 / 3], "g = 0: w never moves")
        XCTAssertFalse(s.analysis!.fixedPoint.isUnique)
        assertShownPlainly(s, "zero matrix")
    }

    func testNegativeAndAllNegativeDiagonals() throws {
        let some = try state([[2, 0.5], [0.3, -1]])
        XCTAssertTrue(Frame.render(some, width: 120, height: 40).lines().joined().contains("clamped to 0: A₂,₂"))
        assertShownPlainly(some, "a negative diagonal entry")
        let all = try state([[-1, 0.5], [0.2, -2]])
        XCTAssertEqual(all.computation.call!.normalization.scale, 0)
        assertShownPlainly(all, "an all-negative diagonal (s = 0)")
    }

    func testEntriesNearTheLargestDouble() throws {
        assertShownPlainly(try state([[1.7e308, 1e308], [1e308, 1.7e308]]), "entries near the largest double")
        let overflowing = try state([[0, 1e300], [-1e300, 0]])
        XCTAssertTrue(overflowing.shownW!.contains { $0.isNaN }, "s = 0 makes Â overflow and the iterates NaN")
        XCTAssertTrue(Frame.render(overflowing, width: 120, height: 40).lines().joined().contains("overflowed"))
        assertShownPlainly(overflowing, "iterates that overflow")
    }

    func testHugeLearningRate() throws {
        var p = SolverParameters()
        p.lr = 1e12
        assertShownPlainly(try state([[1, 0.2, 0], [0.2, 1, 0.1], [0, 0.1, 1]], parameters: p), "lr = 1e12")
    }

    func testOneTask() throws {
        let s = try state([[2.5]])
        XCTAssertEqual(s.shownW!, [1])
        XCTAssertEqual(s.shownWeights!, [1])
        assertShownPlainly(s, "m = 1")
    }

    func testPreferenceWithZeros() throws {
        var p = SolverParameters()
        p.pref = [0, 1, 0]
        let s = try state([[1, 0.2, 0], [0.2, 1, 0.1], [0, 0.1, 1]], parameters: p)
        let w = s.shownW!
        for (a, b) in zip(s.shownWeights!, [w[0] / 1.3, (w[1] + 0.3) / 1.3, w[2] / 1.3]) {
            XCTAssertEqual(a, b, accuracy: 1e-15)
        }
        assertShownPlainly(s, "a preference with zeros")
    }
}

/// Number formatting at the extremes of Double.
final class NumberTextExtremesTests: XCTestCase {
    func testExtremesFormatAsNumbers() {
        XCTAssertEqual(NumberText.short(Double.leastNonzeroMagnitude), "4.94e-324")
        XCTAssertEqual(NumberText.short(-2.2250738585072014e-308), "-2.23e-308")
        XCTAssertEqual(NumberText.short(Double.greatestFiniteMagnitude), "1.80e+308")
        XCTAssertEqual(NumberText.short(0.00099999), "1.00e-03")
        XCTAssertEqual(NumberText.fixed(-0.0004, decimals: 3), "0.000")
        XCTAssertEqual(NumberText.short(.nan), "NaN(diverged)")
    }
}
