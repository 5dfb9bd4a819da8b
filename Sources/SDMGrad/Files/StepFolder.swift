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
        // Non-finite entries are refused by the read itself, so there is always a step.
        try readStep(folder: folder, aName: name).batches!
    }

    /// What reading one step's files found: A's `.npy` dtype, and the step (nil when A has a
    /// non-finite entry and `allowNonFiniteA` was asked: its Jacobians are then not read).
    struct StepRead {
        let batches: Batches?
        let aDescr: String?
        let a: Matrix
    }

    /// Reads one step, each file once (a file replaced between two reads can never be half-checked).
    static func readStep(folder: String, aName name: String, allowNonFiniteA: Bool = false) throws -> StepRead {
        let aPath = "\(folder)/\(name)"
        let (a, descr) = try MatrixReader.readFile(path: aPath, allowNonFinite: allowNonFiniteA)
        guard a.isSquare else {
            throw InputError(
                "\(aPath.quotedForMessage(limit: 200)): the matrix is \(a.rows) x \(a.columns), not square")
        }
        guard a.isFinite else { return StepRead(batches: nil, aDescr: descr, a: a) }
        let ext = name.lastIndex(of: ".").map { String(name[$0...]) } ?? ""
        let prefix = String(name.dropLast(ext.count + 1))  // "stepK-"
        func jacobian(_ k: Int) throws -> Matrix? {
            let path = "\(folder)/\(prefix)J\(k)\(ext)"
            guard FileSystem.exists(path) else { return nil }
            let j = try MatrixReader.read(path: path)
            guard j.rows == a.rows else {
                throw InputError("\(path) has \(j.rows) rows but A is \(a.rows) x \(a.rows)")
            }
            return j
        }
        let (j1, j2, j3) = (try jacobian(1), try jacobian(2), try jacobian(3))
        let given = [j1, j2, j3].compactMap { $0 }
        if !JacobianShapes.agree(given) {
            throw InputError(
                "\(folder)/\(prefix)J*\(ext): the Jacobians of one step must have the same shape, got "
                    + given.map { "\($0.rows) x \($0.columns)" }.joined(separator: ", "))
        }
        return StepRead(batches: Batches(a: a, j1: j1, j2: j2, j3: j3), aDescr: descr, a: a)
    }

    /// The first number in a file name (step12-A.npy -> 12), for natural ordering.
    static func stepNumber(_ name: String) -> Int {
        let digits = name.drop(while: { !$0.isNumber }).prefix(while: \.isNumber)
        return Int(digits) ?? Int.max
    }
}
