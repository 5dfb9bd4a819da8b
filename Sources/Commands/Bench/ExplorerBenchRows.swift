import Explorer
import Runtime
import SDMGrad
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// `bench`'s explorer rows (SPEC section 6): the explorer on a bare matrix at m in {16, 256, 1024,
/// 4096}, headless through the real loop with its background executor.
enum ExplorerBenchRows {
    /// The figures of one size.
    struct Row {
        let m: Int
        /// Reading the .npy file to the first frame drawn (the process launch excluded).
        let firstFrame: Double
        /// A key (+ or -) to its frame, while the analyses run behind.
        let keyMedian: Double, keyMax: Double
        /// From the first frame until every analysis of it is done.
        let analysis: Double
        /// Whether a busy loop ran on another thread meanwhile (the other core taken, as on a loaded machine).
        var busy = false
    }

    /// The task counts measured.
    static let sizes = [16, 256, 1024, 4096]

    /// Measures each size in `sizes` (the matrix written to `folder` first, then read back).
    static func measure(sizes: [Int] = sizes, folder: String, keys: Int = 30, busy: Bool = false) throws -> [Row] {
        let loop = busy ? BusyLoop() : nil
        defer { loop?.stop() }
        return try sizes.map { m in
            let path = "\(folder)/sdmgrad-bench-explorer-m\(m).npy"
            try AtomicFile.write(bytes: NPYWriter.bytes(BenchCommand.benchmarkMatrix(m: m)), to: path, overwrite: true)
            defer { unlink(path) }
            let t0 = Stopwatch.now()
            let a = try MatrixReader.readSquare(path: path)
            let state = ExplorerState(sequence: [Batches(matrix: a)], name: "bench", parameters: SolverParameters())
            let backend = TestBackend(width: 120, height: 40)
            let program = Program(model: state, backend: backend, executor: BackgroundExecutor())
            program.begin()
            program.drawFrame()
            let firstFrame = Stopwatch.now() - t0
            program.settle()
            let analysis = Stopwatch.now() - t0 - firstFrame
            var times: [Double] = []
            for k in 0..<keys {
                let t = Stopwatch.now()
                program.send(.key(.character(k % 2 == 0 ? "+" : "-")))
                program.deliverMessages()
                program.drawFrame()
                times.append(Stopwatch.now() - t)
            }
            program.settle()
            times.sort()
            return Row(
                m: m, firstFrame: firstFrame, keyMedian: times[times.count / 2], keyMax: times.last!,
                analysis: analysis, busy: busy)
        }
    }

    /// The rows as SPEC section 6's `explorer` array.
    static func json(_ rows: [Row], key: String = "explorer") -> String {
        "\"\(key)\":["
            + rows.map {
                "{\"m\":\($0.m),\"first_frame_ns\":\(Int($0.firstFrame)),\"key_median_ns\":\(Int($0.keyMedian)),"
                    + "\"key_max_ns\":\(Int($0.keyMax)),\"analysis_ns\":\(Int($0.analysis))}"
            }.joined(separator: ",") + "]"
    }

    /// The rows as text lines.
    static func text(_ rows: [Row]) -> [String] {
        guard !rows.isEmpty else { return [] }
        let title =
            rows[0].busy
            ? "explorer with the other core busy (a busy loop on another thread)"
            : "explorer on a bare matrix (read .npy to first frame; a key while analyses run; until every analysis is done)"
        return [title]
            + rows.map { row in
                "  m = \(pad(String(row.m), to: 4))   first frame \(pad(Stopwatch.describe(row.firstFrame), to: 10))"
                    + "   key median \(pad(Stopwatch.describe(row.keyMedian), to: 10)) max \(pad(Stopwatch.describe(row.keyMax), to: 10))"
                    + "   analyses \(pad(Stopwatch.describe(row.analysis), to: 10))"
            }
    }

}
