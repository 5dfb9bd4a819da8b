import ArgumentParser
import SDMGrad

/// `report`: a recorded run's health at a glance (SPEC section 7).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarize a recorded training run: per call verdict, flips, distance to w*, replay; safe lr.",
        discussion: """
        RUN_FOLDER is a folder written by assets/python/sdmgrad_record.py (params.json, calls.jsonl, \
        stepK-A.npy). Every call is replayed in float64 with the run's parameters (state carried) and \
        analyzed; safe_lr is the largest lr in [1e-4, 100] at which the whole run converges on every call.
        """)

    @Option(help: "text (a table, a sparkline and a diagnosis) or json.")
    var format = OutputFormat.text

    @Flag(help: "ASCII glyphs only in the text form.")
    var ascii = false

    @Argument(help: ArgumentHelp("The run folder (params.json, calls.jsonl, stepK-A.npy).", valueName: "RUN_FOLDER"))
    var folder: String

    func run() throws {
        guard FileSystem.isDirectory(folder) else { throw InputError("\(folder): not a folder (report needs a run folder)") }
        let run = try RunFolder.load(folder)
        let report = try RunReport(run: run)
        print(format == .json ? ReportJSON.document(report) : ReportText.render(report, run: run, ascii: ascii))
    }
}

/// The JSON form of a report, with exactly SPEC section 7's fields.
enum ReportJSON {
    static func document(_ report: RunReport) -> String {
        let calls = report.calls.map { call -> String in
            var json = JSONWriter()
            json.field("step", raw: "\(call.step)")
            json.field("verdict", raw: JSONWriter.string(call.verdict.rawValue))
            json.field("spectral_radius", raw: JSONWriter.number(call.spectralRadius))
            json.field("lr_max", raw: JSONWriter.number(call.lrMax))    // null: any lr (w* is a vertex)
            json.field("vertex", raw: call.vertex ? "true" : "false")
            json.field("flip", raw: call.flip ? "true" : "false")
            json.field("distance_to_fixed_point", raw: JSONWriter.number(call.distanceToFixedPoint))
            json.field("replay_difference", raw: JSONWriter.number(call.replayDifference))
            return json.object()
        }
        let s = report.summary
        var summary = JSONWriter()
        summary.field("calls", raw: "\(s.calls)")
        summary.field("converges", raw: "\(s.converges)")
        summary.field("oscillates", raw: "\(s.oscillates)")
        summary.field("diverges", raw: "\(s.diverges)")
        summary.field("flips", raw: "\(s.flips)")
        summary.field("median_distance", raw: JSONWriter.number(s.medianDistance))
        summary.field("safe_lr", raw: s.safeLR.map(JSONWriter.number) ?? "null")
        summary.field("largest_replay_difference", raw: JSONWriter.number(s.largestReplayDifference))
        var doc = JSONWriter()
        doc.field("calls", raw: "[" + calls.joined(separator: ",") + "]")
        doc.field("summary", raw: summary.object())
        return doc.object()
    }
}
