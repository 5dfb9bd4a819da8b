/// Scratch vectors for the inner loop, reused from call to call so the loop never allocates.
public struct SolverWorkspace: Sendable {
    var shifted: [Double]
    var grad: [Double]
    var velocity: [Double]
    var y: [Double]
    var sorted: [Double]

    /// Room for m tasks.
    public init(m: Int) {
        shifted = Array(repeating: 0, count: m)
        grad = shifted
        velocity = shifted
        y = shifted
        sorted = shifted
    }

    /// The number of tasks it has room for.
    public var m: Int { grad.count }
}

/// The projected heavy-ball loop of SPEC section 1.
public enum InnerSolver {
    /// Runs `parameters.iters` iterations on the normalized matrix, updating `w` in place.
    /// When `record` is given it receives each iteration's numbers (the loop itself allocates nothing).
    public static func run(normalized: Matrix, preference: [Double], parameters: SolverParameters,
                           w: inout [Double], workspace: inout SolverWorkspace,
                           record: ((IterationRecord) -> Void)? = nil) {
        let m = w.count
        precondition(normalized.rows == m && normalized.columns == m && preference.count == m && workspace.m == m)
        let lambda = parameters.lambda, lr = parameters.lr, momentum = parameters.momentum
        let variant = parameters.variant
        normalized.storage.withUnsafeBufferPointer { a in
        preference.withUnsafeBufferPointer { p in
        w.withUnsafeMutableBufferPointer { w in
        workspace.shifted.withUnsafeMutableBufferPointer { shifted in
        workspace.grad.withUnsafeMutableBufferPointer { g in
        workspace.velocity.withUnsafeMutableBufferPointer { v in
        workspace.y.withUnsafeMutableBufferPointer { y in
        workspace.sorted.withUnsafeMutableBufferPointer { sorted in
            for k in 1...parameters.iters {
                for i in 0..<m { shifted[i] = w[i] + lambda * p[i] }
                LinearAlgebra.multiply(a.baseAddress!, rows: m, columns: m, shifted.baseAddress!, into: g.baseAddress!)
                if k == 1 {
                    for i in 0..<m { v[i] = g[i] }
                } else {
                    for i in 0..<m { v[i] = momentum * v[i] + g[i] }
                }
                for i in 0..<m { y[i] = w[i] - lr * v[i] }
                let tau = SimplexProjection.project(UnsafeBufferPointer(y), into: w, scratch: sorted, variant: variant)
                if let record {
                    let wNow = Array(w)
                    record(IterationRecord(
                        iteration: k, grad: Array(g), velocity: Array(v), y: Array(y), tau: tau, w: wNow,
                        weights: combinedWeights(wNow, preference: Array(p), lambda: lambda)))
                }
            }
        }}}}}}}}
    }
}
