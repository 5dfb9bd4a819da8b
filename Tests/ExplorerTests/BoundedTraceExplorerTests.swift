import Explorer
import Foundation
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Many iterations at many tasks: the calls are computed in the background with their progress shown, q quits
/// meanwhile, a superseded computation never shows, and an iteration the bounded trace does not hold whole is
/// computed again off the key path.
final class BoundedTraceExplorerTests: XCTestCase {
    private func matrix(m: Int) -> Matrix {
        var random = SeededRandom(seed: 11)
        let j = Matrix(rows: m, columns: 2 * m, storage: (0..<(2 * m * m)).map { _ in random.nextNormal() })
        let a = j.timesTransposeOf(j)
        return Matrix(rows: m, columns: m, storage: a.storage.map { $0 / Double(2 * m) })
    }

    private func explorer(m: Int, iters: Int, lambda: Double = 0.3) -> (ExplorerState, Matrix, SolverParameters) {
        var p = SolverParameters()
        p.iters = iters
        p.lambda = lambda
        let a = matrix(m: m)
        return (ExplorerState(sequence: [Batches(matrix: a)], name: "A", parameters: p), a, p)
    }

    /// Delivers the jobs' messages until `done` holds (a background executor), checking `each` after every delivery.
    private func pump(
        _ d: HeadlessDriver<ExplorerState>, until done: () -> Bool, each: () -> Void = {}
    ) {
        let deadline = Date().addingTimeInterval(120)
        while !done() && Date() < deadline {
            d.program.deliverMessages()
            each()
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    func testAnIterationBeyondTheStoredPartIsComputedAgainInTheBackground() throws {
        // m = 64 at 100000 iterations would hold 0.28 GB traced whole: the trace is bounded.
        let (state, a, p) = explorer(m: 64, iters: 100_000)
        let d = HeadlessDriver(model: state, width: 120, height: 40)
        XCTAssertTrue(d.model.computation.isPending, "the calls are not computed inside the first frame")
        d.settle()
        let trace = try XCTUnwrap(d.model.trace)
        XCTAssertFalse(trace.isComplete)
        XCTAssertLessThanOrEqual(trace.bytes, TraceBudget.explorer.bytes)
        d.input([.key(.end)], settling: false)
        XCTAssertEqual(d.model.iteration, 100_000)
        XCTAssertNil(d.model.trace?.record(at: 100_000), "not stored whole: computed again by a job")
        XCTAssertTrue(d.frame().lines().joined().contains("computing iteration 100000 again"))
        d.settle()
        var weighting = SDMGradWeighting(parameters: p)
        let straight = try weighting(a)
        let last = try XCTUnwrap(d.model.trace?.record(at: 100_000))
        XCTAssertEqual(last.w, straight.w, "the same bits as the straight run")
        XCTAssertEqual(d.model.shownWeights, straight.weights)
        XCTAssertFalse(d.frame().lines().joined().contains("again"))
        // One step back is in the segment just computed, or at a checkpoint: no new job that changes it.
        d.input([.key(.character("p"))])
        var shorter = p
        shorter.iters = 99_999
        var weighting2 = SDMGradWeighting(parameters: shorter)
        XCTAssertEqual(d.model.shownW, try weighting2(a).w)
    }

    func testQuitWhileTheCallsAreComputedEndsAtOnce() throws {
        // m = 512 at 100000 iterations: about 2.6e10 multiply-adds, far more than the test waits for.
        let (state, _, _) = explorer(m: 512, iters: 100_000)
        let executor = BackgroundExecutor()
        let d = HeadlessDriver(model: state, width: 120, height: 40, executor: executor)
        pump(d, until: { d.model.computation.progress != nil })
        XCTAssertTrue(d.frame().lines().joined().contains("computing iteration"), "the progress is shown")
        d.input([.key(.character("q"))], settling: false)
        XCTAssertTrue(d.model.isFinished, "q is read while the calls are computed")
        d.program.cancelAll()
        executor.waitUntilIdle()  // the job stops between two iterations
        d.program.deliverMessages()
        XCTAssertTrue(d.model.computation.isPending, "the cancelled computation never arrived")
        XCTAssertLessThan(d.model.computation.progress?.iteration ?? 0, 100_000)
    }

    func testASupersededComputationNeverShows() throws {
        let (state, a, p) = explorer(m: 256, iters: 20_000)
        let d = HeadlessDriver(model: state, width: 120, height: 40, executor: BackgroundExecutor())
        pump(d, until: { d.model.computation.progress != nil })
        d.input([.key(.character("+"))], settling: false)  // a new lambda while the first calls are computed
        let lambda = d.model.parameters.lambda
        XCTAssertNotEqual(lambda, p.lambda)
        XCTAssertTrue(d.model.computation.isPending)
        var shownBefore = false
        pump(d, until: { !d.model.computation.isPending }) {
            if let call = d.model.computation.call, call.parameters.lambda != lambda { shownBefore = true }
        }
        XCTAssertFalse(shownBefore, "the calls of the old lambda never showed")
        var q = p
        q.lambda = lambda
        var weighting = SDMGradWeighting(parameters: q)
        XCTAssertEqual(d.model.computation.call?.w, try weighting(a).w)
        d.program.cancelAll()
    }
}
