import Runtime
import SDMGrad
import TerminalUI

extension ExplorerState: RuntimeModel {
    /// The explorer's update: applies one event and returns the work it starts.
    public mutating func update(_ event: Event<ExplorerMessage>) -> Command<ExplorerMessage> {
        defer { lessonAfterUpdate() }  // lessons: a step advances once its goal holds
        // A shown iteration that a bounded trace does not hold is computed again in the background.
        let command = handle(event)
        return command + segmentJob()
    }

    /// `update` without the trace's recomputation.
    private mutating func handle(_ event: Event<ExplorerMessage>) -> Command<ExplorerMessage> {
        switch event {
        case .resize(let width, let height):
            display.size = (max(width, 0), max(height, 0))
            return .none
        case .resumed:
            return .none
        case .key(let key):
            return handle(key)
        case .mouse(let mouse):
            return handle(mouse)
        case .message(let message):
            return handle(message)
        }
    }

    /// The frame at this size.
    public func view(width: Int, height: Int) -> Buffer { Frame.render(self, width: width, height: height) }

    /// True once the user quit.
    public var isFinished: Bool { display.wantsToQuit }

    private mutating func handle(_ message: ExplorerMessage) -> Command<ExplorerMessage> {
        switch message {
        case .tick:
            guard display.playing else { return .none }
            if display.iteration < iterationCount {
                display.iteration += 1
                return .after(milliseconds: display.playInterval, .tick, key: ExplorerMessage.playTimer)
            }
            display.playing = false
            return .none
        case .saved(let text, let scenarioSaved):
            display.message = text
            if scenarioSaved { inputs.hasUnsavedEdits = false }
            return .none
        case .pollFollowed, .followed:
            return followMessage(message)
        case .callRead:
            return callRead(message)
        default:
            return receive(message)
        }
    }

    /// Applies a key press.
    mutating func handle(_ key: Key) -> Command<ExplorerMessage> {
        let confirmed = display.pendingConfirmation == key
        display.pendingConfirmation = nil
        if display.lowerView == .help, ExplorerKeymap.main.action(for: key) != .quit {
            // A long help scrolls by its keys; any other key (every key when it fits) closes it.
            if !scrollLowerView(by: key) { display.lowerView = .none }
            return .none
        }
        if display.taskPrompt != nil { handlePrompt(key); return .none }
        if display.editing, let command = handleEditing(key) { return command }
        if let command = lessonKey(key) { return command }  // lessons: the list's keys, the quiz's guard
        display.message = ""
        guard let action = ExplorerKeymap.main.action(for: key) else { return .none }
        // Keys that would throw gradient edits away ask once first.
        let discards: [ExplorerAction: String] = [
            .quit: "quit", .nextPreset: "switch preset",
            .previousPreset: "switch preset", .reset: "reset",
        ]
        if inputs.hasUnsavedEdits, !confirmed, let verb = discards[action] {
            display.pendingConfirmation = key
            display.message = "unsaved gradient edits: press \(key) again to \(verb) without saving, s to save"
            return .none
        }
        return perform(action)
    }

    /// Does what an action says.
    mutating func perform(_ action: ExplorerAction) -> Command<ExplorerMessage> {
        var p = inputs.parameters
        switch action {
        case .quit: display.wantsToQuit = true
        case .nextIteration: setIteration(display.iteration + 1)
        case .previousIteration: setIteration(display.iteration - 1)
        case .firstIteration: setIteration(0)
        case .lastIteration: setIteration(iterationCount)
        case .togglePlay:
            if !display.playing && display.iteration >= iterationCount { display.iteration = 0 }
            display.playing.toggle()
            // A pause cancels the pending tick; a play replaces it (one chain of ticks, never two).
            if display.playing {
                return .after(milliseconds: display.playInterval, .tick, key: ExplorerMessage.playTimer)
            }
            return .cancel(key: ExplorerMessage.playTimer)
        case .lambdaUp, .lambdaDown:
            let old = p.lambda
            p.lambda =
                action == .lambdaUp ? Ladder.up(p.lambda, in: Ladder.lambda) : Ladder.down(p.lambda, in: Ladder.lambda)
            let command = setParameters(p)
            if let note = lambdaNote(from: old) { display.message = note }
            return command
        case .lrUp: p.lr = Ladder.up(p.lr, in: Ladder.lr); return setParameters(p)
        case .lrDown: p.lr = Ladder.down(p.lr, in: Ladder.lr); return setParameters(p)
        case .momentumUp: p.momentum = Ladder.up(p.momentum, in: Ladder.momentum); return setParameters(p)
        case .momentumDown: p.momentum = Ladder.down(p.momentum, in: Ladder.momentum); return setParameters(p)
        case .itersUp: p.iters = Ladder.up(p.iters, in: Ladder.iters); return setParameters(p)
        case .itersDown: p.iters = Ladder.down(p.iters, in: Ladder.iters); return setParameters(p)
        case .nextVariant:
            let next = p.variant.next
            if p.lr == p.variant.defaultLearningRate { p.lr = next.defaultLearningRate }
            p.variant = next
            if !next.acceptsPreference { p.pref = nil }
            let command = setParameters(p)
            display.message = "variant \(next.rawValue), lr \(NumberText.parameter(p.lr))"
            return command
        case .nextPreset: return choosePreset((inputs.presetIndex ?? -1) + 1)
        case .previousPreset: return choosePreset((inputs.presetIndex ?? 1) - 1)
        case .startEditing:
            display.editing = true
            display.message =
                "editing task \(display.selectedTask + 1): arrows move its tip, 1-9 pick a task, e or Esc ends"
        case .yawLeft: rotate(yaw: -0.15, pitch: 0)
        case .yawRight: rotate(yaw: 0.15, pitch: 0)
        case .pitchDown: rotate(yaw: 0, pitch: -0.15)
        case .pitchUp: rotate(yaw: 0, pitch: 0.15)
        case .outerStep: return outerStep()
        case .previousCall: return showCall(aimedCall - 1)
        case .nextCall: return showCall(aimedCall + 1)
        case .firstCall: return showCall(0)
        case .lastCall: return showCall(computation.calls.count - 1)
        case .zoom: zoom()
        case .followTask:
            display.taskPrompt = ""
            display.message = promptMessage
        case .scrollUp, .scrollDown:
            if !scrollLowerView(by: action == .scrollUp ? .up : .down) {
                display.message =
                    "↑/↓ scroll the help and the lower views (x v w c) when they are longer than the screen"
            }
        case .resample: return resample()
        case .toggle(let lowerView): return toggle(lowerView)
        case .reset: return resetAll()
        case .closeView:
            if derived.reading != nil { return cancelReading() }
            if display.zoom != nil, display.zoom != .lower { display.zoom = nil; return .none }
            return toggle(.none)
        case .save: return saveScenario()
        case .exportTrace: return exportTrace()
        case .savePicture: return savePicture()
        case .openPlayground: display.message = "the training playground opens in the full program (T)"
        case .lessons: return toggleLessonList()
        case .nextStep: return skipStep()
        case .quiz: return toggleQuiz()
        case .guessConverges: return guess(.converges)
        case .guessOscillates: return guess(.oscillates)
        case .guessDiverges: return guess(.diverges)
        }
        return .none
    }

    /// The status line while the task prompt is open.
    var promptMessage: String {
        "follow task (number 1-\(m) or name, Enter; Esc cancels): \(display.taskPrompt ?? "")_"
    }

    /// A key while the task prompt is open: typing, Backspace, Enter (follow; empty stops), Esc (cancel).
    mutating func handlePrompt(_ key: Key) {
        var text = display.taskPrompt ?? ""
        switch key {
        case .escape:
            display.taskPrompt = nil
            display.message = "follow cancelled"
            return
        case .enter:
            display.taskPrompt = nil
            if text.isEmpty {
                display.followedTask = nil
                display.message = "no task followed"
            } else if let task = TaskFigures.find(text, names: scenario.tasks) {
                display.followedTask = task
                display.message = "following \(scenario.tasks[task]) (task \(task + 1)); f then Enter stops"
            } else {
                display.message = "no single task is \"\(text)\": type 1-\(m) or a name"
            }
            return
        case .backspace, .delete: if !text.isEmpty { text.removeLast() }
        case .character(let c): text.append(c)
        default: break
        }
        display.taskPrompt = text
        display.message = promptMessage
    }

    /// Keys with a meaning of their own while editing; nil to fall through.
    mutating func handleEditing(_ key: Key) -> Command<ExplorerMessage>? {
        switch key {
        case .character("e"), .escape, .enter:
            display.editing = false
            display.message = "editing ended"
            return Command.none
        case .left: return nudgeGradient(dx: -1, dy: 0)
        case .right: return nudgeGradient(dx: 1, dy: 0)
        case .up: return nudgeGradient(dx: 0, dy: 1)
        case .down: return nudgeGradient(dx: 0, dy: -1)
        case .character(let c) where c.isWholeNumber:
            let i = (c.wholeNumberValue ?? 1) - 1
            if i >= 0 && i < m { display.selectedTask = i }
            display.message = "editing task \(display.selectedTask + 1)"
            return Command.none
        default:
            return nil
        }
    }
}
