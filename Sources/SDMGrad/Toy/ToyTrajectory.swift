/// What one step recorded: the point before the update, the losses there, the direction and its coefficients.
public struct ToyStepRecord: Equatable, Sendable {
    /// The step number k.
    public var step: Int
    /// x before step k's update.
    public var x: SIMD2<Double>
    /// (L1, L2) at x.
    public var losses: SIMD2<Double>
    /// The direction handed to Adam.
    public var direction: SIMD2<Double>
    /// (a1, a2) with direction = a1 g1 + a2 g2 (for `sdmgrad`, the weighting's output, applied to the zeta sample).
    public var weights: SIMD2<Double>
    /// For `sdmgrad`: the inner solver's input at this step.
    public var weightingInput: ToyWeightingInput?
}

/// The recorded steps of a run, stored flat (two doubles per vector) so 10^5 steps stay a few MB.
public struct ToyTrajectory: Equatable, Sendable {
    /// Steps 0, K, 2K, ... and the last one are kept.
    public let stride: Int
    /// The run's number of steps N.
    public let totalSteps: Int
    /// x1, x2 per record.
    public private(set) var points: [Double] = []
    /// L1, L2 per record.
    public private(set) var losses: [Double] = []
    /// The direction per record.
    public private(set) var directions: [Double] = []
    /// a1, a2 per record.
    public private(set) var weights: [Double] = []
    /// `sdmgrad` only: A row-major, four per record.
    public private(set) var matrices: [Double] = []
    /// `sdmgrad` only: the warm start w, two per record.
    public private(set) var warmStarts: [Double] = []
    /// `sdmgrad` only: the Jacobians of xi, xi' and zeta row-major, twelve per record.
    public private(set) var jacobianEntries: [Double] = []

    /// An empty trajectory for a run of `totalSteps` keeping every `stride`-th step.
    public init(stride: Int, totalSteps: Int, withWeightingInputs: Bool) {
        self.stride = stride
        self.totalSteps = totalSteps
        let capacity = Self.recordCount(stride: stride, totalSteps: totalSteps)
        points.reserveCapacity(2 * capacity)
        losses.reserveCapacity(2 * capacity)
        directions.reserveCapacity(2 * capacity)
        weights.reserveCapacity(2 * capacity)
        if withWeightingInputs {
            matrices.reserveCapacity(4 * capacity)
            warmStarts.reserveCapacity(2 * capacity)
            jacobianEntries.reserveCapacity(12 * capacity)
        }
    }

    /// How many records a finished run keeps.
    public static func recordCount(stride: Int, totalSteps: Int) -> Int {
        (totalSteps - 1) / stride + 1 + ((totalSteps - 1) % stride == 0 ? 0 : 1)
    }

    /// Whether step k is kept.
    public func keeps(step k: Int) -> Bool { k % stride == 0 || k == totalSteps - 1 }

    /// Number of records so far.
    public var count: Int { points.count / 2 }

    /// The step number of record i.
    public func step(ofRecord i: Int) -> Int { min(i * stride, totalSteps - 1) }

    /// The index of the last record at or before step k (nil before the first record).
    public func recordIndex(atOrBefore k: Int) -> Int? {
        guard count > 0, k >= 0 else { return nil }
        return k >= totalSteps - 1 ? count - 1 : min(k / stride, count - 1)
    }

    /// x of record i.
    public func point(_ i: Int) -> SIMD2<Double> { SIMD2(points[2 * i], points[2 * i + 1]) }

    /// Record i in full.
    public subscript(i: Int) -> ToyStepRecord {
        ToyStepRecord(
            step: step(ofRecord: i), x: point(i),
            losses: SIMD2(losses[2 * i], losses[2 * i + 1]),
            direction: SIMD2(directions[2 * i], directions[2 * i + 1]),
            weights: SIMD2(weights[2 * i], weights[2 * i + 1]),
            weightingInput: nil)
    }

    /// The inner solver's A and warm start at record i (`sdmgrad` runs only).
    public func matrixAndWarmStart(_ i: Int) -> (a: Matrix, warmStart: [Double])? {
        guard 4 * i + 4 <= matrices.count else { return nil }
        return (
            Matrix(rows: 2, columns: 2, storage: Array(matrices[4 * i..<4 * i + 4])),
            [warmStarts[2 * i], warmStarts[2 * i + 1]]
        )
    }

    /// The samples' Jacobians (xi, xi', zeta) at record i, when they were kept.
    public func jacobians(_ i: Int) -> (j1: Matrix, j2: Matrix, j3: Matrix)? {
        guard 12 * i + 12 <= jacobianEntries.count else { return nil }
        let j = { (k: Int) in
            Matrix(rows: 2, columns: 2, storage: Array(jacobianEntries[12 * i + 4 * k..<12 * i + 4 * k + 4]))
        }
        return (j(0), j(1), j(2))
    }

    /// Appends one record.
    mutating func append(x: SIMD2<Double>, losses l: SIMD2<Double>, direction: ToyDirection, input: ToyWeightingInput?)
    {
        points.append(x.x); points.append(x.y)
        losses.append(l.x); losses.append(l.y)
        directions.append(direction.direction.x); directions.append(direction.direction.y)
        weights.append(direction.weights.x); weights.append(direction.weights.y)
        if let input {
            matrices.append(contentsOf: input.a.storage)
            warmStarts.append(contentsOf: input.warmStart)
            if let j = input.jacobians { jacobianEntries += j.j1.storage + j.j2.storage + j.j3.storage }
        }
    }
}
