import TerminalUI
import XCTest

final class BufferWriteTests: XCTestCase {
    func testWritePlacesTextAndReturnsColumns() {
        var buffer = Buffer(width: 8, height: 2)
        XCTAssertEqual(buffer.write("hello", x: 1, y: 1), 5)
        XCTAssertEqual(buffer.lines(), ["        ", " hello  "])
    }

    func testWriteClipsAtRightEdge() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.write("abcdefg", x: 2, y: 0), 3)
        XCTAssertEqual(buffer.lines(), ["  abc"])
    }

    func testWriteClipsAtMaxWidth() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.write("abcdef", x: 0, y: 0, maxWidth: 2), 2)
        XCTAssertEqual(buffer.lines(), ["ab   "])
        XCTAssertEqual(buffer.write("zz", x: 0, y: 0, maxWidth: 0), 0)
        XCTAssertEqual(buffer.lines(), ["ab   "])
    }

    func testWriteFromNegativeColumnShowsVisiblePartAndCountsHiddenColumns() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.write("hello", x: -2, y: 0), 5)
        XCTAssertEqual(buffer.lines(), ["llo  "])
    }

    func testWritesOutsideTheBufferAreIgnored() {
        var buffer = Buffer(width: 3, height: 2)
        XCTAssertEqual(buffer.write("abc", x: 0, y: -1), 0)
        XCTAssertEqual(buffer.write("abc", x: 0, y: 2), 0)
        XCTAssertEqual(buffer.write("abc", x: 3, y: 0), 0)
        XCTAssertEqual(buffer.write("abc", x: -3, y: 0), 3)
        XCTAssertEqual(buffer.write("abc", x: Int.min, y: 0), 0)
        XCTAssertEqual(buffer.write("abc", x: Int.max, y: Int.max), 0)
        XCTAssertEqual(buffer.write("abc", x: 0, y: Int.min, maxWidth: Int.max), 0)
        XCTAssertEqual(buffer.lines(), ["   ", "   "])
    }

    func testSubscriptOutsideReadsBlankAndIgnoresWrites() {
        var buffer = Buffer(width: 2, height: 2)
        buffer[-1, 0] = Cell("x")
        buffer[2, 1] = Cell("x")
        buffer[0, Int.max] = Cell("x")
        XCTAssertEqual(buffer[5, 5], .blank)
        XCTAssertEqual(buffer[Int.min, Int.min], .blank)
        XCTAssertEqual(buffer.lines(), ["  ", "  "])
    }

    func testWideCharactersTakeTwoColumns() {
        var buffer = Buffer(width: 5, height: 1)
        XCTAssertEqual(buffer.write("中文", x: 0, y: 0), 4)
        XCTAssertEqual(buffer.lines(), ["中文 "])
        XCTAssertTrue(buffer[1, 0].isContinuation)
        XCTAssertEqual(buffer[2, 0].character, "文")
    }

    func testWideCharacterThatDoesNotFitAtRightEdgeStopsTheText() {
        var buffer = Buffer(width: 3, height: 1)
        XCTAssertEqual(buffer.write("a中b", x: 1, y: 0), 1)
        XCTAssertEqual(buffer.lines(), [" a "])
        XCTAssertFalse(buffer[2, 0].isContinuation)
    }

    func testWideCharacterAcrossMaxWidthStopsTheText() {
        var buffer = Buffer(width: 6, height: 1)
        XCTAssertEqual(buffer.write("ab中", x: 0, y: 0, maxWidth: 3), 2)
        XCTAssertEqual(buffer.lines(), ["ab    "])
    }

    func testWideCharacterStraddlingLeftEdgeLeavesASpace() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("xyz", x: 0, y: 0)
        XCTAssertEqual(buffer.write("中b", x: -1, y: 0), 3)
        XCTAssertEqual(buffer.lines(), [" bz"])
    }

    func testOverwritingHalfOfAWideCharacterClearsTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("中", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        XCTAssertEqual(buffer.lines(), [" x  "])
        XCTAssertFalse(buffer[1, 0].isContinuation)

        buffer.write("中", x: 1, y: 0)
        buffer.write("y", x: 1, y: 0)
        XCTAssertEqual(buffer.lines(), [" y  "])
        XCTAssertFalse(buffer[2, 0].isContinuation)

        buffer.write("中中", x: 0, y: 0)
        buffer.write("文", x: 1, y: 0)
        XCTAssertEqual(buffer.lines(), [" 文 "])
    }

    func testSubscriptWideCellAtLastColumnBecomesSpace() {
        var buffer = Buffer(width: 2, height: 1)
        buffer[1, 0] = Cell("中")
        XCTAssertEqual(buffer.lines(), ["  "])
        buffer[0, 0] = Cell("中")
        XCTAssertEqual(buffer.lines(), ["中"])
        XCTAssertTrue(buffer[1, 0].isContinuation)
    }

    func testCombiningMarkJoinsPreviousCell() {
        var buffer = Buffer(width: 4, height: 1)
        XCTAssertEqual(buffer.write("e\u{301}x", x: 0, y: 0), 2)
        XCTAssertEqual(buffer[0, 0].character, "é")
        buffer.write("a", x: 2, y: 0)
        XCTAssertEqual(buffer.write("\u{308}", x: 3, y: 0), 0)
        XCTAssertEqual(buffer[2, 0].character, "ä")
        XCTAssertEqual(buffer.lines(), ["éxä "])
    }

    func testControlCharactersAreReplaced() {
        var buffer = Buffer(width: 6, height: 1)
        XCTAssertEqual(buffer.write("a\tb\u{7}\u{1B}c", x: 0, y: 0), 6)
        XCTAssertEqual(buffer.lines(), ["a b??c"])
    }

    func testWriteKeepsStyle() {
        var buffer = Buffer(width: 3, height: 1)
        buffer.write("ab", x: 0, y: 0, style: .bold)
        XCTAssertEqual(buffer[0, 0].style, .bold)
        XCTAssertEqual(buffer[2, 0].style, .plain)
    }

    func testSpansAreWrittenOneAfterAnother() {
        var buffer = Buffer(width: 8, height: 1)
        XCTAssertEqual(buffer.write([Span("ab", style: .bold), "中c"], x: 1, y: 0, maxWidth: 5), 5)
        XCTAssertEqual(buffer.lines(), [" ab中c  "])
        XCTAssertEqual(buffer[2, 0].style, .bold)
        XCTAssertEqual(buffer[3, 0].style, .plain)
    }

    func testFillClipsToBuffer() {
        var buffer = Buffer(width: 4, height: 3)
        buffer.fill(Rect(x: -2, y: 1, width: 4, height: 10), with: Cell("#"))
        XCTAssertEqual(buffer.lines(), ["    ", "##  ", "##  "])
        buffer.fill(Rect(x: -1_000_000, y: -5, width: 2_000_000, height: 1), with: Cell("x"))
        XCTAssertEqual(buffer.lines(), ["    ", "##  ", "##  "])
    }

    func testFillWithWideCellPadsOddColumn() {
        var buffer = Buffer(width: 5, height: 1)
        buffer.fill(buffer.area, with: Cell("中"))
        XCTAssertEqual(buffer.lines(), ["中中 "])
    }

    func testNegativeSizeGivesEmptyBuffer() {
        let buffer = Buffer(width: -3, height: 2)
        XCTAssertEqual(buffer.width, 0)
        XCTAssertEqual(buffer.lines(), ["", ""])
    }

    func testStyledRunsMergeEqualStyles() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.write("ab", x: 0, y: 0, style: .bold)
        buffer.write("中", x: 2, y: 0, style: .bold)
        buffer.write("c", x: 4, y: 0)
        XCTAssertEqual(
            buffer.styledRuns(row: 0),
            [StyledRun(x: 0, text: "ab中", style: .bold), StyledRun(x: 4, text: "c ", style: .plain)])
        XCTAssertEqual(buffer.styledRuns(row: 1), [])
    }

    /// Whatever is written where, every line is exactly `width` columns.
    func testLinesAlwaysHaveExactWidth() {
        var random = SeededGenerator(state: 42)
        let pieces = [
            "a", "hello", "中文", "😀", "e\u{301}", "\u{301}", "\t", "\u{7}", "한국어", "ｱ", "Ａ",
            "→", "⣿", "\u{200D}", "👩‍💻", "🇫🇷", "\u{FE0F}", "x\r\ny", "\u{85}", " ",
        ]
        for _ in 0..<300 {
            let width = Int.random(in: 0...12, using: &random)
            let height = Int.random(in: 1...4, using: &random)
            var buffer = Buffer(width: width, height: height)
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                var text = ""
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    text += pieces.randomElement(using: &random)!
                }
                let x = Int.random(in: -6...14, using: &random)
                let y = Int.random(in: -1...height, using: &random)
                if Bool.random(using: &random) {
                    buffer.write(text, x: x, y: y, maxWidth: Int.random(in: 0...10, using: &random))
                } else {
                    buffer[x, y] = Cell(text.first ?? " ")
                }
            }
            let lines = buffer.lines()
            XCTAssertEqual(lines.count, height)
            for line in lines {
                XCTAssertEqual(displayWidth(of: line), width, "line \(line.debugDescription)")
                XCTAssertFalse(line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
            }
        }
    }
}
