/// Reads scenario files (SPEC section 3) with one-line errors naming the key at fault.
public enum ScenarioReader {
    /// Reads the scenario at `path`; errors are prefixed with the path.
    public static func read(path: String) throws -> Scenario {
        do {
            let bytes = try FileBytes.read(path, limit: Limits.maxTextFileBytes)
            let fallbackName = String(path.split(separator: "/").last ?? "scenario").replacingSuffix(".json")
            return try parse(bytes, fallbackName: fallbackName)
        } catch let error as InputError {
            throw error.prefixed(path)
        }
    }

    /// Parses scenario JSON.
    public static func parse(_ bytes: [UInt8], fallbackName: String = "scenario") throws -> Scenario {
        let json = try JSONValue.parse(bytes)
        guard case .object = json else { throw InputError("a scenario must be a JSON object, found \(json.kindName)") }
        let name = try string(json, "name") ?? fallbackName
        var scenario: Scenario
        if let g = json["gradients"], g != .null {
            let gradients = try MatrixReader.checked(try MatrixReader.fromJSON(g, name: "gradients"))
            scenario = Scenario(name: name, title: name, gradients: gradients)
        } else if let j1 = json["j1"], let j2 = json["j2"], j1 != .null, j2 != .null {
            let first = try MatrixReader.checked(try MatrixReader.fromJSON(j1, name: "j1"))
            let second = try MatrixReader.checked(try MatrixReader.fromJSON(j2, name: "j2"))
            var third: Matrix?
            if let j3 = json["j3"], j3 != .null {
                third = try MatrixReader.checked(try MatrixReader.fromJSON(j3, name: "j3"))
            }
            guard first.rows == second.rows, first.columns == second.columns else {
                throw InputError(
                    "j1 is \(first.rows) x \(first.columns) but j2 is \(second.rows) x \(second.columns); they must have the same shape"
                )
            }
            if let third, third.rows != first.rows || third.columns != first.columns {
                throw InputError("j3 is \(third.rows) x \(third.columns) but j1 is \(first.rows) x \(first.columns)")
            }
            scenario = Scenario(name: name, j1: first, j2: second, j3: third)
        } else if let a = json["matrix"], a != .null {
            let matrix = try MatrixReader.checked(try MatrixReader.fromJSON(a, name: "matrix"))
            guard matrix.isSquare else { throw InputError("matrix is \(matrix.rows) x \(matrix.columns), not square") }
            scenario = Scenario(name: name, matrix: matrix)
        } else {
            throw InputError("a scenario needs \"gradients\", \"j1\" and \"j2\", or \"matrix\"")
        }
        let m = scenario.m
        if let title = try string(json, "title") { scenario.title = title }
        if let description = try string(json, "description") { scenario.description = description }
        if let tasks = json["tasks"], tasks != .null {
            guard case .array(let items) = tasks else { throw InputError("tasks must be an array of names") }
            let names = try items.map { item -> String in
                guard case .string(let s) = item else { throw InputError("tasks must be an array of names") }
                return s
            }
            guard names.count == m else {
                throw InputError("tasks has \(names.count) names but there are m = \(m) tasks")
            }
            scenario.tasks = names
        }
        if let noise = try number(json, "noise") {
            guard noise.isFinite, noise >= 0 else { throw InputError("noise must be >= 0, got \(noise)") }
            guard noise == 0 || scenario.gradients != nil else { throw InputError("noise needs \"gradients\"") }
            scenario.noise = noise
        }
        if let seed = try number(json, "seed") {
            guard seed >= 0, seed < 1.8e19, seed == seed.rounded() else {
                throw InputError("seed must be a whole number >= 0, got \(seed)")
            }
            scenario.seed = UInt64(seed)
        }
        var p = SolverParameters()
        if let v = try string(json, "variant") {
            guard let variant = Variant(rawValue: v) else {
                throw InputError("variant must be \(Variant.names(conjunction: "or")), got '\(v.quotedForMessage())'")
            }
            p = SolverParameters(variant: variant)
        }
        if let x = try number(json, "lambda") { p.lambda = x }
        if let x = try number(json, "lr") { p.lr = x }
        if let x = try number(json, "momentum") { p.momentum = x }
        if let x = try number(json, "iters") {
            guard x == x.rounded(), abs(x) < 1e9 else { throw InputError("iters must be a whole number, got \(x)") }
            p.iters = Int(x)
        }
        if let pref = json["pref"], pref != .null {
            guard case .array(let items) = pref else { throw InputError("pref must be an array of numbers or null") }
            p.pref = try items.map { item -> Double in
                guard case .number(let x) = item else { throw InputError("pref must be an array of numbers or null") }
                return x
            }
        }
        try p.validate(m: m)
        scenario.parameters = p
        return scenario
    }

    static func string(_ json: JSONValue, _ key: String) throws -> String? {
        guard let value = json[key], value != .null else { return nil }
        guard case .string(let s) = value else { throw InputError("\(key) must be a string, found \(value.kindName)") }
        return s
    }

    static func number(_ json: JSONValue, _ key: String) throws -> Double? {
        guard let value = json[key], value != .null else { return nil }
        guard case .number(let x) = value else { throw InputError("\(key) must be a number, found \(value.kindName)") }
        return x
    }
}

extension String {
    /// The string without `suffix` at its end.
    func replacingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
