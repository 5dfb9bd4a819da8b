import TerminalUI
import XCTest

/// Cells keep their grapheme as a compact code; these check that nothing is lost or merged on the way.
final class CellCodeTests: XCTestCase {
    func testGraphemesOfSeveralScalarsComeBackWhole() {
        for grapheme: Character in ["👍🏽", "e\u{301}", "🇫🇷", "a\u{308}\u{301}", "中", "⠿", "x"] {
            let cell = Cell(grapheme)
            XCTAssertEqual(cell.character, grapheme)
            XCTAssertEqual(Array(cell.character.unicodeScalars), Array(grapheme.unicodeScalars))
            XCTAssertEqual(cell.width, max(1, displayWidth(of: grapheme)))
        }
    }

    func testCellsCompareByGrapheme() {
        XCTAssertEqual(Cell("👍🏽"), Cell("👍🏽"))
        XCTAssertEqual(Cell("👍🏽").hashValue, Cell("👍🏽").hashValue)
        XCTAssertNotEqual(Cell("👍🏽"), Cell("👍🏿"))
        XCTAssertNotEqual(Cell("a\u{308}"), Cell("a\u{301}"))
        XCTAssertEqual(Cell(scalar: "⠿", style: .bold), Cell("⠿", style: .bold))
        XCTAssertNotEqual(Cell("x", style: .bold), Cell("x"))
    }

    func testSettingTheCharacterRemeasuresIt() {
        var cell = Cell("x")
        cell.character = "中"
        XCTAssertEqual(cell.width, 2)
        cell.character = "👍🏽"
        XCTAssertEqual(cell.character, "👍🏽")
        cell.character = "y"
        XCTAssertEqual(cell.width, 1)
    }

    /// An ASCII text written at once equals the same text put cell by cell (the reference path).
    func testAsciiRunEqualsCellByCellWrites() {
        var random = SeededGenerator(state: 7)
        let graphemes: [Character] = ["中", "文", "a", "b", "⠿", " "]
        for _ in 0..<500 {
            let width = Int.random(in: 1...10, using: &random)
            var row = Buffer(width: width, height: 1)
            for x in 0..<width where Bool.random(using: &random) {
                row[x, 0] = Cell(graphemes.randomElement(using: &random)!)
            }
            let text = String(
                (0..<Int.random(in: 0...8, using: &random)).map { _ in "xyz-".randomElement(using: &random)! })
            let x = Int.random(in: -4...width, using: &random)
            let maxWidth = Int.random(in: 1...12, using: &random)
            let style = Style(fg: .red)
            var expected = row
            var column = x
            for character in text {
                if column >= min(x + maxWidth, width) { break }
                if column >= 0 { expected[column, 0] = Cell(character, style: style) }
                column += 1
            }
            let used = row.write(text, x: x, y: 0, style: style, maxWidth: maxWidth)
            XCTAssertEqual(row.cells, expected.cells, "\(text.debugDescription) at \(x) in \(width)")
            XCTAssertEqual(used, x < width ? column - x : 0)
        }
    }
}
