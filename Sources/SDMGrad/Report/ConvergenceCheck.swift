import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Replays a run at a trial lr and asks whether every call converges (the test `safe_lr` bisects on).
///
/// The replay is sequential (warm starts), but the calls' analyses are independent, so they run on
/// every core; the call that failed last time is checked first, since a nearby lr usually fails there too.
struct ConvergenceCheck {
    let matrices: [Matrix]
    let parameters: SolverParameters
    /// The calls before which the state restarts from uniform.
    let resets: Set<Int>
    /// The call that failed at the previous trial lr.
    private var lastFailure: Int?

    init(matrices: [Matrix], parameters: SolverParameters, resets: Set<Int>) {
        self.matrices = matrices
        self.parameters = parameters
        self.resets = resets
    }

    /// Whether the run replayed at `lr` gets the verdict converges on every call.
    mutating func convergesOnEveryCall(lr: Double) -> Bool {
        var p = parameters
        p.lr = lr
        let calls = Self.replay(matrices, p, resets: resets)
        guard calls.count == matrices.count else { return false }
        if let k = lastFailure, k < calls.count, Analysis(call: calls[k]).stability.verdict != .converges { return false }
        if let failure = Self.firstFailure(calls) {
            lastFailure = failure
            return false
        }
        return true
    }

    /// The weighting's calls on `matrices` in order, state carried (restarted before the calls in
    /// `resets`); stops early at an invalid call.
    static func replay(_ matrices: [Matrix], _ parameters: SolverParameters, resets: Set<Int>) -> [WeightingCall] {
        var weighting = SDMGradWeighting(parameters: parameters)
        var calls: [WeightingCall] = []
        calls.reserveCapacity(matrices.count)
        for (k, a) in matrices.enumerated() {
            if resets.contains(k) { weighting.reset() }
            guard let call = try? weighting(a) else { break }
            calls.append(call)
        }
        return calls
    }

    /// Every call's analysis, computed in parallel.
    static func analyses(_ calls: [WeightingCall]) -> [Analysis] {
        let results = Mutex([Analysis?](repeating: nil, count: calls.count))
        let workers = min(calls.count, max(1, ProcessorCount.online))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for k in stride(from: worker, to: calls.count, by: workers) {
                let analysis = Analysis(call: calls[k])
                results.withLock { $0[k] = analysis }
            }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// The index of some call whose verdict is not converges (nil when all converge); the workers stop
    /// as soon as one is found.
    static func firstFailure(_ calls: [WeightingCall]) -> Int? {
        let failure = Mutex<Int?>(nil)
        let workers = min(calls.count, max(1, ProcessorCount.online))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for k in stride(from: worker, to: calls.count, by: workers) {
                if failure.withLock({ $0 != nil }) { return }
                if Analysis(call: calls[k]).stability.verdict != .converges {
                    failure.withLock { if $0 == nil || k < $0! { $0 = k } }
                    return
                }
            }
        }
        return failure.withLock { $0 }
    }
}

/// The number of processors online (at least 1).
enum ProcessorCount {
    static var online: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 1
        #endif
    }
}
