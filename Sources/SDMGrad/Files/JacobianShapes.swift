/// The one shape rule for the Jacobians of a call: J1, J2 (and J3) are all m x n alike.
public enum JacobianShapes {
    /// Throws an `InputError` naming the first Jacobian whose shape differs from the first one's.
    public static func check(_ jacobians: [(name: String, matrix: Matrix)]) throws {
        guard let first = jacobians.first else { return }
        for other in jacobians.dropFirst() where !agree([first.matrix, other.matrix]) {
            throw InputError(
                "\(first.name) is \(first.matrix.rows) x \(first.matrix.columns) but \(other.name) is "
                    + "\(other.matrix.rows) x \(other.matrix.columns); they must have the same shape")
        }
    }

    /// Whether every matrix has the same rows and columns.
    public static func agree(_ matrices: [Matrix]) -> Bool {
        guard let first = matrices.first else { return true }
        return matrices.allSatisfy { $0.rows == first.rows && $0.columns == first.columns }
    }
}
