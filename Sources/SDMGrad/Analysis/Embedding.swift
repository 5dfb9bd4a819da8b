/// Points in at most three dimensions that stand for the task gradients in the geometry panel.
public struct Embedding: Equatable, Sendable {
    /// m x k coordinates (k = 1, 2 or 3), one row per task.
    public let coordinates: Matrix
    /// How faithful the picture is, in words shown to the user.
    public let note: String
    /// True when inner products are reproduced exactly.
    public let isExact: Bool
    /// True when the leading directions come from an iteration that stopped at its budget before its
    /// tolerance (large m only): the picture is then an estimate.
    public let isEstimate: Bool

    /// Up to this m the symmetric matrix is decomposed fully (Jacobi); beyond, only its leading
    /// eigenvectors are computed (Lanczos).
    public static let fullDecompositionLimit = 32

    /// The rows themselves when n <= 3, else an embedding of their Gramian J J^T.
    public init(jacobian j: Matrix) { self = Embedding.compute(jacobian: j)! }

    /// An embedding of the symmetric PSD part of a bare matrix A (the only part that can be drawn).
    public init(matrix a: Matrix) { self = Embedding.compute(matrix: a)! }

    private init(coordinates: Matrix, note: String, isExact: Bool, isEstimate: Bool) {
        self.coordinates = coordinates
        self.note = note
        self.isExact = isExact
        self.isEstimate = isEstimate
    }

    /// `init(jacobian:)` that can be stopped: nil once `isCancelled` returns true; `progress` gets the
    /// share of the iteration's budget spent (large m only).
    public static func compute(
        jacobian j: Matrix, isCancelled: () -> Bool = { false },
        progress: (Double) -> Void = { _ in }
    ) -> Embedding? {
        if j.columns <= 3 {
            return Embedding(
                coordinates: j, note: "gradients as given (n = \(j.columns))", isExact: true, isEstimate: false)
        }
        let picture: (coordinates: Matrix, exact: Bool, estimate: Bool)
        if j.rows <= fullDecompositionLimit {
            let (coordinates, exact) = fromGramian(j.timesTransposeOf(j))
            picture = (coordinates, exact, false)
        } else {
            guard let found = leadingOfGramian(jacobian: j, isCancelled: isCancelled, progress: progress) else {
                return nil
            }
            picture = found
        }
        let note =
            picture.exact
            ? "exact embedding of \(j.rows) gradients in R^\(j.columns) (same inner products)"
            : "leading \(picture.coordinates.columns) principal directions of \(j.rows) gradients in R^\(j.columns)"
                + (picture.estimate ? " (estimated)" : "")
        return Embedding(
            coordinates: picture.coordinates, note: note, isExact: picture.exact, isEstimate: picture.estimate)
    }

    /// `init(matrix:)` that can be stopped: nil once `isCancelled` returns true; `progress` gets the
    /// share of the iteration's budget spent (large m only).
    public static func compute(
        matrix a: Matrix, isCancelled: () -> Bool = { false },
        progress: (Double) -> Void = { _ in }
    ) -> Embedding? {
        let exact: Bool, estimate: Bool, coordinates: Matrix
        if a.rows <= fullDecompositionLimit {
            let (coords, gramExact) = fromGramian(a)
            let symmetric = (0..<a.rows).allSatisfy { i in (0..<a.rows).allSatisfy { j in a[i, j] == a[j, i] } }
            (coordinates, exact, estimate) = (coords, gramExact && symmetric, false)
        } else {
            guard let found = leadingOfSymmetricPart(a, isCancelled: isCancelled, progress: progress) else {
                return nil
            }
            (coordinates, exact, estimate) = found
        }
        let note =
            exact
            ? "A is a PSD Gramian: exact embedding"
            : "only the symmetric PSD part of A can be drawn" + (estimate ? " (estimated)" : "")
        return Embedding(coordinates: coordinates, note: note, isExact: exact, isEstimate: estimate)
    }

    /// Coordinates X (m x k) with X X^T close to the symmetric part of `g`, and whether it is exact.
    static func fromGramian(_ g: Matrix) -> (Matrix, Bool) {
        let m = g.rows
        // Work on G / max|G| so entries near the largest double do not overflow; coordinates scale back by sqrt.
        let largest = g.storage.reduce(0) { max($0, abs($1)) }
        let unit = largest > 0 && largest.isFinite ? largest : 1
        let eigen = SymmetricEigen(symmetricPartOf: Matrix(rows: m, columns: m, storage: g.storage.map { $0 / unit }))
        let k = min(m, 3)
        let top = eigen.values.first.map { max(abs($0), 1e-300) } ?? 1
        let dropped = eigen.values.dropFirst(k).contains { abs($0) > 1e-9 * top }
        let negative = eigen.values.contains { $0 < -1e-9 * top }
        var x = Matrix.zeros(rows: m, columns: k)
        for c in 0..<k {
            let root = max(eigen.values[c], 0).squareRoot() * unit.squareRoot()
            for r in 0..<m { x[r, c] = eigen.vectors[r, c] * root }
        }
        return (x, !dropped && !negative)
    }

    /// Coordinates from the three leading eigenpairs of (A + A^T) / 2 (one pass over A per product),
    /// whether they reproduce it exactly (A symmetric and ||S - X X^T|| <= 1e-9 |lambda_1|), and whether
    /// the eigenpairs are estimates.
    static func leadingOfSymmetricPart(
        _ a: Matrix, isCancelled: () -> Bool,
        progress: (Double) -> Void
    ) -> (Matrix, Bool, Bool)? {
        let m = a.rows
        let largest = a.storage.reduce(0) { max($0, abs($1)) }
        let unit = largest > 0 && largest.isFinite ? largest : 1
        let inverse = 1 / unit
        // A symmetric A (a Gramian) needs only A x: half the work of (A x + A^T x) / 2.
        let symmetric = isSymmetric(a)
        let pairs = a.storage.withUnsafeBufferPointer { entries -> LeadingEigenpairs? in
            LeadingEigenpairs.compute(
                m: m, count: 3,
                apply: { x, out in
                    if symmetric {
                        for i in 0..<m {
                            out[i] = inverse * LinearAlgebra.dot(entries.baseAddress! + i * m, x, count: m)
                        }
                        return
                    }
                    for i in 0..<m { out[i] = 0 }
                    for i in 0..<m {
                        // (A x)_i and the row's share of (A^T x), from one read of row i.
                        let row = entries.baseAddress! + i * m
                        let xi = 0.5 * inverse * x[i]
                        out[i] += 0.5 * inverse * LinearAlgebra.dot(row, x, count: m)
                        if xi != 0 { for j in 0..<m { out[j] += row[j] * xi } }
                    }
                }, isCancelled: isCancelled, progress: progress)
        }
        guard let pairs else { return nil }
        let coordinates = scaledCoordinates(pairs, unit: unit)
        let top = max(abs(pairs.values.first ?? 0), 1e-300) * unit
        guard let (symmetric, remainder) = symmetricRemainder(a, coordinates: coordinates, isCancelled: isCancelled)
        else { return nil }
        return (coordinates, symmetric && remainder <= 1e-9 * top, !pairs.converged)
    }

    /// Coordinates from the three leading eigenpairs of J J^T (products J (J^T x), never the m x m Gramian);
    /// exact when the rest of its trace is <= 1e-9 lambda_1 (J J^T is PSD, so then every dropped eigenvalue is).
    static func leadingOfGramian(
        jacobian j: Matrix, isCancelled: () -> Bool,
        progress: (Double) -> Void
    ) -> (Matrix, Bool, Bool)? {
        let m = j.rows, n = j.columns
        let largest = j.storage.reduce(0) { max($0, abs($1)) }
        let root = largest > 0 && largest.isFinite ? largest : 1
        let inverse = 1 / root
        var scratch = [Double](repeating: 0, count: n)
        let pairs = j.storage.withUnsafeBufferPointer { entries in
            scratch.withUnsafeMutableBufferPointer { t -> LeadingEigenpairs? in
                LeadingEigenpairs.compute(
                    m: m, count: 3,
                    apply: { x, out in
                        for c in 0..<n { t[c] = 0 }
                        for i in 0..<m where x[i] != 0 {
                            let row = entries.baseAddress! + i * n, xi = x[i] * inverse
                            for c in 0..<n { t[c] += row[c] * xi }
                        }
                        for i in 0..<m {
                            out[i] = inverse * LinearAlgebra.dot(entries.baseAddress! + i * n, t.baseAddress!, count: n)
                        }
                    }, isCancelled: isCancelled, progress: progress)
            }
        }
        guard let pairs else { return nil }
        let unit = root * root
        let coordinates = scaledCoordinates(pairs, unit: unit)
        var trace = 0.0
        for value in j.storage { trace += (value * inverse) * (value * inverse) }
        let kept = pairs.values.reduce(0) { $0 + max($1, 0) }
        let top = max(pairs.values.first ?? 0, 1e-300)
        return (coordinates, trace - kept <= 1e-9 * top, !pairs.converged)
    }

    /// X with X_rc = v_rc sqrt(max(lambda_c, 0) unit).
    static func scaledCoordinates(_ pairs: LeadingEigenpairs, unit: Double) -> Matrix {
        let m = pairs.vectors.rows, k = pairs.values.count
        var x = Matrix.zeros(rows: m, columns: k)
        for c in 0..<k {
            let root = max(pairs.values[c], 0).squareRoot() * unit.squareRoot()
            for r in 0..<m { x[r, c] = pairs.vectors[r, c] * root }
        }
        return x
    }

    /// Whether A_ij == A_ji everywhere, read in square tiles; stops at the first difference.
    static func isSymmetric(_ a: Matrix) -> Bool {
        let m = a.rows, tile = 64
        return a.storage.withUnsafeBufferPointer { e in
            for i0 in stride(from: 0, to: m, by: tile) {
                for j0 in stride(from: i0, to: m, by: tile) {
                    for i in i0..<min(i0 + tile, m) {
                        for j in max(j0, i + 1)..<max(min(j0 + tile, m), max(j0, i + 1))
                        where e[i * m + j] != e[j * m + i] {
                            return false
                        }
                    }
                }
            }
            return true
        }
    }

    /// Whether A is exactly symmetric, and ||(A + A^T)/2 - X X^T||_F, read in square tiles so both
    /// A_ij and A_ji come from few pages.
    static func symmetricRemainder(_ a: Matrix, coordinates x: Matrix, isCancelled: () -> Bool) -> (Bool, Double)? {
        let m = a.rows, k = x.columns, tile = 64
        var symmetric = true
        var sum = 0.0
        for i0 in stride(from: 0, to: m, by: tile) {
            if isCancelled() { return nil }
            for j0 in stride(from: i0, to: m, by: tile) {
                for i in i0..<min(i0 + tile, m) {
                    for j in max(j0, i)..<min(j0 + tile, m) {
                        let aij = a[i, j], aji = a[j, i]
                        if aij != aji { symmetric = false }
                        var g = 0.0
                        for c in 0..<k { g += x[i, c] * x[j, c] }
                        let r = 0.5 * (aij + aji) - g
                        sum += i == j ? r * r : 2 * r * r
                    }
                }
            }
        }
        return (symmetric, sum.squareRoot())
    }

    /// The point J^T weights in embedding coordinates (a combination of the rows).
    public func combine(_ weights: [Double]) -> [Double] { coordinates.transposeTimes(weights) }
}
