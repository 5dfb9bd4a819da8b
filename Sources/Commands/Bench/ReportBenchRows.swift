import SDMGrad

#if canImport(Glibc)
    import Glibc
#endif

/// `bench`'s report rows: `report` on a seeded run folder (A = J1 J2^T drifting from step to step,
/// recorded by this program's weighting in float64), wall time with the full settings map and the map's share.
enum ReportBenchRows {
    /// (m, calls) measured by default.
    static let sizes = [(m: 3, calls: 300), (m: 64, calls: 100), (m: 256, calls: 50)]

    /// One size's figures (nanoseconds).
    struct Row {
        let m: Int
        let calls: Int
        let load: Double
        let report: Double
        let withoutMap: Double
        let reached: Int
    }

    /// Writes each run under `folder`, then times outlining it (one read) and reporting on it (as `report` does, streamed) (with the map, and with a
    /// one-call map to tell the map's share).
    static func measure(sizes: [(m: Int, calls: Int)] = sizes, folder: String) throws -> [Row] {
        try sizes.map { size in
            let path = "\(folder)/sdmgrad-bench-report-m\(size.m)-\(size.calls)"
            try write(m: size.m, calls: size.calls, to: path)
            defer { remove(path) }
            var t0 = Stopwatch.now()
            let run = try RunOutline.read(path)
            let load = Stopwatch.now() - t0
            t0 = Stopwatch.now()
            let report = try RunReport(outline: run)
            let full = Stopwatch.now() - t0
            t0 = Stopwatch.now()
            _ = try RunReport(outline: run, mapCalls: .count(1))
            let bare = Stopwatch.now() - t0
            return Row(
                m: size.m, calls: size.calls, load: load, report: full, withoutMap: bare,
                reached: report.summary.reached)
        }
    }

    /// A seeded run: J2 = J1 + noise, J1 drifting; the weighting's calls recorded as torchjd's would be.
    static func write(m: Int, calls: Int, to path: String) throws {
        remove(path)
        guard mkdir(path, 0o755) == 0 else { throw InputError("\(path): cannot create the bench's run folder") }
        try AtomicFile.write(
            #"{"lambda":0.3,"lr":10,"momentum":0.5,"iters":20,"pref":null,"source":"bench"}"# + "\n",
            to: "\(path)/params.json")
        let n = max(8, min(2 * m, 256))
        var random = SeededRandom(seed: UInt64(3000 + m))
        var j1 = (0..<(m * n)).map { _ in random.nextNormal() }
        var weighting = SDMGradWeighting()
        var log = ""
        for step in 0..<calls {
            j1 = j1.map { 0.9 * $0 + 0.3 * random.nextNormal() }
            let j2 = j1.map { $0 + 0.8 * random.nextNormal() }
            let a = Matrix(rows: m, columns: n, storage: j1).timesTransposeOf(Matrix(rows: m, columns: n, storage: j2))
            try AtomicFile.write(bytes: NPYWriter.bytes(a), to: "\(path)/step\(step)-A.npy")
            let call = try weighting(a)
            log +=
                "{\"step\":\(step),\"dtype\":\"float64\",\"weights\":\(JSONWriter.array(call.weights)),\"w\":\(JSONWriter.array(call.w))}\n"
        }
        try AtomicFile.write(log, to: "\(path)/calls.jsonl")
    }

    /// `"report":[{"m":3,"calls":300,"report_ns":...,"map_share":0.8,...},...]`.
    static func json(_ rows: [Row]) -> String {
        "\"report\":["
            + rows.map { row in
                "{\"m\":\(row.m),\"calls\":\(row.calls),\"load_ns\":\(Int(row.load)),\"report_ns\":\(Int(row.report)),"
                    + "\"without_map_ns\":\(Int(row.withoutMap)),\"map_share\":\(share(row)),\"reached\":\(row.reached)}"
            }.joined(separator: ",") + "]"
    }

    /// One line per size.
    static func text(_ rows: [Row]) -> [String] {
        guard !rows.isEmpty else { return [] }
        return ["report: seeded run folders (float64), full settings map, both cores"]
            + rows.map { row in
                "  m = \(row.m) x \(row.calls) calls  load \(Stopwatch.describe(row.load))  report \(Stopwatch.describe(row.report))"
                    + "  (the map's share \(Int((share(row) * 100).rounded()))%)"
            }
    }

    /// Removes a bench run folder (its files, then the folder).
    static func remove(_ path: String) {
        for name in FileSystem.list(path) { unlink("\(path)/\(name)") }
        rmdir(path)
    }

    static func share(_ row: Row) -> Double { row.report > 0 ? max(0, 1 - row.withoutMap / row.report) : 0 }
}
