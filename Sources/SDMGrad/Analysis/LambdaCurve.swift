/// The fixed point w*(lambda) over a grid of lambdas, each warm-started from its neighbour's face
/// (the active-set method usually needs one or two face systems per lambda instead of a search).
public struct LambdaCurve: Equatable, Sendable {
    /// One lambda's fixed point.
    public struct Point: Equatable, Sendable {
        /// The lambda.
        public let lambda: Double
        /// w*(lambda).
        public let w: [Double]
        /// (w* + lambda w~) / (1 + lambda).
        public let weights: [Double]
        /// Its KKT residual.
        public let residual: Double
        /// Whether the residual is within `FixedPointSolver.kktTolerance`.
        public let isVerified: Bool
    }

    /// The points, in the order of the lambdas given (a prefix of them when the work budget ran out).
    public let points: [Point]
    /// False when the work budget ran out before every lambda was solved.
    public let isComplete: Bool

    /// Operations (multiply-adds) the curve may spend beyond one face system per lambda: active-set
    /// systems that do not settle at once and extragradient fallbacks (a second or two).
    public static let workBudget = 3e9

    /// 0, then 0.01 up to 1000 by factors of 1.25 (the explorer's curve).
    public static let defaultLambdas: [Double] = {
        var lambdas: [Double] = [0]
        var x = 0.01
        while x <= 1000 { lambdas.append(x); x *= 1.25 }
        return lambdas
    }()

    /// Solves each lambda in turn from the previous one's face (the first from `near`'s face, e.g. the
    /// solver's w). Small m (<= the enumeration limit) enumerates faces as `FixedPointSolver.solve` does.
    /// nil once `isCancelled` returns true (checked between lambdas); `progress` gets the fraction done.
    public static func compute(
        normalized a: Matrix, preference: [Double], lambdas: [Double] = defaultLambdas,
        near: [Double]? = nil, isCancelled: () -> Bool = { false },
        progress: (Double) -> Void = { _ in }
    ) -> LambdaCurve? {
        let m = a.rows
        let base = a.times(preference)  // Â w~, once for every lambda
        let tolerance = FixedPointSolver.kktTolerance(a)
        var previous = near
        var points: [Point] = []
        var work = workBudget
        var norm: Double?  // ||Â||_2, estimated once if a fallback needs it
        var line: FixedPointSolver.FaceLine?  // the last face's w(lambda) = w0 + lambda w1
        for (index, lambda) in lambdas.enumerated() {
            if isCancelled() { return nil }
            if work <= 0 { return LambdaCurve(points: points, isComplete: false) }
            let w: [Double]
            let offset = base.map { lambda * $0 }
            if m <= FixedPointSolver.enumerationLimit {
                w = FixedPointSolver.solve(normalized: a, preference: preference, lambda: lambda, near: previous).w
            } else {
                let start = previous ?? Array(repeating: 1 / Double(m), count: m)
                let face = start.indices.filter { start[$0] > 0 }
                if let known = line,
                    let onLine = point(on: known, lambda: lambda, a: a, offset: offset, tolerance: tolerance)
                {
                    // Same face as the neighbour: its solution is affine in lambda, no new system.
                    w = onLine
                } else if let found = FixedPointSolver.activeSet(
                    a, offset: offset,
                    start: line.map { corrected($0, lambda: lambda, a: a, offset: offset, tolerance: tolerance) }
                        ?? face,
                    tolerance: tolerance, maxSteps: 12, work: &work, along: (base, lambda), line: &line)
                {
                    w = found
                } else {
                    // A few extragradient steps from the neighbour, then its face; unverified if that fails too.
                    if norm == nil { norm = FixedPointSolver.spectralNormEstimate(a); work -= 40 * Double(m * m) }
                    let steps = 25
                    work -= Double(2 * steps * m * m)
                    guard
                        let iterate = FixedPointSolver.extragradient(
                            a, offset: offset, start: start, budget: steps,
                            norm: norm, isCancelled: isCancelled)
                    else { return nil }
                    let face = iterate.indices.filter { iterate[$0] > 1e-9 }
                    w =
                        FixedPointSolver.activeSet(
                            a, offset: offset, start: face, tolerance: tolerance, maxSteps: 6,
                            work: &work) ?? iterate
                }
            }
            let residual = FixedPointSolver.kktResidual(a, offset: offset, w: w)
            points.append(
                Point(
                    lambda: lambda, w: w, weights: combinedWeights(w, preference: preference, lambda: lambda),
                    residual: residual, isVerified: residual <= tolerance))
            previous = w
            progress(Double(index + 1) / Double(lambdas.count))
        }
        return LambdaCurve(points: points, isComplete: true)
    }

    /// w0 + lambda w1 when it is a fixed point (non-negative on its face, residual within tolerance), else nil.
    static func point(
        on line: FixedPointSolver.FaceLine, lambda: Double, a: Matrix, offset: [Double],
        tolerance: Double
    ) -> [Double]? {
        var w = line.w0
        for i in line.face {
            w[i] += lambda * line.w1[i]
            guard w[i] >= -1e-12 else { return nil }
            w[i] = max(w[i], 0)
        }
        return FixedPointSolver.kktResidual(a, offset: offset, w: w) <= tolerance ? w : nil
    }

    /// The neighbour's face corrected as the active-set method would after solving it at this lambda
    /// (which the line gives for free): negative entries dropped, the worst violators added.
    static func corrected(
        _ line: FixedPointSolver.FaceLine, lambda: Double, a: Matrix, offset: [Double],
        tolerance: Double
    ) -> [Int] {
        var w = [Double](repeating: 0, count: a.rows)
        var kept: [Int] = []
        for i in line.face {
            let value = line.w0[i] + lambda * line.w1[i]
            if value >= -1e-12 { kept.append(i); w[i] = max(value, 0) }
        }
        let total = w.reduce(0, +)
        guard total > 0 else { return line.face }
        for i in kept { w[i] /= total }
        let g = FixedPointSolver.productOverSupport(a, w, face: kept, plus: offset)
        var mu = 0.0
        for i in kept { mu += w[i] * g[i] }
        let inFace = Set(line.face)
        let violators = (0..<a.rows).filter { !inFace.contains($0) && g[$0] < mu - tolerance }.sorted { g[$0] < g[$1] }
        return (kept + violators.prefix(max(1, line.face.count))).sorted()
    }
}
