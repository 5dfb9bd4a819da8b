import TerminalUI
import XCTest

/// The half-block canvas: two pixels per cell, "▀" with the top pixel as foreground and the bottom as background.
final class HalfBlockCanvasTests: XCTestCase {
    func testTwoStackedPixelsMakeOneUpperHalfBlockCell() {
        var canvas = HalfBlockCanvas(width: 3, height: 2)
        XCTAssertEqual(canvas.pixelsHigh, 4)
        canvas.setPixel(x: 0, y: 0, color: .red)
        canvas.setPixel(x: 0, y: 1, color: .blue)
        canvas.setPixel(x: 1, y: 3, color: .green)  // bottom pixel of the second row only
        canvas.setPixel(x: 2, y: 2, color: .yellow)  // top pixel only
        canvas.setPixel(x: 2, y: 0, color: .cyan)
        canvas.setPixel(x: 2, y: 1, color: .cyan)  // both the same: a coloured space
        var buffer = Buffer(width: 3, height: 2)
        canvas.render(into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer[0, 0], Cell("▀", style: Style(fg: .red, bg: .blue)))
        XCTAssertEqual(buffer[1, 1], Cell("▄", style: Style(fg: .green)))
        XCTAssertEqual(buffer[2, 1], Cell("▀", style: Style(fg: .yellow)))
        XCTAssertEqual(buffer[2, 0], Cell(" ", style: Style(bg: .cyan)))
        XCTAssertEqual(buffer[1, 0], .blank)
    }

    func testOutsidePixelsAreIgnoredAndReadAsNil() {
        var canvas = HalfBlockCanvas(width: 2, height: 1)
        canvas.setPixel(x: -1, y: 0, color: .red)
        canvas.setPixel(x: 0, y: 2, color: .red)
        canvas.setPixel(x: 2, y: 0, color: .red)
        XCTAssertNil(canvas[0, 2])
        var buffer = Buffer(width: 2, height: 1)
        canvas.render(into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer.lines(), ["  "])
        XCTAssertEqual(HalfBlockCanvas(width: -3, height: -1).pixelsHigh, 0)
    }

    func testALineSetsEveryPixelBetweenItsEnds() {
        var canvas = HalfBlockCanvas(width: 5, height: 3)
        canvas.line(from: (0, 0), to: (4, 4), color: .red)
        for i in 0...4 { XCTAssertEqual(canvas[i, i], .red, "diagonal pixel \(i)") }
        XCTAssertNil(canvas[1, 0])
        canvas.line(from: (4, 5), to: (0, 5), color: .blue)
        for x in 0...4 { XCTAssertEqual(canvas[x, 5], .blue) }
        canvas.line(from: (-100, 2), to: (100, 2), color: .green)  // clipped, no trap
        XCTAssertEqual(canvas[0, 2], .green)
        XCTAssertEqual(canvas[4, 2], .green)
    }

    func testAMarkIsDrawnOverTheCellOnItsColour() {
        var canvas = HalfBlockCanvas(width: 2, height: 1)
        canvas.setPixel(x: 1, y: 0, color: .red)
        canvas.setPixel(x: 1, y: 1, color: .blue)
        canvas.mark(x: 1, y: 1, "●", color: .white)
        var buffer = Buffer(width: 2, height: 1)
        canvas.render(into: &buffer, area: buffer.area)
        XCTAssertEqual(buffer[1, 0], Cell("●", style: Style(fg: .white, bg: .blue, bold: true)))
    }

    func testTheAsciiFallbackShowsOneColourPerCellAsASpace() {
        var canvas = HalfBlockCanvas(width: 2, height: 1)
        canvas.setPixel(x: 0, y: 0, color: .red)
        canvas.setPixel(x: 0, y: 1, color: .blue)
        canvas.setPixel(x: 1, y: 1, color: .green)
        var buffer = Buffer(width: 2, height: 1)
        canvas.render(into: &buffer, area: buffer.area, glyphs: .ascii)
        XCTAssertEqual(buffer[0, 0], Cell(" ", style: Style(bg: .red)))
        XCTAssertEqual(buffer[1, 0], Cell(" ", style: Style(bg: .green)))
        XCTAssertTrue(buffer.lines()[0].unicodeScalars.allSatisfy(\.isASCII))
    }

    func testRenderingIsClippedToTheArea() {
        var canvas = HalfBlockCanvas(width: 4, height: 2)
        for x in 0..<4 { for y in 0..<4 { canvas.setPixel(x: x, y: y, color: .red) } }
        var buffer = Buffer(width: 5, height: 3)
        canvas.render(into: &buffer, area: Rect(x: 1, y: 1, width: 2, height: 1))
        XCTAssertEqual(buffer[1, 1].style.bg, .red)
        XCTAssertEqual(buffer[2, 1].style.bg, .red)
        XCTAssertEqual(buffer[3, 1], .blank)
        XCTAssertEqual(buffer[1, 2], .blank)
    }

    func testThePaletteIsXtermsCubeAndGreyRamp() {
        XCTAssertTrue(Palette256.rgb(196)! == (255, 0, 0))
        XCTAssertTrue(Palette256.rgb(231)! == (255, 255, 255))
        XCTAssertTrue(Palette256.rgb(16)! == (0, 0, 0))
        XCTAssertTrue(Palette256.rgb(232)! == (8, 8, 8))
        XCTAssertTrue(Palette256.rgb(255)! == (238, 238, 238))
        XCTAssertNil(Palette256.rgb(15))
        XCTAssertEqual(Palette256.nearest(r: 255, g: 0, b: 0), .indexed(196))
        XCTAssertEqual(Palette256.nearest(r: 250, g: 4, b: 3), .indexed(196))
        let ramp = Palette256.ramp([(0, 0, 0), (255, 255, 255)], count: 3)
        XCTAssertEqual(ramp.first, .indexed(16))
        XCTAssertEqual(ramp.last, .indexed(231))
        // Viridis snapped to the palette: the ends are the anchors' nearest entries, and every entry lies
        // within half a cube step (47 at the dark end) of the colour it stands for, channel by channel.
        let anchors = Palette256.viridisAnchors
        let viridis = Palette256.ramp(anchors, count: anchors.count)
        XCTAssertEqual(viridis.count, anchors.count)
        for (color, anchor) in zip(viridis, anchors) {
            guard case .indexed(let i) = color, let rgb = Palette256.rgb(Int(i)) else { return XCTFail("\(color)") }
            XCTAssertLessThanOrEqual(
                max(abs(rgb.r - anchor.0), abs(rgb.g - anchor.1), abs(rgb.b - anchor.2)), 48, "\(anchor) -> \(rgb)")
        }
        XCTAssertEqual(viridis.first, Palette256.nearest(r: 68, g: 1, b: 84))
        XCTAssertEqual(viridis.last, Palette256.nearest(r: 253, g: 231, b: 37))
    }
}
