import SDMGrad

/// `bench`'s analysis rows: each analysis of the explorer's shown call, timed once on a seeded
/// A = J1 J2^T (m x n Jacobians, n = min(2m, 1024)), with what it could establish.
enum AnalysisBenchRows {
    /// The task counts measured by default.
    static let sizes = [16, 256, 1024, 4096]

    /// One m's figures (nanoseconds) and outcomes.
    struct Row {
        let m: Int
        let n: Int
        let firstCall: Double
        let embedding: Double
        let analysis: Double
        let stability: Double
        let curve: Double
        let embeddingEstimated: Bool
        let stabilityEstimated: Bool
        let verified: Bool
        let unique: Bool?
        let curvePoints: Int
    }

    /// Times every analysis at each m (single runs: they are long, and the first one is what the explorer waits for).
    static func measure(sizes: [Int]) -> [Row] {
        sizes.map { m in
            let n = min(2 * m, 1024)
            var random = SeededRandom(seed: UInt64(2000 + m))
            let j1 = Matrix(rows: m, columns: n, storage: (0..<(m * n)).map { _ in random.nextNormal() })
            let j2 = Matrix(rows: m, columns: n, storage: j1.storage.map { $0 + 0.5 * random.nextNormal() })
            let a = j1.timesTransposeOf(j2)
            var weighting = SDMGradWeighting()
            var t0 = Stopwatch.now()
            let call = try! weighting(a, trace: true)
            let firstCall = Stopwatch.now() - t0
            t0 = Stopwatch.now()
            let embedding = Embedding(matrix: a)
            let embeddingTime = Stopwatch.now() - t0
            t0 = Stopwatch.now()
            let analysis = Analysis(call: call)
            let analysisTime = Stopwatch.now() - t0
            let hat = call.normalization.matrix
            t0 = Stopwatch.now()
            let stability = Stability(
                normalized: hat, support: analysis.fixedPoint.support,
                lr: call.parameters.lr, momentum: call.parameters.momentum)
            let stabilityTime = Stopwatch.now() - t0
            t0 = Stopwatch.now()
            let curve = LambdaCurve.compute(normalized: hat, preference: call.preference, near: call.w)!
            let curveTime = Stopwatch.now() - t0
            return Row(
                m: m, n: n, firstCall: firstCall, embedding: embeddingTime, analysis: analysisTime,
                stability: stabilityTime, curve: curveTime, embeddingEstimated: embedding.isEstimate,
                stabilityEstimated: stability.isEstimate, verified: analysis.fixedPoint.isVerified,
                unique: analysis.fixedPoint.unique, curvePoints: curve.points.count)
        }
    }

    /// `"analyses":[{"m":16,"n":32,"first_call_ns":...,"embedding_ns":...,...},...]`.
    static func json(_ rows: [Row]) -> String {
        "\"analyses\":["
            + rows.map { row in
                "{\"m\":\(row.m),\"n\":\(row.n),\"first_call_ns\":\(Int(row.firstCall)),\"embedding_ns\":\(Int(row.embedding)),"
                    + "\"analysis_ns\":\(Int(row.analysis)),\"stability_ns\":\(Int(row.stability)),\"curve_ns\":\(Int(row.curve)),"
                    + "\"curve_points\":\(row.curvePoints),\"embedding_estimated\":\(row.embeddingEstimated),"
                    + "\"stability_estimated\":\(row.stabilityEstimated),\"fixed_point_verified\":\(row.verified),"
                    + "\"unique\":\(row.unique.map { "\($0)" } ?? "null")}"
            }.joined(separator: ",") + "]"
    }

    /// One line per m.
    static func text(_ rows: [Row]) -> [String] {
        guard !rows.isEmpty else { return [] }
        return ["analyses: the shown call's, once each, A = J1 J2^T seeded (n = min(2m, 1024))"]
            + rows.map { row in
                "  m = \(row.m)  first call \(Stopwatch.describe(row.firstCall))  embedding \(Stopwatch.describe(row.embedding))"
                    + (row.embeddingEstimated ? " (est.)" : "")
                    + "  fixed point + stability \(Stopwatch.describe(row.analysis))"
                    + (row.verified ? "" : " (unverified)") + "  stability alone \(Stopwatch.describe(row.stability))"
                    + (row.stabilityEstimated ? " (est.)" : "")
                    + "  lambda curve \(Stopwatch.describe(row.curve)) (\(row.curvePoints) points)"
            }
    }
}
