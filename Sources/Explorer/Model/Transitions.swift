import Runtime
import SDMGrad
import TerminalUI

/// The state changes behind the actions; each returns the background work it starts.
extension ExplorerState {
    /// Sets the parameters (validated) and recomputes; a message instead when invalid.
    mutating func setParameters(_ p: SolverParameters) -> Command<ExplorerMessage> {
        do { try p.validate(m: m) } catch {
            display.message = "\(error)"
            return .none
        }
        inputs.parameters = p
        return recompute(inputChanged: false)
    }

    mutating func setIteration(_ k: Int) { display.iteration = min(max(k, 0), iterationCount) }

    mutating func rotate(yaw dy: Double, pitch dp: Double) {
        display.yaw += dy
        display.pitch = min(max(display.pitch + dp, -1.5), 1.5)
    }

    /// Opens a lower view (or closes it when it is open) and starts what it needs.
    mutating func toggle(_ lowerView: LowerView) -> Command<ExplorerMessage> {
        display.lowerView = display.lowerView == lowerView ? .none : lowerView
        display.scroll = 0
        if display.zoom == .lower { display.zoom = nil }
        centreShownCall()
        return lowerViewJob()
    }

    /// Scrolls the open lower view (or help) by a scroll key (↑ ↓ PgUp PgDn Home End); false when it does not
    /// scroll (nothing longer than the screen is open, or another key).
    mutating func scrollLowerView(by key: Key) -> Bool { scrollLowerView { $0.handle(key) } }

    /// Scrolls the open lower view (or help) by a wheel turn; false when it does not scroll.
    mutating func scrollLowerView(by mouse: MouseEvent) -> Bool { scrollLowerView { $0.handle(mouse) } }

    /// Scrolls the open lower view by what `handle` does to its scroll state; false when nothing scrolled.
    private mutating func scrollLowerView(_ handle: (inout ScrollState) -> Bool) -> Bool {
        let layout = layout(width: display.size.width, height: display.size.height)
        guard layout.fits, let measure = display.lowerView.scroll else { return false }
        var scroll = measure(self, layout)
        guard scroll.canScroll, handle(&scroll) else { return false }
        display.scroll = scroll.offset
        return true
    }

    /// Where the panels go at a size: the frame's layout, the lower view over the whole screen when zoomed.
    public func layout(width: Int, height: Int) -> FrameLayout {
        let frame = FrameLayout(width: width, height: height, m: m)
        return display.zoom == .lower ? frame.zoomingLower() : frame
    }

    /// `z`: the open lower view to the whole screen and back; without one, the next panel (Geometry, Simplex,
    /// Matrix, State, Convergence, then the whole frame again).
    mutating func zoom() {
        if display.lowerView != .none, display.lowerView != .help {
            display.zoom = display.zoom == .lower ? nil : .lower
        } else {
            display.zoom = display.zoom.map { $0.next } ?? .geometry
        }
        display.message =
            display.zoom.map {
                $0 == .lower
                    ? "zoomed: \(display.lowerView.name) (z or Esc: back)"
                    : "zoomed: \($0.rawValue) (z: next panel, Esc: back)"
            } ?? "zoom off"
    }

    /// The calls view lists the shown call in its middle (when it opens).
    mutating func centreShownCall() {
        guard display.lowerView == .calls, let measure = display.lowerView.scroll else { return }
        var scroll = measure(self, layout(width: display.size.width, height: display.size.height))
        scroll.scroll(to: computation.shownCall - scroll.viewport / 2)
        display.scroll = scroll.offset
    }

    /// The calls view scrolls just enough to list the shown call (after PgUp, PgDn, g, G).
    mutating func revealShownCall() {
        guard display.lowerView == .calls, let measure = display.lowerView.scroll else { return }
        var scroll = measure(self, layout(width: display.size.width, height: display.size.height))
        scroll.reveal(computation.shownCall)
        display.scroll = scroll.offset
    }

    /// Shows another call of the sequence.
    mutating func showCall(_ index: Int) -> Command<ExplorerMessage> {
        let clamped = min(max(index, 0), computation.calls.count - 1)
        guard clamped >= 0 else { return .none }
        // The call being read is on its way; any other move ends that read.
        guard clamped != derived.reading else { return .none }
        let cancel = cancelReading()
        guard clamped != computation.shownCall else { return cancel }
        guard computation.holds(clamped) else { return cancel + readCall(clamped) }
        derived.computation = computation.showing(clamped)
        revealShownCall()
        return cancel + restartAnalyses(inputChanged: true)
    }

    /// One more outer step: new batches, warm-started from the last call's w.
    mutating func outerStep() -> Command<ExplorerMessage> {
        guard inputs.source == .scenario else { return showCall(aimedCall + 1) }
        guard scenario.noise > 0 else {
            display.message = "outer steps draw new batches: this scenario has no noise (one call only)"
            return .none
        }
        inputs.outerSteps += 1
        return recompute(showLastCall: true)
    }

    /// New batches from a new seed (stochastic scenarios).
    mutating func resample() -> Command<ExplorerMessage> {
        guard scenario.noise > 0 else { display.message = "this scenario has no noise to resample"; return .none }
        inputs.seed &+= 1000
        let command = recompute()
        display.message = "resampled the batches (seed \(inputs.seed))"
        return command
    }

    /// Moves the selected task's gradient tip by (dx, dy) steps in its first two coordinates.
    mutating func nudgeGradient(dx: Double, dy: Double) -> Command<ExplorerMessage> {
        guard let g = scenario.gradients else {
            display.message = "only scenarios given by gradients can be edited"
            return .none
        }
        let scale = max(g.frobeniusNorm / Double(max(g.rows, 1)).squareRoot(), 1e-3) * 0.05
        return moveGradient(display.selectedTask, by: (dx * scale, dy * scale))
    }

    /// Moves task `i`'s gradient tip by `delta` in its first two coordinates.
    mutating func moveGradient(_ i: Int, by delta: (Double, Double)) -> Command<ExplorerMessage> {
        guard var g = inputs.scenario.gradients, g.rows > i else {
            display.message = "only scenarios given by gradients can be edited"
            return .none
        }
        g[i, 0] += delta.0
        if g.columns > 1 { g[i, 1] += delta.1 }
        inputs.scenario.gradients = g
        inputs.hasUnsavedEdits = true
        return recompute()
    }

    /// Starts the shown call from `w` (a point the user clicked) and replays it.
    mutating func setStart(_ w: [Double]) -> Command<ExplorerMessage> {
        inputs.startOverride = (computation.shownCall, w)
        display.message = "start point w0 = " + NumberText.list(w, decimals: 3, maxItems: 6) + " (R resets)"
        return recompute()
    }

    /// Switches to preset `index` (keeping nothing of the previous scenario but the view's size and lower view).
    mutating func choosePreset(_ index: Int) -> Command<ExplorerMessage> {
        guard !inputs.presets.isEmpty else {
            display.message = "no other presets: the input came from files"; return .none
        }
        let i = (index % inputs.presets.count + inputs.presets.count) % inputs.presets.count
        var fresh = ExplorerState(scenario: inputs.presets[i], presets: inputs.presets, presetIndex: i)
        fresh.display.size = display.size
        fresh.display.lowerView = display.lowerView
        fresh.display.lessons = display.lessons  // lessons: a preset switch keeps the lesson going
        self = fresh
        return restartAnalyses(inputChanged: true)
    }

    /// Back to the scenario as loaded, with its parameters.
    mutating func resetAll() -> Command<ExplorerMessage> {
        inputs.scenario = inputs.originalScenario
        inputs.parameters = inputs.originalScenario.parameters
        inputs.seed = inputs.originalScenario.seed
        inputs.outerSteps = 1
        inputs.hasUnsavedEdits = false
        inputs.startOverride = nil
        let command = recompute(showLastCall: true)
        display.message = "reset to the scenario as loaded"
        return command
    }

    /// The first analyses, for a model just made (the program's start).
    public mutating func start() -> Command<ExplorerMessage> {
        let computation = derived.computation
        let calls: Command<ExplorerMessage> =
            computation.isPending
            ? Self.callsJob(
                batches: computation.batches, parameters: inputs.parameters, shown: computation.shownCall,
                start: inputs.startOverride) : .none
        return restartAnalyses(inputChanged: true) + calls + followMessage(.pollFollowed)
    }
}
