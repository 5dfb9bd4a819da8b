import Explorer
import SDMGrad
import TerminalUI
import XCTest

/// Whole frames at m = 64 and m = 1024 where task 40 clearly wins (A diagonal, a_40,40 = 0.02): text and style
/// maps at 80x24 and 120x40, the winner named in the frame.
final class ManyTasksSnapshotTests: XCTestCase {
    func testManyTasksFramesNameTheWinner() throws {
        for m in [64, 1024] {
            let state = try ManyTasks.explorer(
                ManyTasks.clearWinner(m: m, winner: 39), name: "winner 40", keys: "<end>")
            XCTAssertEqual(TopKText.winner(state.shownWeights ?? []), 39)
            for (w, h) in [(120, 40), (80, 24)] {
                let frame = Frame.render(state, width: w, height: h)
                let lines = frame.lines()
                XCTAssertEqual(lines.count, h)
                XCTAssertTrue(
                    lines.contains { $0.contains("task 40 0.") }, "m = \(m) \(w)x\(h): the winner is not named")
                // The bars list task 40 first (the largest w), right under the panel's title.
                let layout = FrameLayout(width: w, height: h, m: m)
                let firstBar = String(
                    lines[layout.simplex.y + 1].dropFirst(layout.simplex.x + 1).prefix(layout.simplex.width - 2))
                XCTAssertTrue(firstBar.hasPrefix("task 40"), firstBar)
                Snapshot.assertMatches(frame, named: "winner40-m\(m)-\(w)x\(h)")
            }
        }
    }
}
