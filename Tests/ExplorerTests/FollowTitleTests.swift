import Explorer
import Foundation
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// `--follow` on a run folder that grows on disk (SPEC 7.2): no text keeps a stale count of the calls.
final class FollowTitleTests: XCTestCase {
    /// Every "N calls" on the screen, as numbers.
    private func callCounts(_ frame: Buffer) -> [Int] {
        let text = frame.lines().joined(separator: "\n")
        let pattern = try! NSRegularExpression(pattern: "(\\d+) calls")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            Int(text[Range($0.range(at: 1), in: text)!])!
        }
    }

    /// Copies step k of the vendored digits run (its A file, then its line of calls.jsonl, as the recorder does).
    private func record(steps: Range<Int>, from source: URL, lines: [Substring], to folder: URL) throws {
        let fm = FileManager.default
        for k in steps {
            try fm.copyItem(
                at: source.appendingPathComponent("step\(k)-A.npy"), to: folder.appendingPathComponent("step\(k)-A.npy")
            )
            let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("calls.jsonl"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((lines[k] + "\n").utf8))
            try handle.close()
        }
    }

    func testTheTitleCountsTheCallsAsTheyArrive() throws {
        let source = SettingsMapViewTests.root.appendingPathComponent("Tests/Fixtures/runs/digits4")
        let lines = try String(contentsOf: source.appendingPathComponent("calls.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("follow-title-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("params.json"), to: folder.appendingPathComponent("params.json"))
        FileManager.default.createFile(atPath: folder.appendingPathComponent("calls.jsonl").path, contents: Data())
        try record(steps: 0..<2, from: source, lines: lines, to: folder)

        // The explorer's follower, as the executable wires it (FollowedRun): new calls with their recording.
        final class Follower: @unchecked Sendable {
            var follower: RunFolderFollower
            init(_ folder: String) { follower = RunFolderFollower(folder: folder) }
        }
        let follower = Follower(folder.path)
        let first = follower.follower.poll()
        XCTAssertEqual(first.newCalls.count, 2)
        var state = ExplorerState(
            sequence: first.newCalls.map(\.batches), name: "digits4",
            parameters: try XCTUnwrap(first.parameters), recorded: first.newCalls.map(\.recorded))
        state.follow(
            FollowState(folder: folder.path) {
                let update = follower.follower.poll()
                return FollowUpdate(
                    batches: update.newCalls.map(\.batches), problem: update.problem.map { "\($0)" }, time: 0,
                    recorded: update.newCalls.map(\.recorded))
            })
        let d = HeadlessDriver(model: state, width: 120, height: 40)
        d.settle()
        XCTAssertEqual(Set(callCounts(d.frame())), [2])
        var total = 2
        for more in [3, 1, 4] {
            try record(steps: total..<(total + more), from: source, lines: lines, to: folder)
            total += more
            d.advance(milliseconds: 500)
            d.settle()
            let frame = d.frame()
            XCTAssertEqual(d.model.computation.calls.count, total)
            XCTAssertTrue(frame.line(0).contains("\(total) calls from digits4"), frame.line(0))
            XCTAssertTrue(frame.line(0).contains("following: \(total) calls"), frame.line(0))
            XCTAssertEqual(Set(callCounts(frame)), [total], frame.lines().joined(separator: "\n"))
            XCTAssertTrue(frame.line(1).contains("call \(total)/\(total)"), frame.line(1))
        }
        d.input([.key(.character("c"))])
        XCTAssertEqual(Set(callCounts(d.frame())), [total], "the calls panel too")
    }
}
