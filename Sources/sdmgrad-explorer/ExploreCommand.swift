import ArgumentParser
import Explorer
import NcursesBackend
import SDMGrad
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The interactive explorer (the default subcommand).
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the interactive explorer (the default).")

    @OptionGroup var input: InputOptions

    @Option(help: "auto, always or never (NO_COLOR also turns colour off).")
    var color = "auto"

    @Flag(help: "ASCII glyphs only.")
    var ascii = false

    @Option(help: "Milliseconds between steps while playing.")
    var stepMilliseconds = 350

    @Flag(help: .hidden)
    var exitAfterFirstFrame = false   // for measuring start-up: launch to first frame on screen

    func run() throws {
        guard let colorMode = ColorMode(rawValue: color) else { throw InputError("--color must be auto, always or never, got '\(color)'") }
        guard stepMilliseconds >= 10, stepMilliseconds <= 60_000 else { throw InputError("--step-milliseconds must be in 10...60000") }
        var state = try input.makeState()
        let terminal: Terminal
        do { terminal = try Terminal.start(colorMode: colorMode, asciiOnly: ascii ? true : nil) } catch let error as TerminalError {
            throw InputError(error.description)
        }
        defer { terminal.stop() }
        let theme = terminal.glyphs == .ascii ? Theme.ascii : Theme.unicode
        var size = terminal.size
        Update.apply(.resize(width: size.width, height: size.height), to: &state)
        var nextTick = Clock.milliseconds() + stepMilliseconds
        while !state.wantsToQuit {
            terminal.draw(Frame.render(state, width: size.width, height: size.height, theme: theme))
            if exitAfterFirstFrame { return }
            let wait = state.playing ? max(0, nextTick - Clock.milliseconds()) : -1
            guard let key = terminal.nextEvent(timeoutMilliseconds: wait) else {
                Update.apply(.tick, to: &state)
                nextTick = Clock.milliseconds() + stepMilliseconds
                continue
            }
            if key == .resize {
                terminal.invalidate()
                size = terminal.size
                Update.apply(.resize(width: size.width, height: size.height), to: &state)
                continue
            }
            if let effect = Update.apply(.key(key), to: &state) { Effects.run(effect, state: &state) }
            // A tick overdue while paused would fire at once on play: start a fresh interval instead.
            if state.playing && nextTick <= Clock.milliseconds() { nextTick = Clock.milliseconds() + stepMilliseconds }
        }
    }
}

/// The effects update asks for: writing files, always atomically and never over an existing file.
enum Effects {
    static func run(_ effect: Effect, state: inout ExplorerState) {
        do {
            switch effect {
            case .saveScenario:
                let path = AtomicFile.freshName(base: state.scenario.name + "-saved", suffix: ".json")
                try AtomicFile.write(ScenarioWriter.json(state.scenarioForSaving), to: path)
                Update.markSaved(&state)
                state.message = "saved the scenario to \(path)"
            case .exportTrace:
                guard let call = state.computation.call else { state.message = "no trace to export"; return }
                let index = state.computation.shownCall + 1
                let path = AtomicFile.freshName(base: "\(state.scenario.name)-trace-call\(index)", suffix: ".json")
                let input = CallInput(a: state.computation.input.a,
                                      j3: state.computation.input.directionJacobian, label: path)
                try AtomicFile.write(SolveOutput.line(call: call, index: index, input: input, analyze: true) + "\n", to: path)
                state.message = "exported the trace of call \(index) to \(path)"
            }
        } catch {
            state.message = "\(error)"
        }
    }
}

/// Monotonic milliseconds.
enum Clock {
    static func milliseconds() -> Int {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
    }
}
