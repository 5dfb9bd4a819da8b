import Runtime
import SDMGrad

/// Starting the background analyses of the shown state, and taking their results in.
extension ExplorerState {
    /// Recomputes the calls after the inputs or the parameters changed, then starts the analyses.
    mutating func recompute(showLastCall: Bool = false, inputChanged: Bool = true) -> Command<ExplorerMessage> {
        let batches = inputs.batches()
        let shown = showLastCall ? batches.count - 1 : derived.computation.shownCall
        let stopReading: Command<ExplorerMessage> = derived.reading == nil ? .none : .cancel(key: "read-call")
        derived.reading = nil
        display.iteration = min(display.iteration, inputs.parameters.iters)
        let parameters = inputs.parameters, start = inputs.startOverride
        let shownBefore = derived.computation.shownCall
        guard Computation.cost(batches: batches, parameters: parameters) > Computation.backgroundCost else {
            derived.computation = Computation(batches: batches, parameters: parameters, shownCall: shown, start: start)
            // A call that fails now clamps the shown one: that is a new input for the figures and the picture.
            return stopReading
                + restartAnalyses(inputChanged: inputChanged || derived.computation.shownCall != shownBefore)
        }
        // Too large for a key press (m in the thousands): the calls run in the background too.
        derived.computation = .pending(batches: batches, shownCall: shown, iterations: parameters.iters)
        let command = stopReading + restartAnalyses(inputChanged: inputChanged)
        return command + Self.callsJob(batches: batches, parameters: parameters, shown: shown, start: start)
    }

    /// The job computing the calls in the background: it says how far it got about ten times a second, and
    /// stops between two iterations once replaced (a newer change) or the program ends.
    static func callsJob(
        batches: CallSequence, parameters: SolverParameters, shown: Int, start: (call: Int, w: [Double])?
    ) -> Command<ExplorerMessage> {
        .background(key: "calls-trace") { context in
            let clock = ContinuousClock()
            var said = clock.now
            let computation = Computation.compute(
                batches: batches, parameters: parameters, shownCall: shown, start: start,
                isCancelled: { context.isCancelled },
                progress: { call, iteration in
                    guard clock.now - said >= .milliseconds(100) else { return }
                    said = clock.now
                    context.send(.computing(call: call, iteration: iteration))
                })
            return computation.map { .computed($0) }
        }
    }

    /// Marks every analysis of the shown call pending and starts the jobs that compute them.
    mutating func restartAnalyses(inputChanged: Bool) -> Command<ExplorerMessage> {
        if inputChanged {
            derived.embedding = .pending(progress: nil)
            derived.matrixFacts = .pending(progress: nil)
        }
        derived.analysis = .pending(progress: nil)
        derived.curve = .pending(progress: nil)
        // Recomputed iterations belong to the trace they came from.
        derived.segment = nil
        derived.segmentPending = nil
        derived.warnings = derived.computation.call.map { CallWarnings.of(call: $0) } ?? []
        var command: Command<ExplorerMessage> = derived.computation.isPending ? .none : .cancel(key: "calls-trace")
        let input = derived.computation.input
        // The jobs run one after another, cheapest and most read first: the matrix figures, the
        // fixed point, then the embedding and the curve, which cost the most at large m.
        if inputChanged {
            command =
                command
                + .background(key: "matrix") { _ in
                    .matrixFacts(MatrixFacts(a: input.a))
                }
        }
        let call = derived.computation.call
        if let call {
            command =
                command
                + .background(key: "analysis") { context in
                    Analysis.compute(
                        call: call, isCancelled: { context.isCancelled },
                        progress: { context.send(.analysis(.pending(progress: $0))) }
                    )
                    .map { .analysis(.ready($0), warnings: CallWarnings.of(call: call, analysis: $0)) }
                }
        }
        if inputChanged {
            command =
                command
                + .background(key: "embedding") { context in
                    let embedding =
                        input.directionJacobian.map {
                            Embedding.compute(jacobian: $0, isCancelled: { context.isCancelled })
                        }
                        ?? Embedding.compute(matrix: input.a, isCancelled: { context.isCancelled })
                    return embedding.map { .embedding($0) }
                }
        }
        if let call {
            command =
                command
                + .background(key: "curve") { context in
                    LambdaCurve.compute(
                        normalized: call.normalization.matrix, preference: call.preference,
                        isCancelled: { context.isCancelled }
                    )
                    .map { .curve(LambdaCurvePoints(curve: $0, preference: call.preference)) }
                }
        } else {
            if let reason = derived.computation.failure ?? (derived.computation.isPending ? nil : "no call") {
                derived.analysis = .failed(reason)
                derived.curve = .failed(reason)
            }
            command = command + .cancel(key: "analysis") + .cancel(key: "curve")
        }
        return command + .cancel(key: "trace-segment") + lowerViewJob()
    }

    /// When the shown iteration of a bounded trace is not at hand: the job computing it again from the
    /// nearest checkpoint (pending meanwhile; a later move replaces it).
    mutating func segmentJob() -> Command<ExplorerMessage> {
        guard let base = computation.call?.trace, let trace = self.trace else { return .none }
        let k = display.iteration
        guard let range = trace.segmentRange(containing: k), derived.segmentPending != range else { return .none }
        derived.segmentPending = range
        return .background(key: "trace-segment") { context in
            base.segment(containing: k, isCancelled: { context.isCancelled }).map { .segment($0) }
        }
    }

    /// Starts what the open lower view needs; a job of a view closed since is cancelled (every
    /// lower view's job runs under one key, so opening another one replaces it).
    mutating func lowerViewJob() -> Command<ExplorerMessage> {
        let previous = derived.lower?.value?.value
        derived.lower = nil
        let cancel: Command<ExplorerMessage> = .cancel(key: "lower")
        guard let job = display.lowerView.job else { return cancel }
        // A result that does not depend on what changed (the settings map after a click) stays.
        if let previous, let keeps = job.keeps, !derived.computation.isPending, keeps(self, previous) {
            derived.lower = .ready(LowerViewResult(value: previous))
            return cancel
        }
        guard let call = derived.computation.call else {
            // The calls are still being computed: the view's part comes once they are.
            if derived.computation.isPending { derived.lower = .pending(progress: nil) }
            return cancel
        }
        derived.lower = .pending(progress: nil)
        let work = job.make(self, call)
        return .background(key: "lower") { context in
            let result = work({ context.isCancelled }, { context.send(.lower(.pending(progress: $0))) })
            return result.map { .lower(.ready(LowerViewResult(value: $0))) }
        }
    }

    /// Takes a finished job's result in (the runtime drops those of replaced jobs).
    mutating func receive(_ message: ExplorerMessage) -> Command<ExplorerMessage> {
        switch message {
        case .computed(let computation) where derived.computation.isPending:
            let shownBefore = derived.computation.shownCall
            // Calls that arrived (a followed run) while these were computed: one more round.
            if computation.batches.count < inputs.sequence.count && inputs.source == .sequence {
                return recompute(showLastCall: shownBefore == computation.batches.count - 1)
            }
            derived.computation = computation
            return restartAnalyses(inputChanged: computation.shownCall != shownBefore)
        case .computing(let call, let iteration):
            derived.computation = derived.computation.advanced(to: (call, iteration))
        case .segment(let segment) where derived.segmentPending?.lowerBound == segment.first:
            derived.segment = segment
            derived.segmentPending = nil
        case .embedding(let value): derived.embedding = .ready(value)
        case .matrixFacts(let value): derived.matrixFacts = .ready(value)
        case .analysis(let value, let warnings):
            derived.analysis = value
            if value.value != nil { derived.warnings = warnings }
        case .curve(let value): derived.curve = .ready(value)
        case .lower(let value) where derived.lower != nil: derived.lower = value
        default: break
        }
        return .none
    }
}
