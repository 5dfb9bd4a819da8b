import Explorer
import Runtime
import SDMGrad
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A run folder read while it is written (`--follow`): the follower behind a lock, so the
/// explorer's background job can poll it.
final class FollowedRun: Sendable {
    private let follower: Mutex<RunFolderFollower>
    private let clock = SystemClock()
    /// The task count of the run (its first call's), and the problem that stopped the following.
    private let seen = Mutex<(m: Int?, problem: String?)>((nil, nil))
    /// The recorded line of every call handed to the explorer, in order: where call k is read again from.
    private let delivered = Mutex<[RecordedCall]>([])
    /// The folder followed.
    let folder: String

    /// The bytes of A one look hands out at most (2 calls at m = 1024): the explorer holds only a window.
    static let pollBytes = 16e6

    /// Starts following `folder` (nothing is read yet).
    init(folder: String) {
        var follower = RunFolderFollower(folder: folder)
        follower.retainedCalls = 0  // the explorer keeps the calls; the follower need not hold them too
        follower.maxNewCalls = 1  // until m is known
        self.follower = Mutex(follower)
        self.folder = folder
    }

    /// Call `k` (as handed to the explorer) read again from its step file.
    func read(_ k: Int) throws -> Batches {
        guard let call = delivered.withLock({ $0.indices.contains(k) ? $0[k] : nil }) else {
            throw InputError("\(folder): call \(k + 1) was never read")
        }
        return try RunFolderFollower.reread(folder: folder, call: call)
    }

    /// Reads what is new, a few calls at a time once m is known.
    private func pollFollower() -> RunFolderUpdate {
        follower.withLock { follower in
            let update = follower.poll()
            if let m = update.newCalls.first?.batches.a.rows {
                follower.maxNewCalls = max(1, Int(Self.pollBytes / (8 * Double(m) * Double(m))))
            }
            return update
        }
    }

    /// What the folder holds new, as the explorer takes it.
    func poll() -> FollowUpdate {
        let cap = follower.withLock { $0.maxNewCalls }
        let update = pollFollower()
        var batches = update.newCalls.map(\.batches)
        var recorded = update.newCalls.map(\.recorded)
        // Every call of one explorer has the same m (as for --matrix sequences): a call with
        // another m stops the following, with the calls before it kept.
        let problem: String? = seen.withLock { seen in
            if let stopped = seen.problem { batches = []; recorded = []; return stopped }
            if seen.m == nil { seen.m = batches.first?.a.rows }
            if let m = seen.m, let bad = batches.firstIndex(where: { $0.a.rows != m }) {
                let step = update.newCalls[bad].recorded.step
                seen.problem =
                    "\(update.newCalls[bad].batches.a.rows) tasks at step \(step), but the run had m = \(m): "
                    + "every call of a sequence must have the same m"
                batches = Array(batches[..<bad])
                recorded = Array(recorded[..<bad])
                return seen.problem
            }
            return update.problem.map { "\($0)" }
        }
        delivered.withLock { $0 += recorded }
        return FollowUpdate(
            batches: batches, problem: problem, time: clock.milliseconds, recorded: recorded,
            hasMore: problem == nil && update.newCalls.count >= cap)
    }

    /// Waits until the run has its parameters and a first call (printing once that it waits);
    /// throws the folder's problem instead.
    func firstCalls(folder: String) throws -> (SolverParameters, [RunCall]) {
        var said = false
        var calls: [RunCall] = []
        while true {
            let update = pollFollower()
            if let problem = update.problem { throw problem }
            calls += update.newCalls
            let parameters = follower.withLock { $0.parameters }
            if let parameters, !calls.isEmpty {
                let m = calls[0].batches.a.rows
                let same = Array(calls.prefix { $0.batches.a.rows == m })
                seen.withLock { $0.m = m }
                if same.count < calls.count {
                    seen.withLock {
                        $0.problem =
                            "step \(calls[same.count].recorded.step) has another m than the run's \(m): every call of a sequence must have the same m"
                    }
                }
                delivered.withLock { $0 = same.map(\.recorded) }
                return (parameters, same)
            }
            if !said {
                let line = Array("sdmgrad-explorer: waiting for the first call in \(folder) (Ctrl-C to stop)\n".utf8)
                _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
                said = true
            }
            usleep(300_000)
        }
    }

    /// The explorer on the calls so far, following the folder from there.
    static func explorer(folder: String, options: SolverOptions) throws -> ExplorerState {
        let run = FollowedRun(folder: folder)
        let (recorded, calls) = try run.firstCalls(folder: folder)
        let parameters = try options.applied(to: recorded)
        try parameters.validate(m: calls[0].batches.a.rows)
        let name = folder.split(separator: "/").last.map(String.init) ?? folder
        var state = ExplorerState(
            sequence: calls.map(\.batches), name: name, parameters: parameters,
            recorded: calls.map(\.recorded), reader: { try run.read($0) })
        state.follow(FollowState(folder: folder) { run.poll() })
        return state
    }
}
