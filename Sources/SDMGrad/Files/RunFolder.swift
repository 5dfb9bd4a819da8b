/// The floating-point type a weighting call received its matrix in.
public enum RecordedDType: String, Equatable, Sendable {
    /// 16-bit IEEE half floats; A is stored exactly as `<f2`.
    case float16
    /// bfloat16 (8 bits of mantissa); NumPy has no such type, so A is stored as `<f4` holding the
    /// bfloat16 values exactly.
    case bfloat16
    /// 32-bit floats (`<f4`): the usual training dtype.
    case float32
    /// 64-bit floats (`<f8`).
    case float64

    /// The NumPy `descr` A is stored with for this dtype.
    var npyDescr: String {
        switch self {
        case .float16: return "<f2"
        case .bfloat16, .float32: return "<f4"
        case .float64: return "<f8"
        }
    }

    /// The dtype's machine epsilon (the gap from 1 to the next number): the relative rounding of
    /// one operation is about half of it. For sentences like "float16 rounding is about 1e-3".
    public var epsilon: Double {
        switch self {
        case .float16: return 0x1p-10
        case .bfloat16: return 0x1p-7
        case .float32: return 0x1p-23
        case .float64: return 0x1p-52
        }
    }
}

/// One line of `calls.jsonl`: what the weighting returned at one step, as recorded during training.
public struct RecordedCall: Equatable, Sendable {
    /// The step number K (files `stepK-*.npy`).
    public let step: Int
    /// The dtype of A (and of the recorded numbers).
    public let dtype: RecordedDType
    /// The weights the weighting returned (NaN where the recorder wrote `null`).
    public let weights: [Double]
    /// The weighting's inner simplex state after the call (NaN where the recorder wrote `null`).
    public let w: [Double]
    /// Whether the call had a NaN or infinity in A, the weights or w (`"non_finite":true`, or a
    /// `null` entry). Readers keep such a call out of `RunFolder.calls` and list it in `skipped`.
    public let nonFinite: Bool

    /// A recorded call from its parts.
    public init(step: Int, dtype: RecordedDType, weights: [Double], w: [Double], nonFinite: Bool = false) {
        self.step = step
        self.dtype = dtype
        self.weights = weights
        self.w = w
        self.nonFinite = nonFinite
    }
}

/// A recorded step the readers left out of a run, and why (one short phrase).
public struct SkippedStep: Equatable, Sendable {
    /// The step number K.
    public let step: Int
    /// Why, e.g. "non-finite values (NaN or infinity) were recorded".
    public let reason: String
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
    /// Every completed call with finite values, in step order.
    public let calls: [RunCall]
    /// The recorded steps left out of `calls` (non-finite values), in step order.
    public let skipped: [SkippedStep]

    /// A run from its parts.
    public init(
        path: String, parameters: SolverParameters, source: String?, calls: [RunCall], skipped: [SkippedStep] = []
    ) {
        self.path = path
        self.parameters = parameters
        self.source = source
        self.calls = calls
        self.skipped = skipped
    }

    /// The calls before which torchjd starts again from uniform because A's dtype changed (its state is
    /// kept per m, dtype and device; a change of m the replay notices by itself), and the calls after a
    /// skipped step (the state it left is not known, so the replay starts again from uniform).
    public var stateResets: Set<Int> {
        Set(calls.indices.filter { i in i > 0 && RunFolder.startsAfresh(calls[i], after: calls[i - 1]) })
    }

    /// Whether the replay of `call` starts again from uniform after `previous` (another dtype, or a step skipped between).
    public static func startsAfresh(_ call: RunCall, after previous: RunCall) -> Bool {
        startsAfresh(call.recorded, after: previous.recorded)
    }

    /// The same rule on the recorded lines alone (what a run read without its matrices knows).
    public static func startsAfresh(_ call: RecordedCall, after previous: RecordedCall) -> Bool {
        call.dtype != previous.dtype || call.step != previous.step + 1
    }

    /// The name of the parameters file.
    public static let parametersFile = "params.json"
    /// The name of the call log.
    public static let callsFile = "calls.jsonl"

    /// Whether `path` is a run folder: a folder holding `params.json` (or one that cannot be looked
    /// into, so that reading it says why).
    public static func isRunFolder(_ path: String) -> Bool {
        FileSystem.isDirectory(path) && FileSystem.exists("\(path)/\(parametersFile)")
    }

    /// Reads a whole run; any problem is one line naming the file and what is wrong.
    /// A last line of `calls.jsonl` without its newline is being written and is ignored.
    public static func load(_ path: String) throws -> RunFolder {
        var calls: [RunCall] = []
        let scanned = try scan(path) { calls.append($0) }
        return RunFolder(
            path: path, parameters: scanned.parameters, source: scanned.source, calls: calls, skipped: scanned.skipped)
    }

    /// What `scan` found besides the calls.
    public struct Scan: Sendable {
        /// The weighting's parameters from `params.json`.
        public let parameters: SolverParameters
        /// Who recorded it, when said.
        public let source: String?
        /// The steps left out (non-finite values).
        public let skipped: [SkippedStep]
    }

    /// Reads a run one call at a time, handing each finite call to `body` as soon as its files are
    /// read (memory holds one call, not the run). Each file is read once.
    public static func scan(_ path: String, body: (RunCall) throws -> Void) throws -> Scan {
        switch FileSystem.kind(path) {
        case .folder: break
        case .missing: throw InputError("\(path.quotedForMessage(limit: 200)): no such folder")
        case .unreachable(let why): throw InputError("\(path.quotedForMessage(limit: 200)): cannot be read (\(why))")
        default: throw InputError("\(path.quotedForMessage(limit: 200)): not a folder")
        }
        let (parameters, source) = try RunParameters.read(folder: path)
        let logPath = "\(path)/\(callsFile)"
        guard FileSystem.exists(logPath) else { throw InputError("\(logPath): missing (no call was recorded)") }
        let bytes = try readBytes(logPath)
        let lines = RunLog.completeLines(bytes)
        var skipped: [SkippedStep] = []
        var count = 0, parsed = 0
        for line in lines.lines {
            guard
                let recorded = try RunLog.parse(
                    line.text, lineNumber: line.number, path: logPath,
                    expectedStep: parsed)
            else { continue }
            parsed += 1
            switch try RunStepFiles.load(folder: path, call: recorded, logPath: logPath, lineNumber: line.number) {
            case .missing:
                throw InputError(
                    "\(logPath) line \(line.number): step \(recorded.step) has no file \(path)/step\(recorded.step)-A.npy"
                )
            case .skipped(let step):
                skipped.append(step)
            case .call(let call):
                count += 1
                try body(call)
            }
        }
        guard parsed > 0 else { throw InputError("\(logPath): no completed call (the file has no full line)") }
        guard count > 0 else {
            throw InputError(
                "\(logPath): every one of the \(parsed) recorded calls has non-finite values (NaN or infinity); nothing to replay"
            )
        }
        return Scan(parameters: parameters, source: source, skipped: skipped)
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
        guard FileSystem.kind(path) != .missing else {
            throw InputError("\(path): missing (a run folder needs its parameters)")
        }
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
            guard case .number(let x) = entry else {
                throw InputError("\"\(key)\" must be a number, found \(entry.kindName)")
            }
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
                guard case .number(let x) = item else {
                    throw InputError("\"pref\" entries must be numbers, found \(item.kindName)")
                }
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
        guard case .object = value else {
            throw InputError("\(place): expected a JSON object, found \(value.kindName)")
        }
        guard case .number(let stepNumber)? = value["step"], stepNumber >= 0, stepNumber == stepNumber.rounded(),
            stepNumber < 1e15
        else {
            throw InputError("\(place): \"step\" must be a whole number >= 0")
        }
        let step = Int(stepNumber)
        guard step == expectedStep else {
            throw InputError(
                expectedStep == 0
                    ? "\(place): the first call is step \(step), but a run starts at step 0"
                    : step > expectedStep
                        ? "\(place): step \(step) follows step \(expectedStep - 1): a gap in step numbers (step \(expectedStep) is missing)"
                        : "\(place): step \(step) comes again or out of order (expected step \(expectedStep))")
        }
        guard case .string(let dtypeName)? = value["dtype"], let dtype = RecordedDType(rawValue: dtypeName) else {
            throw InputError("\(place): \"dtype\" must be \"float16\", \"bfloat16\", \"float32\" or \"float64\"")
        }
        func vector(_ key: String) throws -> [Double] {
            guard case .array(let items)? = value[key], !items.isEmpty else {
                throw InputError("\(place): \"\(key)\" must be a non-empty list of numbers")
            }
            return try items.map { item in
                // null is how the recorder writes NaN and infinities (JSON has neither).
                if item == .null { return .nan }
                guard case .number(let x) = item else {
                    throw InputError("\(place): \"\(key)\" has \(item.kindName), not a number")
                }
                return x
            }
        }
        let weights = try vector("weights"), w = try vector("w")
        let flagged = value["non_finite"] == .bool(true)
        let nonFinite = flagged || !(weights + w).allSatisfy(\.isFinite)
        guard weights.count == w.count else {
            throw InputError("\(place): \"weights\" has \(weights.count) entries but \"w\" has \(w.count)")
        }
        return RecordedCall(step: step, dtype: dtype, weights: weights, w: w, nonFinite: nonFinite)
    }
}

/// The files of one recorded step, checked against its line of `calls.jsonl`.
enum RunStepFiles {
    /// What one step's line and files give.
    enum Outcome {
        /// `stepK-A.npy` does not exist (yet).
        case missing
        /// The step has non-finite values; it is left out of the replay.
        case skipped(SkippedStep)
        /// A call to replay.
        case call(RunCall)
    }

    /// The step's call, or why there is none. Wrong dtype or shape is an error; each file is read once.
    static func load(folder: String, call: RecordedCall, logPath: String, lineNumber: Int) throws -> Outcome {
        let name = "step\(call.step)-A.npy"
        let path = "\(folder)/\(name)"
        guard FileSystem.exists(path) else { return .missing }
        if call.nonFinite {
            return .skipped(SkippedStep(step: call.step, reason: "non-finite values (NaN or infinity) were recorded"))
        }
        let read = try StepFolder.readStep(folder: folder, aName: name, allowNonFiniteA: true)
        let m = call.weights.count
        guard read.a.rows == m else {
            throw InputError(
                "\(path): A is \(read.a.rows) x \(read.a.columns) but \(logPath) line \(lineNumber) has \(m) weights")
        }
        let descr = read.aDescr ?? "text"
        guard descr == call.dtype.npyDescr else {
            throw InputError(
                "\(path): dtype \(descr.quotedForMessage()) but \(logPath) line \(lineNumber) says \(call.dtype.rawValue) (\(call.dtype.npyDescr))"
            )
        }
        guard let batches = read.batches else {
            return .skipped(SkippedStep(step: call.step, reason: "A has a NaN or infinite entry"))
        }
        return .call(RunCall(recorded: call, batches: batches))
    }
}
