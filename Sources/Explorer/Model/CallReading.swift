import Runtime
import SDMGrad

/// Showing a call a windowed run no longer holds (issue 19): its step file is read again and the call
/// run again from its recorded start in a background job, which says it is pending and can be cancelled.
extension ExplorerState {
    /// The call the last move aimed at: the one being read, else the one shown (so ] twice moves two calls).
    var aimedCall: Int { derived.reading ?? computation.shownCall }

    /// Starts reading call `k` back; the shown call stays until it is there.
    mutating func readCall(_ k: Int) -> Command<ExplorerMessage> {
        derived.reading = k
        display.message = "reading call \(k + 1)… (Esc cancels)"
        let computation = self.computation
        return .background(key: "read-call") { context in
            do {
                let (batches, call) = try computation.fullCall(k)
                return context.isCancelled ? nil : .callRead(index: k, batches: batches, call: call, problem: nil)
            } catch {
                return .callRead(index: k, batches: nil, call: nil, problem: "\(error)")
            }
        }
    }

    /// Stops reading a call back (Esc, or a move to a call held); the shown call stays.
    mutating func cancelReading() -> Command<ExplorerMessage> {
        guard let k = derived.reading else { return .none }
        derived.reading = nil
        display.message = "stopped reading call \(k + 1)"
        return .cancel(key: "read-call")
    }

    /// Takes a call read back in: it is shown, and the window moves around it.
    mutating func callRead(_ message: ExplorerMessage) -> Command<ExplorerMessage> {
        guard case .callRead(let k, let batches, let call, let problem) = message, derived.reading == k else {
            return .none
        }
        derived.reading = nil
        guard let batches, let call, k < computation.calls.count else {
            display.message = "call \(k + 1) could not be read again: \(problem ?? "the run changed")"
            return .none
        }
        display.message = ""
        derived.computation = computation.holding(k, batches: batches, call: call)
        revealShownCall()
        return restartAnalyses(inputChanged: true)
    }
}
