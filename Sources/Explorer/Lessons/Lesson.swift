import SDMGrad

/// The panels a lesson step can emphasize (a highlighted border).
public enum LessonPanel: String, CaseIterable, Sendable {
    case geometry, simplex, matrix, state, convergence, lower, header
}

/// Where a lesson starts: a preset (with parameters changed), a folder of calls, or a matrix.
public enum LessonScenario: Equatable, Sendable {
    /// A built-in scenario by name.
    case preset(String)
    /// A folder of stepK-A.npy files under the assets folder (its params.json applies).
    case folder(String)
    /// A bare matrix A.
    case matrix(Matrix)
}

/// One step of a lesson: short text with live numbers, the panels to look at, and a goal.
public struct LessonStep: Equatable, Sendable {
    /// The text, with placeholders such as {lambda} or {w_star} (see `LessonText`).
    public let text: String
    /// The panels whose borders are highlighted.
    public let emphasize: [LessonPanel]
    /// What the student has to reach; the step advances when it holds.
    public let goal: LessonGoal
    /// Whether the step hides w*, the verdict, rho, lr_max and the curve until the student guesses.
    public let quiz: Bool
    /// What to do, in a few words (shown with the goal).
    public let hint: String
}

/// A guided lesson: a scenario and its steps (a file in assets/lessons/).
public struct Lesson: Equatable, Sendable {
    /// The file's name without its number and extension ("weights-and-d").
    public let name: String
    /// The title shown in the list and the box.
    public let title: String
    /// Where the lesson starts.
    public let scenario: LessonScenario
    /// Parameters the lesson sets on top of the scenario's own (lambda, lr, momentum, iters, variant).
    public let parameters: [String: JSONValue]
    /// The steps, in order.
    public let steps: [LessonStep]
}

/// Reads lesson files; a bad file is refused with one line naming the file and the step.
public enum LessonReader {
    /// Parses the bytes of `file` (its name gives the lesson's name).
    public static func parse(_ bytes: [UInt8], file: String) throws -> Lesson {
        let base = String(file.split(separator: "/").last ?? Substring(file))
        let stem = base.hasSuffix(".json") ? String(base.dropLast(5)) : base
        let name = String(stem.drop { $0.isNumber || $0 == "-" })
        func bad(_ why: String) -> InputError { InputError("lesson \(base): \(why)") }
        let root: JSONValue
        do { root = try JSONValue.parse(bytes) } catch { throw bad("\(error)") }
        guard case .string(let title)? = root["title"] else { throw bad("needs a \"title\" string") }
        guard case .object(let members)? = root["scenario"] else { throw bad("needs a \"scenario\" object") }
        var scenario: LessonScenario?
        var parameters: [String: JSONValue] = [:]
        for (key, value) in members {
            switch (key, value) {
            case ("preset", .string(let s)): scenario = .preset(s)
            case ("folder", .string(let s)): scenario = .folder(s)
            case ("matrix", .array(let rows)): scenario = .matrix(try matrix(rows, bad: bad))
            case ("lambda", .number), ("lr", .number), ("momentum", .number), ("iters", .number), ("variant", .string):
                parameters[key] = value
            default:
                throw bad(
                    "scenario key \"\(key)\" is not preset, folder, matrix, lambda, lr, momentum, iters or variant")
            }
        }
        guard let scenario else { throw bad("the scenario needs \"preset\", \"folder\" or \"matrix\"") }
        guard case .array(let stepValues)? = root["steps"], !stepValues.isEmpty else {
            throw bad("needs a non-empty \"steps\" array")
        }
        var steps: [LessonStep] = []
        for (i, value) in stepValues.enumerated() {
            do { steps.append(try step(value)) } catch let error as InputError {
                throw bad("step \(i + 1): \(error.message)")
            }
        }
        return Lesson(name: name, title: title, scenario: scenario, parameters: parameters, steps: steps)
    }

    private static func step(_ value: JSONValue) throws -> LessonStep {
        guard case .string(let text)? = value["text"], !text.isEmpty else {
            throw InputError("needs a \"text\" string")
        }
        guard case .string(let goalText)? = value["goal"] else {
            throw InputError("needs a \"goal\" string (\"none\": Enter advances)")
        }
        let goal = try LessonGoal.parse(goalText)
        var emphasize: [LessonPanel] = []
        if case .array(let names)? = value["emphasize"] {
            for name in names {
                guard case .string(let s) = name, let panel = LessonPanel(rawValue: s) else {
                    throw InputError(
                        "emphasize lists panels: \(LessonPanel.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                emphasize.append(panel)
            }
        }
        var quiz = false
        if case .bool(let q)? = value["quiz"] { quiz = q }
        if quiz, !goal.clauses.contains(.guessed) { throw InputError("a quiz step needs the goal \"guessed\"") }
        var hint = ""
        if case .string(let h)? = value["hint"] { hint = h }
        try LessonText.check(text)
        return LessonStep(text: text, emphasize: emphasize, goal: goal, quiz: quiz, hint: hint)
    }

    private static func matrix(_ rows: [JSONValue], bad: (String) -> InputError) throws -> Matrix {
        let numbers: [[Double]] = try rows.map { row in
            guard case .array(let entries) = row else { throw bad("matrix rows must be arrays") }
            return try entries.map { entry in
                guard case .number(let x) = entry, x.isFinite else {
                    throw bad("matrix entries must be finite numbers")
                }
                return x
            }
        }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0.count == numbers.count }) else {
            throw bad("the matrix must be square")
        }
        return Matrix(numbers)
    }

    /// The parameters of `base` with the lesson's own on top.
    static func applying(_ overrides: [String: JSONValue], to base: SolverParameters) -> SolverParameters {
        var p = base
        if case .number(let x)? = overrides["lambda"] { p.lambda = x }
        if case .number(let x)? = overrides["lr"] { p.lr = x }
        if case .number(let x)? = overrides["momentum"] { p.momentum = x }
        if case .number(let x)? = overrides["iters"] { p.iters = Int(x) }
        if case .string(let s)? = overrides["variant"], let v = Variant(rawValue: s) { p.variant = v }
        return p
    }
}
