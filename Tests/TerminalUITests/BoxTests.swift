import TerminalUI
import XCTest

final class BoxTests: XCTestCase {
    func testRoundedBoxWithTitle() {
        let lines = Buffer.rendering(width: 10, height: 4) { $0.drawBox($0.area, title: "Hi") }
        XCTAssertEqual(
            lines,
            [
                "╭─ Hi ───╮",
                "│        │",
                "│        │",
                "╰────────╯",
            ])
    }

    func testSquareBoxInsideLargerBuffer() {
        var glyphs = GlyphSet.unicode
        glyphs.box = .square
        let lines = Buffer.rendering(width: 6, height: 4) {
            $0.drawBox(Rect(x: 1, y: 1, width: 4, height: 3), glyphs: glyphs)
        }
        XCTAssertEqual(lines, ["      ", " ┌──┐ ", " │  │ ", " └──┘ "])
    }

    func testAsciiBox() {
        let lines = Buffer.rendering(width: 8, height: 3) { $0.drawBox($0.area, title: "T", glyphs: .ascii) }
        XCTAssertEqual(lines, ["+- T --+", "|      |", "+------+"])
    }

    func testLongTitleIsCutInsideTheBorder() {
        let lines = Buffer.rendering(width: 8, height: 2) { $0.drawBox($0.area, title: "Weights") }
        XCTAssertEqual(lines, ["╭─ Wei─╮", "╰──────╯"])
    }

    func testBoxPartlyOutsideIsClipped() {
        let lines = Buffer.rendering(width: 4, height: 3) {
            $0.drawBox(Rect(x: -2, y: 1, width: 5, height: 5))
        }
        XCTAssertEqual(lines, ["    ", "──╮ ", "  │ "])
    }

    func testTooSmallBoxDrawsNothing() {
        let lines = Buffer.rendering(width: 3, height: 2) {
            $0.drawBox(Rect(x: 0, y: 0, width: 1, height: 2))
            $0.drawBox(Rect(x: 0, y: 0, width: 3, height: 1))
        }
        XCTAssertEqual(lines, ["   ", "   "])
    }
}
