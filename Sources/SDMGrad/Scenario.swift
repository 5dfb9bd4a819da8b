/// A scenario file (SPEC section 3): the gradients or matrices of one situation, and the knobs to start with.
public struct Scenario: Equatable, Sendable {
    /// Short identifier, e.g. "conflict-2".
    public var name: String
    /// One-line title.
    public var title: String
    /// A paragraph shown in the explorer.
    public var description: String
    /// Task names (m of them).
    public var tasks: [String]
    /// True per-task gradients (m x n), when the scenario gives them.
    public var gradients: Matrix?
    /// Explicit Jacobians of the two batches (and the third), when given instead of gradients.
    public var j1: Matrix?, j2: Matrix?, j3: Matrix?
    /// A bare matrix A, when given instead of gradients or Jacobians.
    public var matrix: Matrix?
    /// Standard deviation of the per-entry batch noise (0: every batch equals `gradients`).
    public var noise: Double = 0
    /// Seed of the batch noise.
    public var seed: UInt64 = 1
    /// Solver parameters to start with.
    public var parameters = SolverParameters()

    /// Number of tasks m.
    public var m: Int { gradients?.rows ?? j1?.rows ?? matrix?.rows ?? 0 }

    /// A scenario from a matrix alone (e.g. `--matrix FILE`).
    public init(name: String, matrix: Matrix, parameters: SolverParameters = SolverParameters()) {
        self.name = name
        self.title = "Matrix from \(name)"
        self.description = "A user-given matrix A. Only its symmetric part can be drawn as gradients."
        self.tasks = (1...max(matrix.rows, 1)).map { "task \($0)" }
        self.matrix = matrix
        self.parameters = parameters
    }

    /// A scenario from Jacobians (e.g. `--j1 --j2 --j3`).
    public init(name: String, j1: Matrix, j2: Matrix, j3: Matrix?, parameters: SolverParameters = SolverParameters()) {
        self.name = name
        self.title = "Jacobians from \(name)"
        self.description =
            "User-given Jacobians of two batches: A = J1 J2^T" + (j3 == nil ? "." : "; the direction uses J3.")
        self.tasks = (1...max(j1.rows, 1)).map { "task \($0)" }
        self.j1 = j1
        self.j2 = j2
        self.j3 = j3
        self.parameters = parameters
    }

    /// A scenario from true gradients.
    public init(
        name: String, title: String, description: String = "", tasks: [String]? = nil,
        gradients: Matrix, noise: Double = 0, seed: UInt64 = 1, parameters: SolverParameters = SolverParameters()
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.tasks = tasks ?? (1...max(gradients.rows, 1)).map { "task \($0)" }
        self.gradients = gradients
        self.noise = noise
        self.seed = seed
        self.parameters = parameters
    }

    /// The three batches (xi, xi', zeta) this scenario gives, sampled from `seed` when noise > 0.
    public func batches() -> Batches {
        if let gradients {
            guard noise > 0 else { return Batches(j1: gradients, j2: gradients, j3: gradients) }
            var random = SeededRandom(seed: seed)
            func sample() -> Matrix {
                Matrix(
                    rows: gradients.rows, columns: gradients.columns,
                    storage: gradients.storage.map { $0 + noise * random.nextNormal() })
            }
            let xi = sample(), xiPrime = sample(), zeta = sample()
            return Batches(j1: xi, j2: xiPrime, j3: zeta)
        }
        if let j1, let j2 { return Batches(j1: j1, j2: j2, j3: j3) }
        return Batches(matrix: matrix!)
    }
}

/// The inputs of one weighting call drawn from a scenario.
public struct Batches: Equatable, Sendable {
    /// Jacobian of batch xi (nil for a bare matrix).
    public let j1: Matrix?
    /// Jacobian of batch xi'.
    public let j2: Matrix?
    /// Jacobian of batch zeta, used for the direction d = J3^T weights.
    public let j3: Matrix?
    /// A = J1 J2^T (or the bare matrix).
    public let a: Matrix
    /// The Jacobian the direction d = J^T weights uses: J3, else (J1 + J2) / 2, else nil (built once).
    public let directionJacobian: Matrix?

    /// Batches from Jacobians.
    public init(j1: Matrix, j2: Matrix, j3: Matrix?) {
        self.j1 = j1
        self.j2 = j2
        self.j3 = j3
        self.a = j1.timesTransposeOf(j2)
        self.directionJacobian = Batches.directionJacobian(j1: j1, j2: j2, j3: j3)
    }

    /// A given A (e.g. saved in float32 during training) with the Jacobians it came from, for drawing.
    public init(a: Matrix, j1: Matrix?, j2: Matrix?, j3: Matrix?) {
        self.j1 = j1
        self.j2 = j2
        self.j3 = j3
        self.a = a
        self.directionJacobian = Batches.directionJacobian(j1: j1, j2: j2, j3: j3)
    }

    /// A bare matrix, with no Jacobians.
    public init(matrix: Matrix) {
        j1 = nil
        j2 = nil
        j3 = nil
        a = matrix
        directionJacobian = nil
    }

    /// The Jacobian the direction is computed from: J3, else (J1 + J2) / 2, else nil.
    static func directionJacobian(j1: Matrix?, j2: Matrix?, j3: Matrix?) -> Matrix? {
        if let j3 { return j3 }
        guard let j1, let j2, JacobianShapes.agree([j1, j2]) else { return nil }
        return Matrix(rows: j1.rows, columns: j1.columns, storage: zip(j1.storage, j2.storage).map { ($0 + $1) / 2 })
    }
}
