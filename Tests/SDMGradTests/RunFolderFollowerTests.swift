import Foundation
import SDMGrad
import XCTest

/// The incremental reader behind `--follow`: a run folder written step by step while it is polled.
final class RunFolderFollowerTests: XCTestCase {
    let weights = [0.25, 0.75], w = [0.0, 1.0]

    func testReadsEachCompletedCallOnceAndWaitsForPartialLinesAndMissingFiles() throws {
        let run = try TestRunWriter.make("follow")
        defer { run.remove() }
        var rng = SplitMix64(seed: 11)
        var follower = RunFolderFollower(folder: run.path)

        // Nothing yet: an empty run, not a problem.
        var update = follower.poll()
        XCTAssertEqual(update.newCalls, [])
        XCTAssertNil(update.problem)
        XCTAssertNil(update.parameters)

        try run.writeParams(#"{"lambda":0.3,"lr":2,"momentum":0.5,"iters":20,"pref":null}"#)
        update = follower.poll()
        XCTAssertEqual(update.parameters?.lr, 2)
        XCTAssertEqual(update.newCalls, [])
        XCTAssertNil(follower.poll().parameters, "parameters are announced once")

        let a0 = randomSquare(2, &rng), a1 = randomSquare(2, &rng), a2 = randomSquare(2, &rng)
        try run.writeNPY(step: 0, a0, float32: true)
        XCTAssertEqual(follower.poll().newCalls, [], "a step file without its line is not a call yet")
        try run.append(TestRunWriter.line(step: 0, weights: weights, w: w))
        update = follower.poll()
        XCTAssertEqual(update.newCalls.map(\.recorded.step), [0])
        XCTAssertEqual(
            update.newCalls.first?.batches.a, Matrix(rows: 2, columns: 2, storage: a0.storage.map { Double(Float($0)) })
        )
        XCTAssertEqual(follower.poll().newCalls, [], "a call is returned once")

        // Half a line: not read until its newline arrives, then read whole.
        try run.writeNPY(step: 1, a1, float32: true)
        let line1 = TestRunWriter.line(step: 1, weights: [0.5, 0.5], w: [0.5, 0.5])
        let cut = line1.index(line1.startIndex, offsetBy: 17)
        try run.append(String(line1[..<cut]))
        XCTAssertEqual(follower.poll().newCalls, [])
        try run.append(String(line1[cut...]))
        update = follower.poll()
        XCTAssertEqual(update.newCalls.map(\.recorded.step), [1])
        XCTAssertEqual(update.newCalls.first?.recorded.weights, [0.5, 0.5])

        // A line whose step file is not there yet waits (and so do the lines after it).
        try run.append(TestRunWriter.line(step: 2, weights: weights, w: w))
        XCTAssertEqual(follower.poll().newCalls, [])
        try run.writeNPY(step: 2, a2, float32: true)
        try run.writeNPY(step: 3, a2, float32: true)
        try run.append(TestRunWriter.line(step: 3, weights: weights, w: w))
        update = follower.poll()
        XCTAssertEqual(update.newCalls.map(\.recorded.step), [2, 3])
        XCTAssertNil(update.problem)
        XCTAssertEqual(follower.calls.map(\.recorded.step), [0, 1, 2, 3])

        // What the follower read equals what the batch reader reads.
        XCTAssertEqual(follower.calls, try RunFolder.load(run.path).calls)
    }

    /// Started before the training: a folder that does not exist yet is an empty run, not a deleted one.
    func testAFolderNotCreatedYetIsWaitedFor() throws {
        let run = try TestRunWriter.make("later")
        run.remove()
        var follower = RunFolderFollower(folder: run.path)
        let before = follower.poll()
        XCTAssertEqual(before.newCalls, [])
        XCTAssertNil(before.problem, "not there yet is not a problem")
        try FileManager.default.createDirectory(at: run.folder, withIntermediateDirectories: true)
        defer { run.remove() }
        var rng = SplitMix64(seed: 16)
        try run.writeParams()
        try run.writeNPY(step: 0, randomSquare(2, &rng), float32: true)
        try run.append(TestRunWriter.line(step: 0, weights: weights, w: w))
        let update = follower.poll()
        XCTAssertEqual(update.newCalls.count, 1)
        XCTAssertNil(update.problem)
        run.remove()
        XCTAssert(
            follower.poll().problem?.message.contains("deleted") == true, "once seen, a vanished folder is a problem")
    }

    func testTruncatedLogIsReportedAndWhatWasReadStays() throws {
        let run = try TestRunWriter.make("truncate")
        defer { run.remove() }
        var rng = SplitMix64(seed: 12)
        try run.writeParams()
        for k in 0..<2 {
            try run.writeNPY(step: k, randomSquare(2, &rng), float32: true)
            try run.append(TestRunWriter.line(step: k, weights: weights, w: w))
        }
        var follower = RunFolderFollower(folder: run.path)
        XCTAssertEqual(follower.poll().newCalls.count, 2)
        // The run restarts: calls.jsonl is cut back to nothing and a new first line is written.
        try run.truncateCalls(to: 0)
        try run.append(TestRunWriter.line(step: 0, weights: [0.5, 0.5], w: [0.5, 0.5]))
        let update = follower.poll()
        XCTAssertEqual(update.newCalls, [])
        let problem = try XCTUnwrap(update.problem, "a truncated calls.jsonl must be reported")
        XCTAssert(problem.message.contains("calls.jsonl") && problem.message.contains("truncated"), problem.message)
        XCTAssertFalse(problem.message.contains("\n"))
        XCTAssertEqual(follower.calls.count, 2, "the calls read before stay")
        XCTAssertEqual(follower.poll().problem, problem, "the problem is reported again, not forgotten")
    }

    func testShrunkLogIsReported() throws {
        let run = try TestRunWriter.make("shrink")
        defer { run.remove() }
        var rng = SplitMix64(seed: 13)
        try run.writeParams()
        try run.writeNPY(step: 0, randomSquare(2, &rng), float32: true)
        try run.append(TestRunWriter.line(step: 0, weights: weights, w: w))
        var follower = RunFolderFollower(folder: run.path)
        XCTAssertEqual(follower.poll().newCalls.count, 1)
        try run.truncateCalls(to: try run.callsSize() - 5)
        XCTAssert(follower.poll().problem?.message.contains("truncated") == true)
        XCTAssertEqual(follower.calls.count, 1)
    }

    func testDeletedFolderIsReportedAndWhatWasReadStays() throws {
        let run = try TestRunWriter.make("delete")
        var rng = SplitMix64(seed: 14)
        try run.writeParams()
        try run.writeNPY(step: 0, randomSquare(2, &rng), float32: true)
        try run.append(TestRunWriter.line(step: 0, weights: weights, w: w))
        var follower = RunFolderFollower(folder: run.path)
        XCTAssertEqual(follower.poll().newCalls.count, 1)
        run.remove()
        let problem = try XCTUnwrap(follower.poll().problem)
        XCTAssert(problem.message.contains("deleted"), problem.message)
        XCTAssertEqual(follower.calls.count, 1)
    }

    func testBadLinesStopTheFollowing() throws {
        let run = try TestRunWriter.make("badline")
        defer { run.remove() }
        var rng = SplitMix64(seed: 15)
        try run.writeParams()
        try run.writeNPY(step: 0, randomSquare(2, &rng), float32: true)
        try run.append(TestRunWriter.line(step: 0, weights: weights, w: w))
        try run.append("{oops\n")
        var follower = RunFolderFollower(folder: run.path)
        let update = follower.poll()
        XCTAssertEqual(update.newCalls.map(\.recorded.step), [0], "the good line before the bad one is delivered")
        let problem = try XCTUnwrap(update.problem)
        XCTAssert(
            problem.message.contains("calls.jsonl line 2") && problem.message.contains("not JSON"), problem.message)

        // A wrong dtype in a step file is reported the same way.
        let other = try TestRunWriter.make("baddtype")
        defer { other.remove() }
        try other.writeParams()
        try other.writeNPY(step: 0, randomSquare(2, &rng), float32: false)
        try other.append(TestRunWriter.line(step: 0, weights: weights, w: w))
        var second = RunFolderFollower(folder: other.path)
        XCTAssert(second.poll().problem?.message.contains("dtype") == true)
    }
}
