import Explorer
import Foundation
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// The explorer in the real runtime loop, headless: keys, the mouse, resizes, background analyses
/// (pending, superseded, arriving), and effects whose results come back as messages.
final class ExplorerLoopTests: XCTestCase {
    func driver(preset: String = "conflict-2", width: Int = 120, height: Int = 40) throws -> HeadlessDriver<
        ExplorerState
    > {
        let index = try presetLibrary.index(of: preset)
        return HeadlessDriver(
            model: ExplorerState(
                scenario: presetLibrary.scenarios[index], presets: presetLibrary.scenarios,
                presetIndex: index), width: width, height: height)
    }

    func testAnalysesArePendingUntilTheirJobsRunAndTheTraceIsThereAtOnce() throws {
        let d = try driver()
        XCTAssertNotNil(d.model.trace, "the trace is computed with the key")
        XCTAssertNil(d.model.analysis)
        XCTAssertTrue(d.model.isAnalyzing)
        XCTAssertTrue(
            d.frame().lines().joined().contains("computing the fixed point"), "the panel says what is pending")
        d.settle()
        XCTAssertFalse(d.model.isAnalyzing)
        let independent = Analysis(call: d.model.computation.call!)
        XCTAssertEqual(d.model.analysis, independent)
        XCTAssertFalse(d.frame().lines().joined().contains("computing"))
    }

    func testASupersededAnalysisNeverShows() throws {
        let d = try driver()
        d.settle()
        // Three presses before any job runs: the first two analyses are cancelled, the last one arrives.
        d.input([.key(.character("+")), .key(.character("+")), .key(.character("+"))], settling: false)
        XCTAssertNil(d.model.analysis, "the old analysis is not shown for the new lambda")
        d.settle()
        var p = SolverParameters()
        p.lambda = d.model.parameters.lambda
        var weighting = SDMGradWeighting(parameters: p)
        let call = try weighting(d.model.computation.input.a, trace: true)
        XCTAssertEqual(d.model.analysis, Analysis(call: call), "the analysis is the one of the lambda shown")
        XCTAssertGreaterThan(d.model.parameters.lambda, 0.3)
    }

    func testClickInTheSimplexSetsTheStartPointAndReplaysTheCall() throws {
        let d = try driver()
        d.settle()
        let layout = FrameLayout(width: 120, height: 40, m: 2)
        // A click on row 0 of the m = 2 simplex, a quarter of the way across the canvas.
        let canvasX = layout.simplex.x + 1 + 4, canvasWidth = layout.simplex.width - 2 - 4
        let x = canvasX + canvasWidth / 4, y = layout.simplex.y + 2
        d.input(try InputEvent.parseSequence("<click:\(x),\(y)>"))
        let start = try XCTUnwrap(d.model.trace?.w(at: 0))
        XCTAssertEqual(start.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertTrue(start[0] > 0 && start[0] < 0.5, "a quarter across from the task-2 vertex: \(start)")
        var weighting = SDMGradWeighting(parameters: SolverParameters())
        weighting.setState(start)
        let independent = try weighting(d.model.computation.input.a, trace: true)
        XCTAssertEqual(d.model.computation.call?.weights, independent.weights)
        XCTAssertTrue(d.model.message.contains("start point w0"))
        // R puts the warm start back.
        d.input([.key(.character("R"))])
        XCTAssertEqual(d.model.trace?.w(at: 0), [0.5, 0.5])
    }

    func testClickInTheTriangleLandsOnTheNearestVertexRegion() throws {
        let d = try driver(preset: "spread-3")
        d.settle()
        let layout = FrameLayout(width: 120, height: 40, m: 3)
        // The bottom-left corner of the simplex panel's canvas is closest to vertex 2.
        d.input(try InputEvent.parseSequence("<click:\(layout.simplex.x + 2),\(layout.simplex.maxY - 3)>"))
        let start = try XCTUnwrap(d.model.trace?.w(at: 0))
        XCTAssertEqual(start.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertTrue(start.allSatisfy { $0 >= 0 })
        XCTAssertEqual(start.indices.max { start[$0] < start[$1] }, 1, "\(start)")
    }

    func testTheWheelStepsIterationsOverTheSimplexAndConvergenceOnly() throws {
        let d = try driver()
        d.settle()
        let layout = FrameLayout(width: 120, height: 40, m: 2)
        let s = layout.simplex, c = layout.convergence, g = layout.geometry
        d.input(try InputEvent.parseSequence("<wheeldown:\(s.x + 5),\(s.y + 5)><wheeldown:\(c.x + 5),\(c.y + 5)>"))
        XCTAssertEqual(d.model.iteration, 2)
        d.input(try InputEvent.parseSequence("<wheelup:\(s.x + 5),\(s.y + 5)><wheeldown:\(g.x + 5),\(g.y + 5)>"))
        XCTAssertEqual(d.model.iteration, 1, "the wheel over Geometry does nothing")
    }

    func testClickingASparklineColumnJumpsToThatIteration() throws {
        let d = try driver()
        d.settle()
        let layout = FrameLayout(width: 120, height: 40, m: 2)
        let inner = layout.convergence.inset(by: 1)
        d.input(try InputEvent.parseSequence("<click:\(inner.x + 16 + 7),\(inner.y)>"))
        XCTAssertEqual(d.model.iteration, 7)
    }

    func testDraggingATipWhileEditingMovesThatGradient() throws {
        let d = try driver()
        d.settle()
        let before = try XCTUnwrap(d.model.scenario.gradients)
        let layout = FrameLayout(width: 120, height: 40, m: 2)
        // Find task 1's tip on screen through the view's own mapping (the cell its label names), then drag it 4 cells right.
        d.input([.key(.character("e"))])
        XCTAssertTrue(d.frame().lines().contains { $0.contains("1 task A") })
        let labels = try XCTUnwrap(Frame.geometry(d.model, theme: .unicode).labels(area: layout.geometry))
        let tip = try XCTUnwrap(labels.subjects.firstIndex(of: .task(0)).map { labels.anchors[$0] })
        let (column, row) = (tip.x, tip.y)
        XCTAssertTrue(layout.geometry.contains(x: column, y: row))
        d.input(try InputEvent.parseSequence("<drag:\(column),\(row),\(column + 4),\(row)>"))
        let after = try XCTUnwrap(d.model.scenario.gradients)
        XCTAssertGreaterThan(after[0, 0], before[0, 0], "task 1 moved right")
        XCTAssertEqual(after[1, 0], before[1, 0], "task 2 did not move")
        XCTAssertTrue(d.model.hasUnsavedEdits)
        // Without editing, a drag moves nothing.
        d.input([.key(.escape)])
        let edited = try XCTUnwrap(d.model.scenario.gradients)
        d.input(try InputEvent.parseSequence("<drag:\(column + 4),\(row),\(column + 9),\(row)>"))
        XCTAssertEqual(d.model.scenario.gradients, edited)
    }

    func testResizeRelaysOutAndTooSmallStillQuits() throws {
        let d = try driver()
        d.settle()
        d.resize(width: 30, height: 10)
        XCTAssertTrue(d.frame().lines().joined().contains("Terminal too small"))
        d.resize(width: 90, height: 30)
        let frame = d.frame().lines()
        XCTAssertEqual(frame.count, 30)
        XCTAssertTrue(frame.allSatisfy { displayWidth(of: $0) == 90 })
        d.input([.key(.character("q"))])
        XCTAssertTrue(d.model.isFinished)
    }

    func testSaveRunsAsAJobAndItsResultArrivesAsAMessage() throws {
        let folder = NSTemporaryDirectory() + "sdmgrad-loop-save-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder)
        defer {
            FileManager.default.changeCurrentDirectoryPath(previous)
            try? FileManager.default.removeItem(atPath: folder)
        }
        let d = try driver()
        d.settle()
        d.input([.key(.character("e")), .key(.up), .key(.escape)])
        XCTAssertTrue(d.model.hasUnsavedEdits)
        d.input([.key(.character("s"))], settling: false)
        XCTAssertTrue(d.model.hasUnsavedEdits, "not saved before the job ran")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
        d.settle()
        XCTAssertFalse(d.model.hasUnsavedEdits)
        XCTAssertTrue(d.model.message.hasPrefix("saved the scenario to conflict-2-saved"), d.model.message)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertEqual(files.count, 1)
        let reopened = try ScenarioReader.read(path: folder + "/" + files[0])
        XCTAssertEqual(reopened.gradients, d.model.scenario.gradients)
    }

    func testPlayTicksFollowTheClockAndPauseStopsThem() throws {
        let d = try driver()
        d.settle()
        d.input([.key(.character(" "))])
        d.advance(milliseconds: 350 * 3)
        XCTAssertEqual(d.model.iteration, 3)
        d.input([.key(.character(" "))])
        d.advance(milliseconds: 350 * 5)
        XCTAssertEqual(d.model.iteration, 3, "paused")
        // Play again: one chain of ticks only (no double speed from the earlier play).
        d.input([.key(.character(" "))])
        d.advance(milliseconds: 350 * 2)
        XCTAssertEqual(d.model.iteration, 5)
    }

    func testFollowingAppendsCallsWithoutMovingTheShownOne() throws {
        let a = Matrix([[1.0, 0.2], [0.1, 2.0]]), b = Matrix([[2.0, -0.5], [-0.4, 1.0]])
        final class Feed: @unchecked Sendable { var pending: [[Batches]] = [] }
        let feed = Feed()
        feed.pending = [[Batches(matrix: b)], [], [Batches(matrix: a), Batches(matrix: b)]]
        var state = ExplorerState(
            sequence: [Batches(matrix: a), Batches(matrix: b)], name: "run", parameters: SolverParameters())
        state.follow(
            FollowState(folder: "run") {
                FollowUpdate(batches: feed.pending.isEmpty ? [] : feed.pending.removeFirst(), problem: nil, time: 0)
            })
        let d = HeadlessDriver(model: state, width: 120, height: 40)
        d.settle()
        XCTAssertEqual(d.model.computation.calls.count, 3, "the first look found one more call")
        XCTAssertEqual(d.model.computation.shownCall, 2, "sitting on the last call follows along")
        d.input([.key(.pageUp)])
        d.advance(milliseconds: 500)
        d.settle()
        d.advance(milliseconds: 500)
        d.settle()
        XCTAssertEqual(d.model.computation.calls.count, 5)
        XCTAssertEqual(d.model.computation.shownCall, 1, "a user looking at an earlier call stays there")
        // The appended calls are warm-started in order, exactly as one weighting over the whole sequence.
        var weighting = SDMGradWeighting(parameters: SolverParameters())
        let expected = try [a, b, b, a, b].map { try weighting($0).weights }
        XCTAssertEqual(d.model.computation.calls.map(\.weights), expected)
        XCTAssertTrue(d.frame().lines()[0].contains("following: 5 calls"))
    }

    func testAtThousandsOfTasksTheCallsThemselvesRunInTheBackground() throws {
        // m = 2300 at 20 iterations costs more than a key press may: the calls are computed by a job too.
        let m = 2300
        var random = SeededRandom(seed: 3)
        let j = Matrix(rows: m, columns: 8, storage: (0..<(m * 8)).map { _ in random.nextNormal() })
        let a = j.timesTransposeOf(j)
        let d = HeadlessDriver(
            model: ExplorerState(sequence: [Batches(matrix: a)], name: "big", parameters: SolverParameters()),
            width: 120, height: 40)
        d.settle()
        XCTAssertNotNil(d.model.trace, "the first frame's calls are computed at once")
        d.input([.key(.character("+"))], settling: false)
        XCTAssertTrue(d.model.computation.isPending)
        XCTAssertTrue(d.model.trace == nil, "no trace while the calls are computed")
        XCTAssertTrue(d.frame().lines().joined().contains("computing the trace"))
        d.input([.key(.character("+"))], settling: false)  // supersedes the first job
        d.settle()
        XCTAssertFalse(d.model.computation.isPending)
        var p = SolverParameters()
        p.lambda = d.model.parameters.lambda
        var weighting = SDMGradWeighting(parameters: p)
        XCTAssertEqual(d.model.computation.call?.weights, try weighting(a).weights, "the calls of the lambda shown")
        XCTAssertNotNil(d.model.analysis)
        XCTAssertFalse(d.model.isAnalyzing)
    }
}
