/// The point the inner solver aims at: w* on the simplex with <Â(w* + lambda w~), v - w*> >= 0 for every v.
public struct FixedPoint: Equatable, Sendable {
    /// w*.
    public let w: [Double]
    /// (w* + lambda w~) / (1 + lambda).
    public let weights: [Double]
    /// Largest KKT violation of w* (0 for an exact solution).
    public let residual: Double
    /// Indices with w*_i > 0: the active face.
    public let support: [Int]
    /// Whether w* is the only fixed point: true only when proven (every face checked, or Â's symmetric part
    /// positive definite on the simplex's tangent space), false when another one is known (or a whole face
    /// of them), nil when neither is established.
    public let unique: Bool?
    /// Why `unique` says what it says, in a few words.
    public let uniqueness: String
    /// How it was found: "faces" (exact enumeration), "active set" (face systems, large m) or
    /// "extragradient" (iterative, then polished on its face).
    public let method: String
    /// Whether w* is verified: its KKT residual is at most `VerdictFact.verifiedResidual` (SPEC 7.1).
    public let isVerified: Bool

    /// True only when uniqueness is proven (`unique == true`); kept for source compatibility.
    public var isUnique: Bool { unique == true }
}

/// A fixed point and what else was learned on the way: the other fixed points found.
public struct FixedPointSearch: Sendable {
    /// The fixed point nearest the point asked about (the solver's w).
    public let fixedPoint: FixedPoint
    /// Every other fixed point found (KKT verified), nearest to that point first.
    public let others: [[Double]]
}

/// Finds the fixed point of the inner solver (SPEC section 2, `--analyze`).
public enum FixedPointSolver {
    /// Largest m solved by enumerating every face exactly.
    public static let enumerationLimit = 6
    /// Largest face whose KKT system is solved directly (dense elimination, |S|^3 / 3 operations).
    public static let denseFaceLimit = 1024
    /// Largest m for which positive definiteness on the tangent space is checked (Cholesky, m^3 / 6).
    public static let definitenessLimit = 1024

    /// The fixed point for normalized matrix Â, preference w~ and lambda; `near` picks among several.
    public static func solve(normalized a: Matrix, preference: [Double], lambda: Double, near: [Double]? = nil)
        -> FixedPoint
    {
        search(normalized: a, preference: preference, lambda: lambda, near: near)!.fixedPoint
    }

    /// The fixed point nearest `near`, also trying the active-set method from each of `startFaces` (e.g. the
    /// faces a trace visited) to find others. nil once `isCancelled` returns true.
    public static func search(
        normalized a: Matrix, preference: [Double], lambda: Double, near: [Double]? = nil,
        startFaces: [[Int]] = [], iteration: SolverParameters? = nil,
        isCancelled: () -> Bool = { false }
    ) -> FixedPointSearch? {
        if isCancelled() { return nil }
        let m = a.rows
        let offset = a.times(preference).map { lambda * $0 }  // lambda Â w~
        let tolerance = kktTolerance(a)
        let target = near ?? Array(repeating: 1 / Double(m), count: m)
        if everyPointIsFixed(a, preference: preference, lambda: lambda) {
            // |Â (w + lambda w~)| is so small that every point of the simplex has a KKT residual within
            // VerdictFact.verifiedResidual: no point is singled out, the solver's own w is as good as any.
            let w = target
            return FixedPointSearch(
                fixedPoint: FixedPoint(
                    w: w, weights: combinedWeights(w, preference: preference, lambda: lambda),
                    residual: kktResidual(a, offset: offset, w: w), support: w.indices.filter { w[$0] > 0 },
                    unique: false,
                    uniqueness: "every point is a fixed point (Â is zero to rounding)", method: "zero matrix",
                    isVerified: true), others: [])
        }
        var candidates: [[Double]] = []
        var sawSingularFace = false
        var method = "faces"
        var iterate: [Double]?  // the extragradient iterate, when one was run
        func keep(_ w: [Double]) {
            if !candidates.contains(where: { euclideanDistance($0, w) < 1e-9 }) { candidates.append(w) }
        }
        if m <= enumerationLimit {
            for mask in 1..<(1 << m) {
                let face = (0..<m).filter { mask & (1 << $0) != 0 }
                guard let w = solveOnFace(a, offset: offset, face: face) else {
                    if faceCouldHoldSolutions(a, face: face) { sawSingularFace = true }
                    continue
                }
                if kktResidual(a, offset: offset, w: w) <= tolerance { keep(w) }
            }
        } else {
            method = "active set"
            let nearFace = target.indices.filter { target[$0] > 0 }
            if let w = activeSet(a, offset: offset, start: nearFace, tolerance: tolerance, maxSteps: 12) { keep(w) }
            // Other fixed points: a bounded amount of face-system work (about 2e8 operations, a tenth of
            // a second or so) spent from the given faces, in order.
            var work = 2e8
            for start in startFaces {
                if isCancelled() { return nil }
                if work <= 0 { break }
                if let w = activeSet(a, offset: offset, start: start, tolerance: tolerance, maxSteps: 8, work: &work) {
                    keep(w)
                }
            }
            // Still nothing: run the solver's own iteration much longer from `near`, and solve on the face
            // where it ends (where the call is heading, when it is heading anywhere).
            if candidates.isEmpty, let iteration, let near, !isCancelled() {
                let ended = longerRun(a, preference: preference, parameters: iteration, from: near)
                let face = ended.indices.filter { ended[$0] > 1e-9 }
                if !face.isEmpty, let w = activeSet(a, offset: offset, start: face, tolerance: tolerance, maxSteps: 12)
                {
                    keep(w)
                } else if kktResidual(a, offset: offset, w: ended) <= tolerance {
                    keep(ended)
                }
            }
            // Last: iterate towards w* (extragradient), then solve on the face the iterate settles on.
            if candidates.isEmpty {
                guard let approximate = extragradient(a, offset: offset, start: target, isCancelled: isCancelled) else {
                    return nil
                }
                iterate = approximate
                let face = approximate.indices.filter { approximate[$0] > 1e-9 }
                if let w = activeSet(a, offset: offset, start: face, tolerance: tolerance, maxSteps: 12) { keep(w) }
            }
        }
        if candidates.isEmpty {
            method = "extragradient"
            guard var w = iterate ?? extragradient(a, offset: offset, start: target, isCancelled: isCancelled) else {
                return nil
            }
            let face = w.indices.filter { w[$0] > 1e-9 }
            if face.count <= denseFaceLimit {
                if let polished = solveOnFace(a, offset: offset, face: face),
                    kktResidual(a, offset: offset, w: polished) <= kktResidual(a, offset: offset, w: w)
                {
                    w = polished
                }
                // A singular system on the face of a verified fixed point (e.g. Â = 0: every point is fixed)
                // means a set of fixed points; on an unverified iterate's face it proves nothing.
                if kktResidual(a, offset: offset, w: w) <= tolerance && faceCouldHoldSolutions(a, face: face) {
                    sawSingularFace = true
                }
            }
            candidates = [w]
        }
        // (An active-set point came from a face whose system was regular: no set of fixed points there.)
        if isCancelled() { return nil }
        let ordered = candidates.sorted { euclideanDistance($0, target) < euclideanDistance($1, target) }
        let w = ordered[0]
        let residual = kktResidual(a, offset: offset, w: w)
        let unique: Bool?, reason: String
        if ordered.count > 1 {
            (unique, reason) = (false, "\(ordered.count) fixed points found")
        } else if sawSingularFace {
            (unique, reason) = (false, "a face holds a whole set of fixed points")
        } else if m <= enumerationLimit {
            (unique, reason) = (true, "every face checked")
        } else if residual <= tolerance, positiveDefiniteOnTangentSpace(a) == true {
            (unique, reason) = (true, "symmetric part of Â positive definite on the simplex")
        } else {
            (unique, reason) = (nil, "not proven (faces not enumerated beyond m = \(enumerationLimit))")
        }
        let fixedPoint = FixedPoint(
            w: w, weights: combinedWeights(w, preference: preference, lambda: lambda), residual: residual,
            support: w.indices.filter { w[$0] > 0 }, unique: unique, uniqueness: reason, method: method,
            isVerified: residual <= VerdictFact.verifiedResidual)
        return FixedPointSearch(fixedPoint: fixedPoint, others: Array(ordered.dropFirst()))
    }

    /// Iterations of the solver's loop itself from `w` (up to `longerRunIterations(m:)`, stopping once w no longer moves).
    static func longerRun(_ a: Matrix, preference: [Double], parameters: SolverParameters, from w: [Double]) -> [Double]
    {
        var ended: [[Double]] = []
        let solver = LaneSolver(normalized: a, preference: preference, parameters: parameters)
        var last = Double.infinity
        solver.run(start: w, lrs: [parameters.lr], iterations: longerRunIterations(m: a.rows), final: &ended) { _, r in
            defer { last = r[0] }
            return r[0].isFinite && !(r[0] == 0 && last == 0)
        }
        return ended.first.map { $0.allSatisfy(\.isFinite) ? $0 : w } ?? w
    }

    /// How long `longerRun` runs the iteration: 2000 iterations, or about 4e9 multiply-adds beyond m = 1414
    /// (238 iterations at m = 4096, a few seconds, where 2000 took over a minute).
    static func longerRunIterations(m: Int) -> Int {
        min(2000, max(100, Int(4e9 / (Double(m) * Double(m)))))
    }

    /// Whether every point of the simplex is a verified fixed point: the KKT violation of any w is at most
    /// 2 max|Â_ij| (1 + lambda sum w~), and that is within `VerdictFact.verifiedResidual`.
    static func everyPointIsFixed(_ a: Matrix, preference: [Double], lambda: Double) -> Bool {
        let largest = a.storage.reduce(0) { max($0, abs($1)) }
        return largest.isFinite && 2 * largest * (1 + lambda * preference.reduce(0, +)) <= VerdictFact.verifiedResidual
    }

    /// The residual below which a point counts as a fixed point: 1e-9 (1 + max |Â_ij|).
    public static func kktTolerance(_ a: Matrix) -> Double {
        1e-9 * (1 + a.storage.reduce(0) { max($0, abs($1)) })
    }

    static func pow3(_ x: Double) -> Double { x * x * x }

    /// Active-set iterations from face `start`: solve the face's KKT system, drop the face's negative
    /// entries and add the indices whose g_j most undercuts the multiplier (at most as many as the face
    /// holds, so a small start grows geometrically; fewer when that face's system is singular, as when
    /// it outgrows Â's rank), until a KKT point (returned), a face seen before, a too large face, or
    /// `maxSteps` systems (nil).
    static func activeSet(_ a: Matrix, offset: [Double], start: [Int], tolerance: Double, maxSteps: Int = 40)
        -> [Double]?
    {
        var unlimited = Double.infinity
        return activeSet(a, offset: offset, start: start, tolerance: tolerance, maxSteps: maxSteps, work: &unlimited)
    }

    /// `activeSet` that stops (nil) once `work` (face-system operations, |S|^3 / 3 each, plus m |S| per
    /// product) is spent; it is decreased by what was used.
    static func activeSet(
        _ a: Matrix, offset: [Double], start: [Int], tolerance: Double, maxSteps: Int,
        work: inout Double
    ) -> [Double]? {
        var unused: FaceLine?
        return activeSet(
            a, offset: offset, start: start, tolerance: tolerance, maxSteps: maxSteps, work: &work,
            along: nil, line: &unused)
    }

    /// `activeSet` with offset = lambda * base (`along`): each face is solved as a line in lambda, and
    /// `line` receives the final face's (for the neighbouring lambdas).
    static func activeSet(
        _ a: Matrix, offset: [Double], start: [Int], tolerance: Double, maxSteps: Int,
        work: inout Double, along: (base: [Double], lambda: Double)?, line: inout FaceLine?
    ) -> [Double]? {
        let m = a.rows
        var face = start.sorted()
        var seen = Set<[Int]>()
        // The last regular face and its ranked violators, to back off to when a grown face is singular.
        var fallback: (face: [Int], violators: [Int], added: Int)?
        var steps = 0
        while steps < maxSteps {
            steps += 1
            guard !face.isEmpty, face.count <= denseFaceLimit, work > 0, seen.insert(face).inserted else { return nil }
            work -= pow3(Double(face.count + 1)) / 3 + Double(m * face.count)
            var solved: [Double]?
            if let along {
                if let found = faceLine(a, base: along.base, face: face) {
                    line = FaceLine(face: face, w0: found.w0, w1: found.w1)
                    solved = face.map { found.w0[$0] + along.lambda * found.w1[$0] }
                } else {
                    line = nil
                }
            } else {
                solved = solveFaceSystem(a, offset: offset, face: face)
            }
            guard let x = solved else {
                guard let back = fallback, back.added > 1 else { return nil }
                let added = back.added / 2
                fallback = (back.face, back.violators, added)
                face = (back.face + back.violators.prefix(added)).sorted()
                continue
            }
            let negatives = Set(face.indices.filter { x[$0] < -1e-12 }.map { face[$0] })
            var w = [Double](repeating: 0, count: m)
            for (r, i) in face.enumerated() { w[i] = max(x[r], 0) }
            let total = w.reduce(0, +)
            guard total > 0 else { return nil }
            for i in face { w[i] /= total }
            let g = productOverSupport(a, w, face: face, plus: offset)
            var mu = 0.0
            for i in face { mu += w[i] * g[i] }
            let inFace = Set(face)
            let violators = (0..<m).filter { !inFace.contains($0) && g[$0] < mu - tolerance }.sorted { g[$0] < g[$1] }
            if negatives.isEmpty && violators.isEmpty {
                return kktResidual(a, offset: offset, w: w) <= tolerance ? w : nil
            }
            let kept = face.filter { !negatives.contains($0) }
            let added = min(violators.count, max(1, face.count))
            fallback = violators.isEmpty ? nil : (kept, violators, added)
            face = (kept + violators.prefix(added)).sorted()
        }
        return nil
    }

    /// Â w + b reading only the columns in `face` (w is zero elsewhere).
    static func productOverSupport(_ a: Matrix, _ w: [Double], face: [Int], plus b: [Double]) -> [Double] {
        let m = a.rows
        var out = b
        a.storage.withUnsafeBufferPointer { entries in
            for i in 0..<m {
                let row = entries.baseAddress! + i * m
                var s = 0.0
                for j in face { s += row[j] * w[j] }
                out[i] += s
            }
        }
        return out
    }

    /// Whether (Â + Â^T)/2 is positive definite on {x : sum x = 0} (then the fixed point is unique: the
    /// map w -> Â w + offset is strongly monotone on the simplex). Cholesky of B^T S B with the basis
    /// B = [I; -1^T], a margin of 1e-12 relative; nil when m is beyond `definitenessLimit`.
    public static func positiveDefiniteOnTangentSpace(_ a: Matrix) -> Bool? {
        let m = a.rows
        guard m <= definitenessLimit else { return nil }
        if m == 1 { return true }
        let n = m - 1
        func s(_ i: Int, _ j: Int) -> Double { 0.5 * (a[i, j] + a[j, i]) }
        var t = [Double](repeating: 0, count: n * n)
        let last = m - 1
        let smm = s(last, last)
        var sLast = [Double](repeating: 0, count: n)
        for i in 0..<n { sLast[i] = s(i, last) }
        var largest = 0.0
        for i in 0..<n {
            for j in 0...i {
                let v = s(i, j) - sLast[i] - sLast[j] + smm
                t[i * n + j] = v
                largest = max(largest, abs(v))
            }
        }
        guard largest > 0, largest.isFinite else { return false }
        let margin = 1e-12 * largest
        // In-place Cholesky on the lower triangle.
        for j in 0..<n {
            var d = t[j * n + j]
            for k in 0..<j { d -= t[j * n + k] * t[j * n + k] }
            guard d > margin else { return false }
            let root = d.squareRoot()
            t[j * n + j] = root
            for i in (j + 1)..<max(n, j + 1) {
                var v = t[i * n + j]
                for k in 0..<j { v -= t[i * n + k] * t[j * n + k] }
                t[i * n + j] = v / root
            }
        }
        return true
    }

    /// The largest KKT violation of w: off the simplex, unequal g on the support, or a smaller g off it.
    public static func kktResidual(_ a: Matrix, offset: [Double], w: [Double]) -> Double {
        let g = zip(a.times(w), offset).map { $0 + $1 }
        let mu = zip(w, g).reduce(0) { $0 + $1.0 * $1.1 }  // <g, w>: the multiplier on the support
        var violations = [abs(w.reduce(0, +) - 1)]
        for i in w.indices {
            violations.append(-w[i])
            violations.append(w[i] > 0 ? abs(g[i] - mu) : mu - g[i])
        }
        if violations.contains(where: \.isNaN) { return .infinity }
        return violations.reduce(0) { $1 > $0 ? $1 : $0 }
    }

    /// Solves Â_SS w_S + offset_S = mu 1, sum w_S = 1 on face S; nil when singular or w_S has a negative entry.
    static func solveOnFace(_ a: Matrix, offset: [Double], face: [Int]) -> [Double]? {
        let k = face.count
        guard k > 0, let x = solveFaceSystem(a, offset: offset, face: face) else { return nil }
        guard x[0..<k].allSatisfy({ $0 >= -1e-12 }) else { return nil }
        var w = [Double](repeating: 0, count: a.rows)
        for (r, i) in face.enumerated() { w[i] = max(x[r], 0) }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    /// Whether face S can hold a whole set of fixed points: only when its KKT system is singular
    /// (a face whose solution merely has a negative entry holds none).
    static func faceCouldHoldSolutions(_ a: Matrix, face: [Int]) -> Bool {
        face.count > 1 && solveFaceSystem(a, offset: [Double](repeating: 0, count: a.rows), face: face) == nil
    }

    /// (w_S, mu) from the face's KKT system, or nil when it is singular. The Â block and the offset are
    /// divided by the block's largest entry first, so a huge Â (s = 0 gives Â = A / 1e-8) does not make
    /// the constant column look negligible; mu is scaled too, w_S is unchanged.
    static func solveFaceSystem(_ a: Matrix, offset: [Double], face: [Int]) -> [Double]? {
        let (system, c) = faceSystem(a, face: face)
        var rhs = face.map { -c * offset[$0] }
        rhs.append(1)
        return LinearSolve.solve(system, rhs, k: face.count + 1)
    }

    /// The face's KKT matrix [c Â_SS, -1; 1^T, 0], row-major of side |S| + 1, with c = 1 / max|Â_SS|
    /// (the equilibration the right-hand sides must share: -c offset_S, then 1).
    static func faceSystem(_ a: Matrix, face: [Int]) -> (system: [Double], scale: Double) {
        let k = face.count, n = k + 1
        var largest = 0.0
        for i in face { for j in face { largest = max(largest, abs(a[i, j])) } }
        let c = largest > 0 && largest.isFinite ? 1 / largest : 1
        var system = [Double](repeating: 0, count: n * n)
        for (r, i) in face.enumerated() {
            for (col, j) in face.enumerated() { system[r * n + col] = c * a[i, j] }
            system[r * n + k] = -1
        }
        for col in 0..<k { system[k * n + col] = 1 }
        return (system, c)
    }

    /// A face and its KKT solution along lambda: w(lambda) = w0 + lambda w1 (zero off the face).
    struct FaceLine {
        /// The face S.
        let face: [Int]
        /// w at lambda = 0.
        let w0: [Double]
        /// dw / dlambda.
        let w1: [Double]
    }

    /// The face's KKT solution as a function of lambda: w(lambda) = w0 + lambda w1 (zero off the face),
    /// where Â_SS w_S + lambda (Â w~)_S = mu 1 and sum w_S = 1; both from one elimination (the system does
    /// not depend on lambda). nil when the face's system is singular or too large.
    static func faceLine(_ a: Matrix, base: [Double], face: [Int]) -> (w0: [Double], w1: [Double])? {
        let k = face.count, n = k + 1
        guard k > 0, k <= denseFaceLimit else { return nil }
        let (system, c) = faceSystem(a, face: face)
        var constant = [Double](repeating: 0, count: n)
        constant[k] = 1
        let slope = face.map { -c * base[$0] } + [0]
        guard let x = LinearSolve.solve(system, columns: [constant, slope], k: n) else { return nil }
        var w0 = [Double](repeating: 0, count: a.rows), w1 = w0
        for (r, i) in face.enumerated() {
            w0[i] = x[0][r]
            w1[i] = x[1][r]
        }
        return (w0, w1)
    }

    /// Projected extragradient (Korpelevich) iterations; converges when Â + Â^T is PSD. The step is
    /// 0.5 / (1.2 L) with L the spectral norm of Â estimated by power iteration. nil when cancelled.
    static func extragradient(
        _ a: Matrix, offset: [Double], start: [Double], budget: Int? = nil, norm: Double? = nil,
        isCancelled: () -> Bool = { false }
    ) -> [Double]? {
        let m = a.rows
        let eta = 0.5 / (1.2 * max(norm ?? spectralNormEstimate(a), 1e-300))
        var w = start
        let budget = budget ?? max(50, min(100_000, Int(2e7) / max(1, m * m)))
        for step in 0..<budget {
            if step % 16 == 0 && isCancelled() { return nil }
            let g = zip(a.times(w), offset).map { $0 + $1 }
            let half = SimplexProjection.project(zip(w, g).map { $0 - eta * $1 }).w
            let g2 = zip(a.times(half), offset).map { $0 + $1 }
            let next = SimplexProjection.project(zip(w, g2).map { $0 - eta * $1 }).w
            let change = euclideanDistance(next, w)
            w = next
            if change < 1e-15 { break }
        }
        return w
    }

    /// ||Â||_2 from 20 power iterations on Â^T Â (from below; never above the Frobenius norm).
    static func spectralNormEstimate(_ a: Matrix) -> Double {
        let m = a.rows
        var random = SeededRandom(seed: 0x0F1E_D901)
        var x = (0..<m).map { _ in random.nextNormal() }
        var estimate = 0.0
        for _ in 0..<20 {
            let norm = euclideanNorm(x)
            guard norm > 0, norm.isFinite else { break }
            x = x.map { $0 / norm }
            let y = a.times(x)
            estimate = euclideanNorm(y)
            x = a.transposeTimes(y)
        }
        return min(estimate, a.frobeniusNorm)
    }
}
