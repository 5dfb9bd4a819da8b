import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// What the panels say about uniqueness and numerical trouble, on matrices whose facts are known by hand.
final class ConvergenceFactsTests: XCTestCase {
    /// A settled explorer on a user-given matrix.
    func explorer(matrix: [[Double]], keys: String = "", width: Int = 120, height: Int = 40) throws -> ExplorerState {
        let driver = HeadlessDriver(
            model: ExplorerState(scenario: Scenario(name: "hand", matrix: Matrix(matrix))), width: width, height: height
        )
        driver.settle()
        driver.input(try InputEvent.parseSequence(keys))
        return driver.model
    }

    /// A = [[1, 3], [3, 1]]: at both vertices the other task's gradient entry is larger (1.6 < 3.6 up to the
    /// common scale), so e1 and e2 are both fixed points; the panel must not call either unique.
    func testTwoKnownFixedPointsAreNeverCalledUnique() throws {
        let state = try explorer(matrix: [[1, 3], [3, 1]], keys: "nnn")
        let analysis = try XCTUnwrap(state.analysis)
        XCTAssertNotEqual(analysis.fixedPoint.unique, true)
        XCTAssertGreaterThanOrEqual(analysis.otherFixedPoints.count, 1)
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let text = Frame.render(state, width: w, height: h).lines().joined(separator: "\n")
            XCTAssertFalse(text.contains("unique ("), "\(w)x\(h) claims uniqueness:\n\(text)")
            XCTAssertTrue(
                text.contains("\(analysis.otherFixedPoints.count + 1) fixed points known"), "\(w)x\(h):\n\(text)")
        }
        // Where there is room the others are listed, each with its verdict.
        let tall = Frame.render(state, width: 200, height: 60).lines()
        XCTAssertTrue(tall.contains { $0.contains("other [") }, tall.joined(separator: "\n"))
    }

    /// A symmetric positive definite A has one fixed point, proven by checking every face (m <= 6).
    func testAProvenUniqueFixedPointSaysHow() throws {
        let state = try explorer(matrix: [[2, 0.5], [0.5, 1]])
        XCTAssertEqual(state.analysis?.fixedPoint.unique, true)
        let text = Frame.render(state, width: 120, height: 40).lines().joined(separator: "\n")
        XCTAssertTrue(text.contains("unique (\(state.analysis!.fixedPoint.uniqueness))"), text)
    }

    /// The huge A (every diagonal entry negative: scale 0, Â = A / 1e-8): the header says so in the
    /// danger role while the weights stay torchjd's (uniform, as torchjd 0.18.0 returns for this A).
    func testTheHugeMatrixCarriesAWarningInTheHeader() throws {
        let state = try explorer(matrix: [[-1e7, 3e7, 0], [2e7, -1e7, 5e6], [0, 1e7, -2e7]])
        // torchjd 0.18.0 returns w = [0, 0, 0] here (issue 12): the numbers are kept, only a warning is added.
        XCTAssertEqual(state.computation.call?.w, [0, 0, 0])
        let frame = Frame.render(state, width: 160, height: 50)
        let top = frame.line(0)
        XCTAssertTrue(top.contains("warnings:") && top.contains("scale s = 0"), top)
        let x = try XCTUnwrap(top.range(of: "scale s = 0")).lowerBound.utf16Offset(in: top)
        XCTAssertEqual(frame[x, 0].style, Theme.unicode.role(.headerDanger))
        let none = Frame.render(try explorer(matrix: [[2, 0.5], [0.5, 1]]), width: 160, height: 50).line(0)
        XCTAssertFalse(none.contains("warning"), none)
    }
}
