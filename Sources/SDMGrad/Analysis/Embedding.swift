/// Points in at most three dimensions that stand for the task gradients in the geometry panel.
public struct Embedding: Equatable, Sendable {
    /// m x k coordinates (k = 1, 2 or 3), one row per task.
    public let coordinates: Matrix
    /// How faithful the picture is, in words shown to the user.
    public let note: String
    /// True when inner products are reproduced exactly.
    public let isExact: Bool

    /// The rows themselves when n <= 3, else an embedding of their Gramian J J^T.
    public init(jacobian j: Matrix) {
        if j.columns <= 3 {
            coordinates = j
            note = "gradients as given (n = \(j.columns))"
            isExact = true
        } else {
            let gram = j.timesTransposeOf(j)
            (coordinates, isExact) = Embedding.fromGramian(gram)
            note = isExact ? "exact embedding of \(j.rows) gradients in R^\(j.columns) (same inner products)"
                : "leading \(coordinates.columns) principal directions of \(j.rows) gradients in R^\(j.columns)"
        }
    }

    /// An embedding of the symmetric PSD part of a bare matrix A (the only part that can be drawn).
    public init(matrix a: Matrix) {
        let (coords, exact) = Embedding.fromGramian(a)
        coordinates = coords
        let symmetric = (0..<a.rows).allSatisfy { i in (0..<a.rows).allSatisfy { j in a[i, j] == a[j, i] } }
        isExact = exact && symmetric
        note = isExact ? "A is a PSD Gramian: exact embedding" : "only the symmetric PSD part of A can be drawn"
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

    /// The point J^T weights in embedding coordinates (a combination of the rows).
    public func combine(_ weights: [Double]) -> [Double] { coordinates.transposeTimes(weights) }
}
