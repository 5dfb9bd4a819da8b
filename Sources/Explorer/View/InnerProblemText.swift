import SDMGrad
import TerminalUI

/// What the inner solver solves and when lambda has no effect, in words, for the help, the `x`
/// explanation, the Matrix panel and the note after `+`/`-` (LambdaInvariance has the numbers).
enum InnerProblemText {
    /// ½(w + λw̃)ᵀÂ(w + λw̃), the objective in Â's metric.
    static func objective(_ t: Theme) -> String {
        "\(half(t))(w + \(t.lambda)\(t.wTilde))\(t.transpose)\(t.aHat)(w + \(t.lambda)\(t.wTilde))"
    }

    /// ½‖Jᵀ(w + λw̃)‖², the same objective with the gradients.
    static func gradientForm(_ t: Theme) -> String {
        "\(half(t))\(t.norm)J\(t.transpose)(w + \(t.lambda)\(t.wTilde))\(t.norm)\(t.squared)"
    }

    /// One line for the explanation: the problem when A is symmetric, its stochastic version when not (nil: unknown yet).
    static func problemLine(_ t: Theme, symmetric: Bool?) -> String {
        if symmetric == false {
            return
                "A = J1 J2\(t.transpose) is not symmetric: the steps are stochastic projected heavy-ball descent on \(gradientForm(t))"
        }
        return
            "w* minimizes \(objective(t)) = \(gradientForm(t))/s\(t.squared) on the simplex; the steps are projected heavy-ball descent on it"
    }

    /// The short form for the Matrix panel.
    static func matrixLine(_ t: Theme) -> String { "w* minimizes \(objective(t)) on the simplex" }

    /// The help's paragraph: the problem, the iteration, and the lambda-invariance fact.
    static func help(_ t: Theme) -> String {
        let l = t.lambda, inverse = "\(t.aHat)\(inv(t))1"
        return
            "What w* is. For a symmetric \(t.aHat) = J J\(t.transpose)/s\(t.squared), w* minimizes \(gradientForm(t)) over the simplex "
            + "(in \(t.aHat)'s terms \(objective(t))); g = \(t.aHat)(w + \(l)\(t.wTilde)) is the gradient of the latter and the iteration "
            + "is projected heavy-ball gradient descent on it. For A = J1 J2\(t.transpose) it is the stochastic version. "
            + "When w* is interior, its weights (w* + \(l)\(t.wTilde))/(1 + \(l)) equal \(inverse) / 1\(t.transpose)\(inverse) "
            + "for every \(l) (the KKT conditions give w* + \(l)\(t.wTilde) proportional to \(inverse)): + and - move w*, not its weights; "
            + "\(l) acts only once w* lies on the boundary."
    }

    /// What every column header of the panels means, for the help.
    static func columns(_ t: Theme) -> String {
        "Column headers. Calls view (c): \"#\" the call; \"start w\" the w it started from (the previous call's: "
            + "warm start); \"w after\" the w it ended with, \"V\" when that is a vertex (every other task 0); \"weights\" "
            + "its output, or \"winner\": the task with the largest weight; \"w*\" the fixed point; \"verdict\" whether "
            + "the iteration settles on w* (from its spectral radius); \"\(t.rho)\" that spectral radius (below 1 it settles); "
            + "\"reached\" whether the output is within 1e-3 of w* (its natural residual). Variants view (v): \"scale s\" "
            + "(\(t.aHat) = A / s\(t.squared)); \"\(t.rho), lr_max\" the spectral radius and the largest lr that settles; \"projection\" "
            + "how y goes back onto the simplex. State panel: g, v, y, \(t.tau), w, weights, d, \(t.wTilde) are the "
            + "iteration's steps, as x explains."
    }

    /// The explanation's line on lambda at this state, nil when there is nothing to say (m > 64, Â singular).
    static func invarianceLine(_ t: Theme, invariance: LambdaInvariance?, lambda: Double) -> String? {
        guard let invariance, invariance.interiorBelow > 0 else { return nil }
        let inverse = "\(t.aHat)\(inv(t))1", limit = NumberText.fixed(invariance.interiorBelow, decimals: 2)
        let u = NumberText.list(invariance.weights, decimals: 3, maxItems: 6)
        if invariance.isInterior(lambda: lambda) {
            let range = invariance.interiorBelow.isFinite ? "at every \(t.lambda) < \(limit)" : "at every \(t.lambda)"
            return
                "w* is interior: its weights are \(inverse) / 1\(t.transpose)\(inverse) = \(u) \(range) (KKT: w* + \(t.lambda)\(t.wTilde) \(proportional(t)) \(inverse))"
        }
        return
            "w* is on the boundary (\(t.lambda) >= \(limit)), so \(t.lambda) moves its weights; below \(limit) they stay \(u)"
    }

    static func half(_ t: Theme) -> String { t.unicodeText ? "½" : "1/2 " }
    static func inv(_ t: Theme) -> String { t.unicodeText ? "⁻¹" : "^-1 " }
    static func proportional(_ t: Theme) -> String { t.unicodeText ? "∝" : "~" }
}
