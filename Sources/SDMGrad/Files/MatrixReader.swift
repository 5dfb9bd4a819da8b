/// Which file format a matrix file is in (found from its content).
public enum MatrixFormat: String, Sendable {
    case json, csv, npy
}

/// Reads matrices and Jacobians from JSON, CSV and NumPy `.npy` files (SPEC section 3).
public enum MatrixReader {
    /// Reads the matrix in the file at `path`; errors are prefixed with the path.
    public static func read(path: String) throws -> Matrix {
        try readFile(path: path).matrix
    }

    /// Reads the file at `path` once: its matrix, and its `.npy` dtype (nil for text). Non-finite
    /// entries are refused unless `allowNonFinite`; errors are prefixed with the path.
    public static func readFile(path: String, allowNonFinite: Bool = false) throws -> (
        matrix: Matrix, npyDescr: String?
    ) {
        do {
            let bytes = try FileBytes.read(path)
            if try detectFormat(bytes, hint: path) == .npy {
                let (matrix, descr) = try NPYReader.parseWithDescr(bytes)
                return (try checked(matrix, allowNonFinite: allowNonFinite), descr)
            }
            return (try parse(bytes, hint: path), nil)
        } catch let error as InputError {
            throw error.prefixed(path)
        }
    }

    /// Reads a square matrix A; errors are prefixed with the path.
    public static func readSquare(path: String) throws -> Matrix {
        let a = try read(path: path)
        guard a.isSquare else { throw InputError("\(path): the matrix is \(a.rows) x \(a.columns), not square") }
        return a
    }

    /// The format of `bytes`: NumPy by its magic string, JSON by a leading '[' or '{', else CSV.
    public static func detectFormat(_ bytes: [UInt8], hint: String = "") throws -> MatrixFormat {
        if bytes.starts(with: NPYReader.magic) { return .npy }
        if hint.lowercased().hasSuffix(".npy") { throw InputError("not a NumPy .npy file (wrong magic string)") }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        guard i < bytes.count else { throw InputError("the file is empty") }
        if bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "{") { return .json }
        return .csv
    }

    /// Parses a matrix from file contents in any supported format.
    public static func parse(_ bytes: [UInt8], hint: String = "") throws -> Matrix {
        let matrix: Matrix
        let format = try detectFormat(bytes, hint: hint)
        if format != .npy && bytes.count > Limits.maxTextFileBytes {
            throw InputError(
                "a \(format.rawValue.uppercased()) file of \(bytes.count) bytes is above the limit of \(Limits.maxTextFileBytes) bytes for text; save large matrices as .npy"
            )
        }
        if format != .npy { try TextShape.refuseOversized(bytes, format: format) }
        switch format {
        case .npy: matrix = try NPYReader.parse(bytes)
        case .json: matrix = try fromJSON(try JSONValue.parse(bytes))
        case .csv: matrix = try CSVReader.parse(bytes)
        }
        return try checked(matrix)
    }

    /// A matrix from a JSON value: an array of rows, or an object with key "matrix".
    public static func fromJSON(_ value: JSONValue, name: String = "matrix") throws -> Matrix {
        if case .object = value {
            guard let inner = value["matrix"] else { throw InputError("the JSON object has no \"matrix\" key") }
            return try fromJSON(inner, name: name)
        }
        guard case .array(let rows) = value else {
            throw InputError("\(name) must be an array of rows, found \(value.kindName)")
        }
        guard !rows.isEmpty else { throw InputError("\(name) is empty (0 x 0)") }
        var storage: [Double] = []
        var columns = -1
        for (r, rowValue) in rows.enumerated() {
            guard case .array(let entries) = rowValue else {
                throw InputError("\(name) row \(r + 1) must be an array of numbers, found \(rowValue.kindName)")
            }
            if columns < 0 { columns = entries.count }
            guard entries.count == columns else {
                throw InputError(
                    "\(name) row \(r + 1) has \(entries.count) entries but row 1 has \(columns) (ragged rows)")
            }
            for (c, entry) in entries.enumerated() {
                guard case .number(let x) = entry else {
                    throw InputError("\(name) row \(r + 1), column \(c + 1) is \(entry.kindName), not a number")
                }
                storage.append(x)
            }
            guard storage.count <= Limits.maxEntries else {
                throw InputError("\(name) has more than \(Limits.maxEntries) entries")
            }
        }
        guard columns > 0 else { throw InputError("\(name) has empty rows (\(rows.count) x 0)") }
        return Matrix(rows: rows.count, columns: columns, storage: storage)
    }

    /// Rejects empty matrices, non-finite entries (unless `allowNonFinite`) and sizes above the limits.
    public static func checked(_ m: Matrix, allowNonFinite: Bool = false) throws -> Matrix {
        guard m.rows > 0, m.columns > 0 else { throw InputError("the matrix is empty (\(m.rows) x \(m.columns))") }
        guard m.rows <= Limits.maxTasks else {
            throw InputError("\(m.rows) rows is above the limit of \(Limits.maxTasks) tasks")
        }
        guard m.storage.count <= Limits.maxEntries else {
            throw InputError("\(m.storage.count) entries is above the limit of \(Limits.maxEntries)")
        }
        if !allowNonFinite, let k = m.storage.firstIndex(where: { !$0.isFinite }) {
            let value = m.storage[k]
            throw InputError(
                "row \(k / m.columns + 1), column \(k % m.columns + 1) is \(value.isNaN ? "NaN" : "infinite"); entries must be finite"
            )
        }
        return m
    }
}
