import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// The training playground through the real loop, headless: keys change the settings and the
/// runs recompute in the background; superseded results never show; Enter opens the inner
/// explorer on exactly the recorded call; Esc comes back; a click adds a start.
final class PlaygroundTests: XCTestCase {
    /// Short runs keep the tests quick; everything else is the playground's defaults.
    func inputs(steps: Int = 2_000) -> PlaygroundInputs {
        var inputs = PlaygroundInputs()
        inputs.steps = steps
        return inputs
    }

    func driver(_ inputs: PlaygroundInputs, width: Int = 120, height: Int = 40) -> HeadlessDriver<ExplorerApp> {
        HeadlessDriver(model: ExplorerApp(playground: PlaygroundState(inputs: inputs)), width: width, height: height)
    }

    /// The run with these settings computed on its own, by the core.
    func independentRun(_ settings: ToyRunSettings) throws -> ToyRun {
        var run = try ToyRun(settings)
        run.finish()
        return run
    }

    func testTheRunsAreTheCoresRunsOfEveryMethodFromEveryStart() throws {
        let d = driver(inputs())
        XCTAssertTrue(d.model.playground!.derived.computing, "the runs start in the background")
        d.settle()
        let p = d.model.playground!
        XCTAssertFalse(p.derived.computing)
        XCTAssertEqual(p.runs.count, 18)
        for method in ToyMethod.allCases {
            for (i, start) in ToyStarts.all.enumerated() {
                let run = try XCTUnwrap(p.run(method, start: i))
                XCTAssertEqual(run.settings.start, start)
                XCTAssertTrue(run.isFinished)
                let truth = try independentRun(run.settings)
                XCTAssertEqual(run.trajectory, truth.trajectory, "\(method) from \(start)")
            }
        }
        // sdmgrad keeps every step (the inner explorer opens any of them); the others a few thousand points.
        XCTAssertEqual(p.run(.sdmgrad, start: 0)!.trajectory.count, 2_000)
        XCTAssertLessThanOrEqual(p.run(.mean, start: 0)!.trajectory.count, PlaygroundInputs.pointsPerRun + 1)
    }

    func testLambdaKeysRecomputeOnlyTheRunsLambdaChanges() throws {
        let d = driver(inputs())
        d.settle()
        let meanBefore = d.model.playground!.run(.mean, start: 0)!.trajectory
        let sdmgradBefore = d.model.playground!.run(.sdmgrad, start: 1)!.trajectory
        d.input([.key(.character("+"))], settling: false)
        var p = d.model.playground!
        XCTAssertEqual(p.inputs.lambda, 0.4, "0.3 is followed by 0.4 on the lambda ladder")
        XCTAssertTrue(p.derived.computing)
        XCTAssertEqual(p.run(.sdmgrad, start: 1)!.stepsDone, 0, "the old lambda's run is not shown for the new lambda")
        XCTAssertTrue(p.run(.mean, start: 0)!.isFinished, "mean does not depend on lambda: kept")
        d.settle()
        p = d.model.playground!
        XCTAssertEqual(p.run(.mean, start: 0)!.trajectory, meanBefore)
        let run = p.run(.sdmgrad, start: 1)!
        XCTAssertEqual(run.settings.lambda, 0.4)
        XCTAssertEqual(run.trajectory, try independentRun(run.settings).trajectory)
        XCTAssertNotEqual(run.trajectory, sdmgradBefore)
        XCTAssertEqual(p.run(.sdmgradToy, start: 2)!.settings.lambda, 0.4)
        XCTAssertTrue(d.frame().lines()[0].contains("λ 0.4"))
    }

    func testASupersededComputationsPartialResultsNeverShow() throws {
        var state = PlaygroundState(inputs: inputs())
        _ = state.start()
        let sent = Collected()
        // The first lambda change's job runs to the end, sending its partial results ...
        let first = state.update(.key(.character("+")))
        let firstJob = try XCTUnwrap(backgroundJob(first, key: "playground.runs"))
        let finished = firstJob(JobContext(token: CancellationToken()) { sent.append($0) })
        // ... but a second change came first: the playground is on lambda 0.5 now.
        _ = state.update(.key(.character("+")))
        XCTAssertEqual(state.inputs.lambda, 0.5)
        for message in sent.messages + [finished!] { _ = state.update(.message(message)) }
        for method in [ToyMethod.sdmgrad, .sdmgradToy] {
            for i in 0..<3 {
                let run = state.run(method, start: i)!
                XCTAssertEqual(run.settings.lambda, 0.5)
                XCTAssertEqual(run.stepsDone, 0, "lambda 0.4's results are dropped")
                XCTAssertEqual(run.trajectory.count, 0)
            }
        }
        XCTAssertTrue(state.derived.computing, "still waiting for lambda 0.5's runs")
    }

    func testPartialTrajectoriesArriveBeforeTheRunsFinish() throws {
        var state = PlaygroundState(inputs: inputs(steps: 200_000))
        let job = try XCTUnwrap(backgroundJob(state.start(), key: "playground.runs"))
        let token = CancellationToken()
        let sent = Collected()
        _ = job(
            JobContext(token: token) { m in
                sent.append(m)
                token.cancel()  // the first partial picture, then stop
            })
        let partial = sent.messages.first
        guard case .runs(_, let updates, let finished, _)? = partial else { return XCTFail("no partial message") }
        XCTAssertFalse(finished)
        XCTAssertEqual(updates.count, 18, "every run advanced in the first round")
        _ = state.update(.message(partial!))
        let run = state.run(.sdmgrad, start: 0)!
        XCTAssertGreaterThan(run.stepsDone, 0)
        XCTAssertLessThan(run.stepsDone, 200_000)
        let truth = try independentRun(
            {
                var s = run.settings; s.steps = 200_000; return s
            }())
        XCTAssertEqual(
            run.trajectory.point(run.trajectory.count - 1), truth.trajectory.point(run.trajectory.count - 1),
            "a partial trajectory is the start of the full one")
    }

    func testEnterOpensTheInnerExplorerOnExactlyTheRecordedCallAndEscReturnsAtTheSameStep() throws {
        let d = driver(inputs())
        d.settle()
        d.input(try InputEvent.parseSequence("<home>nnn....<tab>"))  // step 3% + 4 = 64, start 2
        let p = d.model.playground!
        XCTAssertEqual(p.step, 64)
        XCTAssertEqual(p.display.selectedStart, 1)
        let run = try XCTUnwrap(p.run(.sdmgrad, start: 1))
        let record = run.record(try XCTUnwrap(run.recordIndex(atStep: 64)))
        XCTAssertEqual(record.step, 64)
        let input = try XCTUnwrap(record.weightingInput)
        // The warm start is the weighting's state after the run's calls 0 ... 63, fed in order.
        var replay = SDMGradWeighting(parameters: run.settings.weightingParameters)
        for k in 0..<64 { _ = try replay(run.record(k).weightingInput!.a) }
        XCTAssertEqual(replay.state, input.warmStart)

        d.input([.key(.enter)])
        XCTAssertEqual(d.model.mode, .inner)
        let inner = try XCTUnwrap(d.model.inner)
        var weighting = SDMGradWeighting(parameters: run.settings.weightingParameters)
        weighting.setState(input.warmStart)
        let truth = try weighting(input.a, trace: true)
        XCTAssertEqual(inner.computation.call?.weights, truth.weights, "the inner explorer's call is the recorded one")
        XCTAssertEqual(
            inner.computation.call?.weights, [record.weights.x, record.weights.y], "and gives the weights the run used")
        XCTAssertEqual(inner.trace?.w(at: 0), input.warmStart, "started from the recorded warm start")
        XCTAssertEqual(inner.parameters, input.parameters)
        XCTAssertTrue(d.frame().lines()[0].contains("Esc: back to the playground"))

        d.input([.key(.character("n")), .key(.character("+"))])  // the explorer's own keys work
        XCTAssertEqual(d.model.inner?.iteration, 1)
        d.input([.key(.escape)])
        XCTAssertEqual(d.model.mode, .playground)
        XCTAssertEqual(d.model.playground?.step, 64, "back at the same step")
        XCTAssertEqual(
            d.model.playground?.inputs.lambda, 0.3, "the inner explorer's lambda stays in the inner explorer")
    }

    /// The inner explorer's play timer dies with it: Esc while playing leaves no tick pending, and an inner
    /// explorer opened again starts paused at iteration 0 however long the clock runs.
    func testClosingThePlayingInnerExplorerCancelsItsTimer() throws {
        let d = driver(inputs())
        d.settle()
        d.input(try InputEvent.parseSequence("<home>nnn<enter> "))
        XCTAssertEqual(d.model.mode, .inner)
        XCTAssertEqual(d.model.inner?.playing, true)
        XCTAssertEqual(d.program.pendingTimerCount, 1)
        d.input([.key(.escape)])
        XCTAssertEqual(d.model.mode, .playground)
        XCTAssertEqual(d.program.pendingTimerCount, 0)
        d.input([.key(.enter)])
        XCTAssertEqual(d.model.mode, .inner)
        d.advance(milliseconds: 5000)
        XCTAssertEqual(d.model.inner?.iteration, 0)
        XCTAssertEqual(d.model.inner?.playing, false)
    }

    func testAClickOnTheMapAddsAStartThere() throws {
        let d = driver(inputs())
        d.settle()
        let canvas = PlaygroundLayout(width: 120, height: 40).mapCanvas
        let column = canvas.x + canvas.width / 4, row = canvas.y + canvas.height / 2
        d.input(try InputEvent.parseSequence("<click:\(column),\(row)>"))
        let p = d.model.playground!
        XCTAssertEqual(p.inputs.starts.count, 4)
        let added = p.inputs.starts[3]
        // The cell's centre in the plane [-10, 10]^2 (x2 upwards).
        XCTAssertEqual(added.x, -10 + (Double(column - canvas.x) + 0.5) / Double(canvas.width) * 20, accuracy: 1e-9)
        XCTAssertEqual(added.y, 10 - (Double(row - canvas.y) + 0.5) / Double(canvas.height) * 20, accuracy: 1e-9)
        XCTAssertEqual(p.runs.count, 24)
        XCTAssertTrue(p.run(.cagrad, start: 3)!.isFinished)
        XCTAssertEqual(p.run(.cagrad, start: 3)!.trajectory.point(0), added)
        d.input([.key(.character("X"))])
        XCTAssertEqual(d.model.playground!.inputs.starts, ToyStarts.all)
    }

    func testMethodKeysHideAndShowRuns() throws {
        let d = driver(inputs())
        d.settle()
        d.input([.key(.character("1")), .key(.character("6"))])
        XCTAssertEqual(d.model.playground!.inputs.methods, [.mgda, .pcgrad, .cagrad, .sdmgradToy])
        XCTAssertEqual(d.model.playground!.runs.count, 12)
        d.input([.key(.character("6"))])
        XCTAssertEqual(d.model.playground!.inputs.methods, [.mgda, .pcgrad, .cagrad, .sdmgradToy, .sdmgrad])
        d.input([.key(.character("m"))])
        XCTAssertEqual(d.model.playground!.inputs.mapLoss, .l1)
        XCTAssertTrue(d.frame().lines().joined().contains("L1 (m)"))
    }

    func testPlayStepsForwardAndStopsAtTheEnd() throws {
        let d = driver(inputs())
        d.settle()
        d.input([.key(.home), .key(.character(" "))])
        XCTAssertTrue(d.model.playground!.display.playing)
        d.advance(milliseconds: 3 * d.model.playground!.display.playInterval)
        XCTAssertEqual(d.model.playground!.step, 3 * 10, "2000 steps: 10 per tick")
        d.advance(milliseconds: 300 * d.model.playground!.display.playInterval)
        XCTAssertEqual(d.model.playground!.step, 1_999)
        XCTAssertFalse(d.model.playground!.display.playing)
    }

    func testTheExplorersTOpensThePlaygroundAndEscGoesBack() throws {
        let index = try presetLibrary.index(of: "conflict-2")
        let state = ExplorerState(
            scenario: presetLibrary.scenarios[index], presets: presetLibrary.scenarios, presetIndex: index)
        let d = HeadlessDriver(model: ExplorerApp(explorer: state, playgroundInputs: inputs()), width: 80, height: 24)
        d.settle()
        d.input([.key(.character("+"))])
        d.input([.key(.character("T"))])
        XCTAssertEqual(d.model.mode, .playground)
        XCTAssertTrue(d.frame().lines()[0].contains("playground"))
        XCTAssertEqual(d.model.playground?.runs.count, 18)
        d.input([.key(.escape)])
        XCTAssertEqual(d.model.mode, .explorer)
        XCTAssertEqual(d.model.explorer?.parameters.lambda, 0.4, "the explorer is as it was left")
        d.input([.key(.character("q"))])
        XCTAssertTrue(d.model.isFinished)
    }

    func testFramesAreExactlyTheirSize() throws {
        for (w, h) in [(120, 40), (80, 24), (100, 30), (79, 23)] {
            let d = driver(inputs(), width: w, height: h)
            d.settle()
            let lines = d.frame().lines()
            XCTAssertEqual(lines.count, h)
            for line in lines { XCTAssertEqual(displayWidth(of: line), w, "\(w)x\(h): \(line)") }
        }
    }

    func testTheAsciiThemeDrawsOnlyAscii() throws {
        let d = HeadlessDriver(
            model: ExplorerApp(playground: PlaygroundState(inputs: inputs()), theme: .ascii), width: 80, height: 24)
        d.settle()
        for keys in ["", "?"] {
            d.input(try InputEvent.parseSequence(keys))
            let text = d.frame().lines().joined()
            XCTAssertTrue(
                text.unicodeScalars.allSatisfy(\.isASCII),
                "keys '\(keys)': \(text.unicodeScalars.filter { !$0.isASCII })")
        }
    }

    func testSnapshots() throws {
        for (w, h) in [(120, 40), (80, 24)] {
            let d = driver(PlaygroundInputs(), width: w, height: h)
            d.settle()
            d.input(try InputEvent.parseSequence("<pgup><pgup><pgup>"))
            var app = d.model
            _ = app.update(.key(.character("z")))  // an unbound key clears the timing message (not deterministic)
            let frame = app.view(width: w, height: h)
            XCTAssertEqual(frame.lines().count, h)
            Snapshot.assertMatches(frame, named: "playground-\(w)x\(h)")
        }
        let d = driver(PlaygroundInputs(), width: 120, height: 40)
        d.settle()
        d.input([.key(.character("?"))])
        Snapshot.assertMatches(d.frame(), named: "playground-help-120x40")
    }

    /// The work of the job started under `key` in `command`.
    func backgroundJob(_ command: Command<PlaygroundMessage>, key: String) -> (
        @Sendable (JobContext<PlaygroundMessage>) -> PlaygroundMessage?
    )? {
        switch command {
        case .background(let k, let work) where k == key: return work
        case .batch(let commands): return commands.lazy.compactMap { self.backgroundJob($0, key: key) }.first
        default: return nil
        }
    }
}

/// Messages a job sent, collected across its thread.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [PlaygroundMessage] = []
    func append(_ m: PlaygroundMessage) { lock.lock(); stored.append(m); lock.unlock() }
    var messages: [PlaygroundMessage] { lock.lock(); defer { lock.unlock() }; return stored }
}
