/// How the projection threshold tau of one point y was found, step by step (for the explain view).
public struct ThresholdExplanation: Equatable, Sendable {
    /// One candidate t_i = (u_1 + ... + u_i - 1) / i and the comparison made with it.
    public struct Candidate: Equatable, Sendable {
        /// 1-based count i of the largest entries summed.
        public let count: Int
        /// t_i.
        public let threshold: Double
        /// u_{i+1} (torchjd compares t_i > u_{i+1}) or u_i (Duchi keeps u_i > t_i); nil when none.
        public let comparedWith: Double?
        /// Whether this candidate decided tau.
        public let chosen: Bool
    }

    /// y sorted in descending order (u).
    public let sorted: [Double]
    /// sum(y).
    public let total: Double
    /// The candidates examined, in order.
    public let candidates: [Candidate]
    /// True when libmtl/official returned y untouched because it already lay on the simplex.
    public let shortcut: Bool
    /// The threshold found.
    public let tau: Double

    /// Re-derives tau for `y` the way `variant` does, recording every comparison.
    public init(y: [Double], variant: Variant) {
        let m = y.count
        let u = y.sorted(by: >)
        sorted = u
        total = y.reduce(0, +)
        let rule = variant.rules.projection
        if rule.keepsPointsOnSimplex && total == 1 && y.allSatisfy({ $0 >= 0 }) {
            shortcut = true
            candidates = []
            tau = 0
            return
        }
        shortcut = false
        var found: [Candidate] = []
        var cumulative = 0.0
        switch rule {
        case .firstExceedingNext:
            var result = (total - 1) / Double(m)
            for i in 1..<max(m, 1) {
                cumulative += u[i - 1]
                let t = (cumulative - 1) / Double(i)
                let stop = t > u[i]
                found.append(Candidate(count: i, threshold: t, comparedWith: u[i], chosen: stop))
                if stop { result = t; break }
            }
            if !found.contains(where: \.chosen) {
                found.append(Candidate(count: m, threshold: result, comparedWith: nil, chosen: true))
            }
            tau = result
        case .duchi:
            // The same comparison as the solver (u_i * i > cssv_i - 1); the largest entry is always kept.
            var rho = 1
            for i in 0..<m {
                cumulative += u[i]
                let t = (cumulative - 1) / Double(i + 1)
                if u[i] * Double(i + 1) > cumulative - 1 { rho = i + 1 }
                found.append(Candidate(count: i + 1, threshold: t, comparedWith: u[i], chosen: false))
            }
            let chosen = found[rho - 1]
            found[rho - 1] = Candidate(
                count: rho, threshold: chosen.threshold, comparedWith: chosen.comparedWith, chosen: true)
            tau = chosen.threshold
        }
        candidates = found
    }
}
