import Explorer
import Foundation
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// A run read from disk holds only a window of calls in full (issue 19): whatever call is shown, it is
/// the call the explorer holding every call shows, bit for bit, and a call read back equals the one dropped.
final class CallWindowTests: XCTestCase {
    static let runs = ["linnerud3", "digits4", "digits64"]

    /// The explorer on a vendored run: holding every call, or windowed (calls read again from the folder).
    private func explorer(_ name: String, windowed: Bool) throws -> HeadlessDriver<ExplorerState> {
        let path = SettingsMapViewTests.root.appendingPathComponent("Tests/Fixtures/runs/\(name)").path
        let run = try RunFolder.load(path)
        let recorded = run.calls.map(\.recorded)
        let reader: CallSequence.Reader = { k in try RunFolderFollower.reread(folder: path, call: recorded[k]) }
        let state = ExplorerState(
            sequence: run.calls.map(\.batches), name: name, parameters: run.parameters, recorded: recorded,
            reader: windowed ? reader : nil)
        return HeadlessDriver(model: state, width: 120, height: 40)
    }

    /// The shown call must be the reference's call of the same index: start, weights, w and trace exactly.
    private func assertShownIsReference(
        _ d: HeadlessDriver<ExplorerState>, _ reference: Computation, _ what: String
    ) throws {
        let k = d.model.computation.shownCall
        let shown = try XCTUnwrap(d.model.computation.call, "\(what): call \(k + 1) is shown")
        let expected = try reference.fullCall(k).1
        XCTAssertEqual(shown.start, expected.start, "\(what): call \(k + 1) start")
        XCTAssertEqual(shown.weights, expected.weights, "\(what): call \(k + 1) weights")
        XCTAssertEqual(shown.w, expected.w, "\(what): call \(k + 1) w")
        XCTAssertEqual(shown.trace, expected.trace, "\(what): call \(k + 1) trace")
        XCTAssertEqual(d.model.computation.calls[k], reference.calls[k], "\(what): call \(k + 1) summary")
    }

    func testEveryCallShownWindowedIsTheCallShownUnwindowed() throws {
        for name in Self.runs {
            let reference = try explorer(name, windowed: false).model.computation
            let d = try explorer(name, windowed: true)
            d.settle()
            let count = reference.calls.count
            XCTAssertEqual(d.model.computation.calls, reference.calls, "\(name): every call's summary")
            // The window holds far fewer calls than the run (that is the point), and always the shown one.
            XCTAssertLessThan(d.model.computation.batches.heldIndices.count, count, name)
            d.input([.key(.character("g"))])
            XCTAssertEqual(d.model.computation.shownCall, 0, name)
            try assertShownIsReference(d, reference, "\(name) g")
            for _ in 1..<count {
                d.input([.key(.pageDown)])
                try assertShownIsReference(d, reference, "\(name) PgDn forward")
                XCTAssertLessThanOrEqual(d.model.computation.batches.heldIndices.count, 2 * 8 + 2, name)
                XCTAssertEqual(
                    Set(d.model.inputs.sequence.heldIndices), Set(d.model.computation.batches.heldIndices),
                    "\(name): the inputs hold no call the computation dropped")
            }
            XCTAssertEqual(d.model.computation.shownCall, count - 1, name)
            for _ in 1..<count {
                d.input([.key(.pageUp)])
                try assertShownIsReference(d, reference, "\(name) PgUp back")
            }
            d.input([.key(.character("G"))])
            XCTAssertEqual(d.model.computation.shownCall, count - 1, name)
            try assertShownIsReference(d, reference, "\(name) G")
        }
    }

    func testACallReadBackAfterEvictionEqualsTheOriginal() throws {
        for name in Self.runs {
            let reference = try explorer(name, windowed: false).model.computation
            let windowed = try explorer(name, windowed: true).model.computation
            let dropped = (0..<windowed.calls.count).filter { !windowed.holds($0) }
            XCTAssertFalse(dropped.isEmpty, "\(name): the window dropped some calls")
            for k in dropped {
                let (input, call) = try windowed.fullCall(k)
                let (expectedInput, expected) = try reference.fullCall(k)
                XCTAssertEqual(input.a, expectedInput.a, "\(name): call \(k + 1)'s A read again")
                XCTAssertEqual(call.w, expected.w, "\(name): call \(k + 1) w")
                XCTAssertEqual(call.weights, expected.weights, "\(name): call \(k + 1) weights")
                XCTAssertEqual(call.trace, expected.trace, "\(name): call \(k + 1) trace")
            }
        }
    }

    func testReadingACallIsPendingAndEscOrAnotherMoveCancelsIt() throws {
        let d = try explorer("linnerud3", windowed: true)
        d.input([.key(.character("G"))])
        let last = d.model.computation.calls.count - 1
        XCTAssertEqual(d.model.computation.shownCall, last)
        XCTAssertFalse(d.model.computation.holds(0), "call 1 is outside the window")

        // g: pending, said, the shown call unchanged until it is there; Esc cancels.
        d.input([.key(.character("g"))], settling: false)
        XCTAssertTrue(d.model.isAnalyzing)
        XCTAssertTrue(d.model.message.contains("reading call 1"), d.model.message)
        XCTAssertTrue(d.frame().lines().joined().contains("reading call 1"), "the status line says it")
        XCTAssertEqual(d.model.computation.shownCall, last)
        d.input([.key(.escape)], settling: false)
        d.settle()
        XCTAssertEqual(d.model.computation.shownCall, last, "Esc cancelled the read")
        XCTAssertFalse(d.model.isAnalyzing)

        // g then G (back to the shown call) cancels too; g then PgDn reads call 2 instead.
        d.input([.key(.character("g")), .key(.character("G"))], settling: false)
        d.settle()
        XCTAssertEqual(d.model.computation.shownCall, last, "G cancelled the read of call 1")
        d.input([.key(.character("g")), .key(.pageDown)], settling: false)
        XCTAssertTrue(d.model.message.contains("reading call 2"), d.model.message)
        d.settle()
        XCTAssertEqual(d.model.computation.shownCall, 1, "PgDn moved on from the call being read")
        XCTAssertEqual(d.model.message, "")
    }

    func testAChangedLrRunsTheWindowedRunAgainFromDisk() throws {
        for name in ["linnerud3", "digits64"] {
            let reference = try explorer(name, windowed: false), d = try explorer(name, windowed: true)
            for driver in [reference, d] {
                driver.input([.key(.pageDown), .key(.pageDown), .key(.character("l"))])
            }
            XCTAssertFalse(d.model.computation.isPending, "\(name): the run again finished")
            XCTAssertEqual(d.model.parameters, reference.model.parameters)
            XCTAssertNotEqual(d.model.computation.calls, try explorer(name, windowed: true).model.computation.calls)
            XCTAssertEqual(d.model.computation.calls, reference.model.computation.calls, "\(name): every call again")
            XCTAssertEqual(d.model.computation.shownCall, 2, name)
            try assertShownIsReference(d, reference.model.computation, "\(name) after l")
        }
    }
}
