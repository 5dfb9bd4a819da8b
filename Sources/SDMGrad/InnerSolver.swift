/// Scratch vectors for the inner loop, reused from call to call so the loop never allocates.
public struct SolverWorkspace: Sendable {
    var shifted: [Double]
    var grad: [Double]
    var velocity: [Double]
    var y: [Double]
    var sorted: [Double]
    var preferred: [Double]
    var support: [Int]

    /// Room for m tasks.
    public init(m: Int) {
        shifted = Array(repeating: 0, count: m)
        grad = shifted
        velocity = shifted
        y = shifted
        sorted = shifted
        preferred = shifted
        support = Array(repeating: 0, count: m)
    }

    /// The number of tasks it has room for.
    public var m: Int { grad.count }
}

/// The projected heavy-ball loop of SPEC section 1.
public enum InnerSolver {
    /// From this m on, g = Â w + lambda Â w~ is computed with Â w~ once per call and Â w over the
    /// support of w only (the projection makes w sparse); below it, g = Â (w + lambda w~) exactly as torchjd.
    public static let sparseFromTasks = 64

    /// Runs `parameters.iters` iterations on the normalized matrix Â, updating `w` in place.
    /// Without `record` the loop allocates nothing; with it, each iteration's numbers are copied out for the trace.
    public static func run(
        normalized: Matrix, preference: [Double], parameters: SolverParameters,
        w: inout [Double], workspace: inout SolverWorkspace,
        record: ((IterationRecord) -> Void)? = nil
    ) {
        var peak = 0.0
        run(
            entries: normalized, divisor: 1, entriesAreA: false, preference: preference, parameters: parameters,
            w: &w, workspace: &workspace, peak: &peak, record: record)
    }

    /// The same loop on a normalization: reads Â when it is built, else A dividing on the fly (without
    /// writing Â). Returns false, with `w` unspecified, when A turned out to hold NaN or infinite entries:
    /// A is then checked during the first pass over it instead of in a pass of its own.
    @discardableResult
    public static func run(
        normalization: Normalization, preference: [Double], parameters: SolverParameters,
        w: inout [Double], workspace: inout SolverWorkspace,
        record: ((IterationRecord) -> Void)? = nil
    ) -> Bool {
        var peak = 0.0
        return run(
            normalization: normalization, preference: preference, parameters: parameters, w: &w,
            workspace: &workspace, peak: &peak, record: record)
    }

    /// `run(normalization:...)` that also reports the largest |y_k,i| met (infinity after a NaN), runs only
    /// `iterations` (from a later one: the workspace holds the velocity, and on the large path lambda Â w~, that
    /// the iteration before left) and stops, returning false, once `isCancelled` says so.
    static func run(
        normalization: Normalization, preference: [Double], parameters: SolverParameters,
        iterations: ClosedRange<Int>? = nil, w: inout [Double], workspace: inout SolverWorkspace, peak: inout Double,
        isCancelled: (() -> Bool)? = nil, record: ((IterationRecord) -> Void)?
    ) -> Bool {
        let iterations = iterations ?? 1...parameters.iters
        if let built = normalization.builtMatrix {
            guard normalization.source.isFinite else { return false }
            return run(
                entries: built, divisor: 1, entriesAreA: false, preference: preference, parameters: parameters,
                iterations: iterations, w: &w, workspace: &workspace, peak: &peak, isCancelled: isCancelled,
                record: record)
        }
        return run(
            entries: normalization.source, divisor: normalization.divisor, entriesAreA: true, preference: preference,
            parameters: parameters, iterations: iterations, w: &w, workspace: &workspace, peak: &peak,
            isCancelled: isCancelled, record: record)
    }

    /// The loop on Â_ij = entries_ij / divisor (divisor 1: `entries` is Â itself). When the entries are A,
    /// returns false as soon as the large path's first pass finds a non-finite one (Â itself may overflow
    /// from a finite A, which is no input error).
    @discardableResult
    static func run(
        entries: Matrix, divisor: Double, entriesAreA: Bool, preference: [Double], parameters: SolverParameters,
        iterations: ClosedRange<Int>? = nil, w: inout [Double], workspace: inout SolverWorkspace, peak: inout Double,
        isCancelled: (() -> Bool)? = nil, record: ((IterationRecord) -> Void)?
    ) -> Bool {
        let iterations = iterations ?? 1...parameters.iters
        let m = w.count
        precondition(entries.rows == m && entries.columns == m && preference.count == m && workspace.m == m)
        let lambda = parameters.lambda, lr = parameters.lr, momentum = parameters.momentum
        let variant = parameters.variant
        let sparse = m >= sparseFromTasks
        precondition(sparse || divisor == 1, "the small path reads a built Â")
        var finite = true
        entries.storage.withUnsafeBufferPointer { a in
            preference.withUnsafeBufferPointer { p in
                w.withUnsafeMutableBufferPointer { w in
                    workspace.shifted.withUnsafeMutableBufferPointer { shifted in
                        workspace.grad.withUnsafeMutableBufferPointer { g in
                            workspace.velocity.withUnsafeMutableBufferPointer { v in
                                workspace.y.withUnsafeMutableBufferPointer { y in
                                    workspace.sorted.withUnsafeMutableBufferPointer { sorted in
                                        workspace.preferred.withUnsafeMutableBufferPointer { preferred in
                                            workspace.support.withUnsafeMutableBufferPointer { support in
                                                let product = ScaledProduct(a: a.baseAddress!, m: m, divisor: divisor)
                                                for k in iterations {
                                                    if let isCancelled, isCancelled() {
                                                        finite = false
                                                        return
                                                    }
                                                    if !sparse {
                                                        for i in 0..<m { shifted[i] = w[i] + lambda * p[i] }
                                                        LinearAlgebra.multiply(
                                                            a.baseAddress!, rows: m, columns: m, shifted.baseAddress!,
                                                            into: g.baseAddress!)
                                                    } else if k == 1 {
                                                        // lambda Â w~ does not change during the call: one pass over Â, shared with Â w when w is dense.
                                                        finite = product.firstPass(
                                                            preference: p.baseAddress!, lambda: lambda,
                                                            w: w.baseAddress!,
                                                            support: support.baseAddress!,
                                                            preferred: preferred.baseAddress!,
                                                            into: g.baseAddress!)
                                                        if entriesAreA && !finite { return }
                                                        finite = true
                                                    } else {
                                                        product.sparse(
                                                            w.baseAddress!, support: support.baseAddress!,
                                                            plus: preferred.baseAddress!,
                                                            into: g.baseAddress!)
                                                    }
                                                    var largest = peak, total = 0.0
                                                    if k == 1 {
                                                        // The velocity restarts at every call (what a previous call left is never read).
                                                        for i in 0..<m {
                                                            v[i] = g[i]
                                                            y[i] = w[i] - lr * v[i]
                                                            largest = max(largest, abs(y[i]))
                                                            total += y[i]
                                                        }
                                                    } else {
                                                        for i in 0..<m {
                                                            v[i] = momentum * v[i] + g[i]
                                                            y[i] = w[i] - lr * v[i]
                                                            largest = max(largest, abs(y[i]))
                                                            total += y[i]
                                                        }
                                                    }
                                                    // max() skips NaN, the sum does not: a NaN y counts as unbounded.
                                                    peak = total.isNaN ? .infinity : largest
                                                    let tau = SimplexProjection.project(
                                                        UnsafeBufferPointer(y), into: w, scratch: sorted,
                                                        variant: variant)
                                                    if let record {
                                                        let wNow = Array(w)
                                                        record(
                                                            IterationRecord(
                                                                iteration: k, grad: Array(g), velocity: Array(v),
                                                                y: Array(y), tau: tau, w: wNow,
                                                                weights: combinedWeights(
                                                                    wNow, preference: Array(p), lambda: lambda)))
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return finite
    }
}
