import SDMGrad
import TerminalUI

/// What torchjd itself returned on a recorded run (SPEC section 7.2): the recorded weights' sum and
/// whether they left the simplex, and why, for the explorer's header and calls panel.
extension ExplorerState {
    /// The recorded outcome of call `index` (nil when the input is no recorded run).
    func recordedOutcome(_ index: Int) -> RecordedOutcome? {
        let recorded = inputs.recorded
        guard recorded.indices.contains(index), index < inputs.sequence.count else { return nil }
        // The replay's largest pre-projection point only names the rounding cause; 0 when not computed yet.
        let calls = computation.isPending ? [] : computation.calls
        let largest = calls.indices.contains(index) ? calls[index].largestPreProjection : 0
        // The diagonal's sign names the scale-zero cause: from the summary, else from A while it is held.
        let scaleZero =
            calls.indices.contains(index)
            ? calls[index].diagonalNonPositive
            : inputs.sequence[held: index].map { a in (0..<a.a.rows).allSatisfy { a.a[$0, $0] <= 0 } } ?? false
        return RecordedOutcome(
            weights: recorded[index].weights, dtype: recorded[index].dtype, scaleZero: scaleZero,
            largestPreProjection: largest)
    }

    /// Every call's recorded outcome, in order (empty when the input is no recorded run).
    var recordedOutcomes: [RecordedOutcome] {
        inputs.recorded.indices.compactMap { recordedOutcome($0) }
    }

    /// The header's statement about the shown call when torchjd returned weights off the simplex.
    var recordedFailureNote: String? {
        guard let outcome = recordedOutcome(computation.shownCall), outcome.offSimplex else { return nil }
        return RecordedFailureText.sentence(outcome)
    }
}

/// Sentences about what torchjd returned.
enum RecordedFailureText {
    /// "torchjd returned weights summing to 0.231 (scale zero)".
    static func sentence(_ outcome: RecordedOutcome) -> String {
        let sum = NumberText.trimmed(NumberText.plain(outcome.sum, significant: 3))
        let sumIsOne = abs(outcome.sum - 1) <= RecordedOutcome.sumTolerance
        return (sumIsOne ? "torchjd returned a negative weight" : "torchjd returned weights summing to \(sum)")
            + (outcome.cause.map { " (\(causeText($0)))" } ?? " (off the simplex)")
    }

    /// A cause in words.
    static func causeText(_ cause: RecordedOutcome.Cause) -> String {
        switch cause {
        case .scaleZero: return "scale zero: every A_ii <= 0, so A^ = A / 1e-8"
        case .rounding: return "rounding: the projection's points outgrew the dtype"
        case .nonFinite: return "not finite"
        }
    }

    /// The calls panel's line: how many calls torchjd returned off the simplex, and the causes named.
    static func summary(_ outcomes: [RecordedOutcome]) -> String? {
        let off = outcomes.filter(\.offSimplex)
        guard !off.isEmpty else { return nil }
        let causes = Dictionary(grouping: off.compactMap(\.cause), by: { $0 }).sorted {
            $0.value.count > $1.value.count
        }
        let named = causes.map { "\($0.value.count) \(String($0.key.rawValue.map { $0 == "_" ? " " : $0 }))" }
        let sums = off.map(\.sum)
        let range = [sums.min()!, sums.max()!].map { NumberText.trimmed(NumberText.plain($0, significant: 3)) }
        return "torchjd returned weights off the simplex on \(off.count) of \(outcomes.count) calls"
            + (named.isEmpty ? "" : " (" + named.joined(separator: ", ") + ")")
            + ", summing to " + (range[0] == range[1] ? range[0] : "\(range[0]) to \(range[1])")
    }
}
