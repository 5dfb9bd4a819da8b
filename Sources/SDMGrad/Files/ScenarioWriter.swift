/// Writes a scenario as JSON that `ScenarioReader` reads back to the identical scenario.
public enum ScenarioWriter {
    /// The scenario's JSON text (numbers in shortest round-trip form).
    public static func json(_ s: Scenario) -> String {
        var json = JSONWriter()
        json.field("name", raw: JSONWriter.string(s.name))
        json.field("title", raw: JSONWriter.string(s.title))
        json.field("description", raw: JSONWriter.string(s.description))
        json.field("tasks", raw: "[" + s.tasks.map(JSONWriter.string).joined(separator: ",") + "]")
        if let g = s.gradients { json.field("gradients", raw: JSONWriter.matrix(g)) }
        if let j1 = s.j1 { json.field("j1", raw: JSONWriter.matrix(j1)) }
        if let j2 = s.j2 { json.field("j2", raw: JSONWriter.matrix(j2)) }
        if let j3 = s.j3 { json.field("j3", raw: JSONWriter.matrix(j3)) }
        if s.gradients == nil && s.j1 == nil, let a = s.matrix { json.field("matrix", raw: JSONWriter.matrix(a)) }
        json.field("noise", raw: JSONWriter.number(s.noise))
        json.field("seed", raw: "\(s.seed)")
        let p = s.parameters
        json.field("lambda", raw: JSONWriter.number(p.lambda))
        json.field("lr", raw: JSONWriter.number(p.lr))
        json.field("momentum", raw: JSONWriter.number(p.momentum))
        json.field("iters", raw: "\(p.iters)")
        json.field("pref", raw: p.pref.map(JSONWriter.array) ?? "null")
        json.field("variant", raw: JSONWriter.string(p.variant.rawValue))
        return json.object() + "\n"
    }
}
