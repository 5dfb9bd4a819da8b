import Explorer
import Runtime
import TerminalUI
import XCTest

/// The one help widget of both modes, drawn alone into a buffer.
final class KeyHelpTests: XCTestCase {
    let keymap = Keymap<Int>([
        KeyBinding([.right], label: "n  →", help: "next", action: 0),
        KeyBinding([.character("q")], label: "q", help: "quit", action: 1),
    ])

    func draw(_ help: KeyHelp, width: Int, height: Int) -> [String] {
        var buffer = Buffer(width: width, height: height)
        help.render(area: Rect(x: 0, y: 0, width: width, height: height), buffer: &buffer)
        return buffer.lines()
    }

    func testASCIIHelpSpellsTheArrows() {
        let help = KeyHelp(title: ["Keys"], keymap: keymap, mouse: [], about: nil, theme: .ascii)
        XCTAssertEqual(
            draw(help, width: 30, height: 5),
            [
                "+- Keys ---------------------+",
                "|n  ->  next                 |",  // key column: the widest label (5) + 2
                "|q      quit                 |",
                "|                            |",
                "+----------------------------+",
            ])
    }

    func testUnicodeHelpKeepsTheLabel() {
        let help = KeyHelp(title: ["Keys"], keymap: keymap, mouse: [("wheel →", "scroll")], about: nil, theme: .unicode)
        let lines = draw(help, width: 30, height: 6)
        XCTAssertEqual(lines[1], "│n  →     next               │", "key column: the widest label, wheel → (7), + 2")
        XCTAssert(lines[3].contains("wheel →"), lines[3])
    }

    /// The bug of issue 18: `render --ascii --keys '?'` printed → and ← from the keymap labels.
    func testEveryHelpScreenIsASCIIWithTheASCIITheme() {
        let screens = [
            KeyHelp(
                title: ["Keys"], keymap: ExplorerKeymap.main, mouse: ExplorerKeymap.mouse, about: "about", theme: .ascii
            ),
            KeyHelp(
                title: ["playground keys"], keymap: PlaygroundKeymap.main, mouse: PlaygroundKeymap.mouse, about: nil,
                theme: .ascii),
        ]
        for help in screens {
            for line in draw(help, width: 120, height: 38) {
                XCTAssert(line.unicodeScalars.allSatisfy(\.isASCII), line)
            }
        }
    }
}
