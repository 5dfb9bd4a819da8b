import ArgumentParser
import SDMGrad

/// `solve`: runs the weighting on each file in order (state carried) and prints one JSON object per call.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Run SDMGrad's weighting on matrix files; one JSON line per call, state carried between calls.",
        discussion: """
        Each argument is one call: a square matrix file A (JSON, CSV or .npy), or a Jacobian pair \
        J1FILE,J2FILE (A = J1 J2^T), optionally with a third batch J1FILE,J2FILE,J3FILE, which adds \
        "direction" = J3^T weights to the output. A run folder recorded by assets/python/sdmgrad_record.py \
        (params.json, calls.jsonl, stepK-A.npy) is replayed with its own parameters, which the options \
        override; each line then adds "step" and "recorded_weights".
        """)

    @OptionGroup var solver: SolverOptions

    @Flag(help: "Add every inner iteration (grad, velocity, y, tau, w, weights).")
    var trace = false

    @Flag(help: "Add the fixed point w*, its KKT residual and the stability verdict.")
    var analyze = false

    @Flag(name: .customLong("no-matrix"), help: "Leave out \"normalized\" (the m x m matrix Â, most of the output at large m).")
    var noMatrix = false

    @Argument(help: "Matrix files (or J1FILE,J2FILE[,J3FILE]), one per call, in order; or one RUN_FOLDER.")
    var files: [String] = []

    func run() throws {
        guard !files.isEmpty else { throw InputError("solve: give at least one MATRIX_FILE") }
        if let folder = files.first(where: RunFolder.isRunFolder) {
            guard files.count == 1 else { throw InputError("solve: \(folder) is a run folder; give it alone, without other files") }
            return try replay(run: RunFolder.load(folder))
        }
        if let folder = files.first(where: FileSystem.isDirectory) {
            throw InputError("\(folder): not a regular file but a folder, and without params.json it is not a run folder; give its stepK-A.npy files instead")
        }
        let parameters = try solver.applied(to: SolverParameters())
        let inputs = try files.map(CallInput.load(argument:))
        var weighting = SDMGradWeighting(parameters: parameters)
        var lines: [String] = []
        for (index, input) in inputs.enumerated() {
            let call: WeightingCall
            do {
                call = try weighting(input.a, trace: trace)
            } catch let error as InputError {
                throw error.prefixed(input.label)
            }
            lines.append(SolveOutput.line(call: call, index: index + 1, input: input, analyze: analyze, matrix: !noMatrix))
        }
        print(lines.joined(separator: "\n"))
    }

    /// Replays a recorded run: its parameters unless options override them, state carried across steps.
    func replay(run: RunFolder) throws {
        let parameters = try solver.applied(to: run.parameters)
        var weighting = SDMGradWeighting(parameters: parameters)
        var lines: [String] = []
        let resets = run.stateResets
        for (index, recorded) in run.calls.enumerated() {
            if resets.contains(index) { weighting.reset() }
            let step = recorded.recorded.step
            let label = "\(run.path)/step\(step)-A.npy"
            let input = CallInput(a: recorded.batches.a, j1: recorded.batches.j1, j2: recorded.batches.j2,
                                  j3: recorded.batches.j3, label: label)
            let call: WeightingCall
            do {
                call = try weighting(input.a, trace: trace)
            } catch let error as InputError {
                throw error.prefixed(label)
            }
            let line = SolveOutput.line(call: call, index: index + 1, input: input, analyze: analyze, matrix: !noMatrix)
            // The object is extended with the run's own fields before its closing brace.
            lines.append(String(line.dropLast()) + ",\"step\":\(step),\"recorded_weights\":"
                         + JSONWriter.array(recorded.recorded.weights) + "}")
        }
        print(lines.joined(separator: "\n"))
    }
}
