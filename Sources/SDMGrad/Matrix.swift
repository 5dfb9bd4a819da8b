/// A dense row-major matrix of Doubles.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major entries, `rows * columns` of them.
    public var storage: [Double]

    /// A matrix from row-major storage; `storage.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "storage does not match the shape")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "ragged rows")
        self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
    }

    /// A rows x columns matrix of zeros.
    public static func zeros(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, storage: Array(repeating: 0, count: rows * columns))
    }

    /// Whether the matrix is square.
    public var isSquare: Bool { rows == columns }

    /// The entry at row `i`, column `j`.
    @inlinable public subscript(i: Int, j: Int) -> Double {
        get { storage[i * columns + j] }
        set { storage[i * columns + j] = newValue }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] { Array(storage[i * columns..<(i + 1) * columns]) }

    /// All rows as arrays.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The diagonal of a square matrix.
    public var diagonal: [Double] { (0..<min(rows, columns)).map { self[$0, $0] } }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix.zeros(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }

    /// This matrix times a vector of length `columns`.
    public func times(_ x: [Double]) -> [Double] {
        precondition(x.count == columns, "vector length does not match")
        var out = [Double](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xs in
                out.withUnsafeMutableBufferPointer { o in
                    LinearAlgebra.multiply(
                        a.baseAddress!, rows: rows, columns: columns, xs.baseAddress!, into: o.baseAddress!)
                }
            }
        }
        return out
    }

    /// The transpose of this matrix times a vector of length `rows` (e.g. J^T weights).
    public func transposeTimes(_ x: [Double]) -> [Double] {
        precondition(x.count == rows, "vector length does not match")
        var out = [Double](repeating: 0, count: columns)
        for i in 0..<rows where x[i] != 0 {
            for j in 0..<columns { out[j] += self[i, j] * x[i] }
        }
        return out
    }

    /// `self * other^T`, e.g. A = J1 J2^T for two m x n Jacobians.
    public func timesTransposeOf(_ other: Matrix) -> Matrix {
        precondition(columns == other.columns, "inner dimensions do not match")
        var out = Matrix.zeros(rows: rows, columns: other.rows)
        let n = columns, r = rows, o = other.rows
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                out.storage.withUnsafeMutableBufferPointer { c in
                    for i in 0..<r {
                        for k in 0..<o {
                            c[i * o + k] = LinearAlgebra.dot(a.baseAddress! + i * n, b.baseAddress! + k * n, count: n)
                        }
                    }
                }
            }
        }
        return out
    }

    /// Frobenius norm.
    public var frobeniusNorm: Double { euclideanNorm(storage) }

    /// Whether every entry is finite: x - x is 0 for finite x and NaN otherwise, summed four lanes at a time.
    public var isFinite: Bool {
        storage.withUnsafeBufferPointer { values in
            var acc = SIMD4<Double>()
            var i = 0
            while i + 4 <= values.count {
                let v = SIMD4<Double>(values[i], values[i + 1], values[i + 2], values[i + 3])
                acc += v - v
                i += 4
            }
            var rest = 0.0
            while i < values.count { rest += values[i] - values[i]; i += 1 }
            return (acc.sum() + rest) == 0
        }
    }
}
