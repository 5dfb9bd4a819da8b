/// The JSON line of one weighting call, as `solve` prints it (SPEC section 2) and the explorer
/// exports it: one writer for both.
public enum CallJSON {
    /// One compact JSON object; `direction` (J^T weights) when `directionJacobian` is given; without
    /// `matrix` the m x m "normalized" field is left out (at m = 1024 it is most of the line).
    public static func line(call: WeightingCall, index: Int, directionJacobian: Matrix?, analyze: Bool,
                            matrix: Bool = true) -> String {
        var json = JSONWriter()
        json.field("call", raw: "\(index)")
        json.field("m", raw: "\(call.m)")
        json.field("variant", raw: JSONWriter.string(call.parameters.variant.rawValue))
        json.field("scale", raw: JSONWriter.number(call.normalization.scale))
        if matrix { json.field("normalized", raw: JSONWriter.matrix(call.normalization.matrix)) }
        json.field("weights", raw: JSONWriter.array(call.weights))
        json.field("w", raw: JSONWriter.array(call.w))
        if let j = directionJacobian {
            json.field("direction", raw: JSONWriter.array(j.transposeTimes(call.weights)))
        }
        if !(call.weights + call.w).allSatisfy(\.isFinite) {
            json.field("diverged", raw: "true")
        }
        let analysis = analyze ? Analysis(call: call) : nil
        if let analysis {
            json.field("fixed_point", raw: JSONWriter.array(analysis.fixedPoint.w))
            json.field("fixed_point_weights", raw: JSONWriter.array(analysis.fixedPoint.weights))
            json.field("residual", raw: JSONWriter.number(analysis.fixedPoint.residual))
            json.field("unique", raw: analysis.fixedPoint.unique.map { $0 ? "true" : "false" } ?? "null")
            json.field("stability", raw: stabilityObject(analysis.stability))
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
                json.field("other_fixed_points", raw: "[" + others.joined(separator: ",") + "]")
            }
        }
        let warnings = CallWarnings.of(call: call, analysis: analysis)
        if !warnings.isEmpty {
            json.field("warnings", raw: "[" + warnings.map(JSONWriter.string).joined(separator: ",") + "]")
        }
        if let trace = call.trace {
            json.field("trace", raw: "[" + trace.steps.map(traceEntry).joined(separator: ",") + "]")
        }
        return json.object()
    }

    /// `{"spectral_radius", "verdict", "lr_max"}`, plus `"estimated": true` when the face was too large to
    /// decompose exactly.
    public static func stabilityObject(_ stability: Stability) -> String {
        var json = JSONWriter()
        json.field("spectral_radius", raw: JSONWriter.number(stability.spectralRadius))
        json.field("verdict", raw: JSONWriter.string(stability.verdict.rawValue))
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
