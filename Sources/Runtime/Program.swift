import TerminalUI

/// The event loop: reads input from a backend, updates the model, runs its commands (jobs in
/// the background, timers) and draws only when something changed. The same loop runs in a
/// terminal and headless, where `HeadlessDriver` steps it.
public final class Program<Model: RuntimeModel> {
    /// The model as it stands.
    public private(set) var model: Model
    let backend: TerminalBackend
    let executor: JobExecutor
    let clock: RuntimeClock
    private let mailbox: Mailbox<Model.Message>
    private var timers: [PendingTimer<Model.Message>] = []
    private var timerSerial = 0
    private var running: [String: CancellationToken] = [:]
    private var unfinishedJobs = 0
    private var needsDraw = true

    /// A program over `backend`; jobs run on `executor`, timers follow `clock`.
    public init(
        model: Model, backend: TerminalBackend, executor: JobExecutor = BackgroundExecutor(),
        clock: RuntimeClock = SystemClock()
    ) {
        self.model = model
        self.backend = backend
        self.executor = executor
        self.clock = clock
        self.mailbox = Mailbox(wake: backend.wake)
    }

    /// Whether background jobs are still running or queued.
    public var isBusy: Bool { unfinishedJobs > 0 }

    /// Runs until the model is finished: the interactive loop. A frame waits up to
    /// `settleMilliseconds` for jobs that are about to finish, so quick analyses appear in the
    /// same frame as the key that started them instead of flashing "computing".
    public func run(settleMilliseconds: Int = 12) {
        begin()
        var drawBy: Int? = nil
        while !model.isFinished {
            let now = clock.milliseconds
            if needsDraw {
                if drawBy == nil { drawBy = now + settleMilliseconds }
                if !isBusy || now >= drawBy! {
                    drawFrame()
                    drawBy = nil
                }
            }
            var deadlines = timers.map(\.deadline)
            if needsDraw, let drawBy { deadlines.append(drawBy) }
            let timeout = deadlines.min().map { max(0, $0 - now) } ?? -1
            if let input = backend.nextInput(timeoutMilliseconds: timeout) { handle(input) }
            deliverMessages()
            fireDueTimers()
        }
        cancelAll()
    }

    /// Starts the model's first work and tells it the size.
    public func begin() {
        perform(model.start())
        send(.resize(width: backend.size.width, height: backend.size.height))
    }

    /// Turns backend input into an event for the model.
    public func handle(_ input: BackendInput) {
        switch input {
        case .key(let key): send(.key(key))
        case .mouse(let mouse): send(.mouse(mouse))
        case .resize:
            backend.invalidate()
            send(.resize(width: backend.size.width, height: backend.size.height))
        case .resumed:
            backend.invalidate()
            send(.resumed)
        }
    }

    /// Updates the model with `event` and runs the commands it returns.
    public func send(_ event: Event<Model.Message>) {
        perform(model.update(event))
        needsDraw = true
    }

    /// Hands every message that jobs have sent to the model; true when there was one.
    @discardableResult
    public func deliverMessages() -> Bool {
        let letters = mailbox.takeAll()
        for letter in letters {
            if letter.finishes { unfinishedJobs -= 1 }
            if let message = letter.message, !letter.token.isCancelled { send(.message(message)) }
        }
        return !letters.isEmpty
    }

    /// Sends the messages of timers that are due, oldest deadline first; true when one fired.
    @discardableResult
    public func fireDueTimers() -> Bool {
        let now = clock.milliseconds
        let due = timers.filter { $0.deadline <= now }.sorted { ($0.deadline, $0.serial) < ($1.deadline, $1.serial) }
        guard !due.isEmpty else { return false }
        for timer in due {
            // An earlier timer's update may have superseded or cancelled this one: then it never fires.
            guard let index = timers.firstIndex(where: { $0.serial == timer.serial }) else { continue }
            timers.remove(at: index)
            send(.message(timer.message))
        }
        return true
    }

    /// Draws the model's view at the backend's size.
    public func drawFrame() {
        backend.draw(model.view(width: backend.size.width, height: backend.size.height))
        needsDraw = false
    }

    /// Waits for every job (and the jobs their messages start) and delivers their messages.
    public func settle() {
        repeat {
            executor.waitUntilIdle()
            deliverMessages()
        } while unfinishedJobs > 0
    }

    /// Cancels every running job (the program is ending).
    public func cancelAll() {
        for token in running.values { token.cancel() }
        running.removeAll()
    }

    /// The timers set and not yet fired (tests check what is pending).
    public var pendingTimerCount: Int { timers.count }

    private func perform(_ command: Command<Model.Message>) {
        for command in command.flattened {
            switch command {
            case .background(let key, let work):
                running[key]?.cancel()
                let token = CancellationToken()
                running[key] = token
                unfinishedJobs += 1
                let mailbox = self.mailbox
                executor.submit {
                    let context = JobContext<Model.Message>(token: token) { message in
                        mailbox.post(.init(token: token, message: message, finishes: false))
                    }
                    let result = token.isCancelled ? nil : work(context)
                    mailbox.post(.init(token: token, message: result, finishes: true))
                }
            case .after(let milliseconds, let message, let key):
                if let key { timers.removeAll { $0.key == key } }
                timerSerial += 1
                timers.append(
                    PendingTimer(
                        deadline: clock.milliseconds + max(0, milliseconds), serial: timerSerial, key: key,
                        message: message))
            case .cancel(let key):
                running.removeValue(forKey: key)?.cancel()
                timers.removeAll { $0.key == key }
            case .cancelAll(let prefix):
                for key in running.keys where key.hasPrefix(prefix) { running.removeValue(forKey: key)?.cancel() }
                timers.removeAll { $0.key?.hasPrefix(prefix) ?? false }
            case .none, .batch:
                break
            }
        }
    }
}
