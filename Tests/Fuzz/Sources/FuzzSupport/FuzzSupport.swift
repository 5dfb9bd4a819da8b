import SDMGrad

/// The contract every reader must keep on any input: return a value, or throw an `InputError`
/// whose message is one non-empty line. Anything else stops the fuzzer with a crash report.
public enum FuzzCheck {
    /// Runs `body` (one reader call) and traps when its outcome breaks the contract.
    /// Returns the value, or nil when the reader rejected the input properly.
    @discardableResult
    public static func run<T>(_ reader: String, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as InputError {
            if let problem = messageProblem(error.message) {
                fatalError("\(reader): InputError message \(problem): \(String(reflecting: error.message))")
            }
            return nil
        } catch {
            fatalError("\(reader) threw \(type(of: error)), not InputError: \(error)")
        }
    }

    /// Why `message` is not a one-line non-empty message, or nil when it is one.
    public static func messageProblem(_ message: String) -> String? {
        if message.allSatisfy(\.isWhitespace) { return "is empty" }
        // LF, CR, CRLF, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR all break a line on a terminal.
        if message.contains(where: \.isNewline) { return "spans more than one line" }
        return nil
    }

    /// Traps unless `condition` holds (a property of a successfully read value).
    public static func require(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { fatalError(what()) }
    }

    /// Invariants of a matrix the readers return.
    public static func checkShape(_ m: Matrix, _ reader: String) {
        require(m.rows > 0 && m.columns > 0, "\(reader) returned an empty \(m.rows) x \(m.columns) matrix")
        require(m.storage.count == m.rows * m.columns, "\(reader) returned storage that does not match its shape")
    }

    /// Whether two matrices are identical down to the bit (so -0.0 differs from 0.0).
    public static func identical(_ a: Matrix, _ b: Matrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns
            && a.storage.map(\.bitPattern) == b.storage.map(\.bitPattern)
    }

    /// The input bytes as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }
}
