#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one `RunFolderFollower.poll()` found.
public struct RunFolderUpdate: Equatable, Sendable {
    /// The calls completed since the previous poll, in step order (empty when nothing new).
    public let newCalls: [RunCall]
    /// The run's parameters, set on the poll that first read `params.json`, nil otherwise.
    public let parameters: SolverParameters?
    /// A problem that stops the following (deleted folder, truncated or broken `calls.jsonl`, bad step);
    /// the calls read before it stay valid. Once set it is reported by every later poll.
    public let problem: InputError?
}

/// Reads a run folder that is still being written, a little more at each poll (for `--follow`).
///
/// Call `poll()` a few times a second; it never blocks, never crashes and keeps no clock. A call is
/// returned once its line of `calls.jsonl` ends in a newline and its `stepK-A.npy` exists (a line
/// whose step file is not there yet waits for a later poll, as do the lines after it). Before the
/// folder, `params.json` and `calls.jsonl` appear the run is simply empty. A deleted folder, a
/// `calls.jsonl` that shrank or was rewritten, a line that is not JSON, a gap in the steps, or a
/// step file of the wrong shape or dtype is reported as `problem` (by that poll and every later one)
/// and stops the following; everything read before it stays in `calls`.
///
///     var follower = RunFolderFollower(folder: "run")
///     // a few times a second:
///     let update = follower.poll()
///     if let p = update.parameters { /* solve with p (params.json) */ }
///     for call in update.newCalls { /* call.batches is the next call; call.recorded what torchjd returned */ }
///     if let problem = update.problem { /* show problem.message; keep the calls shown */ }
public struct RunFolderFollower: Sendable {
    /// The folder followed.
    public let folder: String
    /// The run's parameters once `params.json` was read.
    public private(set) var parameters: SolverParameters?
    /// Who recorded the run, when `params.json` says.
    public private(set) var source: String?
    /// The calls read so far, in step order: the last `retainedCalls` of them (all by default).
    public private(set) var calls: [RunCall] = []
    /// How many of the calls read `calls` keeps (a caller that keeps its own, as `--follow` does,
    /// sets 0 so the run is not held twice).
    public var retainedCalls = Int.max
    /// The most calls one poll hands out, the others waiting for the next poll (a caller that holds only a
    /// window of calls sets it, so a long run already on disk is never read whole at once).
    public var maxNewCalls = Int.max
    /// The steps left out so far (non-finite values), in step order.
    public private(set) var skipped: [SkippedStep] = []
    /// The problem that stopped the following, if any.
    public private(set) var problem: InputError?

    /// Bytes of `calls.jsonl` consumed (complete lines only).
    private var consumed = 0
    /// The last consumed line with its newline, re-checked at each poll to notice a rewritten file.
    private var lastLine: [UInt8] = []
    /// Lines read but waiting for their step file, with their line numbers.
    private var waiting: [(number: Int, call: RecordedCall)] = []
    /// The number of recorded calls handled so far (delivered or skipped).
    private var parsed = 0
    /// The number of lines consumed so far (for messages).
    private var linesConsumed = 0
    /// Whether the folder has existed at some poll.
    private var sawFolder = false

    /// A follower of `folder`; nothing is read until the first `poll()`.
    public init(folder: String) {
        self.folder = folder
    }

    /// Reads what was completed since the last poll.
    public mutating func poll() -> RunFolderUpdate {
        if let problem { return RunFolderUpdate(newCalls: [], parameters: nil, problem: problem) }
        var freshParameters: SolverParameters?
        var fresh: [RunCall] = []
        do {
            switch FileSystem.kind(folder) {
            case .folder: break
            case .missing:
                // Not there yet is an empty run (the training has not started); gone again is a problem.
                guard sawFolder else { return RunFolderUpdate(newCalls: [], parameters: nil, problem: nil) }
                throw InputError("\(folder): the run folder was deleted (or is no longer a folder)")
            case .unreachable(let why):
                throw InputError("\(folder.quotedForMessage(limit: 200)): cannot be read (\(why))")
            case .regularFile, .special:
                // A file will never become a run folder: say so at once rather than wait forever.
                throw InputError(
                    "\(folder.quotedForMessage(limit: 200)): not a folder; a run folder holds params.json and calls.jsonl"
                )
            }
            sawFolder = true
            if parameters == nil {
                guard FileSystem.exists("\(folder)/\(RunFolder.parametersFile)") else {
                    return RunFolderUpdate(newCalls: [], parameters: nil, problem: nil)
                }
                let (p, s) = try RunParameters.read(folder: folder)
                parameters = p
                source = s
                freshParameters = p
            }
            // A bad line stops the reading, but the good lines before it are still delivered.
            var lineProblem: InputError?
            do { try readNewLines() } catch let error as InputError { lineProblem = error }
            while fresh.count < maxNewCalls, let next = waiting.first {
                let logPath = "\(folder)/\(RunFolder.callsFile)"
                let outcome = try RunStepFiles.load(
                    folder: folder, call: next.call, logPath: logPath, lineNumber: next.number)
                if case .missing = outcome { break }
                waiting.removeFirst()
                parsed += 1
                switch outcome {
                case .call(let call):
                    if retainedCalls > 0 {
                        calls.append(call)
                        if calls.count > retainedCalls { calls.removeFirst(calls.count - retainedCalls) }
                    }
                    fresh.append(call)
                case .skipped(let step):
                    skipped.append(step)
                case .missing:
                    break
                }
            }
            if let lineProblem { throw lineProblem }
        } catch let error as InputError {
            problem = error
        } catch {
            problem = InputError("\(folder): \(error)")
        }
        return RunFolderUpdate(newCalls: fresh, parameters: freshParameters, problem: problem)
    }

    /// Appends the newly completed lines of `calls.jsonl` to `waiting`.
    private mutating func readNewLines() throws {
        let path = "\(folder)/\(RunFolder.callsFile)"
        let tail: [UInt8]?
        do { tail = try FileBytes.read(path, from: consumed - lastLine.count, limit: Limits.maxFileBytes) } catch let
            error as InputError
        {
            throw error.prefixed(path)
        }
        guard let tail else {
            if consumed > 0 { throw InputError("\(path): deleted after \(linesConsumed) lines were read") }
            return
        }
        guard tail.count >= lastLine.count, tail.starts(with: lastLine) else {
            throw InputError(
                "\(path): truncated or rewritten (it had \(consumed) bytes in \(linesConsumed) lines; the run was restarted?)"
            )
        }
        let fresh = Array(tail[lastLine.count...])
        let (lines, _) = RunLog.completeLines(fresh, firstLineNumber: linesConsumed + 1)
        for line in lines {
            if let call = try RunLog.parse(
                line.text, lineNumber: line.number, path: path,
                expectedStep: parsed + waiting.count)
            {
                waiting.append((line.number, call))
            }
            lastLine = line.text + [UInt8(ascii: "\n")]
            consumed += lastLine.count
            linesConsumed += 1
        }
    }
}

extension RunFolderFollower {
    /// The inputs of `call` read again from its step file in `folder`, with the same checks as when it was
    /// first read (a caller that dropped them to bound its memory, issue 19).
    public static func reread(folder: String, call: RecordedCall) throws -> Batches {
        let log = "\(folder)/\(RunFolder.callsFile)"
        let outcome = try RunStepFiles.load(folder: folder, call: call, logPath: log, lineNumber: call.step + 1)
        guard case .call(let read) = outcome else {
            throw InputError("\(folder)/step\(call.step)-A.npy: no longer there, or no longer finite")
        }
        return read.batches
    }
}
