import Runtime
import TerminalUI
import XCTest

/// A counter model: keys change it, `j` starts a background job, `t` a timer, `q` quits.
struct Counter: RuntimeModel {
    enum Message: Sendable, Equatable {
        case jobDone(Int)
        case progress(Int)
        case timer
        /// Cancels the keyed timer "tick" when it arrives.
        case stop
    }

    var count = 0
    var size = (0, 0)
    var results: [Int] = []
    var progress: [Int] = []
    var timers = 0
    var resumed = 0
    var clicks: [MouseEvent] = []
    var finished = false

    mutating func update(_ event: Event<Message>) -> Command<Message> {
        switch event {
        case .key(.character("+")): count += 1
        case .key(.character("q")): finished = true
        case .key(.character("j")):
            let value = count
            // Each job replaces the previous one (same key): only the last result may arrive.
            return .background(key: "job") { context in
                context.send(.progress(value))
                return context.isCancelled ? nil : .jobDone(value * 10)
            }
        case .key(.character("c")): return .cancel(key: "job")
        case .key(.character("t")): return .after(milliseconds: 100, .timer)
        case .key(.character("k")): return .after(milliseconds: 100, .timer, key: "tick")
        case .key(.character("x")): return .cancel(key: "tick")
        case .key(.character("s")): return .after(milliseconds: 100, .stop, key: "stop")
        case .key(.character("z")): return .cancelAll(prefix: "ti")
        case .key: break
        case .mouse(let mouse): clicks.append(mouse)
        case .resize(let width, let height): size = (width, height)
        case .resumed: resumed += 1
        case .message(.jobDone(let value)): results.append(value)
        case .message(.progress(let value)): progress.append(value)
        case .message(.timer): timers += 1
        case .message(.stop): return .cancel(key: "tick")
        }
        return .none
    }

    func view(width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        buffer.write("count \(count) results \(results)", x: 0, y: 0, style: .plain, maxWidth: width)
        return buffer
    }

    var isFinished: Bool { finished }
}

/// The runtime loop driven headless: events in, frames out, jobs and timers as messages.
final class ProgramTests: XCTestCase {
    func testKeysUpdateTheModelAndTheFrameShowsIt() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        XCTAssertEqual(driver.model.size.0, 30)
        driver.input(.key(.character("+")))
        driver.input(.key(.character("+")))
        XCTAssertEqual(driver.model.count, 2)
        XCTAssertTrue(driver.frame().lines()[0].hasPrefix("count 2"))
    }

    func testABackgroundJobsResultArrivesAsAMessageOnlyWhenSettled() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(.key(.character("+")))
        driver.input(.key(.character("j")))
        XCTAssertEqual(driver.model.results, [], "an inline executor runs nothing until settled")
        XCTAssertTrue(driver.program.isBusy)
        driver.settle()
        XCTAssertEqual(driver.model.progress, [1])
        XCTAssertEqual(driver.model.results, [10])
        XCTAssertFalse(driver.program.isBusy)
    }

    func testANewerJobWithTheSameKeyCancelsTheOlderOne() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(.key(.character("j")))  // job for 0
        driver.input(.key(.character("+")))
        driver.input(.key(.character("j")))  // supersedes it: job for 1
        driver.settle()
        XCTAssertEqual(driver.model.results, [10], "the superseded job's result is dropped")
        XCTAssertEqual(driver.model.progress, [1], "a cancelled job does not even start")
    }

    func testCancelDropsTheResult() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(.key(.character("j")))
        driver.input(.key(.character("c")))
        driver.settle()
        XCTAssertEqual(driver.model.results, [])
        XCTAssertFalse(driver.program.isBusy)
    }

    func testTimersFireWhenTheClockReachesThem() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(.key(.character("t")))
        driver.advance(milliseconds: 99)
        XCTAssertEqual(driver.model.timers, 0)
        driver.advance(milliseconds: 1)
        XCTAssertEqual(driver.model.timers, 1)
        driver.advance(milliseconds: 1000)
        XCTAssertEqual(driver.model.timers, 1, "a timer fires once")
    }

    /// A keyed timer set again before it fired is replaced: only the newer one fires, at its own deadline.
    func testANewerKeyedTimerSupersedesTheOlderOne() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(.key(.character("k")))  // due at 100
        driver.advance(milliseconds: 50)
        driver.input(.key(.character("k")))  // due at 150, replaces the first
        XCTAssertEqual(driver.program.pendingTimerCount, 1)
        driver.advance(milliseconds: 60)
        XCTAssertEqual(driver.model.timers, 0, "the superseded timer never delivers")
        driver.advance(milliseconds: 40)
        XCTAssertEqual(driver.model.timers, 1)
        driver.advance(milliseconds: 1000)
        XCTAssertEqual(driver.model.timers, 1)
        // Unkeyed timers stay independent.
        driver.input(.key(.character("t")))
        driver.input(.key(.character("t")))
        driver.advance(milliseconds: 100)
        XCTAssertEqual(driver.model.timers, 3)
    }

    /// `cancel(key:)` drops a pending keyed timer, also when the cancel comes from a timer due at the same
    /// moment (the two fire in one pass: the one cancelled must still not deliver).
    func testACancelledKeyedTimerNeverDelivers() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(.key(.character("k")))
        driver.input(.key(.character("x")))
        XCTAssertEqual(driver.program.pendingTimerCount, 0)
        driver.advance(milliseconds: 1000)
        XCTAssertEqual(driver.model.timers, 0)

        driver.input(.key(.character("s")))  // "stop" at 1100, set first: it fires first
        driver.input(.key(.character("k")))  // "tick" at 1100
        driver.program.fireDueTimers()
        XCTAssertEqual(driver.program.pendingTimerCount, 2)
        driver.clock.advance(by: 100)
        XCTAssertTrue(driver.program.fireDueTimers())
        XCTAssertEqual(driver.model.timers, 0, "stop cancelled tick within the same pass")
        XCTAssertEqual(driver.program.pendingTimerCount, 0)
    }

    /// `cancelAll(prefix:)` cancels the timers and jobs whose keys start with the prefix, and nothing else.
    func testCancelAllByPrefixSparesOtherKeys() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(.key(.character("+")))
        driver.input(.key(.character("k")))  // key "tick": cancelled
        driver.input(.key(.character("j")))  // key "job": kept
        driver.input(.key(.character("z")))
        driver.settle()
        driver.advance(milliseconds: 1000)
        XCTAssertEqual(driver.model.timers, 0)
        XCTAssertEqual(driver.model.results, [10])
    }

    func testResizeRepaintsAndTellsTheModel() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        let before = driver.backend.invalidations
        driver.resize(width: 50, height: 3)
        XCTAssertEqual(driver.model.size.0, 50)
        XCTAssertEqual(driver.backend.invalidations, before + 1)
        XCTAssertEqual(driver.frame().width, 50)
        driver.input(.resumed)
        XCTAssertEqual(driver.model.resumed, 1)
    }

    func testMouseEventsReachTheModel() throws {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2)
        driver.input(try InputEvent.parseSequence("<click:3,1><wheeldown:2,0>"))
        XCTAssertEqual(
            driver.model.clicks,
            [
                MouseEvent(.press, x: 3, y: 1), MouseEvent(.release, x: 3, y: 1),
                MouseEvent(.wheelDown, x: 2, y: 0),
            ])
    }

    func testRunEndsWhenTheModelIsFinishedAndDrawsOnlyWhenSomethingChanged() {
        let backend = TestBackend(width: 20, height: 1)
        backend.pendingInput = [.key(.character("+")), .key(.character("+")), .key(.character("q"))]
        let program = Program(model: Counter(), backend: backend, executor: InlineExecutor(), clock: ManualClock())
        program.run()
        XCTAssertTrue(program.model.isFinished)
        XCTAssertEqual(program.model.count, 2)
        // The first frame, then one per key before q (q ends the loop before drawing).
        XCTAssertEqual(backend.frames.count, 3)
    }

    func testABackgroundExecutorRunsJobsOffTheCallingThreadAndWakesTheLoop() {
        let driver = HeadlessDriver(model: Counter(), width: 30, height: 2, executor: BackgroundExecutor())
        driver.input(.key(.character("+")))
        driver.input(.key(.character("j")))
        driver.settle()
        XCTAssertEqual(driver.model.results, [10])
    }
}

/// Command.map: an embedded model's work reaches the outer model with its messages wrapped.
final class CommandMapTests: XCTestCase {
    struct Outer: RuntimeModel {
        enum Message: Sendable { case inner(Counter.Message) }
        var inner = Counter()
        mutating func update(_ event: Event<Message>) -> Command<Message> {
            switch event {
            case .message(.inner(let message)): return inner.update(.message(message)).map { .inner($0) }
            case .key(let key): return inner.update(.key(key)).map { .inner($0) }
            default: return .none
            }
        }
        func view(width: Int, height: Int) -> Buffer { inner.view(width: width, height: height) }
        var isFinished: Bool { inner.isFinished }
    }

    func testMappedJobsAndTimersComeBackWrapped() {
        let driver = HeadlessDriver(model: Outer(), width: 30, height: 2)
        driver.input(.key(.character("+")))
        driver.input(.key(.character("j")))
        driver.input(.key(.character("t")))
        driver.settle()
        driver.advance(milliseconds: 100)
        XCTAssertEqual(driver.model.inner.results, [10])
        XCTAssertEqual(driver.model.inner.progress, [1])
        XCTAssertEqual(driver.model.inner.timers, 1)
    }
}
