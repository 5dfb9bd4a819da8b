import ArgumentParser
import Explorer
import SDMGrad

/// Which input the explorer (or `render`) opens; the same options for both.
struct InputOptions: ParsableArguments {
    @Option(help: "A built-in scenario (see `sdmgrad-explorer presets`). Default: the first preset.")
    var preset: String?

    @Option(help: "A scenario JSON file (SPEC section 3).")
    var scenario: String?

    @Option(
        help:
            "A square matrix A (JSON, CSV or .npy); repeat for a sequence of calls, or give a folder of stepK-A.npy files."
    )
    var matrix: [String] = []

    @Option(help: "Jacobian of the first batch (m x n); repeat with --j2 (and --j3) for a sequence.")
    var j1: [String] = []

    @Option(help: "Jacobian of the second batch: A = J1 J2^T.")
    var j2: [String] = []

    @Option(help: "Jacobian of the third batch, for the direction d = J3^T weights.")
    var j3: [String] = []

    @Option(help: "The folder where s (save) and t (export) write their files. Default: the current folder.")
    var saveDir: String?

    @OptionGroup var solver: SolverOptions

    /// The folder saves and exports go to: `--save-dir` (which must be a folder) or ".". Temporary
    /// files a killed earlier run left there are removed.
    func saveFolder() throws -> String {
        let folder = saveDir ?? "."
        guard FileSystem.isDirectory(folder) else {
            throw InputError("--save-dir \(folder.quotedForMessage(limit: 200)): not a folder")
        }
        AtomicFile.sweepStaleTemporaries(in: folder) { name in
            name.hasSuffix(".json") && (name.contains("-saved") || name.contains("-trace-call"))
        }
        return folder
    }

    /// Builds the explorer's state exactly as the interactive program does.
    func makeState() throws -> ExplorerState {
        let chosen = [preset != nil, scenario != nil, !matrix.isEmpty, !j1.isEmpty || !j2.isEmpty].filter { $0 }.count
        guard chosen <= 1 else { throw InputError("give only one of --preset, --scenario, --matrix, --j1/--j2") }
        if !matrix.isEmpty || !j1.isEmpty || !j2.isEmpty {
            // A run folder brings its own parameters (params.json), options overriding them one by one,
            // and what torchjd returned at each call.
            let isRun = matrix.count == 1 && RunFolder.isRunFolder(matrix[0])
            // A recorded run is outlined (its matrices checked and dropped), then read again a window at a time.
            let run =
                isRun && FileSystem.exists("\(matrix[0])/\(RunFolder.callsFile)") ? try RunOutline.read(matrix[0]) : nil
            let batches =
                try run.map { run in
                    [try RunFolderFollower.reread(folder: run.path, call: run.calls[0])]
                } ?? loadSequence()
            try checkSameSize(run?.sizes ?? batches.map(\.a.rows))
            let base = try run?.parameters ?? (isRun ? RunParameters.read(folder: matrix[0]).0 : SolverParameters())
            let parameters = try solver.applied(to: base)
            if let pref = parameters.pref, pref.count != batches[0].a.rows {
                throw InputError("--pref has \(pref.count) entries but the matrix has m = \(batches[0].a.rows) tasks")
            }
            let name = (matrix.first ?? j1.first ?? "input").split(separator: "/").last.map(String.init) ?? "input"
            guard let run else { return ExplorerState(sequence: batches, name: name, parameters: parameters) }
            let path = run.path, recorded = run.calls
            let calls = CallSequence(count: recorded.count, first: batches[0]) { k in
                try RunFolderFollower.reread(folder: path, call: recorded[k])
            }
            return ExplorerState(calls: calls, name: name, parameters: parameters, recorded: recorded)
        }
        var base: Scenario
        var presets: [Scenario] = []
        var index: Int?
        if let scenario {
            base = try ScenarioReader.read(path: scenario)
        } else {
            let library = try PresetLibrary.load()
            presets = library.scenarios
            index = try preset.map(library.index(of:)) ?? 0
            base = presets[index!]
        }
        if solver.anyGiven {
            base.parameters = try solver.applied(to: base.parameters)
            try base.parameters.validate(m: base.m)
            if let i = index { presets[i] = base }
        }
        return ExplorerState(scenario: base, presets: presets, presetIndex: index)
    }

    /// The calls given by --matrix (files or a folder) or by --j1/--j2/--j3.
    func loadSequence() throws -> [Batches] {
        if !matrix.isEmpty {
            var batches: [Batches] = []
            for path in matrix {
                if FileSystem.isDirectory(path) {
                    batches += try StepFolder.load(path)
                } else {
                    batches.append(Batches(matrix: try MatrixReader.readSquare(path: path)))
                }
            }
            try checkSameSize(batches.map(\.a.rows))
            return batches
        }
        guard j1.count == j2.count, !j1.isEmpty else {
            throw InputError("--j1 and --j2 must be given the same number of times")
        }
        guard j3.isEmpty || j3.count == j1.count else {
            throw InputError("--j3 must be given as many times as --j1, or not at all")
        }
        let batches = try j1.indices.map { i -> Batches in
            let input = try CallInput.load(j1: j1[i], j2: j2[i], j3: j3.isEmpty ? nil : j3[i])
            return Batches(a: input.a, j1: input.j1, j2: input.j2, j3: input.j3)
        }
        try checkSameSize(batches.map(\.a.rows))
        return batches
    }

    func checkSameSize(_ sizes: [Int]) throws {
        guard Set(sizes).count <= 1 else {
            throw InputError("every call of a sequence must have the same m; got \(sizes)")
        }
    }
}
