import SDMGrad
import XCTest

/// A trace made within a budget keeps its first iterations whole and checkpoints after them; every other
/// iteration is computed again from a checkpoint. The truth is the untruncated trace of the same call: the
/// bounded one must give the same numbers, bit for bit, at every iteration.
final class BoundedTraceTests: XCTestCase {
    /// A non-symmetric m x m matrix J1 J2^T with correlated rows.
    private func matrix(m: Int, seed: UInt64) -> Matrix {
        var random = SeededRandom(seed: seed)
        let n = 6
        let shared = (0..<n).map { _ in random.nextNormal() }
        let j1 = Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { 0.8 * shared[$0 % n] + random.nextNormal() })
        let j2 = Matrix(rows: m, columns: n, storage: j1.storage.map { $0 + 0.3 * random.nextNormal() })
        return j1.timesTransposeOf(j2)
    }

    /// Runs two calls (the second warm-started) fully traced and within `budget`, and compares every iteration.
    private func assertBoundedEqualsFull(
        m: Int, iters: Int, budget: TraceBudget, lr: Double, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        var p = SolverParameters()
        p.iters = iters
        p.lr = lr
        p.momentum = 0.7
        p.lambda = 0.4
        p.pref = (0..<m).map { Double($0 % 3 + 1) }
        var full = SDMGradWeighting(parameters: p), bounded = SDMGradWeighting(parameters: p)
        for (call, a) in [matrix(m: m, seed: 7), matrix(m: m, seed: 8)].enumerated() {
            let whole = try full(a, trace: true)
            let cut = try XCTUnwrap(try bounded.call(a, traceBudget: budget))
            XCTAssertEqual(
                cut.w, whole.w, "call \(call): the output does not depend on the trace", file: file, line: line)
            let truth = try XCTUnwrap(whole.trace), trace = try XCTUnwrap(cut.trace)
            XCTAssertTrue(truth.isComplete)
            XCTAssertFalse(trace.isComplete, "the budget forces checkpoints", file: file, line: line)
            XCTAssertEqual(trace.count, iters)
            XCTAssertEqual(trace.stepLengths, truth.stepLengths, file: file, line: line)
            XCTAssertEqual(trace.overflowed, truth.overflowed)
            XCTAssertEqual(trace.w(at: 0), truth.start)
            var shown = trace
            var recomputed = 0
            for k in 1...iters {
                if shown.record(at: k) == nil {
                    let segment = try XCTUnwrap(trace.segment(containing: k), "k = \(k)", file: file, line: line)
                    XCTAssertTrue(segment.contains(k))
                    shown = trace.attaching(segment)
                    recomputed += 1
                }
                let expected = truth.steps[k - 1]
                guard shown.record(at: k) == expected else {
                    return XCTFail("call \(call): iteration \(k) differs from the straight run", file: file, line: line)
                }
                XCTAssertEqual(shown.w(at: k), expected.w, file: file, line: line)
                XCTAssertEqual(shown.weights(at: k), expected.weights, file: file, line: line)
                XCTAssertEqual(shown.velocity(at: k), expected.velocity, file: file, line: line)
            }
            XCTAssertGreaterThan(recomputed, 10, "many segments were recomputed", file: file, line: line)
        }
    }

    private let small = TraceBudget(bytes: 5000 * 8 + 120_000, storedLimit: 100, tailLimit: 50)

    func testSmallPathEqualsTheFullTraceAtEveryIteration() throws {
        try assertBoundedEqualsFull(m: 5, iters: 5000, budget: small, lr: 0.3)
    }

    func testOscillatingRunEqualsTheFullTraceAtEveryIteration() throws {
        // lr 10 (torchjd's default) makes the iterates jump between faces: any drift would show at once.
        try assertBoundedEqualsFull(m: 7, iters: 5000, budget: small, lr: 10)
    }

    func testLargePathEqualsTheFullTraceAtEveryIteration() throws {
        // m >= 64: lambda Â w~ computed once per call and Â read as A / divisor, as in the explorer at large m.
        try assertBoundedEqualsFull(
            m: 80, iters: 1500, budget: TraceBudget(bytes: 1500 * 8 + 400_000, storedLimit: 40, tailLimit: 30),
            lr: 2)
    }

    func testStoredTraceStaysWithinItsBudget() throws {
        var p = SolverParameters()
        p.iters = 5000
        var weighting = SDMGradWeighting(parameters: p)
        let trace = try XCTUnwrap(try weighting.call(matrix(m: 5, seed: 3), traceBudget: small)?.trace)
        XCTAssertLessThanOrEqual(trace.bytes, small.bytes)
        XCTAssertEqual(trace.storedCount, 100)
        // The explorer's budget at the sizes of issue 19, planned without running anything.
        for (m, iters) in [(1024, 100_000), (4096, 100_000), (4096, 2000), (256, 100_000), (2, 100_000)] {
            let plan = TracePlan(m: m, iterations: iters, budget: .explorer)
            XCTAssertLessThanOrEqual(plan.bytes(m: m), TraceBudget.explorer.bytes, "m = \(m), \(iters) iterations")
            XCTAssertTrue(plan.stored == iters || plan.stored <= 2000, "whole, or at most 2000 iterations whole")
            XCTAssertGreaterThanOrEqual(plan.stored, 1)
        }
        // A trace that fits is kept whole (no checkpoints to recompute from).
        let whole = TracePlan(m: 3, iterations: 100_000, budget: .explorer)
        XCTAssertEqual(whole.stored, 100_000)
        // The old refusal: m = 4096 at 100000 iterations fully traced would be 16 GB.
        XCTAssertGreaterThan(100_000 * TracePlan.recordBytes(m: 4096), 16_000_000_000)
    }

    func testACancelledCallStopsBetweenIterationsAndKeepsItsState() throws {
        var p = SolverParameters()
        p.iters = 5000
        var weighting = SDMGradWeighting(parameters: p)
        var done = 0
        let call = try weighting.call(
            matrix(m: 5, seed: 3), traceBudget: small, isCancelled: { done >= 10 }, progress: { done = $0 })
        XCTAssertNil(call)
        XCTAssertEqual(done, 10, "no iteration after the cancellation")
        XCTAssertNil(weighting.state, "a cancelled call leaves no warm start")
    }
}
