/// A folder of saved training steps: `stepK-A.npy` (or .json/.csv), with optional `stepK-J1/J2/J3` beside it.
public enum StepFolder {
    /// One call per A file, in step order; the step's Jacobians, when present, are kept for drawing.
    public static func load(_ folder: String) throws -> [Batches] {
        let names = FileSystem.list(folder).filter { name in
            ["-A.npy", "-A.json", "-A.csv"].contains { name.hasSuffix($0) }
        }.sorted { stepNumber($0) < stepNumber($1) }
        guard !names.isEmpty else { throw InputError("\(folder): no files named like step0-A.npy in this folder") }
        return try names.map { try loadStep(folder: folder, aName: $0) }
    }

    /// One step: the A file `aName` in `folder` (e.g. "step3-A.npy") and the Jacobians beside it, when present.
    public static func loadStep(folder: String, aName name: String) throws -> Batches {
        let a = try MatrixReader.readSquare(path: "\(folder)/\(name)")
        let ext = String(name[name.lastIndex(of: ".")!...])
        let prefix = String(name.dropLast(ext.count + 1))     // "stepK-"
        func jacobian(_ k: Int) throws -> Matrix? {
            let path = "\(folder)/\(prefix)J\(k)\(ext)"
            guard FileSystem.exists(path) else { return nil }
            let j = try MatrixReader.read(path: path)
            guard j.rows == a.rows else { throw InputError("\(path) has \(j.rows) rows but A is \(a.rows) x \(a.rows)") }
            return j
        }
        let (j1, j2, j3) = (try jacobian(1), try jacobian(2), try jacobian(3))
        let given = [j1, j2, j3].compactMap { $0 }
        if !JacobianShapes.agree(given) {
            throw InputError("\(folder)/\(prefix)J*\(ext): the Jacobians of one step must have the same shape, got "
                             + given.map { "\($0.rows) x \($0.columns)" }.joined(separator: ", "))
        }
        return Batches(a: a, j1: j1, j2: j2, j3: j3)
    }

    /// The first number in a file name (step12-A.npy -> 12), for natural ordering.
    static func stepNumber(_ name: String) -> Int {
        let digits = name.drop(while: { !$0.isNumber }).prefix(while: \.isNumber)
        return Int(digits) ?? Int.max
    }
}
