import Foundation
import XCTest

/// The real `train --interactive` in tmux: the runs arrive, a lambda key recomputes them, Enter
/// opens the inner explorer on the shown sdmgrad step, Esc comes back, q quits and gives the
/// terminal back (the explorer's tmux helpers, shared).
extension ExplorerTerminalTests {
    func testTrainInteractiveRunsChangesLambdaOpensTheInnerSolverAndQuits() throws {
        let session = try startExplorer(arguments: ["train", "--interactive"])
        var screen = try expectScreen(
            session, shows: ["training playground", "λ 0.3", "18 runs", "runs computed in"],
            timeout: 20, "the 18 runs finish")
        XCTAssertTrue(screen.contains("loss space"), screen)
        XCTAssertTrue(screen.contains("sdmgrad · start 1"), screen)

        try session.type("+")
        screen = try expectScreen(
            session, shows: ["λ 0.4", "6 runs computed in"], timeout: 20, "lambda 0.4 recomputes its 6 runs")

        try session.type("<")  // unbound: clears the message
        try session.sendKeys("PageUp")
        screen = try expectScreen(session, shows: ["step 62999"], timeout: 8, "a jump back 10%")
        try session.sendKeys("Enter")
        screen = try expectScreen(
            session, shows: ["Esc: back to the playground", "toy sdmgrad step 62999"], timeout: 8,
            "the inner explorer opens")
        try session.sendKeys("Escape")
        screen = try expectScreen(
            session, shows: ["training playground", "step 62999"], timeout: 8, "back at the same step")

        try session.type("q")
        XCTAssertEqual(try waitForExitStatus(session, timeout: 8).status, 0, "q should end the program with status 0")
        try expectRestored(session, "q in the playground")
    }
}
