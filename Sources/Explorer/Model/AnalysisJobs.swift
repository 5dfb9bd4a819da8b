import Runtime
import SDMGrad

/// Starting the background analyses of the shown state, and taking their results in.
extension ExplorerState {
    /// Recomputes the calls after the inputs or the parameters changed, then starts the analyses.
    mutating func recompute(showLastCall: Bool = false, inputChanged: Bool = true) -> Command<ExplorerMessage> {
        let batches = inputs.batches()
        let shown = showLastCall ? batches.count - 1 : derived.computation.shownCall
        view.iteration = min(view.iteration, inputs.parameters.iters)
        let parameters = inputs.parameters, start = inputs.startOverride
        let shownBefore = derived.computation.shownCall
        guard Computation.cost(batches: batches, parameters: parameters) > Computation.backgroundCost else {
            derived.computation = Computation(batches: batches, parameters: parameters, shownCall: shown, start: start)
            // A call that fails now clamps the shown one: that is a new input for the figures and the picture.
            return restartAnalyses(inputChanged: inputChanged || derived.computation.shownCall != shownBefore)
        }
        // Too large for a key press (m in the thousands): the calls run in the background too.
        derived.computation = .pending(batches: batches, shownCall: shown)
        let command = restartAnalyses(inputChanged: inputChanged)
        let revision = derived.revision
        return command + .background(key: "calls-trace") { _ in
            .computed(revision: revision, Computation(batches: batches, parameters: parameters, shownCall: shown, start: start))
        }
    }

    /// Marks every analysis of the shown call pending and starts the jobs that compute them.
    mutating func restartAnalyses(inputChanged: Bool) -> Command<ExplorerMessage> {
        derived.revision += 1
        if inputChanged {
            derived.inputRevision += 1
            derived.embedding = .pending(progress: nil)
            derived.matrixFacts = .pending(progress: nil)
        }
        derived.analysis = .pending(progress: nil)
        derived.curve = .pending(progress: nil)
        derived.warnings = derived.computation.call.map { CallWarnings.of(call: $0) } ?? []
        var command: Command<ExplorerMessage> = derived.computation.isPending ? .none : .cancel(key: "calls-trace")
        let input = derived.computation.input
        let inputRevision = derived.inputRevision
        // The jobs run one after another, cheapest and most read first: the matrix figures, the
        // fixed point, then the embedding and the curve, which cost the most at large m.
        if inputChanged {
            command = command + .background(key: "matrix") { _ in
                .matrixFacts(inputRevision: inputRevision, MatrixFacts(a: input.a))
            }
        }
        let revision = derived.revision
        let call = derived.computation.call
        if let call {
            command = command + .background(key: "analysis") { context in
                Analysis.compute(call: call, isCancelled: { context.isCancelled },
                                 progress: { context.send(.analysis(revision: revision, .pending(progress: $0))) })
                    .map { .analysis(revision: revision, .ready($0), warnings: CallWarnings.of(call: call, analysis: $0)) }
            }
        }
        if inputChanged {
            command = command + .background(key: "embedding") { context in
                let embedding = input.directionJacobian.map { Embedding.compute(jacobian: $0, isCancelled: { context.isCancelled }) }
                    ?? Embedding.compute(matrix: input.a, isCancelled: { context.isCancelled })
                return embedding.map { .embedding(inputRevision: inputRevision, $0) }
            }
        }
        if let call {
            command = command + .background(key: "curve") { context in
                LambdaCurve.compute(normalized: call.normalization.matrix, preference: call.preference,
                                    isCancelled: { context.isCancelled })
                    .map { .curve(revision: revision, LambdaCurvePoints(curve: $0, preference: call.preference)) }
            }
        } else {
            if let reason = derived.computation.failure ?? (derived.computation.isPending ? nil : "no call") {
                derived.analysis = .failed(reason)
                derived.curve = .failed(reason)
            }
            command = command + .cancel(key: "analysis") + .cancel(key: "curve")
        }
        return command + overlayJobs()
    }

    /// Starts what the open lower view needs, and drops what a closed one had.
    mutating func overlayJobs() -> Command<ExplorerMessage> {
        derived.variants = nil
        derived.sweep = nil
        derived.callAnalyses = nil
        // The closed views' work is cancelled; the open one's is replaced by its own key.
        let cancels: Command<ExplorerMessage> = .batch(["variants", "sweep", "calls"].map { .cancel(key: $0) })
        let revision = derived.revision
        let computation = derived.computation
        let parameters = inputs.parameters
        guard let call = computation.call else {
            // The calls are still being computed: the view's part comes once they are.
            if computation.isPending {
                switch view.overlay {
                case .variants: derived.variants = .pending(progress: nil)
                case .sweep: derived.sweep = .pending(progress: nil)
                case .calls: derived.callAnalyses = .pending(progress: nil)
                case .none, .help, .explain: break
                }
            }
            return cancels
        }
        switch view.overlay {
        case .variants:
            derived.variants = .pending(progress: nil)
            let a = computation.input.a
            return cancels + .background(key: "variants") { _ in
                .variants(revision: revision, VariantsComparison(a: a, start: call.start, parameters: parameters))
            }
        case .sweep:
            derived.sweep = .pending(progress: nil)
            let a = computation.input.a
            return cancels + .background(key: "sweep") { context in
                let sweep = LambdaSweep(call: call, a: a, parameters: parameters, isCancelled: { context.isCancelled },
                                        progress: { context.send(.sweep(revision: revision, .pending(progress: $0))) })
                return sweep.map { .sweep(revision: revision, .ready($0)) }
            }
        case .calls:
            derived.callAnalyses = .pending(progress: nil)
            let calls = computation.calls
            return cancels + .background(key: "calls") { context in
                var analyses: [Analysis] = []
                for (index, call) in calls.enumerated() {
                    if context.isCancelled { return nil }
                    if index % 16 == 0, calls.count > 32 {
                        context.send(.callAnalyses(revision: revision, .pending(progress: Double(index) / Double(calls.count))))
                    }
                    guard let analysis = Analysis.compute(call: call, isCancelled: { context.isCancelled }) else { return nil }
                    analyses.append(analysis)
                }
                return .callAnalyses(revision: revision, .ready(analyses))
            }
        case .none, .help, .explain:
            return cancels
        }
    }

    /// Takes a finished job's result in, when it still belongs to the state shown.
    mutating func receive(_ message: ExplorerMessage) -> Command<ExplorerMessage> {
        switch message {
        case .computed(let r, let computation) where r == derived.revision && derived.computation.isPending:
            let shownBefore = derived.computation.shownCall
            // Calls that arrived (a followed run) while these were computed: one more round.
            if computation.batches.count < inputs.sequence.count && inputs.source == .sequence {
                return recompute(showLastCall: shownBefore == computation.batches.count - 1)
            }
            derived.computation = computation
            return restartAnalyses(inputChanged: computation.shownCall != shownBefore)
        case .embedding(let r, let value) where r == derived.inputRevision: derived.embedding = .ready(value)
        case .matrixFacts(let r, let value) where r == derived.inputRevision: derived.matrixFacts = .ready(value)
        case .analysis(let r, let value, let warnings) where r == derived.revision:
            derived.analysis = value
            if value.value != nil { derived.warnings = warnings }
        case .curve(let r, let value) where r == derived.revision: derived.curve = .ready(value)
        case .variants(let r, let value) where r == derived.revision && derived.variants != nil:
            derived.variants = .ready(value)
        case .sweep(let r, let value) where r == derived.revision && derived.sweep != nil: derived.sweep = value
        case .callAnalyses(let r, let value) where r == derived.revision && derived.callAnalyses != nil:
            derived.callAnalyses = value
        default: break
        }
        return .none
    }
}
