/// The JSON line of one weighting call, as `solve` prints it (SPEC section 2) and the explorer
/// exports it: one writer for both.
public enum CallJSON {
    /// What an explorer export keeps at most: Â up to this m (above, "normalized" is left out and
    /// "normalized_omitted" says why), and trace entries up to this many numbers in all (above, the
    /// first iterations and the last one are kept and "trace_cut" says how many of how many).
    /// Without a bound, `t` at m = 4096 wrote 354 MB, nearly all of it Â.
    public struct Bounds: Sendable {
        /// The largest m whose Â is written.
        public var maxMatrixTasks = 256
        /// The most numbers written in the trace.
        public var maxTraceNumbers = 2_000_000
        /// The explorer's export bounds.
        public static let export = Bounds()
    }

    /// One compact JSON object; `direction` (J^T weights) when `directionJacobian` is given; cut to
    /// `bounds` when given (the explorer's export), whole otherwise (`solve`); without `matrix` the
    /// m x m "normalized" field is left out (at m = 1024 it is most of the line).
    public static func line(
        call: WeightingCall, index: Int, directionJacobian: Matrix?, analyze: Bool,
        bounds: Bounds? = nil, matrix: Bool = true
    ) -> String {
        var text = ""
        write(
            call: call, index: index, directionJacobian: directionJacobian, analyze: analyze, bounds: bounds,
            matrix: matrix
        ) { text += $0 }
        return text
    }

    /// The same line handed to `out` in pieces as they are made: Â row by row and the trace entry by entry, so
    /// the line is never whole in memory (at m = 4096 it is 0.3 GB of text). `extra` fields (values already
    /// JSON) go last, before the closing brace.
    public static func write(
        call: WeightingCall, index: Int, directionJacobian: Matrix?, analyze: Bool,
        bounds: Bounds? = nil, matrix: Bool = true, extra: [(key: String, value: String)] = [],
        to out: (String) -> Void
    ) {
        var pending = ""
        func field(_ key: String, raw value: String) {
            pending += (pending.isEmpty ? "{" : ",") + JSONWriter.string(key) + ":" + value
        }
        // A large array: the fields so far go out, then one piece per item.
        func arrayField(_ key: String, count: Int, item: (Int) -> String) {
            field(key, raw: "[")
            out(pending)
            for i in 0..<count { out((i > 0 ? "," : "") + item(i)) }
            pending = "]"
        }
        field("call", raw: "\(index)")
        field("m", raw: "\(call.m)")
        field("variant", raw: JSONWriter.string(call.parameters.variant.rawValue))
        field("scale", raw: JSONWriter.number(call.normalization.scale))
        if let bounds, call.m > bounds.maxMatrixTasks {
            field(
                "normalized_omitted",
                raw: JSONWriter.string(
                    "m = \(call.m) is above \(bounds.maxMatrixTasks): the normalized matrix is A / scale of the input, not repeated here"
                ))
        } else if matrix {
            let normalized = call.normalization.matrix
            arrayField("normalized", count: normalized.rows) { JSONWriter.array(normalized.row($0)) }
        }
        field("weights", raw: JSONWriter.array(call.weights))
        field("w", raw: JSONWriter.array(call.w))
        if let j = directionJacobian {
            field("direction", raw: JSONWriter.array(j.transposeTimes(call.weights)))
        }
        if !(call.weights + call.w).allSatisfy(\.isFinite) {
            field("diverged", raw: "true")
        }
        let analysis = analyze ? Analysis(call: call) : nil
        if let analysis {
            field("fixed_point", raw: JSONWriter.array(analysis.fixedPoint.w))
            field("fixed_point_weights", raw: JSONWriter.array(analysis.fixedPoint.weights))
            field("residual", raw: JSONWriter.number(analysis.fixedPoint.residual))
            field("unique", raw: analysis.fixedPoint.unique.map { $0 ? "true" : "false" } ?? "null")
            let fact = analysis.fact
            field("stability", raw: stabilityObject(analysis.stability, fact: fact))
            // SPEC 7.1: whether the output solved the inner problem, beside the verdict.
            let reach = analysis.reach ?? Reach(call: call, count: fact.verdict == .converges)
            field("fixed_point_verified", raw: fact.fixedPointVerified ? "true" : "false")
            field("reached", raw: reach.reached ? "true" : "false")
            field("output_residual", raw: JSONWriter.number(reach.outputResidual))
            field("iterations_needed", raw: reach.iterationsNeeded.map(String.init) ?? "null")
            if !analysis.otherFixedPoints.isEmpty {
                // Nearest to the solver's w first.
                let others = analysis.otherFixedPoints.map { other -> String in
                    var entry = JSONWriter()
                    entry.field("w", raw: JSONWriter.array(other.w))
                    entry.field("weights", raw: JSONWriter.array(other.weights))
                    entry.field("residual", raw: JSONWriter.number(other.residual))
                    entry.field("stability", raw: stabilityObject(other.stability))
                    return entry.object()
                }
                field("other_fixed_points", raw: "[" + others.joined(separator: ",") + "]")
            }
        }
        let warnings = CallWarnings.of(call: call, analysis: analysis)
        if !warnings.isEmpty {
            field("warnings", raw: "[" + warnings.map(JSONWriter.string).joined(separator: ",") + "]")
        }
        if let trace = call.trace {
            var steps = ArraySlice(trace.steps)
            let keep = bounds.map { max(2, $0.maxTraceNumbers / max(1, 5 * call.m)) } ?? Int.max
            if steps.count > keep, let last = steps.last {
                field(
                    "trace_cut",
                    raw: JSONWriter.string(
                        "iterations 1 to \(keep - 1) and \(last.iteration) of \(trace.count) (bounded export)"))
                steps = steps.prefix(keep - 1) + [last]
            } else if !trace.isComplete {
                // A bounded trace holds its first iterations whole; the others exist as checkpoints only.
                field(
                    "trace_cut",
                    raw: JSONWriter.string("iterations 1 to \(steps.count) of \(trace.count) (bounded trace)"))
            }
            let start = steps.startIndex
            arrayField("trace", count: steps.count) { traceEntry(steps[start + $0]) }
        }
        for (key, value) in extra { field(key, raw: value) }
        out(pending + "}")
    }

    /// `{"spectral_radius", "verdict", "lr_max"}`, plus `"estimated": true` when the face was too large to
    /// decompose exactly.
    /// `fact`: the verdict as far as it is a fact (null when w* is unverified); without it, the verdict as computed.
    public static func stabilityObject(_ stability: Stability, fact: VerdictFact? = nil) -> String {
        var json = JSONWriter()
        json.field("spectral_radius", raw: JSONWriter.number(stability.spectralRadius))
        let verdict = fact.map { $0.verdict } ?? stability.verdict
        json.field("verdict", raw: verdict.map { JSONWriter.string($0.rawValue) } ?? "null")
        json.field("lr_max", raw: JSONWriter.number(stability.lrMax))
        if stability.isEstimate { json.field("estimated", raw: "true") }
        return json.object()
    }

    /// One `trace` entry.
    public static func traceEntry(_ step: IterationRecord) -> String {
        var json = JSONWriter()
        json.field("iter", raw: "\(step.iteration)")
        json.field("grad", raw: JSONWriter.array(step.grad))
        json.field("velocity", raw: JSONWriter.array(step.velocity))
        json.field("y", raw: JSONWriter.array(step.y))
        json.field("tau", raw: JSONWriter.number(step.tau))
        json.field("w", raw: JSONWriter.array(step.w))
        json.field("weights", raw: JSONWriter.array(step.weights))
        return json.object()
    }
}
