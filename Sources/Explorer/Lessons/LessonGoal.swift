import SDMGrad

/// A lesson step's goal: a small predicate on the explorer's state, parsed from a line such as
/// "lambda >= 1", "iteration 3", "verdict converges", "w* edge", "lr below lr_max",
/// "no conflict", "view explain", "guessed", "none", or clauses joined by "and".
///
/// Grammar (words separated by spaces):
///
///     goal     := "none" | clause ("and" clause)*
///     clause   := quantity op number | "iteration" number | "call" number
///               | "verdict" ("converges" | "oscillates" | "diverges")
///               | "w*" ["on"] ("interior" | "boundary" | "edge" | "vertex")
///               | "lr" ("below" | "above") "lr_max" | "no" "conflict"
///               | "view" ("none" | "explain" | "variants" | "sweep" | "calls")
///               | "variant" name | "guessed" | "reached" | "start" "moved" | "edited"
///     quantity := lambda | lr | momentum | iters | iteration | call | calls | rho | lr_max | m
///     op       := ">=" | "<=" | ">" | "<" | "=="
public struct LessonGoal: Equatable, Sendable {
    /// One condition; the goal holds when every clause holds.
    public enum Clause: Equatable, Sendable {
        case compare(quantity: String, op: String, value: Double)
        case verdict(StabilityVerdict)
        case fixedPointFace(String)
        case lrBelowMax(Bool)
        case noConflict
        case view(String)
        case variant(Variant)
        case guessed, reached, startMoved, edited
    }

    /// The clauses (none: Enter advances).
    public let clauses: [Clause]
    /// The goal as written, for the lesson box.
    public let text: String

    /// Whether Enter is the only way on ("none").
    public var isNone: Bool { clauses.isEmpty }

    static let quantities = ["lambda", "lr", "momentum", "iters", "iteration", "call", "calls", "rho", "lr_max", "m"]
    static let operators = [">=", "<=", ">", "<", "=="]

    /// Parses a goal line; the error names what is wrong.
    public static func parse(_ text: String) throws -> LessonGoal {
        let words = text.split(separator: " ").map(String.init)
        if words == ["none"] { return LessonGoal(clauses: [], text: "none") }
        guard !words.isEmpty else { throw InputError("empty goal (write \"none\" for a step Enter ends)") }
        var clauses: [Clause] = []
        var current: [String] = []
        for word in words + ["and"] {
            if word == "and" {
                clauses.append(try clause(current, in: text))
                current = []
            } else {
                current.append(word)
            }
        }
        return LessonGoal(clauses: clauses, text: text)
    }

    private static func clause(_ w: [String], in text: String) throws -> Clause {
        func bad(_ why: String) -> InputError { InputError("goal \"\(text)\": \(why)") }
        guard let head = w.first else { throw bad("an empty clause around \"and\"") }
        if w.count == 3, quantities.contains(head), operators.contains(w[1]) {
            guard let value = Double(w[2]), value.isFinite else { throw bad("\"\(w[2])\" is not a number") }
            return .compare(quantity: head, op: w[1], value: value)
        }
        switch (head, w.count) {
        case ("iteration", 2), ("call", 2):
            guard let value = Int(w[1]), value >= 0 else { throw bad("\"\(w[1])\" is not a whole number") }
            return .compare(quantity: head, op: "==", value: Double(value))
        case ("verdict", 2):
            guard let verdict = StabilityVerdict(rawValue: w[1]) else {
                throw bad("verdict is converges, oscillates or diverges, not \"\(w[1])\"")
            }
            return .verdict(verdict)
        case ("w*", 2), ("w*", 3):
            let face = w.last!
            guard ["interior", "boundary", "edge", "vertex"].contains(face), w.count == 2 || w[1] == "on" else {
                throw bad("write w* interior, w* on boundary, w* on edge or w* on vertex")
            }
            return .fixedPointFace(face)
        case ("lr", 3) where w[2] == "lr_max" && (w[1] == "below" || w[1] == "above"):
            return .lrBelowMax(w[1] == "below")
        case ("no", 2) where w[1] == "conflict": return .noConflict
        case ("view", 2):
            guard (["none"] + LowerView.all.map(\.name)).contains(w[1]) else { throw bad("no lower view \"\(w[1])\"") }
            return .view(w[1])
        case ("variant", 2):
            guard let variant = Variant(rawValue: w[1]) else { throw bad("no variant \"\(w[1])\"") }
            return .variant(variant)
        case ("guessed", 1): return .guessed
        case ("reached", 1): return .reached
        case ("start", 2) where w[1] == "moved": return .startMoved
        case ("edited", 1): return .edited
        default:
            throw bad("cannot read \"\(w.joined(separator: " "))\"; quantities: \(quantities.joined(separator: ", "))")
        }
    }

    /// Whether the goal holds in `state` (a clause on something not yet computed does not).
    public func holds(in state: ExplorerState) -> Bool {
        !clauses.isEmpty && clauses.allSatisfy { Self.holds($0, in: state) }
    }

    static func holds(_ clause: Clause, in state: ExplorerState) -> Bool {
        let analysis = state.analysis
        switch clause {
        case .compare(let quantity, let op, let value):
            guard let x = quantityValue(quantity, in: state) else { return false }
            switch op {
            case ">=": return x >= value
            case "<=": return x <= value
            case ">": return x > value
            case "<": return x < value
            default: return abs(x - value) <= 1e-12 * max(1, abs(value))
            }
        case .verdict(let verdict): return analysis?.fact.verdict == verdict
        case .fixedPointFace(let face):
            guard let support = analysis?.fixedPoint.support.count else { return false }
            switch face {
            case "interior": return support == state.m
            case "boundary": return support < state.m
            case "vertex": return support == 1
            default: return support > 1 && support < state.m
            }
        case .lrBelowMax(let below):
            guard let lrMax = analysis?.stability.lrMax else { return false }
            return below ? state.parameters.lr < lrMax : state.parameters.lr > lrMax
        case .noConflict:
            let a = state.computation.input.a
            for i in 0..<a.rows { for j in 0..<a.columns where i != j && a[i, j] < 0 { return false } }
            return true
        case .view(let name): return state.lowerView.name == name
        case .variant(let variant): return state.parameters.variant == variant
        case .guessed: return state.display.lessons.quiz?.guess != nil
        case .reached: return analysis?.reach?.reached == true
        case .startMoved: return state.inputs.startOverride != nil
        case .edited: return state.hasUnsavedEdits
        }
    }

    /// A quantity's value now, nil while it is not computed.
    static func quantityValue(_ name: String, in state: ExplorerState) -> Double? {
        let p = state.parameters
        switch name {
        case "lambda": return p.lambda
        case "lr": return p.lr
        case "momentum": return p.momentum
        case "iters": return Double(p.iters)
        case "iteration": return Double(state.iteration)
        case "call": return Double(state.computation.shownCall + 1)
        case "calls": return Double(state.computation.calls.count)
        case "rho": return state.analysis?.stability.spectralRadius
        case "lr_max": return state.analysis?.stability.lrMax
        default: return Double(state.m)
        }
    }
}
