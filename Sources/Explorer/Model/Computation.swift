import SDMGrad

/// Everything the view shows that is derived from the inputs and the parameters (recomputed on change only).
public struct Computation: Sendable {
    /// The inputs of every call, in order.
    public let batches: [Batches]
    /// Every call, traced, each warm-started from the previous one's w.
    public let calls: [WeightingCall]
    /// The error that stopped a call (e.g. the official scale is undefined), if any.
    public let failure: String?
    /// Index of the call shown.
    public let shownCall: Int
    /// The picture of the shown call's gradients.
    public let embedding: Embedding
    /// The shown call's fixed point and stability.
    public let analysis: Analysis?
    /// The direction d(w*(lambda)) in embedding coordinates for `curveLambdas` (the lambda curve).
    public let lambdaCurve: [[Double]]
    /// The lambdas of the curve's points, from 0 up (the last point is the preferred direction itself).
    public let curveLambdas: [Double]
    /// Figures of the shown call the panels draw every frame.
    public let summary: CallSummary

    /// Runs every call with `parameters` (each warm-started from the previous w) and analyzes the shown one.
    public init(batches: [Batches], parameters: SolverParameters, shownCall: Int) {
        var weighting = SDMGradWeighting(parameters: parameters)
        var calls: [WeightingCall] = []
        var failure: String?
        for input in batches {
            do { calls.append(try weighting(input.a, trace: true)) } catch {
                failure = "\(error)"
                break
            }
        }
        self.init(batches: batches, calls: calls, failure: failure, shownCall: shownCall)
    }

    /// The same calls with another one shown: only what depends on the shown call is recomputed.
    public func showing(_ index: Int) -> Computation {
        Computation(batches: batches, calls: calls, failure: failure, shownCall: index)
    }

    private init(batches: [Batches], calls: [WeightingCall], failure: String?, shownCall: Int) {
        self.batches = batches
        self.calls = calls
        self.failure = failure
        self.shownCall = min(max(shownCall, 0), max(calls.count - 1, 0))
        let input = batches[min(self.shownCall, batches.count - 1)]
        embedding = input.directionJacobian.map { Embedding(jacobian: $0) } ?? Embedding(matrix: input.a)
        if let call = calls.indices.contains(self.shownCall) ? calls[self.shownCall] : nil {
            analysis = Analysis(call: call)
            // Beyond exact face enumeration the curve would cost seconds per key press.
            if call.m <= FixedPointSolver.enumerationLimit {
                (curveLambdas, lambdaCurve) = Computation.curve(call: call, embedding: embedding)
            } else {
                (curveLambdas, lambdaCurve) = ([], [])
            }
        } else {
            analysis = nil
            curveLambdas = []
            lambdaCurve = []
        }
        summary = CallSummary(a: input.a, call: calls.indices.contains(self.shownCall) ? calls[self.shownCall] : nil,
                              analysis: analysis)
    }

    /// The inputs of the shown call.
    public var input: Batches { batches[min(shownCall, batches.count - 1)] }

    /// The call shown, when it could be computed.
    public var call: WeightingCall? { calls.indices.contains(shownCall) ? calls[shownCall] : nil }

    /// d at w*(lambda) for lambda from 0 to large, ending at the preferred direction J^T w~.
    static func curve(call: WeightingCall, embedding: Embedding) -> ([Double], [[Double]]) {
        var lambdas: [Double] = [0]
        var x = 0.01
        while x <= 1000 { lambdas.append(x); x *= 1.25 }
        let a = call.normalization.matrix
        var points: [[Double]] = []
        var near: [Double]? = nil
        for lambda in lambdas {
            let fp = FixedPointSolver.solve(normalized: a, preference: call.preference, lambda: lambda, near: near)
            near = fp.w
            points.append(embedding.combine(fp.weights))
        }
        lambdas.append(.infinity)
        points.append(embedding.combine(call.preference))
        return (lambdas, points)
    }
}
