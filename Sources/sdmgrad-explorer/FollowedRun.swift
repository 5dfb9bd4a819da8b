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

    /// Starts following `folder` (nothing is read yet).
    init(folder: String) { follower = Mutex(RunFolderFollower(folder: folder)) }

    /// What the folder holds new, as the explorer takes it.
    func poll() -> FollowUpdate {
        let update = follower.withLock { $0.poll() }
        return FollowUpdate(batches: update.newCalls.map(\.batches), problem: update.problem.map { "\($0)" },
                            time: clock.milliseconds)
    }

    /// Waits until the run has its parameters and a first call (printing once that it waits);
    /// throws the folder's problem instead.
    func firstCalls(folder: String) throws -> (SolverParameters, [Batches]) {
        var said = false
        while true {
            let update = follower.withLock { $0.poll() }
            if let problem = update.problem { throw problem }
            let (parameters, calls) = follower.withLock { ($0.parameters, $0.calls) }
            if let parameters, !calls.isEmpty { return (parameters, calls.map(\.batches)) }
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
        let (recorded, batches) = try run.firstCalls(folder: folder)
        let parameters = try options.applied(to: recorded)
        try parameters.validate(m: batches[0].a.rows)
        let name = folder.split(separator: "/").last.map(String.init) ?? folder
        var state = ExplorerState(sequence: batches, name: name, parameters: parameters)
        state.follow(FollowState(folder: folder) { run.poll() })
        return state
    }
}
