/// Whether a call's output solved the inner problem (SPEC section 7.1): its natural residual
/// r(w) = max_i |w_i - P(w - Â(w + lambda w~))_i| against `tolerance`, and, when it did not but w* is
/// verified and attracting, how many iterations of the same call would have.
public struct Reach: Equatable, Sendable {
    /// r(w) at or below this is reached.
    public static let tolerance = 1e-3
    /// `iterationsNeeded` is counted up to this many iterations.
    public static let iterationsLimit = 2000

    /// r(w) of the call's output (infinity when it is not finite).
    public let outputResidual: Double
    /// The smallest number of iterations of the same call (same start, same lr) after which r(w) <= tol;
    /// nil when reached, not asked for, or beyond the limit (see `beyondLimit`).
    public let iterationsNeeded: Int?
    /// True when the iterations were counted and 2000 were not enough.
    public let beyondLimit: Bool

    /// Whether the call reached its fixed point.
    public var reached: Bool { outputResidual <= Reach.tolerance }

    /// The reach of a finished call; `count` asks for `iterationsNeeded` (w* verified, rho < 1).
    public init(call: WeightingCall, count: Bool) {
        self.init(normalized: call.normalization.matrix, call: call, count: count)
    }

    /// The same with Â given (it is built once by the caller).
    public init(normalized: Matrix, call: WeightingCall, count: Bool, isCancelled: () -> Bool = { false }) {
        let solver = LaneSolver(normalized: normalized, preference: call.preference, parameters: call.parameters)
        var residual = Double.infinity
        if call.w.allSatisfy(\.isFinite) {
            solver.run(start: call.w, lrs: [call.parameters.lr], iterations: 0) { _, r in
                residual = r[0]; return false
            }
        }
        outputResidual = residual
        guard count, residual > Reach.tolerance else {
            iterationsNeeded = nil
            beyondLimit = false
            return
        }
        var needed: Int?
        solver.run(start: call.start, lrs: [call.parameters.lr], iterations: Reach.iterationsLimit) { k, r in
            if k > 0 && r[0] <= Reach.tolerance { needed = k; return false }
            return r[0].isFinite && (k % 64 != 0 || !isCancelled())
        }
        iterationsNeeded = needed
        beyondLimit = needed == nil && !isCancelled()
    }

    /// The reach with known numbers (tests, a follow-up).
    public init(outputResidual: Double, iterationsNeeded: Int?, beyondLimit: Bool) {
        self.outputResidual = outputResidual
        self.iterationsNeeded = iterationsNeeded
        self.beyondLimit = beyondLimit
    }
}
