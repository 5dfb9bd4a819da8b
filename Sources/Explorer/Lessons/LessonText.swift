import SDMGrad
import TerminalUI

/// A step's text with the state's real numbers in place of its placeholders, e.g. "{lambda}" or
/// "{w_star}". A number not computed yet reads "…"; one the quiz hides reads "?".
public enum LessonText {
    /// Every placeholder a lesson may use.
    public static let names = [
        "lambda", "lr", "momentum", "iters", "iteration", "call", "calls", "m", "variant",
        "w", "w0", "weights", "d", "s", "g", "v", "y", "tau",
        "w_star", "w_star_weights", "rho", "lr_max", "verdict", "distance", "residual",
        "interior_weights", "interior_below", "reached",
    ]
    /// The placeholders a quiz hides until the guess.
    public static let hidden: Set<String> = [
        "w_star", "w_star_weights", "rho", "lr_max", "verdict", "distance", "interior_weights", "interior_below",
        "reached",
    ]

    /// Throws when `text` names a placeholder that does not exist (or leaves a brace open).
    public static func check(_ text: String) throws {
        for name in placeholders(in: text) where !names.contains(name) {
            throw InputError("unknown placeholder {\(name)}; placeholders: \(names.joined(separator: ", "))")
        }
    }

    /// The names between braces in `text`, in order.
    public static func placeholders(in text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { out.append(String(rest[open...])); break }
            out.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    /// `text` with each placeholder replaced by its value in `state`.
    public static func fill(_ text: String, state: ExplorerState, hideAnswers: Bool) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            out += hideAnswers && hidden.contains(name) ? "?" : (value(name, state: state) ?? "…")
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func number(_ x: Double) -> String { NumberText.fit(x, width: 12, precision: .significant(4)) ?? "?" }

    static func vector(_ xs: [Double]) -> String {
        NumberText.vector(xs, width: 60, precision: .decimals(3), maxItems: 6) ?? "[…]"
    }

    /// The value of one placeholder, nil while it is not computed.
    public static func value(_ name: String, state: ExplorerState) -> String? {
        let p = state.parameters
        let k = state.iteration
        let record = k >= 1 ? state.trace?.record(at: k) : nil
        let analysis = state.analysis
        switch name {
        case "lambda": return number(p.lambda)
        case "lr": return number(p.lr)
        case "momentum": return number(p.momentum)
        case "iters": return "\(p.iters)"
        case "iteration": return "\(k)"
        case "call": return "\(state.computation.shownCall + 1)"
        case "calls": return "\(state.computation.calls.count)"
        case "m": return "\(state.m)"
        case "variant": return p.variant.rawValue
        case "w": return state.shownW.map(vector)
        case "w0": return state.trace.map { vector($0.start) }
        case "weights": return state.shownWeights.map(vector)
        case "d": return (state.shownDirection ?? state.shownDirectionEmbedded).map(vector)
        case "s": return state.computation.call.map { number($0.normalization.scale) }
        case "g": return record.map { vector($0.grad) }
        case "v": return record.map { vector($0.velocity) }
        case "y": return record.map { vector($0.y) }
        case "tau": return record.map { number($0.tau) }
        case "w_star": return analysis.map { vector($0.fixedPoint.w) }
        case "w_star_weights": return analysis.map { vector($0.fixedPoint.weights) }
        case "rho": return analysis.map { number($0.stability.spectralRadius) }
        case "lr_max": return analysis.map { number($0.stability.lrMax) }
        case "verdict": return analysis.map { $0.fact.verdict?.rawValue ?? "unverified" }
        case "residual": return analysis.map { number($0.fixedPoint.residual) }
        case "reached": return analysis?.reach.map { $0.reached ? "reached" : "did not reach" }
        case "distance":
            guard let w = state.shownW, let star = analysis?.fixedPoint.w else { return nil }
            return number(zip(w, star).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot())
        case "interior_weights", "interior_below":
            guard let call = state.computation.call, let invariance = LambdaInvariance.compute(call: call) else {
                return "n/a"
            }
            return name == "interior_weights" ? vector(invariance.weights) : number(invariance.interiorBelow)
        default: return nil
        }
    }
}
