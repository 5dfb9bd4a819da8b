#if canImport(Glibc)
    import Glibc
#endif

/// The settings map of SPEC section 7.2: how many calls reach their fixed point at each of 25 lrs and
/// each iteration budget, every call run again from its recorded warm start. A reusable API: `report`
/// prints it, and a view of the explorer can show it.
public struct SettingsMap: Equatable, Sendable {
    /// The grid lrs 10^(k/4), k = -16...8.
    public static let gridLRs: [Double] = (-16...8).map { pow10(Double($0) / 4) }
    /// Budgets besides the run's own iters.
    public static let standardBudgets = [50, 100, 200, 500]
    /// Above this many calls x m^2 the map samples calls.
    public static let workLimit = 4e6

    /// The lrs (columns).
    public let lrs: [Double]
    /// The budgets (rows), sorted, unique.
    public let iters: [Int]
    /// reached[i][j]: calls reached with budget iters[i] at lrs[j].
    public let reached: [[Int]]
    /// The indices (into the run's calls) the map covers.
    public let mapped: [Int]

    /// A map from its parts.
    public init(lrs: [Double], iters: [Int], reached: [[Int]], mapped: [Int]) {
        self.lrs = lrs
        self.iters = iters
        self.reached = reached
        self.mapped = mapped
    }

    /// {params iters, 50, 100, 200, 500}, sorted and unique.
    public static func budgets(runIters: Int) -> [Int] {
        Array(Set(standardBudgets + [runIters])).sorted()
    }

    /// Which calls the map covers: all when calls x m^2 <= 4e6, else an evenly spaced sample of
    /// max(8, floor(4e6 / m^2)) calls, first and last included; `requested` (--map-calls N) overrides.
    public static func sample(calls: Int, m: Int, requested: MapCalls = .automatic) -> [Int] {
        let count: Int
        switch requested {
        case .all: count = calls
        case .count(let n): count = min(calls, max(1, n))
        case .automatic:
            let square = Double(m) * Double(m)
            count = Double(calls) * square <= workLimit ? calls : min(calls, max(8, Int(workLimit / square)))
        }
        guard count < calls else { return Array(0..<calls) }
        if count == 1 { return [0] }
        return Array(Set((0..<count).map { Int((Double($0) * Double(calls - 1) / Double(count - 1)).rounded()) }))
            .sorted()
    }

    /// One call's rows: reachedAt[i][j] is whether r(w) <= tol after iters[i] iterations at lrs[j], from `start`.
    /// `faces`: the supports where the lanes that reached w* within the largest budget ended, best first
    /// (where the fixed-point search can start).
    public static func row(
        normalized: Matrix, preference: [Double], parameters: SolverParameters, start: [Double],
        lrs: [Double], iters: [Int]
    ) -> (reached: [[Bool]], faces: [[Int]]) {
        let solver = LaneSolver(normalized: normalized, preference: preference, parameters: parameters)
        var out = [[Bool]](repeating: [Bool](repeating: false, count: lrs.count), count: iters.count)
        guard let last = iters.last else { return (out, []) }
        var final: [[Double]] = []
        var residuals: [Double] = []
        solver.run(start: start, lrs: lrs, iterations: last, checkpoints: Set(iters), final: &final) { k, r in
            if let i = iters.firstIndex(of: k) { out[i] = r.map { $0 <= Reach.tolerance } }
            residuals = r
            return true
        }
        var faces: [[Int]] = []
        for l in lrs.indices.sorted(by: { residuals[$0] < residuals[$1] }) where residuals[l] <= Reach.tolerance {
            let face = final[l].indices.filter { final[l][$0] > 0 }
            if !face.isEmpty && !faces.contains(face) { faces.append(face) }
        }
        return (out, faces)
    }

    /// The largest lr at which every mapped call is reached with `budget` iterations (nil when none).
    public func safeLR(budget: Int) -> Double? {
        guard let i = iters.firstIndex(of: budget) else { return nil }
        return lrs.indices.last { reached[i][$0] == mapped.count }.map { lrs[$0] }
    }

    /// Among the cells with the most calls reached, those with the fewest iters; among those the lr at the
    /// geometric middle of the widest band of consecutive grid lrs with that count (the first such band).
    public func recommendedCell() -> (lr: Double, iters: Int, reached: Int)? {
        guard let best = reached.flatMap({ $0 }).max(), best > 0 else { return nil }
        guard let row = reached.firstIndex(where: { $0.contains(best) }) else { return nil }
        var widest: (start: Int, end: Int)?
        var j = 0
        while j < lrs.count {
            guard reached[row][j] == best else { j += 1; continue }
            var end = j
            while end + 1 < lrs.count && reached[row][end + 1] == best { end += 1 }
            if widest == nil || end - j > widest!.end - widest!.start { widest = (j, end) }
            j = end + 1
        }
        guard let band = widest else { return nil }
        return ((lrs[band.start] * lrs[band.end]).squareRoot(), iters[row], best)
    }

    /// 10^x, exact at integers (so the grid holds 1e-4, 1e-3, ..., 100 exactly).
    static func pow10(_ x: Double) -> Double {
        if x == x.rounded() {
            var p = 1.0
            for _ in 0..<Int(abs(x)) { p *= 10 }
            return x < 0 ? 1 / p : p
        }
        return pow(10, x)
    }
}

/// `--map-calls all|N`: how many calls the settings map covers.
public enum MapCalls: Equatable, Sendable {
    /// SPEC's rule (all, or a sample above 4e6 calls x m^2).
    case automatic
    /// Every call.
    case all
    /// An evenly spaced sample of N calls.
    case count(Int)
}
