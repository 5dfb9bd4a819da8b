import SDMGrad
import TerminalUI

/// One entry of the key table (shown under `?` and in the README).
public struct KeyBinding: Sendable {
    /// The keys, as written in the help.
    public let keys: String
    /// What they do.
    public let action: String
}

/// Work that update asks the program to do outside the pure model (file writes).
public enum Effect: Equatable, Sendable {
    /// Save the scenario as edited, with the parameters in force.
    case saveScenario
    /// Export the trace of the shown call.
    case exportTrace
}

/// The pure update function of the explorer: state + message -> new state (+ an effect to run).
public enum Update {
    /// Every key the explorer honours, in help order.
    public static let keyTable: [KeyBinding] = [
        KeyBinding(keys: "n  →", action: "next inner iteration"),
        KeyBinding(keys: "p  ←", action: "previous inner iteration"),
        KeyBinding(keys: "Home  End", action: "first (0) / last iteration"),
        KeyBinding(keys: "space", action: "play / pause stepping"),
        KeyBinding(keys: "+  -", action: "raise / lower lambda (never below 0)"),
        KeyBinding(keys: "L  l", action: "raise / lower the inner lr"),
        KeyBinding(keys: "M  m", action: "raise / lower momentum"),
        KeyBinding(keys: "I  i", action: "more / fewer inner iterations"),
        KeyBinding(keys: "V", action: "next variant: torchjd, libmtl, official"),
        KeyBinding(keys: "Tab  Shift-Tab", action: "next / previous preset"),
        KeyBinding(keys: "e", action: "edit gradients: 1-9 task, arrows move tip"),
        KeyBinding(keys: "[  ]  {  }", action: "rotate the 3-D view (yaw, pitch)"),
        KeyBinding(keys: "o", action: "outer step: new batches, warm start"),
        KeyBinding(keys: "PgUp  PgDn", action: "previous / next call"),
        KeyBinding(keys: "r", action: "resample noisy batches (new seed)"),
        KeyBinding(keys: "x", action: "explain the iteration, formula by formula"),
        KeyBinding(keys: "v", action: "variants side by side"),
        KeyBinding(keys: "w", action: "lambda sweep: output vs fixed point"),
        KeyBinding(keys: "c", action: "calls panel: weights call after call"),
        KeyBinding(keys: "s", action: "save scenario (edits, parameters) as JSON"),
        KeyBinding(keys: "t", action: "export the shown call's trace as JSON"),
        KeyBinding(keys: "R", action: "reset to the scenario as loaded"),
        KeyBinding(keys: "Esc", action: "close the lower view; end editing"),
        KeyBinding(keys: "?", action: "this help (any key closes it)"),
        KeyBinding(keys: "q  Ctrl-C", action: "quit, restoring the terminal"),
    ]

    /// Applies one message; returns the effect the program should run, if any.
    @discardableResult
    public static func apply(_ msg: Msg, to state: inout ExplorerState) -> Effect? {
        switch msg {
        case .resize(let width, let height):
            state.setSize(width, height)
        case .tick:
            guard state.playing else { return nil }
            if state.iteration < state.iterationCount {
                state.setIteration(state.iteration + 1)
            } else {
                state.setPlaying(false)
            }
        case .key(let key):
            return handle(key, state: &state)
        }
        return nil
    }

    /// Records that the scenario was saved (so quitting does not ask).
    public static func markSaved(_ state: inout ExplorerState) { state.markSaved() }

    /// Applies a key press.
    static func handle(_ key: Key, state: inout ExplorerState) -> Effect? {
        let confirmed = state.pendingConfirmation == key
        state.setPendingConfirmation(nil)
        if state.overlay == .help, key != .character("q") {
            state.setOverlay(.help)   // any key closes the help
            return nil
        }
        if state.editing, handleEditing(key, state: &state) { return nil }
        state.message = ""
        // Keys that would throw gradient edits away ask once first.
        let discards: [Key: String] = [.character("q"): "quit", .tab: "switch preset", .backTab: "switch preset",
                                       .character("R"): "reset"]
        if state.hasUnsavedEdits, !confirmed, let verb = discards[key] {
            state.setPendingConfirmation(key)
            state.message = "unsaved gradient edits: press \(key) again to \(verb) without saving, s to save"
            return nil
        }
        var p = state.parameters
        switch key {
        case .character("q"), .ctrl("c"):
            state.requestQuit()
        case .character("n"), .right: state.setIteration(state.iteration + 1)
        case .character("p"), .left: state.setIteration(state.iteration - 1)
        case .home: state.setIteration(0)
        case .end: state.setIteration(state.iterationCount)
        case .character(" "):
            if !state.playing && state.iteration >= state.iterationCount { state.setIteration(0) }
            state.setPlaying(!state.playing)
        case .character("+"), .character("="):
            p.lambda = Ladder.up(p.lambda, in: Ladder.lambda)
            state.setParameters(p)
        case .character("-"), .character("_"):
            p.lambda = Ladder.down(p.lambda, in: Ladder.lambda)   // the ladder starts at 0
            state.setParameters(p)
        case .character("L"): p.lr = Ladder.up(p.lr, in: Ladder.lr); state.setParameters(p)
        case .character("l"): p.lr = Ladder.down(p.lr, in: Ladder.lr); state.setParameters(p)
        case .character("M"): p.momentum = Ladder.up(p.momentum, in: Ladder.momentum); state.setParameters(p)
        case .character("m"): p.momentum = Ladder.down(p.momentum, in: Ladder.momentum); state.setParameters(p)
        case .character("I"): p.iters = Ladder.up(p.iters, in: Ladder.iters); state.setParameters(p)
        case .character("i"): p.iters = Ladder.down(p.iters, in: Ladder.iters); state.setParameters(p)
        case .character("V"):
            let next = p.variant.next
            if p.lr == p.variant.defaultLearningRate { p.lr = next.defaultLearningRate }
            p.variant = next
            if !next.acceptsPreference { p.pref = nil }
            state.setParameters(p)
            state.message = "variant \(next.rawValue), lr \(format(p.lr))"
        case .tab: state.choosePreset((state.presetIndex ?? -1) + 1)
        case .backTab: state.choosePreset((state.presetIndex ?? 1) - 1)
        case .character("e"):
            state.setEditing(true)
            state.message = "editing task \(state.selectedTask + 1): arrows move its tip, 1-9 pick a task, e or Esc ends"
        case .character("["): state.rotate(yaw: -0.15, pitch: 0)
        case .character("]"): state.rotate(yaw: 0.15, pitch: 0)
        case .character("{"): state.rotate(yaw: 0, pitch: -0.15)
        case .character("}"): state.rotate(yaw: 0, pitch: 0.15)
        case .character("o"): state.outerStep()
        case .pageUp: state.showCall(state.computation.shownCall - 1)
        case .pageDown: state.showCall(state.computation.shownCall + 1)
        case .character("r"): state.resample()
        case .character("x"): state.setOverlay(.explain)
        case .character("v"): state.setOverlay(.variants)
        case .character("w"): state.setOverlay(.sweep)
        case .character("c"): state.setOverlay(.calls)
        case .character("?"): state.setOverlay(.help)
        case .character("R"): state.resetAll()
        case .escape: state.closeOverlay()
        case .character("s"):
            // Writing files is an effect: the program runs it, update stays pure.
            return .saveScenario
        case .character("t"):
            return .exportTrace
        default:
            break
        }
        return nil
    }

    /// Keys with a meaning of their own while editing; returns false to fall through.
    static func handleEditing(_ key: Key, state: inout ExplorerState) -> Bool {
        switch key {
        case .character("e"), .escape, .enter:
            state.setEditing(false)
            state.message = "editing ended"
        case .left: state.nudgeGradient(dx: -1, dy: 0)
        case .right: state.nudgeGradient(dx: 1, dy: 0)
        case .up: state.nudgeGradient(dx: 0, dy: 1)
        case .down: state.nudgeGradient(dx: 0, dy: -1)
        case .character(let c) where c.isWholeNumber:
            let i = (c.wholeNumberValue ?? 1) - 1
            state.selectTask(i)
            state.message = "editing task \(state.selectedTask + 1)"
        default:
            return false
        }
        return true
    }
}

/// A compact number for the status and parameter displays.
func format(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded() && abs(x) < 1e6 { return String(Int(x)) }
    return NumberFormat.fixed(x, digits: abs(x) < 0.01 ? 4 : 3)
}
