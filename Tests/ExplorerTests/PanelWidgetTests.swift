import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// The simplex and convergence panels alone, as widget values: what they draw and what a click means.
final class PanelWidgetTests: XCTestCase {
    /// The explorer on A = I (m tasks) with every analysis done.
    private func settledIdentity(_ m: Int) -> ExplorerState {
        let a = Matrix((0..<m).map { i in (0..<m).map { $0 == i ? 1.0 : 0.0 } })
        let driver = HeadlessDriver(
            model: ExplorerState(scenario: Scenario(name: "identity", matrix: a)), width: 120, height: 40)
        driver.settle()
        return driver.model
    }

    private func cells(of text: String, in buffer: Buffer) -> [(x: Int, y: Int)] {
        (0..<buffer.height).flatMap { y in
            (0..<buffer.width).compactMap { x in String(buffer[x, y].character) == text ? (x, y) : nil }
        }
    }

    /// Iteration 0 of a first call is the uniform start, the centre of the triangle: the current-w dot is
    /// drawn on the middle column, and a click on its cell means a point within a cell of (1/3, 1/3, 1/3).
    func testTriangleStartSitsAtTheCentroidAndAClickOnItMeansThatPoint() {
        let state = settledIdentity(3)
        let panel = Frame.simplex(state, theme: .unicode)
        let area = Rect(x: 0, y: 0, width: 41, height: 16)
        var buffer = Buffer(width: area.width, height: area.height)
        panel.render(area: area, buffer: &buffer)
        XCTAssertTrue(buffer.line(0).contains("Simplex of w"), buffer.line(0))
        // the legend's dot is on the last inner row
        let stars = cells(of: "●", in: buffer).filter { $0.y < area.maxY - 2 }
        XCTAssertEqual(stars.count, 1, buffer.lines().joined(separator: "\n"))
        guard let star = stars.first else { return }
        // The triangle's centroid x = 1/2 is the middle of the symmetric x range: the middle column of the inside.
        XCTAssertLessThanOrEqual(abs(star.x - (1 + 39 / 2)), 1)
        let w = panel.point(x: star.x, y: star.y, area: area)
        XCTAssertNotNil(w)
        for entry in w ?? [] { XCTAssertEqual(entry, 1.0 / 3, accuracy: 0.1) }
        XCTAssertEqual((w ?? []).reduce(0, +), 1, accuracy: 1e-9)
        // Outside the panel's inside a click means nothing.
        XCTAssertNil(panel.point(x: 0, y: 5, area: area))
        XCTAssertNil(panel.point(x: 50, y: 5, area: area))
    }

    /// m = 4: one bar per task; iteration 0 is the uniform start (0.250 each), and a click on bar i is vertex i.
    func testBarsShowTheUniformStartAndAClickOnABarIsThatVertex() {
        let state = settledIdentity(4)
        let panel = Frame.simplex(state, theme: .unicode)
        let area = Rect(x: 0, y: 0, width: 50, height: 10)
        var buffer = Buffer(width: area.width, height: area.height)
        panel.render(area: area, buffer: &buffer)
        for row in 1...4 { XCTAssertTrue(buffer.line(row).contains("0.250"), buffer.line(row)) }
        XCTAssertEqual(panel.point(x: 10, y: 3, area: area), [0, 0, 1, 0])
        XCTAssertEqual(panel.point(x: 10, y: 1, area: area), [1, 0, 0, 0])
        XCTAssertNil(panel.point(x: 10, y: 6, area: area))  // below the bars
    }

    /// The sparklines start 16 columns into the panel and show iterations 0...iters when they fit:
    /// column j of the sparkline is iteration j; other rows and columns past the last iteration mean nothing.
    func testConvergenceClickOnTheSparklineIsThatIteration() {
        let state = ExplorerState(
            scenario: Scenario(name: "identity", matrix: Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]])))
        let panel = Frame.convergence(state, theme: .unicode)
        let area = Rect(x: 0, y: 0, width: 60, height: 12)
        let iters = state.parameters.iters
        XCTAssertEqual(panel.point(x: 17 + 5, y: 1, area: area), 5)
        XCTAssertEqual(panel.point(x: 17, y: 2, area: area), 0)
        XCTAssertEqual(panel.point(x: 17 + iters, y: 1, area: area), iters)
        XCTAssertNil(panel.point(x: 17 + iters + 1, y: 1, area: area))
        XCTAssertNil(panel.point(x: 17 + 5, y: 3, area: area))
        XCTAssertNil(panel.point(x: 16, y: 1, area: area))
        // Before its job reports, the panel says what it waits for.
        var buffer = Buffer(width: area.width, height: area.height)
        panel.render(area: area, buffer: &buffer)
        XCTAssertTrue(
            buffer.lines().joined().contains("computing the fixed point"), buffer.lines().joined(separator: "\n"))
    }
}
