import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Whole frames of every preset at 120x40 and 80x24, the too-small screen, and each lower view.
final class FrameSnapshotTests: XCTestCase {
    func testEveryPresetAtBothSizes() throws {
        XCTAssertGreaterThanOrEqual(presetLibrary.scenarios.count, 8)
        for scenario in presetLibrary.scenarios {
            for (w, h) in [(120, 40), (80, 24)] {
                let state = try explorer(preset: scenario.name, keys: "nnn", width: w, height: h)
                let frame = Frame.render(state, width: w, height: h)
                assertExactSize(frame.lines(), w, h)
                assertEveryStyleNamed(frame)
                Snapshot.assertMatches(frame, named: "\(scenario.name)-\(w)x\(h)")
            }
        }
    }

    func testTooSmallScreenSaysSoAndHowToQuit() throws {
        let state = try explorer(width: 60, height: 20)
        let frame = Frame.render(state, width: 60, height: 20)
        let lines = frame.lines()
        assertExactSize(lines, 60, 20)
        XCTAssertTrue(lines.joined().contains("Terminal too small"))
        XCTAssertTrue(lines.joined().contains("press q to quit"))
        Snapshot.assertMatches(frame, named: "too-small-60x20")
        var quitting = state
        apply(.key(.character("q")), to: &quitting)
        XCTAssertTrue(quitting.wantsToQuit)
    }

    func testLowerViews() throws {
        for (keys, name) in [("nnnx", "explain"), ("nnv", "variants"), ("w", "sweep"), ("c", "calls"), ("?", "help")] {
            let state = try explorer(keys: keys)
            let frame = Frame.render(state, width: 120, height: 40)
            assertExactSize(frame.lines(), 120, 40)
            assertEveryStyleNamed(frame)
            Snapshot.assertMatches(frame, named: "view-\(name)-120x40")
        }
    }

    func testASCIIThemeUsesOnlyASCII() throws {
        let state = try explorer(preset: "spread-3", keys: "nnx")
        let lines = Frame.render(state, width: 100, height: 30, theme: .ascii).lines()
        assertExactSize(lines, 100, 30)
        let nonASCII = lines.joined().unicodeScalars.filter { $0.value > 0x7E }
        XCTAssertTrue(
            nonASCII.isEmpty, "non-ASCII in the ASCII theme: \(Set(nonASCII.map(String.init)).sorted().prefix(20))")
    }

    /// Every cell is drawn in a style the theme names: no panel invents a colour of its own.
    func assertEveryStyleNamed(_ frame: Buffer, file: StaticString = #filePath, line: UInt = #line) {
        let map = StyleMap.lines(of: frame, theme: .unicode)
        for entry in map where entry.hasPrefix("? unnamed") {
            XCTFail("a style outside the theme: \(entry)", file: file, line: line)
        }
    }

    func assertExactSize(_ lines: [String], _ w: Int, _ h: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(lines.count, h, file: file, line: line)
        for (i, text) in lines.enumerated() where displayWidth(of: text) != w {
            XCTFail("row \(i) is \(displayWidth(of: text)) columns, not \(w)", file: file, line: line)
        }
    }
}
