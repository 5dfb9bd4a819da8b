import Runtime
import SDMGrad

/// Writing files: commands that run off the key path and report back with `.saved`; always
/// atomic, never over an existing file, always in `display.saveFolder` under a sanitized name.
extension ExplorerState {
    /// Saves the scenario as edited, with the parameters in force.
    mutating func saveScenario() -> Command<ExplorerMessage> {
        let scenario = inputs.scenarioForSaving
        let base = outputBase(SafeFileName.from(scenario.name) + "-saved")
        return .background(key: "save") { _ in
            do {
                let path = AtomicFile.freshName(base: base, suffix: ".json")
                try AtomicFile.write(ScenarioWriter.json(scenario), to: path)
                return .saved(message: "saved the scenario to \(path)", scenarioSaved: true)
            } catch {
                return .saved(message: "\(error)", scenarioSaved: false)
            }
        }
    }

    /// Exports the shown call's trace (and its analysis) as one JSON line.
    mutating func exportTrace() -> Command<ExplorerMessage> {
        guard let call = computation.call else { display.message = "no trace to export"; return .none }
        let index = computation.shownCall + 1
        let input = computation.input
        let base = outputBase("\(SafeFileName.from(scenario.name))-trace-call\(index)")
        return .background(key: "export") { _ in
            do {
                let path = AtomicFile.freshName(base: base, suffix: ".json")
                let line = CallJSON.line(
                    call: call, index: index, directionJacobian: input.directionJacobian, analyze: true, bounds: .export
                )
                try AtomicFile.write(line + "\n", to: path)
                return .saved(message: "exported the trace of call \(index) to \(path)", scenarioSaved: false)
            } catch {
                return .saved(message: "\(error)", scenarioSaved: false)
            }
        }
    }

    /// The path of an output file named `name` (already sanitized) in the save folder.
    func outputBase(_ name: String) -> String {
        display.saveFolder == "." ? name : "\(display.saveFolder)/\(name)"
    }
}
