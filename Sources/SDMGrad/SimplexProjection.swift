/// Euclidean projection onto the probability simplex, computed exactly as each variant does.
public enum SimplexProjection {
    /// Projects `y` onto the simplex into `w` and returns the threshold tau (w = max(y - tau, 0)).
    /// `scratch` needs room for `y.count` values; nothing is allocated.
    @inlinable
    public static func project(
        _ y: UnsafeBufferPointer<Double>, into w: UnsafeMutableBufferPointer<Double>,
        scratch: UnsafeMutableBufferPointer<Double>, variant: Variant
    ) -> Double {
        let m = y.count
        var total = 0.0
        var allNonNegative = true
        for i in 0..<m {
            total += y[i]
            if !(y[i] >= 0) { allNonNegative = false }
        }
        let rule = variant.rules.projection
        if rule.keepsPointsOnSimplex && total == 1 && allNonNegative {
            // LibMTL and the official code return y untouched when it already lies on the simplex.
            for i in 0..<m { w[i] = y[i] }
            return 0
        }
        let tau: Double
        if rule == .firstExceedingNext && m > 32 {
            // torchjd stops at the first t_i > u_{i+1}: only the top of the order is needed.
            tau = thresholdByHeap(y, heap: scratch, total: total)
        } else {
            sortDescending(y, into: scratch)
            tau = threshold(sorted: scratch, total: total, rule: rule)
        }
        for i in 0..<m { w[i] = clampAtZero(y[i] - tau) }
        return tau
    }

    /// Array convenience: the projection of `y` and its threshold.
    public static func project(_ y: [Double], variant: Variant = .torchjd) -> (w: [Double], tau: Double) {
        var w = [Double](repeating: 0, count: y.count)
        var scratch = w
        let tau = y.withUnsafeBufferPointer { yb in
            w.withUnsafeMutableBufferPointer { wb in
                scratch.withUnsafeMutableBufferPointer { sb in
                    project(yb, into: wb, scratch: sb, variant: variant)
                }
            }
        }
        return (w, tau)
    }

    /// The threshold from values sorted in descending order.
    @inlinable
    static func threshold(sorted u: UnsafeMutableBufferPointer<Double>, total: Double, rule: ProjectionRule) -> Double {
        let m = u.count
        switch rule {
        case .firstExceedingNext:
            // tau = (sum(y) - 1) / m unless some partial threshold t_i exceeds u_{i+1}.
            var cumulative = 0.0
            var i = 1
            while i < m {
                cumulative += u[i - 1]
                let t = (cumulative - 1) / Double(i)
                if t > u[i] { return t }
                i += 1
            }
            return (total - 1) / Double(m)
        case .duchi:
            // Duchi et al. 2008: rho is the last index with u_rho * rho > cssv_rho - 1.
            // The largest entry is always in the support: start there so huge |y| (where
            // u_1 > u_1 - 1 fails in floating point) still gives a finite threshold.
            var cumulative = 0.0
            var rhoSum = u[0]
            var rho = 1
            for i in 0..<m {
                cumulative += u[i]
                if u[i] * Double(i + 1) > cumulative - 1 {
                    rho = i + 1
                    rhoSum = cumulative
                }
            }
            return (rhoSum - 1) / Double(rho)
        }
    }

    /// torchjd's threshold, taking u_1, u_2, ... from a max-heap instead of a full sort (same sums, same order).
    @inlinable
    static func thresholdByHeap(
        _ y: UnsafeBufferPointer<Double>, heap: UnsafeMutableBufferPointer<Double>, total: Double
    ) -> Double {
        let m = y.count
        for i in 0..<m { heap[i] = y[i] }
        var size = m
        // NaN sorts as the smallest so it never stops the search early, as in a descending sort.
        func above(_ a: Double, _ b: Double) -> Bool { a > b || (b.isNaN && !a.isNaN) }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let left = 2 * i + 1, right = left + 1
                var largest = i
                if left < size && above(heap[left], heap[largest]) { largest = left }
                if right < size && above(heap[right], heap[largest]) { largest = right }
                if largest == i { return }
                heap.swapAt(i, largest)
                i = largest
            }
        }
        for i in stride(from: m / 2 - 1, through: 0, by: -1) { siftDown(i) }
        var cumulative = 0.0
        for i in 1..<m {
            cumulative += heap[0]  // u_i
            heap[0] = heap[size - 1]
            size -= 1
            siftDown(0)
            let t = (cumulative - 1) / Double(i)
            if t > heap[0] { return t }  // heap[0] is now u_{i+1}
        }
        return (total - 1) / Double(m)
    }

    /// torchjd's projection of a finite `y` whose descending order is close to `order` (the order of the
    /// previous iterate): `order` is re-sorted by insertion, so a nearly unchanged order costs O(m), and
    /// the threshold is the same sums in the same order as `project(_:into:scratch:variant: .torchjd)`.
    @inlinable
    public static func projectTorchjd(
        _ y: UnsafeBufferPointer<Double>, into w: UnsafeMutableBufferPointer<Double>,
        order: UnsafeMutableBufferPointer<Int>, sorted: UnsafeMutableBufferPointer<Double>
    ) {
        let m = y.count
        var total = 0.0
        for i in 0..<m { total += y[i] }
        for i in 1..<max(m, 1) {
            let index = order[i], v = y[index]
            var j = i
            while j > 0 && y[order[j - 1]] < v {
                order[j] = order[j - 1]
                j -= 1
            }
            order[j] = index
        }
        for i in 0..<m { sorted[i] = y[order[i]] }
        let tau = threshold(
            sorted: UnsafeMutableBufferPointer(rebasing: sorted[0..<m]), total: total, rule: .firstExceedingNext)
        for i in 0..<m { w[i] = clampAtZero(y[i] - tau) }
    }

    /// max(x, 0) that keeps NaN visible instead of hiding it.
    @inlinable
    static func clampAtZero(_ x: Double) -> Double { x < 0 ? 0 : x }

    /// Copies `y` into `out` sorted in descending order (insertion sort for small m).
    @inlinable
    static func sortDescending(_ y: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        let m = y.count
        if m <= 32 {
            for i in 0..<m {
                let v = y[i]
                var j = i
                while j > 0 && out[j - 1] < v {
                    out[j] = out[j - 1]
                    j -= 1
                }
                out[j] = v
            }
        } else {
            for i in 0..<m { out[i] = y[i] }
            var region = UnsafeMutableBufferPointer(rebasing: out[0..<m])
            region.sort(by: >)
        }
    }
}
