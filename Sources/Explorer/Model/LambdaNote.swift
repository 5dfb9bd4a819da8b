import SDMGrad
import TerminalUI

/// The status note after `+`/`-` when lambda did not move the weights at w* because w* is
/// interior, or when w* just crossed the boundary where lambda starts (or stops) acting.
extension ExplorerState {
    /// The note for a change of lambda from `old` to the lambda now in force; nil when lambda acts as one expects.
    func lambdaNote(from old: Double) -> String? {
        let new = parameters.lambda
        guard new != old, let call = computation.call, let invariance = LambdaInvariance.compute(call: call) else {
            return nil
        }
        let u = NumberText.list(invariance.weights, decimals: 3, maxItems: 6)
        let limit = NumberText.fixed(invariance.interiorBelow, decimals: 2)
        // The range first: an 80-column status line keeps it, and drops the formula's name.
        let until =
            (invariance.interiorBelow.isFinite ? " until lambda \(limit)" : " at every lambda") + " (A^-1 1 normalized)"
        switch (invariance.isInterior(lambda: old), invariance.isInterior(lambda: new)) {
        case (true, true):
            return "lambda \(NumberText.parameter(new)): w* interior: its weights stay \(u)\(until)"
        case (false, true):
            return "lambda \(NumberText.parameter(new)): w* interior again: weights \(u)\(until)"
        case (true, false):
            return
                "lambda \(NumberText.parameter(new)): w* hit the boundary at lambda \(limit); now lambda moves the weights"
        case (false, false):
            return nil
        }
    }
}
