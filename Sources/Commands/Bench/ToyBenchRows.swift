import SDMGrad

/// `bench`'s toy rows: each method from the three starts with `train`'s defaults (70000 steps, noise 0.2),
/// every step recorded as the playground does; `sdmgrad` calls the real weighting every step.
enum ToyBenchRows {
    /// One method's time for its three runs (median over the sweeps).
    struct Row {
        let method: String
        let nanoseconds: Double
    }

    /// Times `sweeps` full sweeps (3 starts x 6 methods); the last row, "all", is the median sweep's total.
    static func measure(sweeps: Int = 3) -> [Row] {
        var perMethod: [[Double]] = Array(repeating: [], count: ToyMethod.allCases.count)
        var totals: [Double] = []
        for _ in 0..<sweeps {
            var total = 0.0
            for (index, method) in ToyMethod.allCases.enumerated() {
                var settings = ToyRunSettings(method: method)
                let t0 = Stopwatch.now()
                for start in ToyStarts.all {
                    settings.start = start
                    var run = try! ToyRun(settings)
                    run.finish()
                    precondition(run.failure == nil && run.trajectory.count == settings.steps)
                }
                let elapsed = Stopwatch.now() - t0
                perMethod[index].append(elapsed)
                total += elapsed
            }
            totals.append(total)
        }
        let median = { (xs: [Double]) in xs.sorted()[xs.count / 2] }
        return zip(ToyMethod.allCases, perMethod).map { Row(method: $0.rawValue, nanoseconds: median($1)) }
            + [Row(method: "all", nanoseconds: median(totals))]
    }

    /// `"toy":[{"method":"mean","starts":3,"steps":70000,"total_ns":...},...]`.
    static func json(_ rows: [Row]) -> String {
        "\"toy\":["
            + rows.map {
                "{\"method\":\"\($0.method)\",\"starts\":3,\"steps\":70000,\"total_ns\":\(Int($0.nanoseconds))}"
            }
            .joined(separator: ",") + "]"
    }

    /// The table lines.
    static func text(_ rows: [Row]) -> [String] {
        ["toy: 3 starts x 70000 steps per method (train's defaults, every step recorded); target: all <= 2 s"]
            + rows.map {
                "  " + String(repeating: " ", count: max(0, 12 - $0.method.count)) + $0.method + "  "
                    + Stopwatch.describe($0.nanoseconds)
            }
    }
}
