import TerminalUI
import XCTest

final class KeyDecoderTests: XCTestCase {
    func testControlScalars() {
        XCTAssertEqual(KeyDecoder.key(forScalar: "\r"), .enter)
        XCTAssertEqual(KeyDecoder.key(forScalar: "\n"), .enter)
        XCTAssertEqual(KeyDecoder.key(forScalar: "\t"), .tab)
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{1B}"), .escape)
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{7F}"), .backspace)
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{8}"), .backspace)
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{3}"), .ctrl("c"))
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{1}"), .ctrl("a"))
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{1A}"), .ctrl("z"))
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{1F}"), .ctrl("_"))
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{0}"), .ctrl("@"))
    }

    func testPrintableScalars() {
        XCTAssertEqual(KeyDecoder.key(forScalar: "q"), .character("q"))
        XCTAssertEqual(KeyDecoder.key(forScalar: " "), .character(" "))
        XCTAssertEqual(KeyDecoder.key(forScalar: "中"), .character("中"))
        XCTAssertEqual(KeyDecoder.key(forScalar: "\u{85}"), .character("?"))
    }

    private func match(_ text: String) -> KeyDecoder.EscapeMatch {
        KeyDecoder.matchEscape(Array(text.unicodeScalars))
    }

    func testCommonEscapeSequences() {
        XCTAssertEqual(match("[A"), .sequence(.up, length: 2))
        XCTAssertEqual(match("[B"), .sequence(.down, length: 2))
        XCTAssertEqual(match("OC"), .sequence(.right, length: 2))
        XCTAssertEqual(match("OH"), .sequence(.home, length: 2))
        XCTAssertEqual(match("[F"), .sequence(.end, length: 2))
        XCTAssertEqual(match("[1~"), .sequence(.home, length: 3))
        XCTAssertEqual(match("[7~"), .sequence(.home, length: 3))
        XCTAssertEqual(match("[4~"), .sequence(.end, length: 3))
        XCTAssertEqual(match("[5~"), .sequence(.pageUp, length: 3))
        XCTAssertEqual(match("[6~"), .sequence(.pageDown, length: 3))
        XCTAssertEqual(match("[3~"), .sequence(.delete, length: 3))
        XCTAssertEqual(match("[Z"), .sequence(.backTab, length: 2))
    }

    func testModifiersAreIgnoredAndTrailingInputIsNotConsumed() {
        XCTAssertEqual(match("[1;5C"), .sequence(.right, length: 5))
        XCTAssertEqual(match("[5;2~x"), .sequence(.pageUp, length: 5))
        XCTAssertEqual(match("[Ax"), .sequence(.up, length: 2))
    }

    func testUnknownButWellFormedSequencesAreSwallowed() {
        XCTAssertEqual(match("[200~"), .sequence(nil, length: 5))
        XCTAssertEqual(match("OP"), .sequence(nil, length: 2))
    }

    func testLoneEscape() {
        XCTAssertEqual(match(""), .loneEscape)
        XCTAssertEqual(match("x"), .loneEscape)
        XCTAssertEqual(match("["), .loneEscape)
        XCTAssertEqual(match("[12"), .loneEscape)
        XCTAssertEqual(match("O"), .loneEscape)
        XCTAssertEqual(match("[\u{7}"), .loneEscape)
    }
}
