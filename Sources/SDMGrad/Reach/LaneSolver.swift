/// The inner loop of one call run at several lrs at once, one lane per lr (SPEC section 7.1 and 7.2's map).
///
/// The lanes share Â, the start, lambda, momentum and the preference; each iteration is one m x lanes
/// matrix product G = Â (W + lambda w~ 1ᵀ), summed in the order torchjd's `a @ (w + lambda w~)` is written
/// (rows that are zero in every lane are skipped: adding zeros changes no bit), and the natural residual
/// r(w) of every lane comes from the product the next iteration needs anyway. A lane whose numbers stop
/// being finite is dropped (its residual is infinity from then on).
public struct LaneSolver {
    /// Â, row-major m x m.
    let a: [Double]
    /// m.
    let m: Int
    /// lambda w~ (added to every lane's w before the product).
    let offset: [Double]
    /// The heavy-ball momentum.
    let momentum: Double
    let variant: Variant

    /// A solver for the normalized matrix `normalized` with the parameters' lambda, momentum and variant.
    public init(normalized: Matrix, preference: [Double], parameters: SolverParameters) {
        m = normalized.rows
        a = normalized.storage
        offset = preference.map { parameters.lambda * $0 }
        momentum = parameters.momentum
        variant = parameters.variant
    }

    /// Runs every lr of `lrs` from `start` and calls `observe(k, residuals)` with r(w_k) of each lane after
    /// k = 0, 1, ..., `iterations` iterations (k = 0: the start); `observe` returns false to stop early.
    /// `checkpoints`: the k at which r(w) is computed and observed (nil: every k).
    public func run(
        start: [Double], lrs: [Double], iterations: Int, checkpoints: Set<Int>? = nil,
        observe: (Int, [Double]) -> Bool
    ) {
        var unused: [[Double]] = []
        run(start: start, lrs: lrs, iterations: iterations, checkpoints: checkpoints, final: &unused, observe: observe)
    }

    /// `run` that also leaves each lane's last w in `final` (zeros for a lane that stopped being finite).
    public func run(
        start: [Double], lrs: [Double], iterations: Int, checkpoints: Set<Int>? = nil, final: inout [[Double]],
        observe: (Int, [Double]) -> Bool
    ) {
        let lanes = lrs.count
        precondition(start.count == m && lanes > 0)
        // Rows are padded to a multiple of 4 lanes (one SIMD register); the padding lanes stay at zero.
        let stride = (lanes + 3) / 4 * 4
        var w = [Double](repeating: 0, count: m * stride)
        for i in 0..<m { for l in 0..<lanes { w[i * stride + l] = start[i] } }
        var v = w, g = w, x = w
        var residuals = [Double](repeating: 0, count: lanes)
        var alive = [Bool](repeating: true, count: lanes)
        var active = [Int](repeating: 0, count: m)
        var column = [Double](repeating: 0, count: m), projected = column, scratch = column
        // Each lane's descending order of y from its previous step (torchjd's projection re-sorts it cheaply).
        var orders = [Int](repeating: 0, count: m * lanes)
        for l in 0..<lanes { for i in 0..<m { orders[l * m + i] = i } }
        a.withUnsafeBufferPointer { a in
            offset.withUnsafeBufferPointer { offset in
                w.withUnsafeMutableBufferPointer { w in
                    v.withUnsafeMutableBufferPointer { v in
                        g.withUnsafeMutableBufferPointer { g in
                            x.withUnsafeMutableBufferPointer { x in
                                column.withUnsafeMutableBufferPointer { column in
                                    projected.withUnsafeMutableBufferPointer { projected in
                                        scratch.withUnsafeMutableBufferPointer { scratch in
                                            orders.withUnsafeMutableBufferPointer { orders in
                                                for k in 0...iterations {
                                                    // G = Â X with X = W + offset 1ᵀ, over the rows of X that are not zero in every lane.
                                                    var count = 0
                                                    for j in 0..<m {
                                                        var any = false
                                                        for l in 0..<lanes {
                                                            let value = w[j * stride + l] + offset[j]
                                                            x[j * stride + l] = value
                                                            if value != 0 { any = true }
                                                        }
                                                        if any { active[count] = j; count += 1 }
                                                    }
                                                    let xs = UnsafeRawPointer(x.baseAddress!)
                                                    if stride == 28 {
                                                        // The map's 25 lrs: seven registers per row of G, one pass over the active rows of X.
                                                        product28(
                                                            a: a.baseAddress!, m: m, xs: xs, active: active,
                                                            count: count, g: g.baseAddress!)
                                                    } else {
                                                        for i in 0..<m {
                                                            let row = a.baseAddress! + i * m
                                                            let out = UnsafeMutableRawPointer(
                                                                g.baseAddress! + i * stride)
                                                            var block = 0
                                                            while block < stride {
                                                                // Each lane sums a_ij x_j over j in order, as the scalar product would.
                                                                var sum = SIMD4<Double>(repeating: 0)
                                                                for t in 0..<count {
                                                                    let j = active[t]
                                                                    sum +=
                                                                        row[j]
                                                                        * xs.loadUnaligned(
                                                                            fromByteOffset: (j * stride + block) * 8,
                                                                            as: SIMD4<Double>.self)
                                                                }
                                                                out.storeBytes(
                                                                    of: sum, toByteOffset: block * 8,
                                                                    as: SIMD4<Double>.self)
                                                                block += 4
                                                            }
                                                        }
                                                    }
                                                    // r(w) = max_i |w_i - P(w - g)_i| per lane, at the checkpoints (and at the end).
                                                    let observed = k == iterations || checkpoints?.contains(k) ?? true
                                                    for l in 0..<lanes where observed {
                                                        guard alive[l] else { residuals[l] = .infinity; continue }
                                                        var finite = true
                                                        for i in 0..<m {
                                                            let z = w[i * stride + l] - g[i * stride + l]
                                                            if !z.isFinite { finite = false }
                                                            column[i] = z
                                                        }
                                                        guard finite else {
                                                            drop(l); residuals[l] = .infinity; continue
                                                        }
                                                        _ = SimplexProjection.project(
                                                            UnsafeBufferPointer(column), into: projected,
                                                            scratch: scratch, variant: .torchjd)
                                                        var largest = 0.0
                                                        for i in 0..<m {
                                                            largest = max(
                                                                largest, abs(w[i * stride + l] - projected[i]))
                                                        }
                                                        residuals[l] = largest
                                                    }
                                                    if (observed && !observe(k, residuals)) || k == iterations {
                                                        final = (0..<lanes).map { l in
                                                            (0..<m).map { w[$0 * stride + l] }
                                                        }
                                                        return
                                                    }
                                                    // One heavy-ball step per lane: v = g (first) or momentum v + g; w = P(w - lr v).
                                                    for l in 0..<lanes where alive[l] {
                                                        let lr = lrs[l]
                                                        var finite = true
                                                        for i in 0..<m {
                                                            let index = i * stride + l
                                                            v[index] =
                                                                k == 0 ? g[index] : momentum * v[index] + g[index]
                                                            let y = w[index] - lr * v[index]
                                                            if !y.isFinite { finite = false }
                                                            column[i] = y
                                                        }
                                                        guard finite else { drop(l); continue }
                                                        if variant == .torchjd {
                                                            SimplexProjection.projectTorchjd(
                                                                UnsafeBufferPointer(column), into: projected,
                                                                order: UnsafeMutableBufferPointer(
                                                                    rebasing: orders[(l * m)..<(l * m + m)]),
                                                                sorted: scratch)
                                                        } else {
                                                            _ = SimplexProjection.project(
                                                                UnsafeBufferPointer(column), into: projected,
                                                                scratch: scratch, variant: variant)
                                                        }
                                                        for i in 0..<m { w[i * stride + l] = projected[i] }
                                                    }
                                                }
                                                /// A lane that is no longer finite: zero (so the product skips it) and never updated again.
                                                func drop(_ l: Int) {
                                                    alive[l] = false
                                                    for i in 0..<m { w[i * stride + l] = 0; v[i * stride + l] = 0 }
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

    /// G = Â X for rows of 28 lanes (7 SIMD4 blocks), summing over the active rows of X in order.
    @inline(__always)
    private func product28(
        a: UnsafePointer<Double>, m: Int, xs: UnsafeRawPointer, active: [Int], count: Int,
        g: UnsafeMutablePointer<Double>
    ) {
        typealias V = SIMD4<Double>
        active.withUnsafeBufferPointer { active in
            for i in 0..<m {
                let row = a + i * m
                var s0 = V(), s1 = V(), s2 = V(), s3 = V(), s4 = V(), s5 = V(), s6 = V()
                for t in 0..<count {
                    let j = active[t]
                    let aij = V(repeating: row[j])
                    let base = xs + j * 28 * 8
                    s0 += aij * base.loadUnaligned(fromByteOffset: 0, as: V.self)
                    s1 += aij * base.loadUnaligned(fromByteOffset: 32, as: V.self)
                    s2 += aij * base.loadUnaligned(fromByteOffset: 64, as: V.self)
                    s3 += aij * base.loadUnaligned(fromByteOffset: 96, as: V.self)
                    s4 += aij * base.loadUnaligned(fromByteOffset: 128, as: V.self)
                    s5 += aij * base.loadUnaligned(fromByteOffset: 160, as: V.self)
                    s6 += aij * base.loadUnaligned(fromByteOffset: 192, as: V.self)
                }
                let out = UnsafeMutableRawPointer(g + i * 28)
                out.storeBytes(of: s0, toByteOffset: 0, as: V.self)
                out.storeBytes(of: s1, toByteOffset: 32, as: V.self)
                out.storeBytes(of: s2, toByteOffset: 64, as: V.self)
                out.storeBytes(of: s3, toByteOffset: 96, as: V.self)
                out.storeBytes(of: s4, toByteOffset: 128, as: V.self)
                out.storeBytes(of: s5, toByteOffset: 160, as: V.self)
                out.storeBytes(of: s6, toByteOffset: 192, as: V.self)
            }
        }
    }
}
