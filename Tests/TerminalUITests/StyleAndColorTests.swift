import TerminalUI
import XCTest

final class StyleAndColorTests: XCTestCase {
    func testWithoutColorKeepsAttributes() {
        let style = Style(fg: .cyan, bg: .indexed(17), bold: true, reverse: true)
        XCTAssertEqual(style.withoutColor(), Style(bold: true, reverse: true))
        XCTAssertEqual(Style.plain.withoutColor(), .plain)
    }

    func testHelpers() {
        XCTAssertEqual(Style.plain.fg(.red).bolded(), Style(fg: .red, bold: true))
        XCTAssertEqual(Style.bold.bg(.blue).reversed(), Style(bg: .blue, bold: true, reverse: true))
    }

    func testPaletteIndexFoldsToSmallerPalettes() {
        XCTAssertNil(Color.default.paletteIndex(forPaletteSize: 256))
        XCTAssertEqual(Color.cyan.paletteIndex(forPaletteSize: 8), 6)
        XCTAssertEqual(Color.brightRed.paletteIndex(forPaletteSize: 16), 9)
        XCTAssertEqual(Color.brightRed.paletteIndex(forPaletteSize: 8), 1)
        XCTAssertEqual(Color.indexed(196).paletteIndex(forPaletteSize: 256), 196)
        XCTAssertEqual(Color.indexed(196).paletteIndex(forPaletteSize: 16), 9)
        XCTAssertEqual(Color.indexed(196).paletteIndex(forPaletteSize: 8), 1)
        XCTAssertEqual(Color.indexed(21).paletteIndex(forPaletteSize: 16), 12)
        XCTAssertEqual(Color.indexed(16).paletteIndex(forPaletteSize: 8), 0)
        XCTAssertEqual(Color.indexed(231).paletteIndex(forPaletteSize: 16), 15)
        XCTAssertEqual(Color.indexed(250).paletteIndex(forPaletteSize: 8), 7)
    }

    func testColorModeHonoursNoColorOnlyInAuto() {
        XCTAssertTrue(ColorMode.auto.usesColor(noColorVariable: nil, terminalHasColors: true))
        XCTAssertTrue(ColorMode.auto.usesColor(noColorVariable: "", terminalHasColors: true))
        XCTAssertFalse(ColorMode.auto.usesColor(noColorVariable: "1", terminalHasColors: true))
        XCTAssertFalse(ColorMode.auto.usesColor(noColorVariable: nil, terminalHasColors: false))
        XCTAssertTrue(ColorMode.always.usesColor(noColorVariable: "1", terminalHasColors: true))
        XCTAssertFalse(ColorMode.always.usesColor(noColorVariable: nil, terminalHasColors: false))
        XCTAssertFalse(ColorMode.never.usesColor(noColorVariable: nil, terminalHasColors: true))
    }

    func testGlyphSetsAreConsistent() {
        for glyphs in [GlyphSet.unicode, .ascii] {
            XCTAssertFalse(glyphs.sparkLevels.isEmpty)
            XCTAssertTrue(glyphs.sparkLevels.allSatisfy { displayWidth(of: $0) == 1 })
            XCTAssertTrue(glyphs.barEighths.allSatisfy { displayWidth(of: $0) == 1 })
        }
        XCTAssertTrue(GlyphSet.ascii.sparkLevels.allSatisfy(\.isASCII))
        XCTAssertTrue(
            [GlyphSet.ascii.box.horizontal, GlyphSet.ascii.box.topLeft, GlyphSet.ascii.nonFinite].allSatisfy(\.isASCII))
        XCTAssertEqual(GlyphSet.unicode.dotCell(bits: 0xFF), "⣿")
        XCTAssertEqual(GlyphSet.unicode.dotCell(bits: 0), " ")
    }
}
