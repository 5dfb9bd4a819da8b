import SDMGrad

/// The followed task's figures at the shown iteration (`f`): its weight, its rank among the m weights and its
/// row of Â; O(m) to build, so it costs no more than the weights the frame already shows.
public struct TaskFigures: Sendable, Equatable {
    /// The task (0-based) and its name.
    public let task: Int, name: String
    /// Its weight now, and its rank (1 = the largest; ties share the better rank) among `count` weights.
    public let weight: Double, rank: Int, count: Int
    /// Its row of Â (A divided by the call's divisor), nil when no call is computed.
    public let row: [Double]?

    /// The figures of `task` given the weights now and the shown call; nil when the task is out of range.
    public init?(task: Int, weights: [Double], names: [String], call: WeightingCall?) {
        guard weights.indices.contains(task) else { return nil }
        self.task = task
        name = names.indices.contains(task) ? names[task] : "task \(task + 1)"
        weight = weights[task]
        rank = 1 + weights.reduce(0) { $0 + ($1 > weights[task] ? 1 : 0) }
        count = weights.count
        row = call.map { call in
            let a = call.normalization.source, m = a.columns
            return a.storage[task * m..<(task + 1) * m].map { $0 / call.normalization.divisor }
        }
    }

    /// Finds a task by its number (1-based) or name (exact, else the only one whose name contains the text,
    /// case-insensitive); nil when none or several match.
    public static func find(_ text: String, names: [String]) -> Int? {
        let query = text.split(separator: " ").joined(separator: " ")
        if let n = Int(query) { return n >= 1 && n <= names.count ? n - 1 : nil }
        let lower = query.lowercased()
        guard !lower.isEmpty else { return nil }
        if let exact = names.firstIndex(where: { $0.lowercased() == lower }) { return exact }
        let matches = names.indices.filter { names[$0].lowercased().contains(lower) }
        return matches.count == 1 ? matches[0] : nil
    }
}

extension ExplorerState {
    /// The followed task's figures at the shown iteration, nil when no task is followed or nothing is computed.
    public var followedFigures: TaskFigures? {
        guard let task = display.followedTask, let weights = shownWeights else { return nil }
        return TaskFigures(task: task, weights: weights, names: scenario.tasks, call: computation.call)
    }
}
