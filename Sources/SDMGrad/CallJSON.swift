/// The JSON line of one weighting call, as `solve` prints it (SPEC section 2) and the explorer
/// exports it.
public enum CallJSON {
    /// One compact JSON object; `direction` (J^T weights) when `directionJacobian` is given.
    public static func line(call: WeightingCall, index: Int, a: Matrix, directionJacobian: Matrix?, analyze: Bool) -> String {
        var json = JSONWriter()
        json.field("call", raw: "\(index)")
        json.field("m", raw: "\(call.m)")
        json.field("variant", raw: JSONWriter.string(call.parameters.variant.rawValue))
        json.field("scale", raw: JSONWriter.number(call.normalization.scale))
        json.field("normalized", raw: JSONWriter.matrix(call.normalization.matrix))
        json.field("weights", raw: JSONWriter.array(call.weights))
        json.field("w", raw: JSONWriter.array(call.w))
        if let j = directionJacobian {
            json.field("direction", raw: JSONWriter.array(j.transposeTimes(call.weights)))
        }
        if !(call.weights + call.w).allSatisfy(\.isFinite) {
            json.field("diverged", raw: "true")
        }
        if analyze {
            let analysis = Analysis(call: call)
            json.field("fixed_point", raw: JSONWriter.array(analysis.fixedPoint.w))
            json.field("fixed_point_weights", raw: JSONWriter.array(analysis.fixedPoint.weights))
            json.field("residual", raw: JSONWriter.number(analysis.fixedPoint.residual))
            json.field("unique", raw: analysis.fixedPoint.isUnique ? "true" : "false")
            var stability = JSONWriter()
            stability.field("spectral_radius", raw: JSONWriter.number(analysis.stability.spectralRadius))
            stability.field("verdict", raw: JSONWriter.string(analysis.stability.verdict.rawValue))
            stability.field("lr_max", raw: JSONWriter.number(analysis.stability.lrMax))
            json.field("stability", raw: stability.object())
        }
        if let trace = call.trace {
            json.field("trace", raw: "[" + trace.steps.map(traceEntry).joined(separator: ",") + "]")
        }
        return json.object()
    }

    /// One `trace` entry.
    static func traceEntry(_ step: IterationRecord) -> String {
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
