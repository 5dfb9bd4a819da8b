import TerminalUI
import XCTest

/// Scrolling a list of lines: keys, wheel, clamping, the position text and the slice drawn.
final class ScrollStateTests: XCTestCase {
    func testKeysAndPositionText() {
        var s = ScrollState(lineCount: 31, viewport: 13)
        XCTAssertEqual(s.positionText, "1-13 of 31")
        XCTAssertTrue(s.handle(.down))
        XCTAssertEqual(s.offset, 1)
        XCTAssertTrue(s.handle(.pageDown))
        XCTAssertEqual(s.offset, 13, "a page keeps one line of context")
        XCTAssertEqual(s.positionText, "14-26 of 31")
        XCTAssertTrue(s.handle(.end))
        XCTAssertEqual(s.offset, 18)
        XCTAssertEqual(s.positionText, "19-31 of 31")
        XCTAssertTrue(s.handle(.pageDown))
        XCTAssertEqual(s.offset, 18, "never past the last line")
        XCTAssertTrue(s.handle(.home))
        XCTAssertEqual(s.offset, 0)
        XCTAssertTrue(s.handle(.up))
        XCTAssertEqual(s.offset, 0, "never before the first line")
        XCTAssertFalse(s.handle(.character("q")), "other keys are left to the caller")
        XCTAssertTrue(s.handle(MouseEvent(.wheelDown, x: 0, y: 0)))
        XCTAssertEqual(s.offset, ScrollState.wheelStep)
        XCTAssertTrue(s.handle(MouseEvent(.wheelUp, x: 0, y: 0)))
        XCTAssertEqual(s.offset, 0)
        XCTAssertFalse(s.handle(MouseEvent(.press, x: 0, y: 0)))
        XCTAssertEqual(ScrollState(lineCount: 5, viewport: 10).positionText, "all 5")
        XCTAssertEqual(ScrollState(lineCount: 0, viewport: 10).positionText, "empty")
    }

    func testResizeAndRevealKeepTheOffsetInRange() {
        var s = ScrollState(lineCount: 100, viewport: 10, offset: 95)
        XCTAssertEqual(s.offset, 90)
        s.resize(lineCount: 50, viewport: 20)
        XCTAssertEqual(s.offset, 30)
        s.reveal(5)
        XCTAssertEqual(s.visible, 5..<25)
        s.reveal(40)
        XCTAssertEqual(s.visible, 21..<41)
        s.resize(lineCount: 10, viewport: 20)
        XCTAssertEqual(s.offset, 0)
        XCTAssertFalse(s.canScroll)
    }

    /// Any sequence of keys and wheel turns: the viewport stays within the lines, and the lines shown
    /// are the slice an independent count of the moves gives.
    func testRandomMovesStayInRange() {
        var random = SeededGenerator(state: 7)
        let keys: [Key] = [.up, .down, .pageUp, .pageDown, .home, .end]
        for _ in 0..<300 {
            let count = Int.random(in: 0...80, using: &random), viewport = Int.random(in: 1...30, using: &random)
            var s = ScrollState(lineCount: count, viewport: viewport)
            var expected = 0
            let top = max(0, count - viewport)
            for _ in 0..<40 {
                let key = keys.randomElement(using: &random)!
                _ = s.handle(key)
                switch key {
                case .up: expected -= 1
                case .down: expected += 1
                case .pageUp: expected -= max(1, viewport - 1)
                case .pageDown: expected += max(1, viewport - 1)
                case .home: expected = 0
                default: expected = top
                }
                expected = min(max(0, expected), top)
                XCTAssertEqual(s.offset, expected)
                XCTAssertLessThanOrEqual(s.visible.count, viewport)
                XCTAssertEqual(s.visible.count, min(viewport, count))
                XCTAssertLessThanOrEqual(s.visible.upperBound, count)
            }
        }
    }

    func testRendersTheVisibleSliceAndWhereItIs() {
        let lines = (1...31).map { [Span("line \($0)")] }
        var buffer = Buffer(width: 12, height: 5)
        var state = ScrollState(lineCount: 0, viewport: 0)
        state = ScrolledLines.renderWithPosition(lines, state: state, area: buffer.area, buffer: &buffer)
        XCTAssertEqual(state.viewport, 4)
        XCTAssertEqual(
            buffer.lines(), ["line 1      ", "line 2      ", "line 3      ", "line 4      ", "   1-4 of 31"])
        _ = state.handle(.end)
        buffer = Buffer(width: 12, height: 5)
        ScrolledLines.renderWithPosition(lines, state: state, area: buffer.area, buffer: &buffer)
        XCTAssertEqual(
            buffer.lines(), ["line 28     ", "line 29     ", "line 30     ", "line 31     ", " 28-31 of 31"])
        buffer = Buffer(width: 8, height: 3)
        let paragraph = Paragraph("one two three four five six")
        let s = ScrolledLines.render(
            paragraph, state: ScrollState(lineCount: 0, viewport: 0, offset: 0), area: buffer.area, buffer: &buffer)
        XCTAssertEqual(s.lineCount, 4)
        XCTAssertEqual(buffer.lines(), ["one two ", "three   ", "four    "])
    }
}
