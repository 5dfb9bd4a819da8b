import TerminalUI
import XCTest

final class WidgetTests: XCTestCase {
    func testBarTextUsesEighths() {
        XCTAssertEqual(BarRow(label: "", fraction: 0.5, valueText: "").barText(columns: 4), "██  ")
        XCTAssertEqual(BarRow(label: "", fraction: 0.3, valueText: "").barText(columns: 4), "█▎  ")
        XCTAssertEqual(BarRow(label: "", fraction: .nan, valueText: "").barText(columns: 4), "    ")
        XCTAssertEqual(BarRow(label: "", fraction: 7, valueText: "").barText(columns: 4), "████")
        XCTAssertEqual(BarRow(label: "", fraction: -1, valueText: "").barText(columns: 4), "    ")
        XCTAssertEqual(BarRow(label: "", fraction: 0.5, valueText: "").barText(columns: 4, glyphs: .ascii), "##  ")
    }

    func testBarChartAlignsLabelsAndValues() {
        let chart = BarChart(rows: [
            BarRow(label: "a", fraction: 0.5, valueText: "0.50"),
            BarRow(label: "bb", fraction: 1, valueText: "1.00"),
        ])
        let lines = Buffer.rendering(width: 12, height: 3) { chart.render(area: $0.area, buffer: &$0) }
        XCTAssertEqual(lines, ["a  ██   0.50", "bb ████ 1.00", "            "])
    }

    func testTableAlignsColumns() {
        let table = Table(
            columns: [TableColumn("name", width: 5), TableColumn("val", width: 4, alignment: .right)],
            rows: [["x", "1"], ["yy", "22"], ["cut-off", "12345"], ["z"]])
        let lines = Buffer.rendering(width: 10, height: 5) { table.render(area: $0.area, buffer: &$0) }
        XCTAssertEqual(lines, ["name   val", "x        1", "yy      22", "cut-o 1234", "z         "])
    }

    func testTableHighlightsOneRowAndStylesHeader() {
        let table = Table(
            columns: [TableColumn("k", width: 2)], rows: [["a"], ["b"]], highlightedRow: 1)
        var buffer = Buffer(width: 3, height: 3)
        table.render(area: buffer.area, buffer: &buffer)
        XCTAssertEqual(buffer[0, 0].style, .bold)
        XCTAssertEqual(buffer[0, 1].style, .plain)
        XCTAssertEqual(buffer[2, 2].style, .reverse)
    }

    func testParagraphWrapsAtWords() {
        let paragraph = Paragraph("the quick brown fox")
        let lines = Buffer.rendering(width: 10, height: 3) { paragraph.render(area: $0.area, buffer: &$0) }
        XCTAssertEqual(lines, ["the quick ", "brown fox ", "          "])
    }

    func testParagraphBreaksLongWordsAndHonoursNewlines() {
        let wrapped = Paragraph("abcdefghijkl\n\nab").wrapped(width: 5)
        XCTAssertEqual(wrapped.map { $0.map(\.text).joined() }, ["abcde", "fghij", "kl", "", "ab"])
    }

    func testParagraphKeepsSpanStyles() {
        let wrapped = Paragraph([Span("ab ", style: .bold), Span("cd")]).wrapped(width: 10)
        XCTAssertEqual(wrapped, [[Span("ab ", style: .bold), Span("cd")]])
    }

    func testParagraphScrollsAndCuts() {
        let paragraph = Paragraph("one two three four")
        let lines = Buffer.rendering(width: 5, height: 2) { paragraph.render(area: $0.area, buffer: &$0, scroll: 1) }
        XCTAssertEqual(lines, ["two  ", "three"])
    }

    func testStatusBarPlacesSegmentsLeftAndRight() {
        let bar = StatusBar(left: ["MODE"], right: [Span("q", style: .bold), " quit"])
        var buffer = Buffer(width: 20, height: 1)
        bar.render(area: buffer.area, buffer: &buffer)
        XCTAssertEqual(buffer.lines(), ["MODE          q quit"])
        XCTAssertEqual(buffer[5, 0].style, .reverse)
        XCTAssertEqual(buffer[14, 0].style, .bold)
    }

    func testStatusBarDropsRightSideWhenItDoesNotFit() {
        let bar = StatusBar(left: ["MODE"], right: ["q quit"])
        let lines = Buffer.rendering(width: 8, height: 1) { bar.render(area: $0.area, buffer: &$0) }
        XCTAssertEqual(lines, ["MODE    "])
    }
}
