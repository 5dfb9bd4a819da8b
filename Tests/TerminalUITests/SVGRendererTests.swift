import TerminalUI
import XCTest

/// The pieces of the SVG picture that need no XML parser (the pictures themselves are read back
/// in ExplorerTests' FramePictureTests): shapes of block characters, exact colours, escaping.
final class SVGRendererTests: XCTestCase {
    func testBlockElementsCoverTheFractionTheirNameSays() {
        func area(_ c: Character) -> Double {
            guard case .blocks(let rects, _) = GlyphShape.of(c) else { XCTFail("\(c) is not a block"); return -1 }
            return rects.reduce(0) { $0 + $1.width * $1.height }
        }
        // Lower eighths grow upwards from the bottom edge, left eighths from the left edge.
        for (k, c) in "▁▂▃▄▅▆▇█".enumerated() {
            XCTAssertEqual(area(c), Double(k + 1) / 8, accuracy: 1e-12, "\(c)")
            guard case .blocks(let r, _) = GlyphShape.of(c) else { continue }
            XCTAssertEqual(r[0].y + r[0].height, 1, accuracy: 1e-12, "\(c) sits on the bottom")
        }
        for (k, c) in "▏▎▍▌▋▊▉".enumerated() { XCTAssertEqual(area(c), Double(k + 1) / 8, accuracy: 1e-12, "\(c)") }
        for c in "▀▐▚▞" { XCTAssertEqual(area(c), 0.5, accuracy: 1e-12, "\(c)") }
        for c in "▖▗▘▝" { XCTAssertEqual(area(c), 0.25, accuracy: 1e-12, "\(c)") }
        for c in "▙▛▜▟" { XCTAssertEqual(area(c), 0.75, accuracy: 1e-12, "\(c)") }
        XCTAssertEqual(area("⏸"), 2 * 0.2 * 0.45, accuracy: 1e-12, "pause: two bars")
        XCTAssertEqual(GlyphShape.of("▒"), .blocks([UnitRect(x: 0, y: 0, width: 1, height: 1)], opacity: 0.5))
    }

    func testOnlyPixelAndBoxCharactersBecomeShapes() {
        XCTAssertEqual(GlyphShape.of("⣿"), .braille(0xFF))
        XCTAssertEqual(GlyphShape.of("╭"), .lines([.right, .down], heavy: false, rounded: true))
        XCTAssertEqual(GlyphShape.of("┼"), .lines([.left, .right, .up, .down], heavy: false, rounded: false))
        XCTAssertEqual(GlyphShape.of("━"), .lines([.left, .right], heavy: true, rounded: false))
        for c: Character in ["a", "★", "●", "λ", "中", "═", "⠁\u{0303}"] {
            XCTAssertEqual(GlyphShape.of(c), .text, "\(c)")
        }
        // Braille bit i is Unicode's dot i + 1: dots 1-3 down the left, 4-6 down the right, 7 and 8 below.
        XCTAssertEqual((0..<8).map { GlyphShape.brailleDot(bit: $0).column }, [0, 0, 0, 1, 1, 1, 0, 1])
        XCTAssertEqual((0..<8).map { GlyphShape.brailleDot(bit: $0).row }, [0, 1, 2, 0, 1, 2, 3, 3])
    }

    func testPaletteIsXtermsCubeAndGreyRamp() {
        let p = ExportPalette.dark
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        for r in 0..<6 {
            for g in 0..<6 {
                for b in 0..<6 {
                    XCTAssertEqual(
                        p.rgb(.indexed(UInt8(16 + 36 * r + 6 * g + b)), default: p.foreground),
                        RGB(levels[r], levels[g], levels[b]))
                }
            }
        }
        for k in 0..<24 {
            XCTAssertEqual(
                p.rgb(.indexed(UInt8(232 + k)), default: p.foreground),
                RGB(UInt8(8 + 10 * k), UInt8(8 + 10 * k), UInt8(8 + 10 * k)))
        }
        XCTAssertEqual(p.rgb(.red, default: p.foreground).hex, "#cd0000")
        XCTAssertEqual(p.rgb(.default, default: p.background), p.background)
        XCTAssertEqual(RGB(0, 171, 255).hex, "#00abff")
    }

    func testTextRunsEscapeAndKeepTheirColumns() {
        var buffer = Buffer(width: 12, height: 1)
        buffer.write("x<y & z", x: 2, y: 0, style: .bold)
        let svg = SVGRenderer().svg(buffer)
        // One run from column 2, its seven columns pinned whatever the font's advance.
        XCTAssertTrue(
            svg.contains(
                "<text x=\"18\" y=\"13.5\" fill=\"#d0d0d0\" font-weight=\"bold\" textLength=\"63\" lengthAdjust=\"spacingAndGlyphs\">x&lt;y &amp; z</text>"
            ), svg)
        XCTAssertEqual(svg, SVGRenderer().svg(buffer), "the same frame gives the same bytes")
        var odd = Buffer(width: 4, height: 1)
        odd[0, 0] = Cell("\u{FFFE}")  // no text form writes it, but a cell can hold it: XML cannot
        XCTAssertTrue(SVGRenderer().svg(odd).contains(">?</text>"))
    }
}
