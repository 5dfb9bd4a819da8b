/// The fixed point and its stability for one call's normalized matrix and parameters.
public struct Analysis: Equatable, Sendable {
    /// w* and its residual.
    public let fixedPoint: FixedPoint
    /// Verdict, spectral radius and largest converging lr at w*.
    public let stability: Stability
    /// The other fixed points found (all of them when m <= the enumeration limit; beyond, those reached
    /// from the faces and vertices the solver visited), nearest to the solver's w first.
    public let otherFixedPoints: [OtherFixedPoint]

    /// Analyzes Â with the parameters in force; `near` picks among several fixed points (e.g. the solver's w).
    public init(normalized: Matrix, preference: [Double], parameters: SolverParameters, near: [Double]? = nil) {
        self = Analysis.compute(normalized: normalized, preference: preference, parameters: parameters, near: near)!
    }

    /// Analyzes the normalized matrix of a finished call, choosing the fixed point nearest its w and
    /// looking for others from the faces its iterations visited.
    public init(call: WeightingCall) {
        self = Analysis.compute(call: call)!
    }

    /// `init(call:)`, stoppable and with progress (a fraction in [0, 1]); nil once `isCancelled` returns true.
    public static func compute(
        call: WeightingCall, isCancelled: () -> Bool = { false },
        progress: (Double) -> Void = { _ in }
    ) -> Analysis? {
        let faces = call.m > FixedPointSolver.enumerationLimit ? visitedFaces(call: call) : []
        guard
            var analysis = compute(
                normalized: call.normalization.matrix, preference: call.preference,
                parameters: call.parameters, near: call.w, startFaces: faces,
                iteration: call.parameters, isCancelled: isCancelled, progress: progress)
        else { return nil }
        // Whether the call got there (SPEC 7.1); counting the iterations it needs is bounded (2000 products).
        let count =
            analysis.fact.verdict == .converges && Double(call.m * call.m) * Double(Reach.iterationsLimit) <= 4e9
        analysis.reach = Reach(
            normalized: call.normalization.matrix, call: call, count: count, isCancelled: isCancelled)
        return isCancelled() ? nil : analysis
    }

    /// Whether the analyzed call reached w* (set when the analysis is of a call).
    public private(set) var reach: Reach?

    /// The analysis with extra start faces for the search of other fixed points; nil once cancelled.
    public static func compute(
        normalized: Matrix, preference: [Double], parameters: SolverParameters,
        near: [Double]? = nil, startFaces: [[Int]] = [], iteration: SolverParameters? = nil,
        isCancelled: () -> Bool = { false },
        progress: (Double) -> Void = { _ in }
    ) -> Analysis? {
        guard
            let search = FixedPointSolver.search(
                normalized: normalized, preference: preference, lambda: parameters.lambda,
                near: near, startFaces: startFaces, iteration: iteration,
                isCancelled: isCancelled)
        else { return nil }
        progress(0.5)
        guard
            let stability = Stability.compute(
                normalized: normalized, support: search.fixedPoint.support,
                lr: parameters.lr, momentum: parameters.momentum,
                isCancelled: isCancelled)
        else { return nil }
        let target = near ?? Array(repeating: 1 / Double(normalized.rows), count: normalized.rows)
        var others: [OtherFixedPoint] = []
        let offset = search.others.isEmpty ? [] : normalized.times(preference).map { parameters.lambda * $0 }
        for (index, w) in search.others.enumerated() {
            if isCancelled() { return nil }
            let support = w.indices.filter { w[$0] > 0 }
            guard
                let s = Stability.compute(
                    normalized: normalized, support: support, lr: parameters.lr,
                    momentum: parameters.momentum, isCancelled: isCancelled)
            else { return nil }
            others.append(
                OtherFixedPoint(
                    w: w, weights: combinedWeights(w, preference: preference, lambda: parameters.lambda),
                    residual: FixedPointSolver.kktResidual(normalized, offset: offset, w: w), support: support,
                    stability: s, distance: euclideanDistance(w, target)))
            progress(0.5 + 0.5 * Double(index + 1) / Double(search.others.count))
        }
        if isCancelled() { return nil }
        progress(1)
        return Analysis(fixedPoint: search.fixedPoint, stability: stability, otherFixedPoints: others)
    }

    /// The verdict as far as it is a fact: nil unless w* is verified, marked when estimated.
    public var fact: VerdictFact { VerdictFact(fixedPoint: fixedPoint, stability: stability) }

    private init(fixedPoint: FixedPoint, stability: Stability, otherFixedPoints: [OtherFixedPoint]) {
        self.fixedPoint = fixedPoint
        self.stability = stability
        self.otherFixedPoints = otherFixedPoints
    }

    /// Where to look for other fixed points: the distinct supports the call's iterates had (its start
    /// included), then the vertices of the tasks they used most, at most 32 of each.
    public static func visitedFaces(call: WeightingCall) -> [[Int]] {
        var supports: [[Int]] = []
        func visit(_ w: [Double]) {
            let face = w.indices.filter { w[$0] > 0 }
            if !face.isEmpty && !supports.contains(face) { supports.append(face) }
        }
        visit(call.start)
        if let trace = call.trace {
            // A bounded trace: the iterates it holds (the first ones and its checkpoints).
            for k in trace.iterationsWithW.dropFirst() { if let w = trace.w(at: k) { visit(w) } }
        } else {
            // Replay the call (cheap next to the analysis) to see its iterates.
            var w = call.start
            var workspace = SolverWorkspace(m: call.m)
            InnerSolver.run(
                normalization: call.normalization, preference: call.preference, parameters: call.parameters,
                w: &w, workspace: &workspace
            ) { visit($0.w) }
        }
        var uses = [Int](repeating: 0, count: call.m)
        for face in supports { for i in face { uses[i] += 1 } }
        let vertices = uses.indices.filter { uses[$0] > 0 }.sorted { uses[$0] > uses[$1] }.prefix(32).map { [$0] }
        return Array(supports.suffix(32)) + vertices
    }
}

/// A fixed point other than the analysis's w*, with its own stability.
public struct OtherFixedPoint: Equatable, Sendable {
    /// The fixed point.
    public let w: [Double]
    /// (w + lambda w~) / (1 + lambda).
    public let weights: [Double]
    /// Its KKT residual.
    public let residual: Double
    /// Indices with w_i > 0.
    public let support: [Int]
    /// Verdict, spectral radius and lr_max there.
    public let stability: Stability
    /// Euclidean distance from the solver's w (the ordering key).
    public let distance: Double
}
