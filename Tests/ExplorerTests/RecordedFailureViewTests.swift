import Explorer
import Foundation
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// On a recorded run the explorer states torchjd's own failure: the header on the shown call, the calls
/// panel over the run (SPEC 7.2's recorded_sum, recorded_off_simplex and cause).
final class RecordedFailureViewTests: XCTestCase {
    /// The Linnerud run: every call whose A has all A_ii <= 0 (found here from A itself) returned weights
    /// summing to lambda / (1 + lambda) = 0.231 in torchjd; the header says so on such a call and not on others.
    func testHeaderAndCallsPanelStateTheScaleZeroFailure() throws {
        let path = SettingsMapViewTests.root.appendingPathComponent("Tests/Fixtures/runs/linnerud3").path
        let run = try RunFolder.load(path)
        let zero = run.calls.indices.filter { k in (0..<3).allSatisfy { run.calls[k].batches.a[$0, $0] <= 0 } }
        XCTAssertEqual(zero.count, 60)
        let off = run.calls.filter { c in
            let sum = c.recorded.weights.reduce(0, +)
            return abs(sum - 1) > 1e-4 || c.recorded.weights.contains { $0 < 0 }
        }.count
        let state = ExplorerState(
            sequence: run.calls.map(\.batches), name: "linnerud3", parameters: run.parameters,
            recorded: run.calls.map(\.recorded))
        let d = HeadlessDriver(model: state, width: 160, height: 40)
        d.settle()
        // Show a scale-zero call and a healthy one.
        let healthy = try XCTUnwrap(
            run.calls.indices.first { k in
                abs(run.calls[k].recorded.weights.reduce(0, +) - 1) < 1e-6 && !zero.contains(k)
            })
        for (target, failing) in [(zero[0], true), (healthy, false)] {
            let steps = target - d.model.computation.shownCall
            d.input(Array(repeating: .key(steps > 0 ? .pageDown : .pageUp), count: abs(steps)))
            XCTAssertEqual(d.model.computation.shownCall, target)
            let title = d.frame().line(0)
            XCTAssertEqual(title.contains("torchjd returned weights summing to 0.231 (scale zero"), failing, title)
        }
        d.input([.key(.character("c"))])
        let text = d.frame().lines().joined(separator: "\n")
        XCTAssertTrue(
            text.contains("torchjd returned weights off the simplex on \(off) of \(run.calls.count) calls"), text)
        XCTAssertTrue(text.contains("60 scale zero"), text)
    }

    /// A sequence without a recording (plain matrices) says nothing of torchjd.
    func testAPlainSequenceSaysNothingOfTorchjd() {
        let a = Matrix([[-1.0, 0.2], [0.2, -0.5]])
        let d = HeadlessDriver(
            model: ExplorerState(
                sequence: [Batches(matrix: a), Batches(matrix: a)], name: "plain",
                parameters: SolverParameters()), width: 120, height: 40)
        d.settle()
        d.input([.key(.character("c"))])
        let text = d.frame().lines().joined(separator: "\n")
        XCTAssertFalse(text.contains("torchjd returned"), text)
    }
}
