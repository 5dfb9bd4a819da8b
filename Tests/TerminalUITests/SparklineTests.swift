import TerminalUI
import XCTest

final class SparklineTests: XCTestCase {
    private func row(_ sparkline: Sparkline, width: Int) -> String {
        var buffer = Buffer(width: width, height: 1)
        sparkline.render(area: buffer.area, buffer: &buffer)
        return buffer.lines()[0]
    }

    func testAutoRangeUsesEveryLevel() {
        XCTAssertEqual(row(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7]), width: 8), "▁▂▃▄▅▆▇█")
    }

    func testNonFiniteValuesShowAMarker() {
        let sparkline = Sparkline(values: [1, .nan, 3, .infinity, -.infinity])
        XCTAssertEqual(row(sparkline, width: 6), "▁×█×× ")
        var buffer = Buffer(width: 5, height: 1)
        sparkline.render(area: buffer.area, buffer: &buffer)
        XCTAssertEqual(buffer[1, 0].style, Style(fg: .red))
    }

    func testLogarithmicScale() {
        XCTAssertEqual(row(Sparkline(values: [1, 10, 100, 0, -1], logarithmic: true), width: 5), "▁▅█××")
        XCTAssertEqual(row(Sparkline(values: [1e-12, 1e-6, 1], logarithmic: true), width: 3), "▁▅█")
    }

    func testFixedRangeClampsOutliers() {
        let sparkline = Sparkline(values: [5, -3, 20], scale: .fixed(0...10))
        XCTAssertEqual(row(sparkline, width: 3), "▅▁█")
    }

    func testConstantSeriesIsFlat() {
        XCTAssertEqual(row(Sparkline(values: [2, 2, 2]), width: 3), "▁▁▁")
    }

    func testShowsMostRecentValuesWhenTooMany() {
        XCTAssertEqual(row(Sparkline(values: [0, 0, 0, 0, 1, 2], scale: .fixed(0...2)), width: 3), "▁▅█")
    }

    func testAsciiLevels() {
        XCTAssertEqual(row(Sparkline(values: [0, 1, 2, 3, 4, .nan], glyphs: .ascii), width: 6), "_.-=#x")
    }

    func testLevelsMatchRendering() {
        XCTAssertEqual(Sparkline(values: [0, .nan, 7]).levels(), [0, nil, 7])
    }
}
