import Foundation
import SDMGrad
import XCTest

/// assets/python/sdmgrad_record.py on torchjd's own docstring training example, for real: a Python with
/// torch and torchjd trains a few steps with one added `attach` line, then `solve` and `report` replay
/// the folder. Without such a Python the test says plainly that it was not run, why, and how to run it.
final class RecorderTests: XCTestCase {
    static let howToRun =
        "to run it: python3 -m venv VENV && VENV/bin/pip install torch==2.15.0 torchjd==0.18.0 numpy, "
        + "then SDMGRAD_PYTHON=VENV/bin/python swift test -c release --disable-swift-testing --filter RecorderTests"

    /// `python()`, asked once per test run (importing torch takes seconds).
    static let pythonOnce = python()

    /// The Python to use: $SDMGRAD_PYTHON, else `python3` when it imports torch and torchjd; nil with the reason.
    static func python() -> (path: String?, reason: String) {
        let environment = ProcessInfo.processInfo.environment
        let candidate = environment["SDMGRAD_PYTHON"].flatMap { $0.isEmpty ? nil : $0 } ?? "python3"
        guard
            let check = try? runProcess(
                candidate,
                ["-c", "import torch, torchjd, numpy, importlib.metadata as m; print(m.version(\"torchjd\"))"],
                environment: [:], timeout: 300)
        else {
            return (nil, "cannot start \(candidate)")
        }
        guard check.status == 0 else {
            let why = check.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(check.status)"
            return (nil, "\(candidate) cannot import torch, torchjd and numpy (\(why))")
        }
        return (candidate, "torchjd \(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    /// Runs a program (found on PATH when not a path) with extra environment variables.
    static func runProcess(
        _ program: String, _ arguments: [String], environment: [String: String],
        timeout: TimeInterval
    ) throws -> BinaryLocator.Run {
        try BinaryLocator.runProgram("/usr/bin/env", [program] + arguments, environment: environment, timeout: timeout)
    }

    /// torchjd 0.18.0's SDMGradWeighting docstring example, plus the recorder's one line (and, to draw,
    /// `recorder.jacobians`). Trains: float64 with the recorder; float32 with the recorder; float32
    /// without it (same seed: what the weighting returns must not change); then re-attaches to the float32
    /// folder without and with append=True.
    static let script = #"""
        import json, sys
        import torch
        from torch.nn import Linear, MSELoss, ReLU, Sequential
        from torch.optim import SGD

        from torchjd.aggregation import SDMGradWeighting
        from torchjd.autojac import jac
        from sdmgrad_record import attach


        def train(folder, steps, dtype, record=True, append=False):
            torch.manual_seed(0)
            inputs = torch.randn(3 * steps, 16, 5, dtype=dtype)
            targets = torch.randn(3 * steps, 16, dtype=dtype)
            model = Sequential(Linear(5, 4), ReLU(), Linear(4, 1)).to(dtype)
            optimizer = SGD(model.parameters())
            criterion = MSELoss(reduction="none")
            weighting = SDMGradWeighting(lambda_=0.3)
            recorder = attach(weighting, folder, append=append) if record else None   # the one added line
            params = list(model.parameters())
            returned = []
            for i in range(len(inputs) // 3):
                input_1, input_2, input_3 = inputs[3 * i], inputs[3 * i + 1], inputs[3 * i + 2]
                target_1, target_2, target_3 = targets[3 * i], targets[3 * i + 1], targets[3 * i + 2]
                losses_1 = criterion(model(input_1).squeeze(dim=1), target_1)
                jacs_1 = jac(losses_1, params)
                J_1 = torch.cat([j.flatten(1) for j in jacs_1], dim=1)
                losses_2 = criterion(model(input_2).squeeze(dim=1), target_2)
                jacs_2 = jac(losses_2, params)
                J_2 = torch.cat([j.flatten(1) for j in jacs_2], dim=1)
                A = J_1 @ J_2.T
                if recorder is not None:
                    recorder.jacobians(J_1, J_2)
                weights = weighting(A)
                returned.append([float(x) for x in weights.detach().double().tolist()])
                losses_3 = criterion(model(input_3).squeeze(dim=1), target_3)
                losses_3.backward(weights)
                optimizer.step()
                optimizer.zero_grad()
            if recorder is not None:
                recorder.close()
            return returned


        out = sys.argv[1]
        result = {
            "float64": train(out + "/run64", 6, torch.float64),
            "float32": train(out + "/run32", 4, torch.float32),
            "float32_plain": train(out + "/unused", 4, torch.float32, record=False),
        }
        try:
            train(out + "/run32", 1, torch.float32)
            result["refused"] = None
        except FileExistsError as error:
            result["refused"] = str(error)
        result["appended"] = train(out + "/run32", 2, torch.float32, append=True)
        with open(out + "/returned.json", "w") as f:
            json.dump(result, f)
        """#

    /// A Python that was asked for and cannot run the recorder (a failure, not a skip).
    struct PythonUnusable: Error, CustomStringConvertible { let description: String }

    /// The Python to run with and why it was chosen; fails when SDMGRAD_PYTHON names one that
    /// cannot import torch, skips (saying plainly why and how to run) when none was asked for.
    static func requirePython() throws -> (String, String) {
        let (found, reason) = pythonOnce
        if let found { return (found, reason) }
        if let asked = ProcessInfo.processInfo.environment["SDMGRAD_PYTHON"], !asked.isEmpty {
            throw PythonUnusable(description: "SDMGRAD_PYTHON=\(asked) was given but \(reason)")
        }
        let message = "RecorderTests NOT RUN: \(reason); \(howToRun)"
        print(message)
        throw XCTSkip(message)
    }

    func testRecorderOnTheDocstringExampleReplaysExactly() throws {
        let (python, reason) = try Self.requirePython()
        print("RecorderTests: running with \(python) (\(reason))")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sdmgrad-recorder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let scriptURL = work.appendingPathComponent("train.py")
        try Data(Self.script.utf8).write(to: scriptURL)
        let assets = BinaryLocator.packageRoot.appendingPathComponent("assets/python").path
        let training = try Self.runProcess(
            python, [scriptURL.path, work.path], environment: ["PYTHONPATH": assets], timeout: 600)
        XCTAssertEqual(training.status, 0, "training failed:\n\(training.stderr)")
        let returned = try XCTUnwrap(
            try StrictJSON.parse(
                String(contentsOf: work.appendingPathComponent("returned.json"), encoding: .utf8)) as? [String: Any])
        func matrix(_ key: String) throws -> [[Double]] {
            try XCTUnwrap(returned[key] as? [Any]).map {
                try XCTUnwrap($0 as? [Any]).map { try XCTUnwrap($0 as? Double) }
            }
        }

        // Recording never changes what the weighting returns: same seed with and without the recorder.
        XCTAssertEqual(try matrix("float32"), try matrix("float32_plain"))
        // A folder holding another run is refused; append=True continues its step numbers.
        let refusal = try XCTUnwrap(
            returned["refused"] as? String, "re-attaching without append must raise FileExistsError")
        XCTAssert(refusal.contains("append=True"), refusal)

        // float64: what torchjd returned is what the calls.jsonl holds, and the replay reproduces it.
        let run64 = work.appendingPathComponent("run64").path
        let solved = try solve(run64)
        XCTAssertEqual(solved.count, 6)
        for (k, (line, weights)) in zip(solved, try matrix("float64")).enumerated() {
            XCTAssertEqual(line["step"] as? Double, Double(k))
            let recorded = try doubles(line["recorded_weights"])
            XCTAssertEqual(recorded, weights, "calls.jsonl holds exactly what the weighting returned (step \(k))")
            let replayed = try doubles(line["weights"])
            XCTAssertEqual(replayed.count, 16, "instance-wise: one weight per example of the batch of 16")
            for (a, b) in zip(replayed, recorded) { XCTAssertEqual(a, b, accuracy: 1e-9, "float64 replay, step \(k)") }
        }
        let report64 = try reportJSON(run64)
        XCTAssertLessThanOrEqual(try XCTUnwrap(report64["largest_replay_difference"] as? Double), 1e-9)
        XCTAssertEqual(report64["calls"] as? Double, 6)

        // float32: A kept in float32; the float64 replay agrees within float32 tolerance (20 iterations
        // at lr 10 amplify the 1e-7 rounding); the appended steps continue the numbering.
        let run32 = work.appendingPathComponent("run32")
        let calls = try String(contentsOf: run32.appendingPathComponent("calls.jsonl"), encoding: .utf8)
        XCTAssert(calls.contains("\"dtype\":\"float32\"") && !calls.contains("float64"))
        let header = try Data(contentsOf: run32.appendingPathComponent("step0-A.npy")).prefix(128)
        XCTAssert(String(decoding: header, as: UTF8.self).contains("'<f4'"), "A is saved as received (float32)")
        XCTAssert(FileManager.default.fileExists(atPath: run32.appendingPathComponent("step0-J2.npy").path))
        let solved32 = try solve(run32.path)
        XCTAssertEqual(solved32.map { $0["step"] as? Double }, (0..<6).map { Double($0) })
        let expected32 = try matrix("float32") + matrix("appended")
        for (k, (line, weights)) in zip(solved32, expected32).enumerated() {
            XCTAssertEqual(try doubles(line["recorded_weights"]), weights, "step \(k)")
        }
        for (k, line) in solved32.prefix(4).enumerated() {
            for (a, b) in zip(try doubles(line["weights"]), try doubles(line["recorded_weights"])) {
                XCTAssertEqual(a, b, accuracy: 1e-4, "float32 recording vs float64 replay, step \(k)")
            }
        }
        let text = try BinaryLocator.run(["report", run32.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssert(text.stdout.contains("float32 rounding is about 1e-7"), text.stdout)
        XCTAssert(text.stdout.contains("Diagnosis:"), text.stdout)
    }

    /// The recorder writing while `RunFolderFollower` polls, as `--follow` does: every poll sees only whole
    /// calls, never a problem, and the calls gathered poll by poll are the whole run.
    func testFollowerReadsTheRecorderWhileItTrains() throws {
        let (python, _) = try Self.requirePython()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("live").path
        let script = work.appendingPathComponent("live.py")
        try Data(Self.liveScript.utf8).write(to: script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script.path, folder]
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = BinaryLocator.packageRoot.appendingPathComponent("assets/python").path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var follower = RunFolderFollower(folder: folder)
        var gathered: [RunCall] = []
        var pollsWithNews = 0
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline {
            let running = process.isRunning
            let update = follower.poll()
            XCTAssertNil(update.problem, "while training: \(update.problem?.message ?? "")")
            if !update.newCalls.isEmpty { pollsWithNews += 1 }
            gathered += update.newCalls
            if !running { break }
            usleep(20_000)
        }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let whole = try RunFolder.load(folder)
        XCTAssertEqual(whole.calls.count, 25)
        XCTAssertEqual(gathered, whole.calls, "the calls read while training are the run")
        XCTAssertGreaterThan(pollsWithNews, 2, "the run should have been read in several pieces")
        XCTAssertEqual(follower.parameters, whole.parameters)
    }

    /// The docstring example's loop, 25 steps, with a pause per step standing for a longer training step.
    static let liveScript = #"""
        import sys, time
        import torch
        from torch.nn import Linear, MSELoss, ReLU, Sequential
        from torch.optim import SGD
        from torchjd.aggregation import SDMGradWeighting
        from torchjd.autojac import jac
        from sdmgrad_record import attach

        torch.manual_seed(1)
        inputs, targets = torch.randn(75, 16, 5), torch.randn(75, 16)
        model = Sequential(Linear(5, 4), ReLU(), Linear(4, 1))
        optimizer = SGD(model.parameters())
        criterion = MSELoss(reduction="none")
        weighting = SDMGradWeighting(lambda_=0.3)
        params = list(model.parameters())
        with attach(weighting, sys.argv[1]) as recorder:
            for i in range(25):
                J = []
                for b in (3 * i, 3 * i + 1):
                    losses = criterion(model(inputs[b]).squeeze(dim=1), targets[b])
                    J.append(torch.cat([j.flatten(1) for j in jac(losses, params)], dim=1))
                recorder.jacobians(J[0], J[1])
                weights = weighting(J[0] @ J[1].T)
                criterion(model(inputs[3 * i + 2]).squeeze(dim=1), targets[3 * i + 2]).backward(weights)
                optimizer.step()
                optimizer.zero_grad()
                time.sleep(0.05)
        """#

    func doubles(_ any: Any?) throws -> [Double] { try XCTUnwrap(any as? [Any]).map { try XCTUnwrap($0 as? Double) } }

    func solve(_ folder: String) throws -> [[String: Any]] {
        let r = try BinaryLocator.run(["solve", folder])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try r.lines.map { try XCTUnwrap(try StrictJSON.parse($0) as? [String: Any]) }
    }

    func reportJSON(_ folder: String) throws -> [String: Any] {
        let r = try BinaryLocator.run(["report", "--format", "json", folder])
        XCTAssertEqual(r.status, 0, r.stderr)
        let document = try XCTUnwrap(try StrictJSON.parse(r.stdout) as? [String: Any])
        return try XCTUnwrap(document["summary"] as? [String: Any])
    }
}
