import Runtime
import TerminalUI
import XCTest

/// Keys as data: dispatch and the status hint from one declaration.
final class KeymapTests: XCTestCase {
    enum Action: Sendable, Equatable { case up, down, help, quit }
    let keymap = Keymap<Action>([
        KeyBinding(
            [(.character("+"), Action.up), (.character("-"), Action.down)], label: "+  -", help: "up / down",
            hint: "+/- move"),
        KeyBinding([.character("?")], label: "?", help: "help", hint: "? help", action: .help),
        KeyBinding([.character("q"), .ctrl("c")], label: "q  Ctrl-C", help: "quit", hint: "q quit", action: .quit),
    ])

    func testDispatchFindsEachKeysOwnAction() {
        XCTAssertEqual(keymap.action(for: .character("+")), .up)
        XCTAssertEqual(keymap.action(for: .character("-")), .down)
        XCTAssertEqual(keymap.action(for: .ctrl("c")), .quit)
        XCTAssertNil(keymap.action(for: .character("z")))
        XCTAssertEqual(keymap.allKeys.count, 5)
    }

    func testTheHintKeepsWholeEntriesAndAlwaysHelpAndQuit() {
        XCTAssertEqual(keymap.hint(width: 100), "+/- move  ? help  q quit")
        XCTAssertEqual(keymap.hint(width: 20), "? help  q quit", "a hint that does not fit is dropped whole")
        XCTAssertEqual(keymap.helpRows.map(\.keys), ["+  -", "?", "q  Ctrl-C"])
    }
}
