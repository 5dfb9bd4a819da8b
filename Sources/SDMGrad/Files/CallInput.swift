/// The input of one weighting call: A, and the Jacobians it came from when known.
public struct CallInput: Sendable {
    /// The square matrix A = J1 J2^T.
    public let a: Matrix
    /// The Jacobians A came from, when it came from a pair.
    public let j1: Matrix?, j2: Matrix?
    /// The third batch's Jacobian (for the direction d = J3^T weights), when given.
    public let j3: Matrix?
    /// A short label (the file name or names).
    public let label: String

    /// An input from a matrix, the Jacobians it came from when known, and an optional J3.
    public init(a: Matrix, j1: Matrix? = nil, j2: Matrix? = nil, j3: Matrix? = nil, label: String) {
        self.a = a
        self.j1 = j1
        self.j2 = j2
        self.j3 = j3
        self.label = label
    }

    /// A = J1 J2^T from two m x n Jacobians; throws when their shapes differ.
    public static func product(j1: Matrix, j2: Matrix, names: (String, String) = ("J1", "J2")) throws -> Matrix {
        try JacobianShapes.check([(names.0, j1), (names.1, j2)])
        return j1.timesTransposeOf(j2)
    }

    /// Reads one `solve` argument: a matrix file, or `J1FILE,J2FILE[,J3FILE]` for a Jacobian pair (and third batch).
    public static func load(argument: String) throws -> CallInput {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 || FileSystem.exists(argument) {
            return CallInput(a: try MatrixReader.readSquare(path: argument), label: argument)
        }
        guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw InputError("\(argument): expected a matrix file or J1FILE,J2FILE[,J3FILE]")
        }
        return try load(j1: parts[0], j2: parts[1], j3: parts.count == 3 ? parts[2] : nil)
    }

    /// Reads a Jacobian pair (and optional J3) from files; A = J1 J2^T.
    public static func load(j1: String, j2: String, j3: String?) throws -> CallInput {
        let first = try MatrixReader.read(path: j1), second = try MatrixReader.read(path: j2)
        let third = try j3.map { try MatrixReader.read(path: $0) }
        let a = try product(j1: first, j2: second, names: (j1, j2))
        if let third, let j3 { try JacobianShapes.check([(j1, first), (j3, third)]) }
        return CallInput(
            a: try checkedProduct(a, names: (j1, j2)), j1: first, j2: second, j3: third,
            label: [j1, j2, j3].compactMap { $0 }.joined(separator: ","))
    }

    /// A product that overflowed to infinity is reported against both files.
    static func checkedProduct(_ a: Matrix, names: (String, String)) throws -> Matrix {
        guard a.isFinite else {
            throw InputError("A = \(names.0) times \(names.1) transposed overflows: A has infinite entries")
        }
        return a
    }
}
