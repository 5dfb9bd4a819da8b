import ArgumentParser
import SDMGrad

#if canImport(Glibc)
    import Glibc
#endif

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

    @Flag(
        name: .customLong("no-matrix"),
        help: "Leave out \"normalized\" (the m x m matrix Â, most of the output at large m).")
    var noMatrix = false

    @Argument(help: "Matrix files (or J1FILE,J2FILE[,J3FILE]), one per call, in order; or one RUN_FOLDER.")
    var files: [String] = []

    func run() throws {
        guard !files.isEmpty else { throw InputError("solve: give at least one MATRIX_FILE") }
        if let folder = files.first(where: RunFolder.isRunFolder) {
            guard files.count == 1 else {
                throw InputError("solve: \(folder) is a run folder; give it alone, without other files")
            }
            return try replay(folder: folder)
        }
        if let folder = files.first(where: FileSystem.isDirectory) {
            throw InputError(
                "\(folder): not a regular file but a folder, and without params.json it is not a run folder; give its stepK-A.npy files instead"
            )
        }
        let parameters = try solver.applied(to: SolverParameters())
        // Every argument is looked at (not read) first, so a FIFO or a typo fails before any output.
        for argument in files {
            let parts = FileSystem.exists(argument) ? [argument] : argument.split(separator: ",").map(String.init)
            for path in parts { try FileSystem.requireRegularFile(path) }
        }
        // One call at a time: read, solve, print, forget (memory holds one call, whatever their number).
        var weighting = SDMGradWeighting(parameters: parameters)
        for (index, argument) in files.enumerated() {
            let input = try CallInput.load(argument: argument)
            let call: WeightingCall
            do {
                call = try weighting(input.a, trace: trace)
            } catch let error as InputError {
                throw error.prefixed(input.label)
            }
            SolveOutput.emit(call: call, index: index + 1, input: input, analyze: analyze, matrix: !noMatrix)
        }
    }

    /// Replays a recorded run: its parameters unless options override them, state carried across
    /// steps; each line is printed as soon as its call is solved.
    func replay(folder: String) throws {
        var weighting: SDMGradWeighting?
        var index = 0
        var previous: RunCall?
        let scanned = try RunFolder.scan(folder) { recorded in
            if weighting == nil {
                weighting = SDMGradWeighting(
                    parameters: try solver.applied(to: try RunParameters.read(folder: folder).0))
            }
            if let previous, RunFolder.startsAfresh(recorded, after: previous) {
                weighting!.reset()
            }
            previous = recorded
            index += 1
            let step = recorded.recorded.step
            let label = "\(folder)/step\(step)-A.npy"
            let input = CallInput(
                a: recorded.batches.a, j1: recorded.batches.j1, j2: recorded.batches.j2,
                j3: recorded.batches.j3, label: label)
            let call: WeightingCall
            do {
                call = try weighting!(input.a, trace: trace)
            } catch let error as InputError {
                throw error.prefixed(label)
            }
            // The run's own fields go last, before the closing brace.
            SolveOutput.emit(
                call: call, index: index, input: input, analyze: analyze, matrix: !noMatrix,
                extra: [("step", "\(step)"), ("recorded_weights", JSONWriter.array(recorded.recorded.weights))])
        }
        if !scanned.skipped.isEmpty {
            let steps = scanned.skipped.map { "\($0.step)" }
            let shown =
                steps.count > 10 ? steps.prefix(10).joined(separator: ", ") + ", ..." : steps.joined(separator: ", ")
            let note =
                "sdmgrad-explorer: note: \(steps.count) recorded step(s) skipped, not replayed (\(shown)): \(scanned.skipped[0].reason)\n"
            _ = Array(note.utf8).withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
    }
}
