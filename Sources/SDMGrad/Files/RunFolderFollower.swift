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
    /// Every call read so far, in step order.
    public private(set) var calls: [RunCall] = []
    /// The problem that stopped the following, if any.
    public private(set) var problem: InputError?

    /// Bytes of `calls.jsonl` consumed (complete lines only).
    private var consumed = 0
    /// The last consumed line with its newline, re-checked at each poll to notice a rewritten file.
    private var lastLine: [UInt8] = []
    /// Lines read but waiting for their step file, with their line numbers.
    private var waiting: [(number: Int, call: RecordedCall)] = []
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
            guard FileSystem.isDirectory(folder) else {
                // Not there yet is an empty run (the training has not started); gone again is a problem.
                guard sawFolder else { return RunFolderUpdate(newCalls: [], parameters: nil, problem: nil) }
                throw InputError("\(folder): the run folder was deleted (or is no longer a folder)")
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
            while let next = waiting.first {
                let logPath = "\(folder)/\(RunFolder.callsFile)"
                guard let batches = try RunStepFiles.load(folder: folder, call: next.call, logPath: logPath,
                                                          lineNumber: next.number) else { break }
                waiting.removeFirst()
                let call = RunCall(recorded: next.call, batches: batches)
                calls.append(call)
                fresh.append(call)
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
        guard let tail = try FileTail.read(path, from: consumed - lastLine.count) else {
            if consumed > 0 { throw InputError("\(path): deleted after \(linesConsumed) lines were read") }
            return
        }
        guard tail.count >= lastLine.count, tail.starts(with: lastLine) else {
            throw InputError("\(path): truncated or rewritten (it had \(consumed) bytes in \(linesConsumed) lines; the run was restarted?)")
        }
        let fresh = Array(tail[lastLine.count...])
        let (lines, _) = RunLog.completeLines(fresh, firstLineNumber: linesConsumed + 1)
        for line in lines {
            if let call = try RunLog.parse(line.text, lineNumber: line.number, path: path,
                                            expectedStep: calls.count + waiting.count) {
                waiting.append((line.number, call))
            }
            lastLine = line.text + [UInt8(ascii: "\n")]
            consumed += lastLine.count
            linesConsumed += 1
        }
    }
}

/// Reads the end of a file from an offset without reading what came before.
enum FileTail {
    /// The bytes of `path` from `offset` on; nil when the file does not exist; throws when it is
    /// shorter than `offset` (it was truncated) or cannot be read.
    static func read(_ path: String, from offset: Int) throws -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw InputError("\(path): cannot open: \(FileBytes.describeErrno(errno))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("\(path): cannot read: \(FileBytes.describeErrno(errno))") }
        let size = Int(info.st_size)
        guard size >= offset else {
            throw InputError("\(path): truncated (now \(size) bytes, \(offset) had been read)")
        }
        guard size - offset <= Limits.maxFileBytes else { throw InputError("\(path): more than \(Limits.maxFileBytes) new bytes") }
        var bytes = [UInt8](repeating: 0, count: size - offset)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("\(path): cannot read: \(FileBytes.describeErrno(errno))")
            }
            if n == 0 { break }
            done += n
        }
        return Array(bytes[0..<done])
    }
}
