import Explorer
import SDMGrad
import TerminalUI
import XCTest

/// SVG and HTML pictures of frames (`render --format svg|html`, the `P` key): well-formed XML of
/// the frame's W x H cells, only the theme's colours, the same text as the text form, and pixels
/// drawn as shapes (read back by PictureReader, which shares nothing with the renderer).
final class FramePictureTests: XCTestCase {
    /// A frame with a bit of everything a picture must keep: styled text, spaces inside runs, XML
    /// specials, wide and combining characters, braille and half-block canvases, a box, a sparkline.
    func sampleBuffer() -> Buffer {
        var buffer = Buffer(width: 30, height: 8)
        buffer.drawBox(Rect(x: 0, y: 0, width: 12, height: 5), title: "Box")
        buffer.write("a <b> & \"c\"", x: 1, y: 1, style: Style(fg: .indexed(196), bold: true))
        buffer.write("w̃ 中x", x: 1, y: 2, style: Style(fg: .brightBlue, bg: .indexed(244)))
        buffer.write("rev", x: 1, y: 3, style: .reverse)
        var canvas = BrailleCanvas(width: 8, height: 3, xRange: 0...1, yRange: 0...1)
        canvas.line(from: (0, 0), to: (1, 1), color: .green)
        canvas.render(into: &buffer, area: Rect(x: 13, y: 0, width: 8, height: 3))
        var blocks = HalfBlockCanvas(width: 6, height: 2)
        for x in 0..<6 { blocks.setPixel(x: x, y: x % 4, color: .indexed(UInt8(17 + x))) }
        blocks.render(into: &buffer, area: Rect(x: 22, y: 0, width: 6, height: 2))
        buffer.write("▁▃▅▇█▏▌ ░▒▓ ━┃┼ dim", x: 0, y: 6, style: Style(fg: .yellow, dim: true))
        buffer.write("中", x: 29, y: 7)  // a wide grapheme that does not fit at the right edge
        return buffer
    }

    func testSampleKeepsItsTextCellsAndDots() {
        let buffer = sampleBuffer()
        let svg = SVGRenderer().svg(buffer, title: "a <sample> & more")
        let picture = PictureReader(svg)
        XCTAssertNil(picture.error, "not well-formed XML")
        XCTAssertEqual(picture.columns, 30)
        XCTAssertEqual(picture.rows, 8)
        XCTAssertEqual(picture.root["width"], String(30 * Int(picture.cellWidth)))
        XCTAssertEqual(picture.root["height"], String(8 * Int(picture.cellHeight)))
        XCTAssertEqual(picture.textContent(), buffer.lines())
        XCTAssertEqual(picture.brailleDots(), brailleBits(of: buffer))
        XCTAssertFalse(picture.brailleDots().isEmpty)
    }

    func testPixelsAndLinesAreShapesNotFontGlyphs() {
        let picture = PictureReader(SVGRenderer().svg(sampleBuffer()))
        let texts = picture.elements.filter { $0.name == "text" }.map(\.text).joined()
        let drawn = texts.unicodeScalars.filter {
            (0x2500...0x259F).contains($0.value) || (0x2800...0x28FF).contains($0.value)
        }
        XCTAssertTrue(
            drawn.isEmpty, "box, block or braille characters left to a font: \(String(String.UnicodeScalarView(drawn)))"
        )
        // The half-block cells: the lower pixel is the cell's background, the upper one a rectangle over its top half.
        let halves = picture.elements.filter { $0.attributes["data-ch"]?.contains("▀") == true }
        XCTAssertFalse(halves.isEmpty)
        for half in halves {
            XCTAssertTrue(half.attributes["d"]?.contains("v9") == true, "the upper half is half of an 18-high cell")
        }
    }

    func testColoursAreTheExactPaletteColours() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.write("a", x: 0, y: 0, style: Style(fg: .indexed(196)))  // cube (5, 0, 0)
        // xterm's bright blue; grey 8 + 10 * 12
        buffer.write("b", x: 1, y: 0, style: Style(fg: .brightBlue, bg: .indexed(244)))
        buffer.write("c", x: 2, y: 0, style: .reverse)  // default colours swapped
        // cube (2, 3, 4) behind red text
        buffer.write("d", x: 3, y: 0, style: Style(fg: .indexed(110), bg: .red, reverse: true))
        let p = ExportPalette.dark
        let picture = PictureReader(SVGRenderer(palette: p).svg(buffer))
        XCTAssertEqual(
            picture.colors, ["#ff0000", "#5c5cff", "#808080", p.background.hex, p.foreground.hex, "#cd0000", "#87afd7"])
        var plain = SVGRenderer(palette: p)
        plain.usesColor = false
        XCTAssertEqual(PictureReader(plain.svg(buffer)).colors, [p.background.hex, p.foreground.hex])
    }

    func testHTMLHoldsTheSamePicture() {
        let buffer = sampleBuffer()
        let renderer = SVGRenderer()
        let html = HTMLRenderer(svg: renderer).html(buffer, title: "x & y")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.contains(renderer.svg(buffer, title: "x & y")))
        let page = PictureReader(html)
        XCTAssertNil(page.error, "the page is not well-formed XML")
        XCTAssertEqual(page.elements.first { $0.name == "title" }?.text, "x & y")
        XCTAssertEqual(page.textContent(), buffer.lines())
    }

    /// What `render --format svg` draws for every preset and lower view, at both sizes.
    func testExplorerFramesKeepTheirTextAndUseOnlyTheThemesColours() throws {
        let palette = ExportPalette.dark
        let theme = Theme.unicode
        var themeColors: [Color] = [.default]
        themeColors += ThemeRole.allCases.flatMap { [theme.role($0).fg, theme.role($0).bg] }
        themeColors += (0..<8).map(theme.taskColor) + Variant.allCases.map(theme.variantColor)
        let allowed = Set(
            themeColors.map { palette.rgb($0, default: palette.foreground).hex }
                + [palette.background.hex, palette.foreground.hex])
        var checked = 0
        for scenario in presetLibrary.scenarios {
            for (keys, w, h) in [
                ("nnn", 120, 40), ("nnn", 80, 24), ("nnx", 120, 40), ("w", 100, 30), ("?", 120, 40), ("v", 80, 24),
            ] {
                let frame = Frame.render(
                    try explorer(preset: scenario.name, keys: keys, width: w, height: h), width: w, height: h)
                let picture = PictureReader(SVGRenderer(palette: palette).svg(frame))
                let what = "\(scenario.name) after \(keys) at \(w)x\(h)"
                XCTAssertNil(picture.error, what)
                XCTAssertEqual(picture.columns, w, what)
                XCTAssertEqual(picture.rows, h, what)
                XCTAssertEqual(picture.textContent(), frame.lines(), what)
                XCTAssertEqual(picture.brailleDots(), brailleBits(of: frame), what)
                XCTAssertTrue(
                    picture.colors.isSubset(of: allowed),
                    "\(what): colours outside the theme \(picture.colors.subtracting(allowed))")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 54)
    }

    /// `P` saves the frame as shown, under a fresh name in the current folder, never over a file.
    func testPKeySavesTheFrameWithoutOverwriting() throws {
        let folder = NSTemporaryDirectory() + "sdmgrad-picture-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder))
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(atPath: folder)
        }
        var state = try explorer(preset: "spread-3", keys: "nn", width: 100, height: 30)
        state.display.message = ""
        let shown = Frame.render(state, width: 100, height: 30)
        apply(.key(.character("P")), to: &state)
        XCTAssertEqual(state.display.message, "saved the frame as a picture: spread-3-frame.svg")
        apply(.key(.character("P")), to: &state)
        XCTAssertEqual(state.display.message, "saved the frame as a picture: spread-3-frame-2.svg")
        for name in ["spread-3-frame.svg", "spread-3-frame-2.svg"] {
            let picture = PictureReader(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
            XCTAssertNil(picture.error)
            XCTAssertEqual(picture.textContent(), shown.lines(), name)
        }
        // A name from an input file cannot reach another folder.
        var odd = presetLibrary.scenarios[0]
        odd.name = "../x y"
        var other = started(ExplorerState(scenario: odd))
        apply(.key(.character("P")), to: &other)
        XCTAssertEqual(other.display.message, "saved the frame as a picture: _x_y-frame.svg")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
            ["_x_y-frame.svg", "spread-3-frame-2.svg", "spread-3-frame.svg"])
    }

    /// The braille cells of `buffer` and their dot bits (Unicode: the code point minus U+2800).
    func brailleBits(of buffer: Buffer) -> [[Int]: UInt8] {
        var out: [[Int]: UInt8] = [:]
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let scalars = buffer[x, y].character.unicodeScalars
                if scalars.count == 1, let v = scalars.first?.value, v > 0x2800, v <= 0x28FF {
                    out[[x, y]] = UInt8(v - 0x2800)
                }
            }
        }
        return out
    }
}
