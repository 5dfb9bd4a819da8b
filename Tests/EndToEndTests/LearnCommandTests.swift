import Foundation
import XCTest

/// `learn` and the lesson options of `render`, through the real binary.
final class LearnCommandTests: XCTestCase {
    func testListPrintsEveryLessonInOrder() throws {
        let r = try BinaryLocator.run(["learn", "--list"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.lines.map { $0.split(separator: "\t").map(String.init) }
        XCTAssertGreaterThanOrEqual(rows.count, 9)
        XCTAssertEqual(rows.map { $0[0] }, (1...rows.count).map(String.init))
        XCTAssertEqual(rows[4][1], "lr-max")
    }

    func testAnUnknownLessonIsOneLineListingTheLessons() throws {
        let r = try BinaryLocator.run(["learn", "nope"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("no lesson 'nope'") && r.stderr.contains("5 lr-max"), r.stderr)
    }

    func testRenderDrivesALessonWithKeys() throws {
        // Lesson 5: guess the verdict (2), then lower lr five times: 10 -> 1.5, below lr_max 1.955.
        let r = try BinaryLocator.run([
            "render", "--lesson", "lr-max", "--keys", "2lllll", "--size", "80x24", "--format", "json",
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let state = try XCTUnwrap(json["state"] as? [String: Any])
        XCTAssertEqual(state["lr"] as? Double, 1.5)
        XCTAssertEqual(state["verdict"] as? String, "converges")
        let frame = (json["frame"] as? [String] ?? []).joined(separator: "\n")
        XCTAssertTrue(frame.contains("Lesson 5 · step 3/3"), frame)
        XCTAssertTrue(frame.contains("lr 1.5 < lr_max 1.955"), frame)
    }

    func testALessonWithAnotherInputIsRefused() throws {
        let r = try BinaryLocator.run(["render", "--lesson", "2", "--preset", "spread-3"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--lesson opens its own scenario"), r.stderr)
    }

    func testQuizRenderHidesTheVerdict() throws {
        let hidden = try BinaryLocator.run(["render", "--preset", "conflict-2", "--quiz"])
        XCTAssertEqual(hidden.status, 0, hidden.stderr)
        XCTAssertFalse(hidden.stdout.contains("verdict oscillates"))
        XCTAssertFalse(hidden.stdout.contains("1.955"))
        let revealed = try BinaryLocator.run(["render", "--preset", "conflict-2", "--quiz", "--keys", "3"])
        XCTAssertTrue(revealed.stdout.contains("verdict oscillates"), revealed.stdout)
        XCTAssertTrue(revealed.stdout.contains("you said diverges: no, it oscillates"), revealed.stdout)
    }

    /// The JSON state keeps the quiz's secret too: no w*, verdict or lr_max until a guess, then the true ones.
    func testQuizRenderJSONHidesTheAnswerUntilAGuess() throws {
        let hidden = try BinaryLocator.run(["render", "--preset", "conflict-2", "--quiz", "--format", "json"])
        XCTAssertEqual(hidden.status, 0, hidden.stderr)
        let json = try XCTUnwrap(try StrictJSON.parse(hidden.stdout) as? [String: Any])
        let state = try XCTUnwrap(json["state"] as? [String: Any])
        for key in ["fixed_point", "verdict", "lr_max"] { XCTAssertNil(state[key], "\(key) leaks: \(state)") }
        XCTAssertFalse(hidden.stdout.contains("\"verdict\""), hidden.stdout)
        let revealed = try BinaryLocator.run([
            "render", "--preset", "conflict-2", "--quiz", "--keys", "3", "--format", "json",
        ])
        let after = try XCTUnwrap(try StrictJSON.parse(revealed.stdout) as? [String: Any])
        XCTAssertEqual((after["state"] as? [String: Any])?["verdict"] as? String, "oscillates", revealed.stdout)
    }
}
