import Foundation
import XCTest

/// The real `train --interactive` in tmux: the runs arrive, a lambda key recomputes them, Enter
/// opens the inner explorer on the shown sdmgrad step, Esc comes back, q quits and gives the terminal back.
final class PlaygroundTerminalTests: XCTestCase {
    private var sessions: [TmuxSession] = []

    override func tearDown() {
        for session in sessions { session.kill() }
        sessions = []
        super.tearDown()
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Waits until the pane shows every one of `texts`; fails with the screen otherwise.
    @discardableResult
    func expectScreen(_ session: TmuxSession, shows texts: [String], timeout: TimeInterval = 8, _ what: String,
                      file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let (screen, found) = try session.waitFor(texts, timeout: timeout)
        if !found {
            XCTFail("\(what): after \(timeout) s the pane lacks \(texts.filter { !screen.contains($0) }); it shows:\n\(screen)",
                    file: file, line: line)
        }
        return screen
    }

    func testTrainInteractiveRunsChangesLambdaOpensTheInnerSolverAndQuits() throws {
        let binary: String
        do { binary = try BinaryLocator.binary() } catch let error as BinaryLocator.Failure { throw Failure(description: error.description) }
        let command = [binary, "train", "--interactive"].map(quoted).joined(separator: " ")
        let session = try TmuxSession(width: 120, height: 40, command: ["sh", "-c", "\(command); echo EXIT=$?; sleep 60"])
        sessions.append(session)

        var screen = try expectScreen(session, shows: ["training playground", "λ 0.3", "18 runs", "runs computed in"],
                                      timeout: 20, "the 18 runs finish")
        XCTAssertTrue(screen.contains("loss space"), screen)
        XCTAssertTrue(screen.contains("sdmgrad · start 1"), screen)

        try session.type("+")
        screen = try expectScreen(session, shows: ["λ 0.4", "6 runs computed in"], timeout: 20, "lambda 0.4 recomputes its 6 runs")

        try session.type("<")   // unbound: clears the message
        try session.sendKeys("PageUp")
        screen = try expectScreen(session, shows: ["step 62999"], "a jump back 10%")
        try session.sendKeys("Enter")
        screen = try expectScreen(session, shows: ["Esc: back to the playground", "toy sdmgrad step 62999"], "the inner explorer opens")
        try session.sendKeys("Escape")
        screen = try expectScreen(session, shows: ["training playground", "step 62999"], "back at the same step")

        try session.type("q")
        let (end, found) = try session.waitFor(timeout: 8) { $0.contains("EXIT=0") }
        XCTAssertTrue(found, "q should end the program with status 0:\n\(end)")
        let modes = try session.waitForModes { alternate, cursor in !alternate && cursor }
        XCTAssertFalse(modes.alternate, "the pane is still in the alternate screen")
        XCTAssertTrue(modes.cursorVisible, "the cursor is still hidden")
        XCTAssertTrue(try session.ttyIsCooked(), "the tty is not back in cooked mode")
    }
}
