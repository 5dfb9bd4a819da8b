import TerminalUI
import XCTest

/// `--keys` scripts with the mouse (SPEC section 4).
final class InputSequenceTests: XCTestCase {
    func testMouseTagsBecomePressReleaseAndWheelEvents() throws {
        XCTAssertEqual(
            try InputEvent.parseSequence("n<click:4,7>p"),
            [
                .key(.character("n")), .mouse(MouseEvent(.press, x: 4, y: 7)), .mouse(MouseEvent(.release, x: 4, y: 7)),
                .key(.character("p")),
            ])
        XCTAssertEqual(
            try InputEvent.parseSequence("<drag:1,2,30,4>"),
            [
                .mouse(MouseEvent(.press, x: 1, y: 2)), .mouse(MouseEvent(.release, x: 30, y: 4)),
            ])
        XCTAssertEqual(
            try InputEvent.parseSequence("<wheelup:5,6><WheelDown:0,0><end>"),
            [
                .mouse(MouseEvent(.wheelUp, x: 5, y: 6)), .mouse(MouseEvent(.wheelDown, x: 0, y: 0)), .key(.end),
            ])
    }

    func testBadMouseTagsAreErrorsAndOtherBracketsStayKeys() {
        for bad in ["<click:1>", "<click:1,2,3>", "<click:a,b>", "<drag:1,2>", "<click:-1,2>", "<click:1,2,>"] {
            XCTAssertThrowsError(try InputEvent.parseSequence(bad), bad)
        }
        XCTAssertEqual(
            try InputEvent.parseSequence("a<b"), [.key(.character("a")), .key(.character("<")), .key(.character("b"))])
        XCTAssertThrowsError(try InputEvent.parseSequence("<nosuchkey>"))
    }
}
