import SDMGrad
import TerminalUI

/// Where the explorer's input came from, which decides what "outer step" and "resample" mean.
public enum InputSource: Equatable, Sendable {
    /// A built-in or user scenario (gradients, Jacobians or a matrix).
    case scenario
    /// A fixed sequence of matrices or Jacobian triples, one call each.
    case sequence
}

/// The whole state of the explorer (the Elm architecture's model).
public struct ExplorerState: Sendable {
    /// The built-in scenarios, for cycling with Tab.
    public var presets: [Scenario]
    /// Index of the preset shown, when a preset is shown.
    public var presetIndex: Int?
    /// The scenario as loaded (for reset).
    public private(set) var originalScenario: Scenario
    /// The scenario shown, with the user's gradient edits.
    public private(set) var scenario: Scenario
    /// Scenario or fixed sequence.
    public let source: InputSource
    /// The fixed sequence of calls (source == .sequence).
    public let sequence: [Batches]
    /// Solver parameters in force.
    public private(set) var parameters: SolverParameters
    /// Noise seed of the first call (stochastic scenarios).
    public private(set) var seed: UInt64
    /// Number of outer steps (calls) so far for a scenario; each draws new batches.
    public private(set) var outerSteps = 1
    /// The inner iteration shown (0 = the start point).
    public private(set) var iteration = 0
    /// Whether the timer steps forward.
    public private(set) var playing = false
    /// The lower view.
    public private(set) var overlay: Overlay = .none
    /// Whether the arrow keys move the selected gradient's tip.
    public private(set) var editing = false
    /// The task whose gradient is selected for editing.
    public private(set) var selectedTask = 0
    /// Whether gradients were edited since the last save.
    public private(set) var hasUnsavedEdits = false
    /// View rotation for 3-D geometry, in radians.
    public private(set) var yaw = 0.6, pitch = 0.35
    /// A one-line message for the status area.
    public var message = ""
    /// Set when the user asked to quit (the program exits).
    public private(set) var wantsToQuit = false
    /// The key waiting to be pressed again to confirm throwing unsaved edits away (q, Tab, R).
    public private(set) var pendingConfirmation: Key?
    /// Terminal size last reported.
    public private(set) var size = (width: 120, height: 40)
    /// The derived numbers.
    public private(set) var computation: Computation
    /// The variants side by side (computed when that view is open).
    public private(set) var variantsComparison: VariantsComparison?
    /// The lambda sweep (computed when that view is open).
    public private(set) var sweep: LambdaSweep?
    /// The analysis of every call (computed when the calls view is open).
    public private(set) var callAnalyses: [Analysis]?

    /// An explorer on a scenario; `presets` are what Tab cycles through.
    public init(scenario: Scenario, presets: [Scenario] = [], presetIndex: Int? = nil) {
        self.presets = presets
        self.presetIndex = presetIndex
        self.originalScenario = scenario
        self.scenario = scenario
        self.source = .scenario
        self.sequence = []
        self.parameters = scenario.parameters
        self.seed = scenario.seed
        self.computation = Computation(batches: [scenario.batches()], parameters: scenario.parameters, shownCall: 0)
    }

    /// An explorer on a fixed sequence of calls (e.g. several `--matrix` files), warm-started in order.
    public init(sequence: [Batches], name: String, parameters: SolverParameters) {
        precondition(!sequence.isEmpty)
        let first = sequence[0]
        var scenario: Scenario
        if let j1 = first.j1, let j2 = first.j2 {
            scenario = Scenario(name: name, j1: j1, j2: j2, j3: first.j3, parameters: parameters)
        } else {
            scenario = Scenario(name: name, matrix: first.a, parameters: parameters)
        }
        if sequence.count > 1 { scenario.title = "\(sequence.count) calls from \(name)" }
        self.presets = []
        self.presetIndex = nil
        self.originalScenario = scenario
        self.scenario = scenario
        self.source = .sequence
        self.sequence = sequence
        self.parameters = parameters
        self.seed = scenario.seed
        self.computation = Computation(batches: sequence, parameters: parameters, shownCall: sequence.count - 1)
    }

    /// Number of tasks.
    public var m: Int { scenario.m }
    /// Number of iterations of the shown call.
    public var iterationCount: Int { parameters.iters }
    /// The trace of the shown call.
    public var trace: Trace? { computation.call?.trace }
    /// w at the shown iteration.
    public var shownW: [Double]? { trace?.w(at: iteration) }
    /// Weights at the shown iteration.
    public var shownWeights: [Double]? { trace?.weights(at: iteration) }
    /// The direction at the shown iteration: J^T weights (full length), or nil for a bare matrix.
    public var shownDirection: [Double]? {
        guard let weights = shownWeights,
              let j = computation.input.directionJacobian else { return nil }
        return j.transposeTimes(weights)
    }
    /// The direction at the shown iteration in the geometry's coordinates.
    public var shownDirectionEmbedded: [Double]? { shownWeights.map { computation.embedding.combine($0) } }

    /// Inputs of every call for the current scenario, seed and outer steps.
    func scenarioBatches() -> [Batches] {
        if source == .sequence { return sequence }
        var batches: [Batches] = []
        var s = scenario
        for step in 0..<outerSteps {
            s.seed = seed &+ UInt64(step)
            batches.append(s.batches())
            if scenario.noise == 0 { break }
        }
        return batches
    }

    /// Recomputes the derived numbers after the inputs or the parameters changed.
    mutating func recompute(showLastCall: Bool = false) {
        let batches = scenarioBatches()
        let shown = showLastCall ? batches.count - 1 : computation.shownCall
        computation = Computation(batches: batches, parameters: parameters, shownCall: shown)
        iteration = min(iteration, parameters.iters)
        refreshViews()
    }

    /// Recomputes what the open lower view needs (and drops what it does not).
    mutating func refreshViews() {
        variantsComparison = overlay == .variants ? VariantsComparison(state: self) : nil
        sweep = overlay == .sweep ? LambdaSweep(state: self) : nil
        callAnalyses = overlay == .calls ? computation.calls.map { Analysis(call: $0) } : nil
    }
}

extension ExplorerState {
    /// Sets the parameters (validated) and recomputes; returns false with a message when invalid.
    @discardableResult
    mutating func setParameters(_ p: SolverParameters) -> Bool {
        do { try p.validate(m: m) } catch {
            message = "\(error)"
            return false
        }
        parameters = p
        recompute()
        return true
    }

    mutating func setIteration(_ k: Int) { iteration = min(max(k, 0), parameters.iters) }
    mutating func setPlaying(_ on: Bool) { playing = on }
    mutating func setOverlay(_ o: Overlay) { overlay = overlay == o ? .none : o; refreshViews() }
    mutating func closeOverlay() { overlay = .none; refreshViews() }
    mutating func setEditing(_ on: Bool) { editing = on }
    mutating func selectTask(_ i: Int) { if i >= 0 && i < m { selectedTask = i } }
    mutating func rotate(yaw dy: Double, pitch dp: Double) {
        yaw += dy
        pitch = min(max(pitch + dp, -1.5), 1.5)
    }
    mutating func setSize(_ w: Int, _ h: Int) { size = (max(w, 0), max(h, 0)) }
    mutating func requestQuit() { wantsToQuit = true }
    mutating func setPendingConfirmation(_ key: Key?) { pendingConfirmation = key }
    mutating func markSaved() { hasUnsavedEdits = false }

    /// Shows another call of the sequence.
    mutating func showCall(_ index: Int) {
        let clamped = min(max(index, 0), computation.calls.count - 1)
        guard clamped != computation.shownCall, clamped >= 0 else { return }
        computation = computation.showing(clamped)
        refreshViews()
    }

    /// One more outer step: new batches, warm-started from the last call's w.
    mutating func outerStep() {
        guard source == .scenario else { showCall(computation.shownCall + 1); return }
        guard scenario.noise > 0 else {
            message = "outer steps draw new batches: this scenario has no noise (one call only)"
            return
        }
        outerSteps += 1
        recompute(showLastCall: true)
    }

    /// New batches from a new seed (stochastic scenarios).
    mutating func resample() {
        guard scenario.noise > 0 else { message = "this scenario has no noise to resample"; return }
        seed &+= 1000
        recompute()
        message = "resampled the batches (seed \(seed))"
    }

    /// Moves the selected task's gradient tip by (dx, dy) in its first two coordinates.
    mutating func nudgeGradient(dx: Double, dy: Double) {
        guard var g = scenario.gradients else {
            message = "only scenarios given by gradients can be edited"
            return
        }
        let i = selectedTask
        let scale = max(g.frobeniusNorm / Double(max(g.rows, 1)).squareRoot(), 1e-3) * 0.05
        g[i, 0] += dx * scale
        if g.columns > 1 { g[i, 1] += dy * scale }
        scenario.gradients = g
        hasUnsavedEdits = true
        recompute()
    }

    /// Switches to preset `index` (keeping nothing of the previous scenario).
    mutating func choosePreset(_ index: Int) {
        guard !presets.isEmpty else { message = "no other presets: the input came from files"; return }
        let i = (index % presets.count + presets.count) % presets.count
        var fresh = ExplorerState(scenario: presets[i], presets: presets, presetIndex: i)
        fresh.size = size
        fresh.overlay = overlay
        self = fresh
        refreshViews()
    }

    /// Back to the scenario as loaded, with its parameters.
    mutating func resetAll() {
        scenario = originalScenario
        parameters = originalScenario.parameters
        seed = originalScenario.seed
        outerSteps = 1
        hasUnsavedEdits = false
        recompute(showLastCall: true)
        message = "reset to the scenario as loaded"
    }

    /// The scenario with the current edits and parameters, as it would be saved.
    public var scenarioForSaving: Scenario {
        var s = scenario
        s.parameters = parameters
        s.seed = seed
        return s
    }
}
