import ArgumentParser
import SDMGrad
import TerminalUI

/// The solver knobs shared by every subcommand.
/// `.unconditional` so that `--lambda -1` reaches validation (and its message) instead of "missing value".
struct SolverOptions: ParsableArguments {
    @Option(
        name: .customLong("lambda"), parsing: .unconditional,
        help: "Weight of the preferred direction (>= 0). Default 0.3.")
    var lambda: Double?

    @Option(
        parsing: .unconditional,
        help: "Inner learning rate (> 0). Default: the variant's (\(Variant.defaultLearningRates)).")
    var lr: Double?

    @Option(parsing: .unconditional, help: "Heavy-ball momentum in [0, 1). Default 0.5.")
    var momentum: Double?

    @Option(parsing: .unconditional, help: "Inner iterations per call (>= 1). Default 20.")
    var iters: Int?

    @Option(
        parsing: .unconditional,
        help: "Preference vector w~ as a,b,... (non-negative; torchjd variant only). Default uniform 1/m.")
    var pref: String?

    @Option(help: "The implementation to reproduce.")
    var variant: Variant?

    /// Whether any knob was given on the command line.
    var anyGiven: Bool {
        lambda != nil || lr != nil || momentum != nil || iters != nil || pref != nil || variant != nil
    }

    /// The parsed preference vector, or nil when not given.
    func parsedPref() throws -> [Double]? {
        guard let pref else { return nil }
        var values: [Double] = []
        for part in pref.split(separator: ",", omittingEmptySubsequences: false) {
            let text = part.trimmingCharacters(in: " ")
            guard let x = Double(text), x.isFinite else { throw InputError("--pref: '\(text)' is not a finite number") }
            guard x >= 0 else { throw InputError("--pref entries must be >= 0, got \(text)") }
            values.append(x)
        }
        return values
    }

    /// `base` with every knob given here applied on top.
    func applied(to base: SolverParameters) throws -> SolverParameters {
        var p = base
        if let v = variant {
            if v != p.variant && lr == nil { p.lr = v.defaultLearningRate }
            p.variant = v
        }
        if let lambda { p.lambda = lambda }
        if let lr { p.lr = lr }
        if let momentum { p.momentum = momentum }
        if let iters { p.iters = iters }
        if let pref = try parsedPref() { p.pref = pref }
        try p.validate()
        return p
    }
}

extension Variant {
    /// "torchjd 10, libmtl 5, official 10", from every variant.
    static var defaultLearningRates: String {
        allCases.map {
            "\($0.rawValue) \(NumberText.trimmed(NumberText.plain($0.defaultLearningRate, significant: 4)))"
        }.joined(separator: ", ")
    }
}

extension StringProtocol {
    /// The text without leading and trailing `character`s.
    func trimmingCharacters(in character: Character) -> String {
        String(drop(while: { $0 == character }).reversed().drop(while: { $0 == character }).reversed())
    }
}
