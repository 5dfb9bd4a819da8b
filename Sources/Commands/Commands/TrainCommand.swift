import ArgumentParser
import Explorer
import SDMGrad
import TerminalUI

/// `train`: the outer loop on the two-task toy (SPEC section 8), headless: JSON lines or a text table.
/// Options are typed (swift-argument-parser rejects what does not parse); `validate()` checks ranges, options
/// that do nothing for the chosen method, and the line count, so a bad value is one line on stderr and exit status 2.
public struct TrainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train on the two-task toy with Adam and one direction method; print every K-th step.",
        discussion: """
            Methods: mean, mgda, pcgrad, cagrad, sdmgrad-toy (the official toy's closed form), sdmgrad \
            (torchjd's stateful weighting on A = J_xi J_xi'^T from two noisy samples, direction from a third). \
            Give negative numbers with '=': --start=-8.5,7.5.
            """)

    @Option(parsing: .unconditional, help: "The direction method.")
    var method = ToyMethod.sdmgrad

    @Option(parsing: .unconditional, help: ArgumentHelp("Start point X1,X2.", valueName: "x1,x2"))
    var start = NumberList([-8.5, 7.5])

    @Option(parsing: .unconditional, help: "Number of steps N (1...\(ToyRunSettings.maxSteps)).")
    var steps = 70000

    @Option(parsing: .unconditional, help: "Adam's learning rate (> 0).")
    var lr = 0.002

    @Option(parsing: .unconditional, help: "Gradient noise s (>= 0): each sample is g + s N(0,1) per entry.")
    var noise = 0.2

    @Option(parsing: .unconditional, help: "Seed of the noise (integer >= 0).")
    var seed: UInt64 = 1

    @Option(
        name: .customLong("lambda"), parsing: .unconditional,
        help: "sdmgrad, sdmgrad-toy: lambda (>= 0). Default 0.3 for sdmgrad, 0.01 for sdmgrad-toy.")
    var lambda: Double?

    @Option(name: .customLong("c"), parsing: .unconditional, help: "cagrad: CAGrad's c (>= 0). Default 0.5.")
    var c: Double?

    @Option(parsing: .unconditional, help: "Print steps 0, K, 2K, ... and the last one.")
    var every = 1000

    @Option(parsing: .unconditional, help: "json (one line per printed step) or text (a table).")
    var format = OutputFormat.json

    @Option(parsing: .unconditional, help: "sdmgrad: the inner solver's variant. Default torchjd.")
    var variant: Variant?

    @Option(
        name: .customLong("inner-lr"), parsing: .unconditional,
        help: "sdmgrad: the inner learning rate (> 0). Default: the variant's.")
    var innerLR: Double?

    @Option(parsing: .unconditional, help: "sdmgrad: the inner momentum in [0, 1). Default 0.5.")
    var momentum: Double?

    @Option(parsing: .unconditional, help: "sdmgrad: inner iterations per step (>= 1). Default 20.")
    var iters: Int?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "sdmgrad: preference vector a,b (non-negative; torchjd variant only). Default 0.5,0.5.", valueName: "a,b"))
    var pref: NumberList?

    @Flag(help: "Open the interactive playground.")
    var interactive = false

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var unrecognized: [String] = []

    /// The options at their defaults (required by ParsableCommand).
    public init() {}

    public mutating func validate() throws {
        if let first = unrecognized.first {
            throw InputError("train: unknown option or argument '\(first.quotedForTrain)'")
        }
        _ = try settings()
    }

    public func run() throws {
        let settings = try settings()
        if interactive { return try TrainInteractive.run(settings: settings) }
        var run = try ToyRun(settings)
        run.finish()
        if let failure = run.failure { throw InputError("train: \(failure.message)") }
        try checkFinite(run)
        // Line by line: a million lines never become one string.
        if format == .json {
            for i in 0..<run.trajectory.count { print(Self.jsonLine(run.trajectory[i])) }
        } else {
            for line in Self.textLines(run) { print(line) }
        }
    }

    /// The settings from the options; throws a one-line InputError naming the bad option.
    public func settings() throws -> ToyRunSettings {
        if !interactive { try checkEffect() }
        var s = ToyRunSettings(method: method)
        guard start.values.count == 2, start.values.allSatisfy(\.isFinite) else {
            throw InputError("--start must be two finite numbers X1,X2, got \(start.values.count) numbers")
        }
        s.start = SIMD2(start.values[0], start.values[1])
        s.steps = try Self.integer(steps, "--steps", range: 1...ToyRunSettings.maxSteps)
        s.lr = try Self.number(lr, "--lr", above: 0)
        s.noise = try Self.number(noise, "--noise", atLeast: 0)
        s.seed = seed
        if let lambda { s.lambda = try Self.number(lambda, "--lambda", atLeast: 0) }
        if let c { s.c = try Self.number(c, "--c", atLeast: 0) }
        s.recordEvery = try Self.integer(every, "--every", range: 1...Int.max)
        let printed = ToyTrajectory.recordCount(stride: s.recordEvery, totalSteps: s.steps)
        guard printed <= Self.maxLines else {
            throw InputError(
                "--every \(s.recordEvery) with \(s.steps) steps would print \(printed) lines; at most \(Self.maxLines) (raise --every)"
            )
        }
        if let variant { s.solver = SolverParameters(variant: variant) }
        if let innerLR { s.solver.lr = try Self.number(innerLR, "--inner-lr", above: 0) }
        if let momentum {
            let value = try Self.number(momentum, "--momentum", atLeast: 0)
            guard value < 1 else {
                throw InputError("--momentum must be in [0, 1), got \(NumberText.short(momentum))")
            }
            s.solver.momentum = value
        }
        if let iters { s.solver.iters = try Self.integer(iters, "--iters", range: 1...Limits.maxIterations) }
        if let pref {
            let values = try pref.values.map { try Self.number($0, "--pref", atLeast: 0) }
            guard values.count == 2 else {
                throw InputError("--pref must have 2 entries (the toy has two tasks), got \(values.count)")
            }
            s.solver.pref = values
        }
        do { try s.validate() } catch let error as InputError { throw InputError("train: \(error.message)") }
        return s
    }

    /// The options given that the chosen method never reads, with the methods that do.
    var ineffective: [(option: String, methods: String)] {
        var out: [(String, String)] = []
        if lambda != nil, !method.usesLambda { out.append(("--lambda", ToyMethod.names(reading: .lambda))) }
        if c != nil, !method.reads(.c) { out.append(("--c", ToyMethod.names(reading: .c))) }
        if !method.reads(.innerSolver) {
            let given = [
                ("--variant", variant != nil), ("--inner-lr", innerLR != nil), ("--momentum", momentum != nil),
                ("--iters", iters != nil), ("--pref", pref != nil),
            ]
            out += given.filter(\.1).map { ($0.0, ToyMethod.names(reading: .innerSolver)) }
        }
        return out
    }

    /// Refuses an option that would be silently ignored by the chosen method.
    func checkEffect() throws {
        guard let first = ineffective.first else { return }
        throw InputError(
            "\(first.option) has no effect with --method \(method.rawValue) (it is read by \(first.methods) only)")
    }

    /// Refuses a run whose values left float64 (an option too large, e.g. --c 1e308), naming the step and the largest option.
    func checkFinite(_ run: ToyRun) throws {
        let t = run.trajectory
        guard
            let bad = (0..<t.count).first(where: { i in
                let r = t[i]
                return ![r.x.x, r.x.y, r.losses.x, r.losses.y, r.direction.x, r.direction.y, r.weights.x, r.weights.y]
                    .allSatisfy(\.isFinite)
            })
        else { return }
        let given: [(String, Double?)] = [
            ("--start", start.values.map(abs).max()), ("--lr", lr), ("--noise", noise),
            ("--lambda", lambda), ("--c", c), ("--inner-lr", innerLR),
        ]
        let largest = given.compactMap { name, value in value.map { (name, $0) } }.max { $0.1 < $1.1 }!
        throw InputError(
            "train: step \(t[bad].step) is not a finite number (the run overflowed float64); "
                + "\(largest.0) \(NumberText.short(largest.1)) is too large")
    }

    /// Most lines one run prints (bounds memory: each kept step costs about 100 bytes).
    static let maxLines = 1_000_000

    /// `x` when finite and >= `atLeast`.
    static func number(_ x: Double, _ name: String, atLeast bound: Double) throws -> Double {
        guard x.isFinite, x >= bound else {
            throw InputError(
                "\(name) must be a finite number >= \(NumberText.short(bound)), got \(NumberText.short(x))")
        }
        return x
    }

    /// `x` when finite and > `above`.
    static func number(_ x: Double, _ name: String, above bound: Double) throws -> Double {
        guard x.isFinite, x > bound else {
            throw InputError(
                "\(name) must be a finite number > \(NumberText.short(bound)), got \(NumberText.short(x))")
        }
        return x
    }

    /// `n` when in `range`.
    static func integer(_ n: Int, _ name: String, range: ClosedRange<Int>) throws -> Int {
        guard range.contains(n) else {
            let bounds =
                range.upperBound == Int.max ? ">= \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            throw InputError("\(name) must be an integer \(bounds), got \(n)")
        }
        return n
    }

    /// SPEC section 8's line for one step: {"step":k,"x":[..],"losses":[..],"direction":[..],"weights":[..]}.
    static func jsonLine(_ r: ToyStepRecord) -> String {
        var json = JSONWriter()
        json.field("step", raw: "\(r.step)")
        json.field("x", raw: JSONWriter.array([r.x.x, r.x.y]))
        json.field("losses", raw: JSONWriter.array([r.losses.x, r.losses.y]))
        json.field("direction", raw: JSONWriter.array([r.direction.x, r.direction.y]))
        json.field("weights", raw: JSONWriter.array([r.weights.x, r.weights.y]))
        return json.object()
    }

    /// A header naming the run, then one table row per printed step.
    static func textLines(_ run: ToyRun) -> [String] {
        let s = run.settings
        var header =
            "train: \(s.method.rawValue) from (\(NumberText.short(s.start.x)), \(NumberText.short(s.start.y))), "
            + "\(s.steps) steps, Adam lr \(NumberText.short(s.lr)), noise \(NumberText.short(s.noise)), seed \(s.seed)"
        // The settings the method reads, from its rules.
        if s.method.reads(.c) { header += ", c \(NumberText.short(s.c))" }
        if s.method.reads(.innerSolver) {
            let p = s.weightingParameters
            header +=
                ", lambda \(NumberText.short(p.lambda)) (\(p.variant.rawValue), inner lr \(NumberText.short(p.lr)), "
                + "momentum \(NumberText.short(p.momentum)), iters \(p.iters))"
        } else if s.method.usesLambda {
            header += ", lambda \(NumberText.short(s.lambda))"
        }
        let columns = ["x1", "x2", "L1", "L2", "d1", "d2", "a1", "a2"]
        var lines = [header, pad("step", to: 9) + columns.map { pad($0, to: 12) }.joined()]
        let t = run.trajectory
        for i in 0..<t.count {
            let r = t[i]
            let values = [r.x.x, r.x.y, r.losses.x, r.losses.y, r.direction.x, r.direction.y, r.weights.x, r.weights.y]
            lines.append(pad(String(r.step), to: 9) + values.map { pad(NumberText.cell($0), to: 12) }.joined())
        }
        let end = run.x
        lines.append(
            "end point after \(s.steps) steps: (\(NumberText.cell(end.x)), \(NumberText.cell(end.y))), "
                + "average loss \(NumberText.cell(ToyProblem.averageLoss(at: end))), Pareto stationarity \(NumberText.cell(ToyParetoSet.stationarity(at: end)))"
        )
        return lines
    }

    /// Four decimals, or scientific beyond 1e5 or below 1e-4.

}

extension String {
    /// At most 80 characters of user text for a one-line message, control characters shown as '?'.
    var quotedForTrain: String {
        let kept = unicodeScalars.prefix(80).map { $0.properties.generalCategory == .control ? "?" : String($0) }
            .joined()
        return unicodeScalars.count > 80 ? kept + "..." : kept
    }
}
