import TerminalUI
import XCTest

final class LayoutTests: XCTestCase {
    func testRectBasics() {
        let rect = Rect(x: 2, y: 3, width: 10, height: 4)
        XCTAssertEqual(rect.maxX, 12)
        XCTAssertEqual(rect.maxY, 7)
        XCTAssertFalse(rect.isEmpty)
        XCTAssertTrue(Rect(x: 0, y: 0, width: -4, height: 2).isEmpty)
        XCTAssertEqual(Rect(x: 0, y: 0, width: -4, height: 2).width, 0)
        XCTAssertTrue(rect.contains(x: 11, y: 6))
        XCTAssertFalse(rect.contains(x: 12, y: 6))
    }

    func testInset() {
        XCTAssertEqual(Rect(x: 0, y: 0, width: 10, height: 4).inset(by: 1), Rect(x: 1, y: 1, width: 8, height: 2))
        XCTAssertTrue(Rect(x: 0, y: 0, width: 3, height: 4).inset(by: 2).isEmpty)
        XCTAssertEqual(
            Rect(x: 0, y: 0, width: 10, height: 4).inset(horizontal: 2, vertical: 0),
            Rect(x: 2, y: 0, width: 6, height: 4))
    }

    func testIntersection() {
        let a = Rect(x: 0, y: 0, width: 5, height: 5)
        XCTAssertEqual(a.intersection(Rect(x: 3, y: -2, width: 5, height: 4)), Rect(x: 3, y: 0, width: 2, height: 2))
        XCTAssertTrue(a.intersection(Rect(x: 6, y: 0, width: 2, height: 2)).isEmpty)
    }

    func testSplits() {
        let rect = Rect(x: 1, y: 1, width: 10, height: 6)
        let (left, right) = rect.splitHorizontally(at: 3)
        XCTAssertEqual(left, Rect(x: 1, y: 1, width: 3, height: 6))
        XCTAssertEqual(right, Rect(x: 4, y: 1, width: 7, height: 6))
        let (top, bottom) = rect.splitVertically(at: 10)
        XCTAssertEqual(top, rect)
        XCTAssertTrue(bottom.isEmpty)
        XCTAssertEqual(rect.splitHorizontally(at: -5).left.width, 0)
    }

    func testCentered() {
        XCTAssertEqual(
            Rect(x: 0, y: 0, width: 20, height: 10).centered(width: 6, height: 4), Rect(x: 7, y: 3, width: 6, height: 4)
        )
        XCTAssertEqual(
            Rect(x: 0, y: 0, width: 4, height: 2).centered(width: 6, height: 4), Rect(x: 0, y: 0, width: 4, height: 2))
    }

    func testLayoutMixesLengthsPercentagesAndFill() {
        let parts = Layout.horizontal([.length(10), .fill(1), .percentage(50)]).split(
            Rect(x: 0, y: 0, width: 40, height: 2))
        XCTAssertEqual(parts.map(\.x), [0, 10, 20])
        XCTAssertEqual(parts.map(\.width), [10, 10, 20])
        XCTAssertTrue(parts.allSatisfy { $0.height == 2 })
    }

    func testLayoutShrinksLaterPartsWhenOverfull() {
        let parts = Layout.vertical([.length(30), .length(30), .fill(1)]).split(Rect(x: 0, y: 5, width: 3, height: 40))
        XCTAssertEqual(parts.map(\.height), [30, 10, 0])
        XCTAssertEqual(parts.map(\.y), [5, 35, 45])
    }

    func testFillWeightsShareExactly() {
        let parts = Layout.horizontal([.fill(1), .fill(2)]).split(Rect(x: 0, y: 0, width: 10, height: 1))
        XCTAssertEqual(parts.map(\.width), [3, 7])
    }

    func testSpacing() {
        let parts = Layout.horizontal([.length(5), .fill(1)], spacing: 1).split(Rect(x: 0, y: 0, width: 20, height: 1))
        XCTAssertEqual(parts, [Rect(x: 0, y: 0, width: 5, height: 1), Rect(x: 6, y: 0, width: 14, height: 1)])
    }
}
