import ArgumentParser
import SDMGrad

/// `report`: a recorded run's health (SPEC section 7.2).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Diagnose a recorded training run: per call reached / verdict / recorded sum, a settings map, what to change.",
        discussion: """
            RUN_FOLDER is a folder written by assets/python/sdmgrad_record.py (params.json, calls.jsonl, \
            stepK-A.npy), or a folder of such run folders (one per DDP rank: run/rank0, run/rank1, ...), each \
            reported in turn. Every call is analyzed from the warm start torchjd had (the w recorded for the call \
            before) with the run's parameters; the settings map runs every call again at 25 lrs (1e-4 to 100) \
            for up to 500 iterations and counts the calls that reach their fixed point.
            """)

    @Option(help: "text (a table, the settings map and a diagnosis) or json.")
    var format = OutputFormat.text

    @Option(
        name: .customLong("map-calls"),
        help: "Calls the settings map covers: all, or N evenly spaced (default: all up to calls x m^2 = 4e6).")
    var mapCalls: String?

    @Flag(help: "ASCII glyphs only in the text form.")
    var ascii = false

    @Argument(
        help: ArgumentHelp(
            "The run folder (params.json, calls.jsonl, stepK-A.npy), or a folder of rank run folders.",
            valueName: "RUN_FOLDER"))
    var folder: String

    func run() throws {
        let requested = try ReportCommand.parseMapCalls(mapCalls)
        guard FileSystem.isDirectory(folder) else {
            throw InputError("\(folder): not a folder (report needs a run folder)")
        }
        let ranks = RunFolder.isRunFolder(folder) ? [] : RankFolders.list(folder)
        guard !ranks.isEmpty else { return try reportOne(folder, requested) }
        // A DDP run: one run folder per rank, each reported on its own, clearly separated.
        if format == .json { print("{\"runs\":[", terminator: "") }
        for (k, rank) in ranks.enumerated() {
            if format == .json {
                print((k > 0 ? "," : "") + "{\"folder\":" + JSONWriter.string(rank) + ",\"report\":", terminator: "")
            } else {
                print((k > 0 ? "\n" : "") + "=== \(rank) (\(k + 1) of \(ranks.count) rank folders in \(folder)) ===")
            }
            try reportOne(rank, requested)
            if format == .json { print("}", terminator: "") }
        }
        if format == .json { print("]}") }
    }

    /// Reports one run folder.
    private func reportOne(_ path: String, _ requested: MapCalls) throws {
        // The folder is read without keeping its matrices, then again call by call (memory independent of the calls).
        let run = try RunOutline.read(path)
        let bar = ProgressBar(label: "report")
        let report = try RunReport(outline: run, mapCalls: requested) { bar.update($0) }
        bar.finish()
        print(format == .json ? ReportJSON.document(report) : ReportText.render(report, run: run, ascii: ascii))
    }

    /// `--map-calls all|N`.
    static func parseMapCalls(_ text: String?) throws -> MapCalls {
        guard let text else { return .automatic }
        if text == "all" { return .all }
        guard let n = Int(text), n >= 1 else {
            throw InputError("--map-calls must be all or a whole number >= 1, got '\(text)'")
        }
        return .count(n)
    }
}

/// The JSON form of a report, with SPEC section 7.2's fields.
enum ReportJSON {
    static func document(_ report: RunReport) -> String {
        let calls = report.calls.map { call -> String in
            var json = JSONWriter()
            json.field("step", raw: "\(call.step)")
            json.field("verdict", raw: call.verdict.map { JSONWriter.string($0.rawValue) } ?? "null")
            if call.fact.estimated { json.field("estimated", raw: "true") }
            // null when unverified (no w* to speak of) and lr_max null at a vertex (any lr).
            json.field("spectral_radius", raw: call.verdict == nil ? "null" : JSONWriter.number(call.spectralRadius))
            json.field("lr_max", raw: call.verdict == nil ? "null" : JSONWriter.number(call.lrMax))
            json.field("fixed_point_verified", raw: call.fact.fixedPointVerified ? "true" : "false")
            json.field("reached", raw: call.reach.reached ? "true" : "false")
            json.field("output_residual", raw: JSONWriter.number(call.reach.outputResidual))
            json.field("iterations_needed", raw: call.reach.iterationsNeeded.map(String.init) ?? "null")
            json.field("vertex", raw: call.vertex ? "true" : "false")
            json.field("winner", raw: "\(call.winner + 1)")
            json.field("flip", raw: call.flip ? "true" : "false")
            json.field("distance_to_fixed_point", raw: JSONWriter.number(call.distanceToFixedPoint))
            json.field("replay_difference", raw: JSONWriter.number(call.replayDifference))
            json.field("recorded_sum", raw: JSONWriter.number(call.recorded.sum))
            json.field("recorded_off_simplex", raw: call.recorded.offSimplex ? "true" : "false")
            if call.recorded.offSimplex {
                json.field("cause", raw: call.recorded.cause.map { JSONWriter.string($0.rawValue) } ?? "null")
            }
            if call.diverged { json.field("diverged", raw: "true") }
            return json.object()
        }
        let s = report.summary
        var summary = JSONWriter()
        summary.field("calls", raw: "\(s.calls)")
        summary.field("converges", raw: "\(s.converges)")
        summary.field("oscillates", raw: "\(s.oscillates)")
        summary.field("diverges", raw: "\(s.diverges)")
        summary.field("unverified", raw: "\(s.unverified)")
        summary.field("estimated", raw: "\(s.estimated)")
        summary.field("reached", raw: "\(s.reached)")
        summary.field("flips", raw: "\(s.flips)")
        summary.field("median_distance", raw: JSONWriter.number(s.medianDistance))
        summary.field("recorded_off_simplex", raw: "\(s.recordedOffSimplex)")
        summary.field("diverged", raw: "\(s.diverged)")
        summary.field("largest_replay_difference", raw: JSONWriter.number(s.largestReplayDifference))
        summary.field("safe_lr", raw: s.safeLR.map(JSONWriter.number) ?? "null")
        summary.field(
            "recommendation",
            raw: s.recommendation.map { r in
                var json = JSONWriter()
                json.field("lr", raw: JSONWriter.number(r.lr))
                json.field("iters", raw: "\(r.iters)")
                json.field("reached", raw: "\(r.reached)")
                json.field("replayed", raw: "\(r.replayed)")
                return json.object()
            } ?? "null")
        let p = report.parameters
        var params = JSONWriter()
        params.field("lambda", raw: JSONWriter.number(p.lambda))
        params.field("lr", raw: JSONWriter.number(p.lr))
        params.field("momentum", raw: JSONWriter.number(p.momentum))
        params.field("iters", raw: "\(p.iters)")
        params.field("pref", raw: p.pref.map(JSONWriter.array) ?? "null")
        var map = JSONWriter()
        map.field("lrs", raw: JSONWriter.array(report.map.lrs))
        map.field("iters", raw: "[" + report.map.iters.map(String.init).joined(separator: ",") + "]")
        map.field(
            "reached",
            raw: "["
                + report.map.reached.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }
                .joined(separator: ",") + "]")
        map.field(
            "map_steps", raw: "[" + report.map.mapped.map { String(report.calls[$0].step) }.joined(separator: ",") + "]"
        )
        var doc = JSONWriter()
        doc.field("params", raw: params.object())
        doc.field("calls", raw: "[" + calls.joined(separator: ",") + "]")
        doc.field("summary", raw: summary.object())
        doc.field("settings_map", raw: map.object())
        doc.field(
            "diagnosis",
            raw: "[" + ReportDiagnosis.sentences(report).map(JSONWriter.string).joined(separator: ",") + "]")
        return doc.object()
    }
}

/// The run folders inside a parent folder (one per DDP rank), in natural order (rank2 before rank10).
enum RankFolders {
    /// The paths of `parent`'s subfolders that are run folders.
    static func list(_ parent: String) -> [String] {
        FileSystem.list(parent).filter { RunFolder.isRunFolder("\(parent)/\($0)") }
            .sorted { ($0.count, $0) < ($1.count, $1) }
            .map { "\(parent)/\($0)" }
    }
}
