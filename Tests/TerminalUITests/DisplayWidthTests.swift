import TerminalUI
import XCTest

final class DisplayWidthTests: XCTestCase {
    func testCharacterWidths() {
        XCTAssertEqual(displayWidth(of: "a" as Character), 1)
        XCTAssertEqual(displayWidth(of: "é" as Character), 1)
        XCTAssertEqual(displayWidth(of: "─" as Character), 1)
        XCTAssertEqual(displayWidth(of: "⣿" as Character), 1)
        XCTAssertEqual(displayWidth(of: "中" as Character), 2)
        XCTAssertEqual(displayWidth(of: "한" as Character), 2)
        XCTAssertEqual(displayWidth(of: "Ａ" as Character), 2)
        XCTAssertEqual(displayWidth(of: "ｱ" as Character), 1)
        XCTAssertEqual(displayWidth(of: "😀" as Character), 2)
        XCTAssertEqual(displayWidth(of: "\u{301}" as Character), 0)
        XCTAssertEqual(displayWidth(of: "\u{200B}" as Character), 0)
        XCTAssertEqual(displayWidth(of: "\u{7}" as Character), 0)
    }

    func testStringWidth() {
        XCTAssertEqual(displayWidth(of: "a中b"), 4)
        XCTAssertEqual(displayWidth(of: "e\u{301}"), 1)
        XCTAssertEqual(displayWidth(of: ""), 0)
    }
}
