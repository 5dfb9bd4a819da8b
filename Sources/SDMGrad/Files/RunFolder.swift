/// The floating-point type a weighting call received its matrix in.
public enum RecordedDType: String, Equatable, Sendable {
    /// 32-bit floats (`<f4`): the usual training dtype.
    case float32
    /// 64-bit floats (`<f8`).
    case float64

    /// The NumPy `descr` of this dtype.
    var npyDescr: String { self == .float32 ? "<f4" : "<f8" }
}

/// One line of `calls.jsonl`: what the weighting returned at one step, as recorded during training.
public struct RecordedCall: Equatable, Sendable {
    /// The step number K (files `stepK-*.npy`).
    public let step: Int
    /// The dtype of A (and of the recorded numbers).
    public let dtype: RecordedDType
    /// The weights the weighting returned.
    public let weights: [Double]
    /// The weighting's inner simplex state after the call.
    public let w: [Double]

    /// A recorded call from its parts.
    public init(step: Int, dtype: RecordedDType, weights: [Double], w: [Double]) {
        self.step = step
        self.dtype = dtype
        self.weights = weights
        self.w = w
    }
}

/// One completed call of a run: the recording and the inputs to replay it.
public struct RunCall: Equatable, Sendable {
    /// The line of `calls.jsonl`.
    public let recorded: RecordedCall
    /// A (widened exactly to double) and the step's Jacobians when they were saved.
    public let batches: Batches

    /// A call from its recording and its inputs.
    public init(recorded: RecordedCall, batches: Batches) {
        self.recorded = recorded
        self.batches = batches
    }
}

/// A recorded training run (SPEC section 7): `params.json`, `calls.jsonl` and `stepK-A.npy` (+ J1/J2/J3).
public struct RunFolder: Equatable, Sendable {
    /// The folder's path.
    public let path: String
    /// The weighting's parameters from `params.json`.
    public let parameters: SolverParameters
    /// Who recorded it (`"source"` in `params.json`), when said.
    public let source: String?
    /// Every completed call, in step order.
    public let calls: [RunCall]

    /// The calls before which torchjd starts again from uniform because A's dtype changed (its state is
    /// kept per m, dtype and device; a change of m the replay notices by itself).
    public var stateResets: Set<Int> {
        Set(calls.indices.filter { $0 > 0 && calls[$0].recorded.dtype != calls[$0 - 1].recorded.dtype })
    }

    /// The name of the parameters file.
    public static let parametersFile = "params.json"
    /// The name of the call log.
    public static let callsFile = "calls.jsonl"

    /// Whether `path` is a run folder: a folder holding `params.json`.
    public static func isRunFolder(_ path: String) -> Bool {
        FileSystem.isDirectory(path) && FileSystem.exists("\(path)/\(parametersFile)")
    }

    /// Reads a whole run; any problem is one line naming the file and what is wrong.
    /// A last line of `calls.jsonl` without its newline is being written and is ignored.
    public static func load(_ path: String) throws -> RunFolder {
        guard FileSystem.isDirectory(path) else { throw InputError("\(path): not a folder") }
        let (parameters, source) = try RunParameters.read(folder: path)
        let logPath = "\(path)/\(callsFile)"
        guard FileSystem.exists(logPath) else { throw InputError("\(logPath): missing (no call was recorded)") }
        let bytes = try readBytes(logPath)
        let lines = RunLog.completeLines(bytes)
        var calls: [RunCall] = []
        for line in lines.lines {
            guard let recorded = try RunLog.parse(line.text, lineNumber: line.number, path: logPath,
                                                  expectedStep: calls.count) else { continue }
            guard let batches = try RunStepFiles.load(folder: path, call: recorded, logPath: logPath, lineNumber: line.number) else {
                throw InputError("\(logPath) line \(line.number): step \(recorded.step) has no file \(path)/step\(recorded.step)-A.npy")
            }
            calls.append(RunCall(recorded: recorded, batches: batches))
        }
        guard !calls.isEmpty else { throw InputError("\(logPath): no completed call (the file has no full line)") }
        return RunFolder(path: path, parameters: parameters, source: source, calls: calls)
    }

    /// The bytes of a file, errors prefixed with its path.
    static func readBytes(_ path: String) throws -> [UInt8] {
        do { return try FileBytes.read(path) } catch let error as InputError { throw error.prefixed(path) }
    }
}

/// Reading `params.json`.
public enum RunParameters {
    /// The parameters and source in `folder/params.json`; errors name the file.
    public static func read(folder: String) throws -> (SolverParameters, String?) {
        let path = "\(folder)/\(RunFolder.parametersFile)"
        guard FileSystem.exists(path) else { throw InputError("\(path): missing (a run folder needs its parameters)") }
        let bytes = try RunFolder.readBytes(path)
        do {
            return try parse(bytes)
        } catch let error as InputError {
            throw error.prefixed(path)
        }
    }

    /// Parses the contents of `params.json`: lambda, lr, momentum, iters (required), pref (null or a list), source.
    public static func parse(_ bytes: [UInt8]) throws -> (SolverParameters, String?) {
        let value = try JSONValue.parse(bytes)
        guard case .object = value else { throw InputError("expected a JSON object, found \(value.kindName)") }
        func number(_ key: String) throws -> Double {
            guard let entry = value[key] else { throw InputError("no \"\(key)\"") }
            guard case .number(let x) = entry else { throw InputError("\"\(key)\" must be a number, found \(entry.kindName)") }
            return x
        }
        var p = SolverParameters()
        p.lambda = try number("lambda")
        p.lr = try number("lr")
        p.momentum = try number("momentum")
        let iters = try number("iters")
        guard iters == iters.rounded(), abs(iters) <= Double(Limits.maxIterations) * 2 else {
            throw InputError("\"iters\" must be a whole number, found \(iters)")
        }
        p.iters = Int(iters)
        switch value["pref"] {
        case nil, .null?: p.pref = nil
        case .array(let items)?:
            p.pref = try items.map { item in
                guard case .number(let x) = item else { throw InputError("\"pref\" entries must be numbers, found \(item.kindName)") }
                return x
            }
        case let other?: throw InputError("\"pref\" must be null or a list of numbers, found \(other.kindName)")
        }
        var source: String?
        if case .string(let s)? = value["source"] { source = s }
        try p.validate()
        return (p, source)
    }
}

/// Lines of `calls.jsonl`.
enum RunLog {
    /// A complete line and its 1-based number.
    struct Line {
        let number: Int
        let text: [UInt8]
    }

    /// The lines that end in a newline, and the number of bytes they span (a partial last line is left out).
    static func completeLines(_ bytes: [UInt8], firstLineNumber: Int = 1) -> (lines: [Line], consumed: Int) {
        var lines: [Line] = []
        var start = 0
        var number = firstLineNumber
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(Line(number: number, text: Array(bytes[start..<i])))
            number += 1
            start = i + 1
        }
        return (lines, start)
    }

    /// Parses one line; nil for a blank line. `expectedStep` is the step the line must name (no gaps).
    static func parse(_ text: [UInt8], lineNumber: Int, path: String, expectedStep: Int) throws -> RecordedCall? {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0D]
        if text.allSatisfy(whitespace.contains) { return nil }
        let place = "\(path) line \(lineNumber)"
        let value: JSONValue
        do { value = try JSONValue.parse(text) } catch let error as InputError {
            throw InputError("\(place): not JSON (\(error.message))")
        }
        guard case .object = value else { throw InputError("\(place): expected a JSON object, found \(value.kindName)") }
        guard case .number(let stepNumber)? = value["step"], stepNumber >= 0, stepNumber == stepNumber.rounded(),
              stepNumber < 1e15 else {
            throw InputError("\(place): \"step\" must be a whole number >= 0")
        }
        let step = Int(stepNumber)
        guard step == expectedStep else {
            throw InputError(step > expectedStep
                ? "\(place): step \(step) follows step \(expectedStep - 1): a gap in step numbers (step \(expectedStep) is missing)"
                : "\(place): step \(step) comes again or out of order (expected step \(expectedStep))")
        }
        guard case .string(let dtypeName)? = value["dtype"], let dtype = RecordedDType(rawValue: dtypeName) else {
            throw InputError("\(place): \"dtype\" must be \"float32\" or \"float64\"")
        }
        func vector(_ key: String) throws -> [Double] {
            guard case .array(let items)? = value[key], !items.isEmpty else {
                throw InputError("\(place): \"\(key)\" must be a non-empty list of numbers")
            }
            return try items.map { item in
                guard case .number(let x) = item else { throw InputError("\(place): \"\(key)\" has \(item.kindName), not a number") }
                return x
            }
        }
        let weights = try vector("weights"), w = try vector("w")
        guard weights.count == w.count else {
            throw InputError("\(place): \"weights\" has \(weights.count) entries but \"w\" has \(w.count)")
        }
        return RecordedCall(step: step, dtype: dtype, weights: weights, w: w)
    }
}

/// The files of one recorded step, checked against its line of `calls.jsonl`.
enum RunStepFiles {
    /// The step's inputs; nil when `stepK-A.npy` does not exist (yet). Wrong dtype or shape is an error.
    static func load(folder: String, call: RecordedCall, logPath: String, lineNumber: Int) throws -> Batches? {
        let name = "step\(call.step)-A.npy"
        let path = "\(folder)/\(name)"
        guard FileSystem.exists(path) else { return nil }
        let batches = try StepFolder.loadStep(folder: folder, aName: name)
        let m = call.weights.count
        guard batches.a.rows == m else {
            throw InputError("\(path): A is \(batches.a.rows) x \(batches.a.columns) but \(logPath) line \(lineNumber) has \(m) weights")
        }
        let descr = try npyDescr(path)
        guard descr == call.dtype.npyDescr else {
            throw InputError("\(path): dtype \(descr) but \(logPath) line \(lineNumber) says \(call.dtype.rawValue) (\(call.dtype.npyDescr))")
        }
        return batches
    }

    /// The dtype string of a `.npy` file's header (already known to be a valid file).
    static func npyDescr(_ path: String) throws -> String {
        let bytes = try RunFolder.readBytes(path)
        let major = bytes[6]
        let start = major == 1 ? 10 : 12
        let length = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
                                : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let header = String(decoding: bytes[start..<start + length], as: UTF8.self)
        do { return try NPYReader.parseHeader(header).descr } catch let error as InputError { throw error.prefixed(path) }
    }
}
