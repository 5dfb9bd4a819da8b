import ArgumentParser
import Explorer
import Runtime
import SDMGrad
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// `bench`: figures for the solver and the explorer's frames (SPEC section 6). Build with `-c release`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the solver per call and the explorer per frame (use a release build).")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(help: "Also write each benchmark matrix A as DIR/bench-mM-A.npy (for assets/bench/compare_torchjd.py).")
    var writeMatrices: String?

    @Option(help: "Seconds to spend measuring each case.")
    var seconds = 0.3

    @Option(help: "Task counts to measure, in 1...\(Limits.maxTasks) (none to skip).")
    var sizes = TaskCounts([2, 3, 8, 64, 512, 2048])

    @Option(help: "Task counts for the explorer rows (none to skip).")
    var explorerSizes = TaskCounts(ExplorerBenchRows.sizes)

    @Option(help: "Task counts for the explorer rows measured with a busy loop on the other core (none to skip).")
    var busySizes = TaskCounts([4096])

    @Option(help: "Task counts for the analysis rows, each >= 2 (e.g. 16,256,1024,4096).")
    var analysisSizes = TaskCounts([])

    @Option(help: "The report rows (m = 3 x 300, 64 x 100, 256 x 50 calls): 'none' skips them.")
    var reportSizes: String?

    @Option(
        help:
            "Also measure time and peak memory of solve, report, --follow and a 100000-iteration explorer on a run of CALLSxM (e.g. 100x1024; writes it under /tmp)."
    )
    var memory: String?

    @Option(help: .hidden)
    var memoryChild: String?  // the --follow workload of a --memory row, in its own process

    mutating func validate() throws {
        guard seconds > 0, seconds <= 60 else { throw InputError("--seconds must be in (0, 60]") }
        if let m = analysisSizes.values.first(where: { $0 < 2 }) {
            throw InputError("--analysis-sizes: \(m) is not a task count in 2...\(Limits.maxTasks)")
        }
        if let reportSizes, reportSizes != "none" {
            throw InputError("--report-sizes: only 'none' is accepted, got '\(reportSizes)'")
        }
    }

    func run() throws {
        if let memoryChild { return try MemoryBenchRows.followChild(folder: memoryChild) }
        let memoryRows =
            try memory.map(MemoryBenchRows.parse).map { try MemoryBenchRows.measure(calls: $0.calls, m: $0.m) } ?? []
        var solverRows: [(m: Int, median: Double, min: Double, weights: [Double])] = []
        for m in sizes.values {
            let a = Self.benchmarkMatrix(m: m)
            if let folder = writeMatrices {
                try AtomicFile.write(bytes: NPYWriter.bytes(a), to: "\(folder)/bench-m\(m)-A.npy", overwrite: true)
            }
            var weighting = SDMGradWeighting()
            var last: [Double] = []
            let figures = Stopwatch.measure(seconds: seconds) {
                weighting.reset()
                last = try! weighting(a).weights
            }
            solverRows.append((m, figures.median, figures.min, last))
        }
        var frameRows: [(size: String, view: Double, key: Double)] = []
        for (w, h) in [(120, 40), (200, 60)] {
            let driver = HeadlessDriver(
                model: ExplorerState(scenario: try PresetLibrary.load().defaultScenario), width: w, height: h)
            driver.settle()
            var previous = driver.frame()
            var changed = 0
            let view = Stopwatch.measure(seconds: seconds) {
                let frame = Frame.render(driver.model, width: w, height: h)
                changed &+= BufferDiff.changes(from: previous, to: frame).count
                previous = frame
            }
            var plus = true
            let key = Stopwatch.measure(seconds: seconds) {
                // Alternating + and - keeps lambda in range; each press re-solves, re-analyzes and redraws.
                driver.input([.key(.character(plus ? "+" : "-"))])
                plus.toggle()
                let frame = driver.frame()
                changed &+= BufferDiff.changes(from: previous, to: frame).count
                previous = frame
            }
            frameRows.append(("\(w)x\(h)", view.median, key.median))
        }
        let toyRows = ToyBenchRows.measure()
        let explorerRows = try ExplorerBenchRows.measure(sizes: explorerSizes.values, folder: "/tmp")
        let busyRows = try ExplorerBenchRows.measure(sizes: busySizes.values, folder: "/tmp", busy: true)
        let analysisRows = AnalysisBenchRows.measure(sizes: analysisSizes.values)
        let reportRows = reportSizes == "none" ? [] : try ReportBenchRows.measure(folder: "/tmp")
        if json {
            let solver = solverRows.map {
                "{\"m\":\($0.m),\"iters\":20,\"median_ns\":\(Int($0.median)),\"min_ns\":\(Int($0.min))}"
            }
            let frames = frameRows.map {
                "{\"size\":\"\($0.size)\",\"view_diff_median_ns\":\(Int($0.view)),\"key_plus_median_ns\":\(Int($0.key))}"
            }
            print(
                "{\"solver\":[\(solver.joined(separator: ","))],\"frames\":[\(frames.joined(separator: ","))],\(ToyBenchRows.json(toyRows)),\(ExplorerBenchRows.json(explorerRows)),\(ExplorerBenchRows.json(busyRows, key: "explorer_busy"))\(analysisRows.isEmpty ? "" : "," + AnalysisBenchRows.json(analysisRows))\(reportRows.isEmpty ? "" : "," + ReportBenchRows.json(reportRows))\(memoryRows.isEmpty ? "" : "," + MemoryBenchRows.json(memoryRows))}"
            )
        } else {
            #if DEBUG
                print("note: this is a debug build; measure with `swift run -c release sdmgrad-explorer bench`")
            #endif
            print("solver: one SDMGradWeighting call (normalize + 20 iterations), A = J1 J2^T, seeded")
            for row in solverRows {
                print(
                    "  m = \(pad(String(row.m), to: 4))   median \(pad(Stopwatch.describe(row.median), to: 10))   min \(pad(Stopwatch.describe(row.min), to: 10))"
                )
            }
            print("explorer: default preset, headless")
            for row in frameRows {
                print(
                    "  \(pad(row.size, to: 7))  view + diff \(pad(Stopwatch.describe(row.view), to: 10))   '+' end to end \(pad(Stopwatch.describe(row.key), to: 10))"
                )
            }
            ToyBenchRows.text(toyRows).forEach { print($0) }
            ExplorerBenchRows.text(explorerRows).forEach { print($0) }
            ExplorerBenchRows.text(busyRows).forEach { print($0) }
            AnalysisBenchRows.text(analysisRows).forEach { print($0) }
            if !memoryRows.isEmpty { MemoryBenchRows.text(memoryRows).forEach { print($0) } }
            ReportBenchRows.text(reportRows).forEach { print($0) }
        }
    }

    /// A = J1 J2^T for seeded random m x n Jacobians (n = max(16, min(4m, 512))).
    static func benchmarkMatrix(m: Int) -> Matrix {
        var random = SeededRandom(seed: UInt64(1000 + m))
        let n = max(16, min(4 * m, 512))
        let j1 = Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { _ in random.nextNormal() })
        let j2 = Matrix(rows: m, columns: n, storage: j1.storage.map { $0 + 0.5 * random.nextNormal() })
        return j1.timesTransposeOf(j2)
    }

}

/// Repeats a body for a while and reports the median and minimum time per run, in nanoseconds.
enum Stopwatch {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) * 1e9 + Double(t.tv_nsec)
    }

    /// Runs `body` for about `seconds` (at least 5 times, after warm-up) in batches sized to the clock's resolution.
    static func measure(seconds: Double, _ body: () -> Void) -> (median: Double, min: Double) {
        for _ in 0..<3 { body() }
        // Batch fast bodies so each sample lasts at least ~20 microseconds.
        let start = now()
        body()
        let single = max(now() - start, 1)
        let batch = max(1, Int(20_000 / single))
        var samples: [Double] = []
        let deadline = now() + seconds * 1e9
        while samples.count < 5 || (now() < deadline && samples.count < 100_000) {
            let t0 = now()
            for _ in 0..<batch { body() }
            samples.append((now() - t0) / Double(batch))
        }
        samples.sort()
        return (samples[samples.count / 2], samples[0])
    }

    /// "850 ns", "12.3 µs", "4.56 ms".
    static func describe(_ ns: Double) -> String {
        if ns < 1e3 { return "\(Int(ns)) ns" }
        if ns < 1e6 { return NumberText.fixed(ns / 1e3, decimals: 2) + " us" }
        return NumberText.fixed(ns / 1e6, decimals: 2) + " ms"
    }
}
