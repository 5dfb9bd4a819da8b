import TerminalUI
import XCTest

final class KeySequenceTests: XCTestCase {
    func testPlainCharactersAreOneKeyEach() throws {
        XCTAssertEqual(
            try Key.parseSequence("n+ q"), [.character("n"), .character("+"), .character(" "), .character("q")])
        XCTAssertEqual(try Key.parseSequence("é中"), [.character("é"), .character("中")])
        XCTAssertEqual(try Key.parseSequence(""), [])
    }

    func testSpecialNamesFromSpec() throws {
        let keys = try Key.parseSequence("<right><left><up><down><tab><btab><space><enter><esc><home><end><pgup><pgdn>")
        XCTAssertEqual(
            keys,
            [
                .right, .left, .up, .down, .tab, .backTab, .character(" "), .enter, .escape, .home, .end, .pageUp,
                .pageDown,
            ])
    }

    func testExtraNamesAndControlKeys() throws {
        XCTAssertEqual(
            try Key.parseSequence("<bs><del><c-x><C-C><Right><lt>"),
            [.backspace, .delete, .ctrl("x"), .ctrl("c"), .right, .character("<")])
    }

    func testMixedScript() throws {
        XCTAssertEqual(
            try Key.parseSequence("nn<right>+<end>?"),
            [
                .character("n"), .character("n"), .right, .character("+"), .end, .character("?"),
            ])
    }

    func testUnknownNameThrowsOneLineErrorNamingIt() {
        XCTAssertThrowsError(try Key.parseSequence("n<foo>n")) { error in
            XCTAssertEqual(error as? KeySequenceError, KeySequenceError(name: "foo"))
            let message = String(describing: error)
            XCTAssertTrue(message.contains("<foo>"), message)
            XCTAssertFalse(message.contains("\n"))
        }
        XCTAssertThrowsError(try Key.parseSequence("<c-xy>"))
        XCTAssertThrowsError(try Key.parseSequence("<c-1>"))
    }

    func testLoneAngleBracketIsLiteral() throws {
        XCTAssertEqual(try Key.parseSequence("<"), [.character("<")])
        XCTAssertEqual(try Key.parseSequence("a<b"), [.character("a"), .character("<"), .character("b")])
        XCTAssertEqual(try Key.parseSequence("<<right>"), [.character("<"), .right])
        XCTAssertEqual(try Key.parseSequence("<>"), [.character("<"), .character(">")])
        XCTAssertEqual(try Key.parseSequence("< >"), [.character("<"), .character(" "), .character(">")])
        XCTAssertEqual(try Key.parseSequence(">"), [.character(">")])
    }

    func testDescriptionRoundTrips() throws {
        let keys: [Key] = [
            .character("a"), .character(" "), .character("<"), .character(">"), .right, .left, .up, .down, .tab,
            .backTab, .enter, .escape, .home, .end, .pageUp, .pageDown, .backspace, .delete, .ctrl("q"),
        ]
        for key in keys {
            XCTAssertEqual(try Key.parseSequence(key.description), [key], key.description)
        }
        XCTAssertEqual(Key.pageDown.description, "<pgdn>")
    }
}
