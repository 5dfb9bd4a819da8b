import Runtime
import SDMGrad
import TerminalUI

extension PlaygroundState: RuntimeModel {
    /// Applies one event and returns the work it starts.
    public mutating func update(_ event: Event<PlaygroundMessage>) -> Command<PlaygroundMessage> {
        switch event {
        case .resize(let width, let height):
            display.size = (max(width, 0), max(height, 0))
            return .none
        case .resumed: return .none
        case .key(let key): return handle(key)
        case .mouse(let mouse): return handle(mouse)
        case .message(let message): return receive(message)
        }
    }

    /// The frame at this size (Unicode glyphs).
    public func view(width: Int, height: Int) -> Buffer { PlaygroundFrame.render(self, width: width, height: height) }

    /// True once the user quit.
    public var isFinished: Bool { display.wantsToQuit }

    /// The first runs.
    public mutating func start() -> Command<PlaygroundMessage> { recompute() }

    /// Applies a key press.
    mutating func handle(_ key: Key) -> Command<PlaygroundMessage> {
        let action = PlaygroundKeymap.main.action(for: key)
        if display.showingHelp, action != .quit {
            display.showingHelp = false  // any key closes the help
            return .none
        }
        display.message = ""
        guard let action else { return .none }
        return perform(action)
    }

    /// Does what an action says.
    mutating func perform(_ action: PlaygroundAction) -> Command<PlaygroundMessage> {
        let percent = max(1, inputs.steps / 100)
        switch action {
        case .quit: display.wantsToQuit = true
        case .help: display.showingHelp = true
        case .leave: display.request = .leave
        case .nextStep: return setStep(display.step + percent)
        case .previousStep: return setStep(display.step - percent)
        case .oneStepForward: return setStep(display.step + 1)
        case .oneStepBack: return setStep(display.step - 1)
        case .jumpForward: return setStep(display.step + 10 * percent)
        case .jumpBack: return setStep(display.step - 10 * percent)
        case .firstStep: return setStep(0)
        case .lastStep: return setStep(inputs.steps - 1)
        case .togglePlay:
            if !display.playing && display.step >= inputs.steps - 1 { display.step = 0 }
            display.playing.toggle()
            // A pause cancels the pending tick; a play replaces it (one chain of ticks, never two).
            if display.playing {
                return .after(milliseconds: display.playInterval, .tick, key: PlaygroundMessage.playTimer)
            }
            return .cancel(key: PlaygroundMessage.playTimer) + verdictsCommand()
        case .lambdaUp: return change { $0.lambda = Ladder.up($0.lambda, in: Ladder.lambda) }
        case .lambdaDown: return change { $0.lambda = Ladder.down($0.lambda, in: Ladder.lambda) }
        case .lrUp: return change { $0.lr = Ladder.up($0.lr, in: PlaygroundLadder.lr) }
        case .lrDown: return change { $0.lr = Ladder.down($0.lr, in: PlaygroundLadder.lr) }
        case .noiseUp: return change { $0.noise = Ladder.up($0.noise, in: PlaygroundLadder.noise) }
        case .noiseDown: return change { $0.noise = Ladder.down($0.noise, in: PlaygroundLadder.noise) }
        case .reseed: return change { $0.seed &+= 1 }
        case .cUp: return change { $0.c = Ladder.up($0.c, in: PlaygroundLadder.c) }
        case .cDown: return change { $0.c = Ladder.down($0.c, in: PlaygroundLadder.c) }
        case .toggleMethod(let index):
            guard index >= 0, index < ToyMethod.allCases.count else { return .none }
            let method = ToyMethod.allCases[index]
            return change { inputs in
                if inputs.methods.contains(method) {
                    inputs.methods.removeAll { $0 == method }
                } else {
                    inputs.methods = ToyMethod.allCases.filter { inputs.methods.contains($0) || $0 == method }
                }
            }
        case .nextMap: inputs.mapLoss = inputs.mapLoss.next
        case .nextStart: return selectStart(display.selectedStart + 1)
        case .previousStart: return selectStart(display.selectedStart - 1)
        case .openInner: openInner()
        case .resetStarts:
            guard inputs.starts.count > ToyStarts.all.count else {
                display.message = "only the papers' three starts are shown"; return .none
            }
            return change { $0.starts = Array($0.starts.prefix(ToyStarts.all.count)) }
        }
        return .none
    }

    /// Applies a mouse event: a click on the map adds a start there, a click on the slider jumps.
    mutating func handle(_ mouse: MouseEvent) -> Command<PlaygroundMessage> {
        guard mouse.kind == .press, !display.showingHelp else { return .none }
        let layout = PlaygroundLayout(width: display.size.width, height: display.size.height)
        guard layout.fits else { return .none }
        if let x = PlaygroundMapPanel.point(atColumn: mouse.x, row: mouse.y, layout: layout) {
            return addStart(x)
        }
        if let step = PlaygroundSlider.step(atColumn: mouse.x, row: mouse.y, area: layout.slider, steps: inputs.steps) {
            return setStep(step)
        }
        return .none
    }

    /// Adds a start point (the oldest added one goes when there are already `maxStarts`).
    mutating func addStart(_ x: SIMD2<Double>) -> Command<PlaygroundMessage> {
        let command = change { inputs in
            if inputs.starts.count >= PlaygroundInputs.maxStarts { inputs.starts.remove(at: ToyStarts.all.count) }
            inputs.starts.append(x)
        }
        display.message =
            "start (\(NumberText.compact(x.x)), \(NumberText.compact(x.y))) added: \(inputs.methods.count) more runs (X removes added starts)"
        return command
    }

    /// Shows step k (clamped to the run).
    mutating func setStep(_ k: Int) -> Command<PlaygroundMessage> {
        display.step = min(max(k, 0), inputs.steps - 1)
        return display.playing ? .none : verdictsCommand()
    }

    /// Selects the start whose `sdmgrad` run the weights panel shows.
    mutating func selectStart(_ index: Int) -> Command<PlaygroundMessage> {
        let n = inputs.starts.count
        display.selectedStart = ((index % n) + n) % n
        let s = inputs.starts[display.selectedStart]
        display.message =
            "weights panel and Enter: sdmgrad from start \(display.selectedStart + 1) (\(NumberText.compact(s.x)), \(NumberText.compact(s.y)))"
        return verdictsCommand()
    }

    /// Asks the app to open the inner explorer on the shown step of the selected `sdmgrad` run.
    mutating func openInner() {
        guard inputs.methods.contains(.sdmgrad) else {
            display.message = "sdmgrad is hidden: press \(ToyMethod.sdmgrad.key) to show it"; return
        }
        guard let (step, input) = shownWeightingInput else {
            display.message = "that step of the sdmgrad run is not computed yet"; return
        }
        let s = inputs.starts[display.selectedStart]
        display.playing = false
        display.request = .openInner(
            input, name: "toy sdmgrad step \(step) from (\(NumberText.compact(s.x)), \(NumberText.compact(s.y)))")
    }

    /// Changes the inputs and recomputes the runs whose settings changed.
    mutating func change(_ edit: (inout PlaygroundInputs) -> Void) -> Command<PlaygroundMessage> {
        var changed = inputs
        edit(&changed)
        guard changed != inputs else { return .none }
        let oldSteps = inputs.steps
        inputs = changed
        if inputs.steps != oldSteps { display.step = inputs.steps - 1 }
        display.selectedStart = min(display.selectedStart, inputs.starts.count - 1)
        return recompute()
    }

    /// Keeps the finished runs whose settings did not change and starts the others in the background.
    mutating func recompute() -> Command<PlaygroundMessage> {
        derived.generation += 1
        let wanted = inputs.allSettings
        let old = derived.runs
        derived.runs = wanted.map { s in old.first { $0.settings == s && $0.isFinished } ?? PlaygroundRun(settings: s) }
        let missing = derived.runs.indices.filter { !derived.runs[$0].isFinished }
        derived.firstPictureMilliseconds = nil
        guard !missing.isEmpty else {
            derived.computing = false
            return .cancel(key: "playground.runs") + verdictsCommand()
        }
        derived.computing = true
        derived.totalMilliseconds = nil
        return PlaygroundTraining.job(
            generation: derived.generation, indices: missing, settings: missing.map { wanted[$0] })
            + verdictsCommand()
    }

    /// Takes a finished computation's result or tick in.
    mutating func receive(_ message: PlaygroundMessage) -> Command<PlaygroundMessage> {
        switch message {
        case .runs(let generation, let updates, let finished, let elapsed):
            guard generation == derived.generation else { return .none }  // a superseded computation
            for (index, run) in updates where index < derived.runs.count && derived.runs[index].settings == run.settings
            {
                derived.runs[index] = run
            }
            if derived.firstPictureMilliseconds == nil { derived.firstPictureMilliseconds = elapsed }
            if finished {
                derived.computing = false
                derived.totalMilliseconds = elapsed
                let first = derived.firstPictureMilliseconds ?? elapsed
                display.message =
                    "\(updates.count) runs computed in \(NumberText.fixed(elapsed / 1000, decimals: 2)) s "
                    + "(first picture after \(Int(first.rounded())) ms)"
                if let failed = derived.runs.first(where: { $0.failure != nil }) {
                    display.message = "\(failed.settings.method.rawValue): \(failed.failure!)"
                }
                return verdictsCommand()
            }
            return .none
        case .verdicts(let settings, let found):
            guard settings == derived.verdictSettings else { return .none }
            derived.verdicts.merge(found) { $1 }
            derived.verdictsPending = false
            return .none
        case .tick:
            guard display.playing else { return .none }
            let stepPerTick = max(1, inputs.steps / 200)
            if display.step < inputs.steps - 1 {
                display.step = min(display.step + stepPerTick, inputs.steps - 1)
                return .after(milliseconds: display.playInterval, .tick, key: PlaygroundMessage.playTimer)
            }
            display.playing = false
            return verdictsCommand()
        }
    }

    /// Starts the verdicts of the selected `sdmgrad` run that the panel needs and does not have.
    mutating func verdictsCommand() -> Command<PlaygroundMessage> {
        guard let run = selectedSDMGradRun, run.isFinished, run.failure == nil else {
            derived.verdictsPending = false
            return .cancel(key: "playground.verdicts")
        }
        if derived.verdictSettings != run.settings {
            derived.verdictSettings = run.settings
            derived.verdicts = [:]
        }
        let needed = PlaygroundVerdicts.wanted(
            recordCount: run.trajectory.count, shown: run.recordIndex(atStep: display.step)
        )
        .filter { derived.verdicts[$0] == nil }
        guard !needed.isEmpty else { derived.verdictsPending = false; return .none }
        derived.verdictsPending = true
        return PlaygroundVerdicts.job(run: run, indices: needed)
    }
}
