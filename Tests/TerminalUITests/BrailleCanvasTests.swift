import TerminalUI
import XCTest

final class BrailleCanvasTests: XCTestCase {
    private func render(_ canvas: BrailleCanvas, glyphs: GlyphSet = .unicode) -> [String] {
        var buffer = Buffer(width: canvas.width, height: canvas.height)
        canvas.render(into: &buffer, area: buffer.area, glyphs: glyphs)
        return buffer.lines()
    }

    func testRisingDiagonal() {
        var canvas = BrailleCanvas(width: 2, height: 1, xRange: 0...4, yRange: 0...4)
        canvas.line(from: (0, 0), to: (4, 4))
        // Dots (0,3) (1,2) in the first cell, (2,1) (3,0) in the second.
        XCTAssertEqual(render(canvas), ["⡠⠊"])
    }

    func testFallingDiagonalOverTwoRows() {
        var canvas = BrailleCanvas(width: 2, height: 2, xRange: 0...4, yRange: 0...8)
        canvas.line(from: (0, 8), to: (4, 0))
        // Dots (0,0) (0,1) (1,2) (1,3) then (2,4) (2,5) (3,6) (3,7): a steep fall.
        XCTAssertEqual(render(canvas), ["⢣ ", " ⢣"])
    }

    func testCornerDotsAndFullCell() {
        var corners = BrailleCanvas(width: 1, height: 1, xRange: 0...1, yRange: 0...1)
        corners.plot(x: 0, y: 1)
        corners.plot(x: 1, y: 0)
        XCTAssertEqual(render(corners), ["⢁"])

        var full = BrailleCanvas(width: 1, height: 1, xRange: 0...1, yRange: 0...1)
        for column in 0..<2 {
            for row in 0..<4 {
                full.setDot(column: column, row: row)
            }
        }
        XCTAssertEqual(render(full), ["⣿"])
    }

    func testHorizontalAndVerticalLines() {
        var canvas = BrailleCanvas(width: 3, height: 2, xRange: 0...6, yRange: 0...8)
        canvas.line(from: (0, 4.5), to: (6, 4.5))
        canvas.line(from: (0.5, 0), to: (0.5, 8))
        // Dot row 3 (bottom of the first cell row) and dot column 0 all the way down.
        XCTAssertEqual(render(canvas), ["⣇⣀⣀", "⡇  "])
    }

    func testPointsOutsideOrNotFiniteAreSkipped() {
        var canvas = BrailleCanvas(width: 2, height: 1, xRange: 0...4, yRange: 0...4)
        canvas.plot(x: -0.1, y: 1)
        canvas.plot(x: 4.1, y: 1)
        canvas.plot(x: .nan, y: 1)
        canvas.plot(x: 1, y: .infinity)
        canvas.line(from: (.nan, 0), to: (4, 4))
        canvas.line(from: (0, 0), to: (.infinity, 4))
        canvas.line(from: (-1e308, -1e308), to: (1e308, 1e308))
        canvas.arrow(from: (0, -.infinity), to: (1, 1))
        canvas.label("x", x: .nan, y: 0)
        XCTAssertEqual(render(canvas), ["  "])
    }

    func testLinesFromFarOutsideAreClippedExactly() {
        var canvas = BrailleCanvas(width: 2, height: 1, xRange: 0...4, yRange: 0...4)
        canvas.line(from: (-40, -40), to: (40, 40))
        XCTAssertEqual(render(canvas), ["⡠⠊"])
    }

    func testHugeCoordinatesNeitherTrapNorLoopForever() {
        var canvas = BrailleCanvas(width: 3, height: 2, xRange: 0...4, yRange: 0...4)
        canvas.line(from: (-1e300, -1e300), to: (1e300, 1e300))
        canvas.line(from: (-1e308, 2), to: (1e308, 2))
        canvas.arrow(from: (2, 2), to: (1e305, -1e305))
        canvas.plot(x: 1e308, y: -1e308)
        // Every dot set lies on the canvas, so the rendered frame keeps its shape.
        XCTAssertEqual(render(canvas).map { displayWidth(of: $0) }, [3, 3])
    }

    func testZeroWidthViewportPutsPointsInTheMiddle() {
        var canvas = BrailleCanvas(width: 1, height: 1, xRange: 2...2, yRange: 0...1)
        canvas.plot(x: 2, y: 1)
        XCTAssertTrue(canvas.isDotSet(column: 1, row: 0))
    }

    func testEachCellTakesTheColourOfItsLastDot() {
        var canvas = BrailleCanvas(width: 2, height: 1, xRange: 0...4, yRange: 0...4)
        canvas.plot(x: 0, y: 4, color: .red)
        canvas.plot(x: 1.5, y: 0, color: .blue)
        canvas.plot(x: 3, y: 2, color: .green)
        var buffer = Buffer(width: 2, height: 1)
        canvas.render(into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer[0, 0].style.fg, .blue)
        XCTAssertEqual(buffer[1, 0].style.fg, .green)
    }

    func testArrowAddsAHeadAtTheTip() {
        var line = BrailleCanvas(width: 5, height: 3, xRange: 0...10, yRange: 0...12)
        line.line(from: (0, 6), to: (9, 6))
        var arrow = BrailleCanvas(width: 5, height: 3, xRange: 0...10, yRange: 0...12)
        arrow.arrow(from: (0, 6), to: (9, 6))
        var lineDots = 0
        var arrowDots = 0
        for column in 0..<10 {
            for row in 0..<12 {
                if line.isDotSet(column: column, row: row) {
                    lineDots += 1
                    XCTAssertTrue(arrow.isDotSet(column: column, row: row))
                }
                if arrow.isDotSet(column: column, row: row) {
                    arrowDots += 1
                    // Head dots lie behind the tip, never beyond it.
                    XCTAssertLessThanOrEqual(column, 9)
                }
            }
        }
        XCTAssertEqual(lineDots, 10)
        XCTAssertGreaterThanOrEqual(arrowDots, lineDots + 4)
        // Barbs go both up and down from the shaft row.
        XCTAssertTrue((0..<12).contains { $0 < 6 && arrow.isDotSet(column: 7, row: $0) })
        XCTAssertTrue((0..<12).contains { $0 > 6 && arrow.isDotSet(column: 7, row: $0) })
    }

    func testLabelsOverlayDotsAndStayInside() {
        var canvas = BrailleCanvas(width: 4, height: 2, xRange: 0...8, yRange: 0...8)
        canvas.plot(x: 2.5, y: 7.5)
        canvas.label("hi", x: 2, y: 8)
        canvas.label("long", x: 7, y: 0)
        XCTAssertEqual(render(canvas), [" hi ", "long"])
    }

    /// The cell of a data point is where a label for it starts and where its dot is drawn.
    func testCellOfADataPoint() {
        var canvas = BrailleCanvas(width: 4, height: 2, xRange: 0...8, yRange: 0...8)
        XCTAssertEqual(canvas.cell(x: 2, y: 8).map { [$0.column, $0.row] }, [1, 0])
        XCTAssertEqual(canvas.cell(x: 7, y: 0).map { [$0.column, $0.row] }, [3, 1])
        XCTAssertNil(canvas.cell(x: 9, y: 0))
        canvas.plot(x: 5, y: 3)
        let lines = render(canvas)
        let cell = canvas.cell(x: 5, y: 3)!
        XCTAssertNotEqual(Array(lines[cell.row])[cell.column], "\u{2800}", "the dot is in that cell")
    }

    func testAsciiRasterUsesHalfCellMarks() {
        var canvas = BrailleCanvas(width: 3, height: 1, xRange: 0...6, yRange: 0...4)
        canvas.setDot(column: 0, row: 0)
        canvas.setDot(column: 3, row: 3)
        canvas.setDot(column: 4, row: 1)
        canvas.setDot(column: 5, row: 2)
        XCTAssertEqual(render(canvas, glyphs: .ascii), ["'.:"])
    }

    func testRenderClipsToArea() {
        var canvas = BrailleCanvas(width: 3, height: 2, xRange: 0...6, yRange: 0...8)
        canvas.line(from: (0, 0), to: (6, 8))
        var buffer = Buffer(width: 4, height: 3)
        buffer.fill(buffer.area, with: Cell("."))
        canvas.render(into: &buffer, area: Rect(x: 1, y: 1, width: 2, height: 5))
        XCTAssertEqual(buffer.lines()[0], "....")
        XCTAssertEqual(buffer.lines().map { Array($0)[3] }, [".", ".", "."])
    }

    func testEqualAspectWidensTheNarrowRange() {
        // 10x5 cells = 20x20 dots: y needs 0.1 per dot, so x widens from 1 to 2 units.
        let wide = BrailleCanvas.equalAspect(xRange: 0...1, yRange: 0...2, width: 10, height: 5)
        XCTAssertEqual(wide.xRange, -0.5...1.5)
        XCTAssertEqual(wide.yRange, 0...2)
        // 10x10 cells = 20x40 dots: x needs 0.05 per dot, so y widens to 2 units.
        let tall = BrailleCanvas.equalAspect(xRange: 0...1, yRange: 0...1, width: 10, height: 10)
        XCTAssertEqual(tall.xRange, 0...1)
        XCTAssertEqual(tall.yRange, -0.5...1.5)
    }

    func testEqualAspectDrawsA45DegreeLineAtOneDotPerColumnAndRow() {
        // 8x4 cells = 16x16 dots; x widens to -0.5...1.5 so both axes have 8 dots per unit.
        var canvas = BrailleCanvas(width: 8, height: 4, xRange: 0...1, yRange: 0...2)
        canvas.makeAspectEqual()
        XCTAssertEqual(canvas.xRange, -0.5...1.5)
        canvas.line(from: (0, 0.5), to: (1, 1.5))
        var columns: [Int] = []
        var rows: [Int] = []
        for column in 0..<16 {
            for row in 0..<16 where canvas.isDotSet(column: column, row: row) {
                columns.append(column)
                rows.append(row)
            }
        }
        XCTAssertEqual(columns, Array(4...12))
        XCTAssertEqual(rows, Array((4...12).reversed()))
    }
}
