import Explorer
import Runtime
import SDMGrad
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// `bench --memory CALLSxM`: wall time and peak memory (max RSS) of whole commands on a recorded run
/// of CALLS calls at m tasks (issue 19: memory must not grow with the number of calls). Each row is a
/// child process of this binary, so its peak is its own.
enum MemoryBenchRows {
    /// One measured command.
    struct Row {
        let label: String
        let seconds: Double
        let peakMB: Double
        let status: Int32
    }

    /// Parses "100x1024".
    static func parse(_ text: String) throws -> (calls: Int, m: Int) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let calls = Int(parts[0]), let m = Int(parts[1]), (1...10_000).contains(calls),
            (2...Limits.maxTasks).contains(m)
        else {
            throw InputError(
                "--memory must be CALLSxM with 1 <= CALLS <= 10000 and 2 <= M <= \(Limits.maxTasks), got '\(text.quotedForMessage())'"
            )
        }
        return (calls, m)
    }

    /// Writes the run (float64, A only) under /tmp, measures `solve` and `report` on it, the explorer
    /// taking it as `--follow` does, and the explorer asked for 100000 iterations.
    static func measure(calls: Int, m: Int) throws -> [Row] {
        let folder = "/tmp/sdmgrad-bench-memory-\(getpid())"
        try writeRun(folder: folder, calls: calls, m: m)
        defer { removeRun(folder, calls: calls) }
        let a = "\(folder)/step0-A.npy"
        return [
            run("solve RUN (\(calls) calls, m = \(m))", ["solve", folder]),
            run("report RUN (\(calls) calls, m = \(m))", ["report", folder]),
            run("--follow RUN, explorer on every call", ["bench", "--memory-child", folder]),
            run(
                "render --matrix A --iters 100000 (m = \(m))",
                ["render", "--matrix", a, "--iters", "100000", "--keys", "v"]),
        ]
    }

    /// The `--follow` workload, in the child: the explorer built on the run as `--follow` builds it, following
    /// it until it holds every call, then showing the first call (read back from disk) and the last again.
    static func followChild(folder: String) throws {
        let total = try FileBytes.read("\(folder)/calls.jsonl").filter { $0 == UInt8(ascii: "\n") }.count
        let state = try FollowedRun.explorer(folder: folder, options: try SolverOptions.parse([]))
        let program = Program(
            model: state, backend: TestBackend(width: 120, height: 40), executor: BackgroundExecutor())
        program.begin()
        program.drawFrame()
        // As in the terminal: the analyses of a call replaced by a newer one are cancelled, not waited for.
        while program.model.computation.calls.count < total, program.model.follow?.problem == nil {
            program.deliverMessages()
            if !program.fireDueTimers() { usleep(1000) }
        }
        program.settle()
        for key in ["g", "G"] {
            program.send(.key(.character(Character(key))))
            program.settle()
            program.drawFrame()
        }
    }

    /// Runs this binary with `arguments` (output discarded); its wall time and peak RSS.
    static func run(_ label: String, _ arguments: [String]) -> Row {
        let t0 = Stopwatch.now()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = (["sdmgrad-explorer"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/proc/self/exe", &actions, nil, argv, environ) == 0 else {
            return Row(label: label, seconds: 0, peakMB: 0, status: -1)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return Row(
            label: label, seconds: (Stopwatch.now() - t0) / 1e9, peakMB: Double(usage.ru_maxrss) / 1024,
            status: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }

    /// A recorded run as the recorder writes it: float64 A = J J^T (seeded), uniform weights.
    static func writeRun(folder: String, calls: Int, m: Int) throws {
        mkdir(folder, 0o755)
        try AtomicFile.write(
            #"{"lambda":0.3,"lr":10,"momentum":0.5,"iters":20,"pref":null,"source":"bench"}"# + "\n",
            to: "\(folder)/params.json", overwrite: true)
        var random = SeededRandom(seed: 19)
        let n = 32
        var log = ""
        let uniform = "[" + Array(repeating: "\(1.0 / Double(m))", count: m).joined(separator: ",") + "]"
        for k in 0..<calls {
            let j = Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { _ in random.nextNormal() })
            let a = j.timesTransposeOf(j)
            try AtomicFile.write(bytes: NPYWriter.bytes(a), to: "\(folder)/step\(k)-A.npy", overwrite: true)
            log += "{\"step\":\(k),\"dtype\":\"float64\",\"weights\":\(uniform),\"w\":\(uniform)}\n"
        }
        try AtomicFile.write(log, to: "\(folder)/calls.jsonl", overwrite: true)
    }

    /// Removes the run `writeRun` wrote.
    static func removeRun(_ folder: String, calls: Int) {
        for k in 0..<calls { unlink("\(folder)/step\(k)-A.npy") }
        unlink("\(folder)/params.json")
        unlink("\(folder)/calls.jsonl")
        rmdir(folder)
    }

    /// The rows as text lines.
    static func text(_ rows: [Row]) -> [String] {
        ["memory: whole commands as child processes (wall time, peak RSS)"]
            + rows.map { row in
                "  \(row.label.padding(46))  \(NumberText.fixed(row.seconds, decimals: 2)) s   peak \(Int(row.peakMB.rounded())) MB"
                    + (row.status == 0 ? "" : "   exit \(row.status)")
            }
    }

    /// The rows as JSON (`"memory":[...]`).
    static func json(_ rows: [Row]) -> String {
        "\"memory\":["
            + rows.map {
                "{\"command\":\(JSONWriter.string($0.label)),\"seconds\":\($0.seconds),\"peak_rss_mb\":\(Int($0.peakMB.rounded())),\"status\":\($0.status)}"
            }.joined(separator: ",") + "]"
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
