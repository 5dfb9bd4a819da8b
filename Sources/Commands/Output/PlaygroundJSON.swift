import Explorer
import SDMGrad

/// The JSON form of a rendered playground frame: the frame, the settings and where every run is at the shown step.
enum PlaygroundJSON {
    static func document(frame: [String], state: PlaygroundState) -> String {
        let i = state.inputs
        var s = JSONWriter()
        s.field("mode", raw: JSONWriter.string("train"))
        s.field("lambda", raw: JSONWriter.number(i.lambda))
        s.field("lr", raw: JSONWriter.number(i.lr))
        s.field("noise", raw: JSONWriter.number(i.noise))
        s.field("seed", raw: "\(i.seed)")
        s.field("c", raw: JSONWriter.number(i.c))
        s.field("steps", raw: "\(i.steps)")
        s.field("step", raw: "\(state.step)")
        s.field("map", raw: JSONWriter.string(i.mapLoss.rawValue))
        let runs = state.runs.map { run -> String in
            var r = JSONWriter()
            r.field("method", raw: JSONWriter.string(run.settings.method.rawValue))
            r.field("start", raw: JSONWriter.array([run.settings.start.x, run.settings.start.y]))
            if let k = run.recordIndex(atStep: state.step) {
                let record = run.record(k)
                r.field("step", raw: "\(record.step)")
                r.field("x", raw: JSONWriter.array([record.x.x, record.x.y]))
                r.field("losses", raw: JSONWriter.array([record.losses.x, record.losses.y]))
                r.field("weights", raw: JSONWriter.array([record.weights.x, record.weights.y]))
            }
            return r.object()
        }
        s.field("runs", raw: "[" + runs.joined(separator: ",") + "]")
        var doc = JSONWriter()
        doc.field("frame", raw: "[" + frame.map(JSONWriter.string).joined(separator: ",") + "]")
        doc.field("state", raw: s.object())
        return doc.object()
    }
}
