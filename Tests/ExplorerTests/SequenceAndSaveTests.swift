import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// The mlp3 sequence against torchjd's own record, and saving a scenario that reopens identically.
final class SequenceAndSaveTests: XCTestCase {
    static let mlp3: String = {
        let file = #filePath
        let root = file[..<file.range(of: "/Tests/")!.lowerBound]
        return root + "/assets/examples/mlp3"
    }()

    func testMLP3CallsPanelShowsTheVertexFlipsTorchjdRecorded() throws {
        guard FileManager.default.fileExists(atPath: Self.mlp3 + "/manifest.json") else {
            return XCTFail(
                "missing \(Self.mlp3): the worked example is committed in the repository (assets/examples/mlp3)")
        }
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.mlp3 + "/manifest.json")))
            as! [String: Any]
        let steps = manifest["steps"] as! [[String: Any]]
        var state = started(
            ExplorerState(sequence: try StepFolder.load(Self.mlp3), name: "mlp3", parameters: SolverParameters()))
        XCTAssertEqual(state.computation.calls.count, steps.count)
        for (call, step) in zip(state.computation.calls, steps) {
            let expected = step["weights_float64_replay"] as! [Double]
            for (a, b) in zip(call.weights, expected) { XCTAssertEqual(a, b, accuracy: 1e-9) }
        }
        // The flips: w sits on a vertex after most calls, and the vertex changes between calls 1, 2 and 3.
        let vertices = state.computation.calls.map { call in call.w.firstIndex(of: 1.0) }
        XCTAssertEqual(vertices.prefix(3).map { $0 }, [1, 2, 1])
        apply(.key(.character("c")), to: &state)
        let frame = Frame.render(state, width: 120, height: 40).lines().joined(separator: "\n")
        XCTAssertTrue(frame.contains("Calls: 6"))
        XCTAssertTrue(frame.contains("[0.077, 0.846, 0.077]"), "call weights listed")
        XCTAssertTrue(frame.contains("[0.077, 0.077, 0.846]"), "the flip to task 3 listed")
        // The verdict says why: at call 1, w* is interior and lr = 10 is far above lr_max.
        apply(.key(.pageUp), to: &state)
        while state.computation.shownCall > 0 { apply(.key(.pageUp), to: &state) }
        let analysis = try XCTUnwrap(state.analysis)
        XCTAssertEqual(analysis.stability.verdict, .oscillates)
        XCTAssertLessThan(analysis.stability.lrMax, state.parameters.lr / 100)
        XCTAssertGreaterThan(analysis.fixedPoint.w.filter { $0 > 0 }.count, 1, "w* is not a vertex")
    }

    func testSavedScenarioReopensToTheIdenticalState() throws {
        var state = try explorer(preset: "noisy-3", keys: "e1<up><right>2<down><esc>++lMIr")
        XCTAssertTrue(state.hasUnsavedEdits)
        let saved = state.scenarioForSaving
        let text = ScenarioWriter.json(saved)
        let reopened = try ScenarioReader.parse(Array(text.utf8))
        XCTAssertEqual(reopened, saved)
        let again = ExplorerState(scenario: reopened)
        XCTAssertEqual(again.parameters, state.parameters)
        XCTAssertEqual(again.computation.calls.map(\.weights), state.computation.calls.map(\.weights))
        XCTAssertEqual(again.computation.calls.map(\.w), state.computation.calls.map(\.w))
        apply(.message(.saved(message: "saved", scenarioSaved: true)), to: &state)
        XCTAssertFalse(state.hasUnsavedEdits)
    }

    func testAtomicWritesNeverReplaceAFile() throws {
        let folder = NSTemporaryDirectory() + "sdmgrad-save-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/case-saved.json"
        try AtomicFile.write("first\n", to: path)
        XCTAssertThrowsError(try AtomicFile.write("second\n", to: path)) { error in
            XCTAssertTrue("\(error)".contains("already exists"))
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "first\n")
        XCTAssertEqual(
            AtomicFile.freshName(base: folder + "/case-saved", suffix: ".json"), folder + "/case-saved-2.json")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp") }
        XCTAssertEqual(leftovers, [], "no temporary file is left behind")
    }
}
