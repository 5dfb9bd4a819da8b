import SDMGrad

/// A second implementation of what `report` computes (SPEC sections 1, 7.1, 7.2), written from the SPEC
/// with plain arrays: it shares no code with the production path (no LaneSolver, SDMGradWeighting,
/// SimplexProjection, Normalization, Analysis), so agreement is evidence, not an echo.
enum IndependentReplay {
    /// Â = A / (s^2 + 1e-8), s = mean sqrt(max(A_ii, 0)).
    static func normalized(_ a: Matrix) -> [[Double]] {
        let m = a.rows
        var s = 0.0
        for i in 0..<m { s += max(a[i, i], 0).squareRoot() }
        s /= Double(m)
        let d = s * s + 1e-8
        return (0..<m).map { i in (0..<m).map { j in a[i, j] / d } }
    }

    /// torchjd's projection: sort descending, tau = (sum - 1) / m, then the first t_i > u_{i+1}.
    static func project(_ y: [Double]) -> [Double] {
        let u = y.sorted(by: >)
        let m = y.count
        var tau = (y.reduce(0, +) - 1) / Double(m)
        var partial = 0.0
        for i in 0..<(m - 1) {
            partial += u[i]
            let t = (partial - 1) / Double(i + 1)
            if t > u[i + 1] { tau = t; break }
        }
        return y.map { max($0 - tau, 0) }
    }

    /// Â (w + lambda w~).
    static func gradient(_ a: [[Double]], _ w: [Double], _ pref: [Double], _ lambda: Double) -> [Double] {
        let x = zip(w, pref).map { $0 + lambda * $1 }
        return a.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// r(w) = max |w - P(w - Â(w + lambda w~))| (infinity when not finite).
    static func residual(_ a: [[Double]], _ w: [Double], _ pref: [Double], _ lambda: Double) -> Double {
        guard w.allSatisfy(\.isFinite) else { return .infinity }
        let g = gradient(a, w, pref, lambda)
        let z = zip(w, g).map { $0 - $1 }
        guard z.allSatisfy(\.isFinite) else { return .infinity }
        return zip(w, project(z)).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// The heavy-ball loop from `start`, calling `after(k, w)` after each iteration k.
    static func iterate(
        _ a: [[Double]], start: [Double], pref: [Double], lambda: Double, lr: Double, momentum: Double,
        iters: Int, after: (Int, [Double]) -> Void = { _, _ in }
    ) -> [Double] {
        var w = start
        var v = [Double](repeating: 0, count: w.count)
        for k in 1...max(iters, 1) {
            let g = gradient(a, w, pref, lambda)
            v = k == 1 ? g : zip(v, g).map { momentum * $0 + $1 }
            w = project(zip(w, v).map { $0 - lr * $1 })
            after(k, w)
        }
        return w
    }

    /// The preference of the run (uniform when none).
    static func preference(_ p: SolverParameters, m: Int) -> [Double] {
        p.pref ?? [Double](repeating: 1 / Double(m), count: m)
    }

    /// The recorded warm starts: the previous call's recorded w, uniform first, after a dtype change or when m changes.
    static func starts(_ run: RunFolder) -> [[Double]] {
        run.calls.indices.map { k in
            let m = run.calls[k].batches.a.rows
            let uniform = [Double](repeating: 1 / Double(m), count: m)
            guard k > 0, run.calls[k].recorded.dtype == run.calls[k - 1].recorded.dtype else { return uniform }
            let w = run.calls[k - 1].recorded.w
            return w.count == m ? w : uniform
        }
    }

    /// The map: counts[i][j] = calls in `calls` reached after iters[i] iterations at lrs[j].
    static func map(_ run: RunFolder, calls: [Int], lrs: [Double], iters: [Int]) -> [[Int]] {
        let p = run.parameters, starts = starts(run)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: lrs.count), count: iters.count)
        for k in calls {
            let a = normalized(run.calls[k].batches.a), pref = preference(p, m: a.count)
            for (j, lr) in lrs.enumerated() {
                _ = iterate(
                    a, start: starts[k], pref: pref, lambda: p.lambda, lr: lr, momentum: p.momentum,
                    iters: iters.last!
                ) { step, w in
                    if let i = iters.firstIndex(of: step), residual(a, w, pref, p.lambda) <= 1e-3 { counts[i][j] += 1 }
                }
            }
        }
        return counts
    }

    /// Calls reached when the whole run is replayed at lr / iters from uniform, state carried (reset on dtype change).
    static func replayed(_ run: RunFolder, lr: Double, iters: Int) -> Int {
        let p = run.parameters
        var state: [Double]?
        var reached = 0
        for (k, call) in run.calls.enumerated() {
            let a = normalized(call.batches.a), m = a.count, pref = preference(p, m: m)
            if k > 0 && call.recorded.dtype != run.calls[k - 1].recorded.dtype { state = nil }
            let start = state?.count == m ? state! : [Double](repeating: 1 / Double(m), count: m)
            let w = iterate(a, start: start, pref: pref, lambda: p.lambda, lr: lr, momentum: p.momentum, iters: iters)
            if residual(a, w, pref, p.lambda) <= 1e-3 { reached += 1 }
            state = w
        }
        return reached
    }
}
