import Foundation
import SDMGrad
import XCTest

/// The recorder under attack (issue 19): a disk that fills up (a failing os.write, and a real 64 KB
/// tmpfs when the tests run as root), NaN in A, a second writer on one folder, a stale lock, a torn
/// last line before append, float16/bfloat16 matrices, and Jacobians kept every K steps in float16.
/// Training must go on with unchanged weights every time, and the readers keep the good steps.
/// Skipped without torch, like RecorderTests.
final class RecorderFailureTests: XCTestCase {
    static let script = #"""
        import json, os, subprocess, sys, warnings
        import torch
        from torchjd.aggregation import SDMGradWeighting
        import sdmgrad_record as R

        out = sys.argv[1]
        result = {}

        def matrices(n, m=3, dtype=torch.float64, seed=0):
            g = torch.Generator().manual_seed(seed)
            for _ in range(n):
                J = torch.randn(m, 6, generator=g, dtype=torch.float64)
                yield (J @ J.T).to(dtype), J

        def train(folder, n, dtype=torch.float64, record=True, nan_at=None, **options):
            weighting = SDMGradWeighting(lambda_=0.3)
            returned = []
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                recorder = R.attach(weighting, folder, **options) if record else None
                for k, (A, J) in enumerate(matrices(n, dtype=dtype)):
                    if k == nan_at:
                        A = A.clone(); A[0, 0] = float("nan")
                    if recorder is not None:
                        recorder.jacobians(J, J)
                    returned.append([float(x) if x == x else None for x in weighting(A).double().tolist()])
            if recorder is not None:
                recorder.close()
            return returned, [str(w.message) for w in caught if "sdmgrad_record" in str(w.message)]

        plain, _ = train(None, 6, record=False)
        result["plain"] = plain

        # A disk that fills up at step 2: os.write raises ENOSPC after writing part of the line.
        real_write = os.write
        def failing(fd, data):
            if b'"step":2' in data:
                real_write(fd, data[:7])
                raise OSError(28, "No space left on device")
            return real_write(fd, data)
        os.write = failing
        try:
            result["full"], result["full_warnings"] = train(out + "/full", 6)
        finally:
            os.write = real_write

        # A real full disk: a 64 KB tmpfs (root only; skipped otherwise).
        tiny = out + "/tiny"
        os.makedirs(tiny)
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny], capture_output=True).returncode == 0
        result["tmpfs"] = mounted
        if mounted:
            try:
                result["tiny"], result["tiny_warnings"] = train(tiny + "/run", 120, dtype=torch.float64)
                big = torch.Generator().manual_seed(1)
                result["tiny_files"] = sorted(os.listdir(tiny + "/run"))
                result["tiny_calls"] = open(tiny + "/run/calls.jsonl").read()
                import shutil
                shutil.copytree(tiny + "/run", out + "/tiny-copy")
            finally:
                subprocess.run(["umount", tiny])

        # NaN in A at step 2.
        result["nan"], result["nan_warnings"] = train(out + "/nan", 5, nan_at=2)

        # One writer per folder; a stale lock (a pid that cannot exist) is taken over.
        first = R.attach(SDMGradWeighting(lambda_=0.3), out + "/locked")
        try:
            R.attach(SDMGradWeighting(lambda_=0.3), out + "/locked")
            result["second"] = None
        except FileExistsError as error:
            result["second"] = str(error)
        first.close()
        os.makedirs(out + "/stale")
        with open(out + "/stale/.lock", "w") as f:
            f.write("2147483646\n")
        result["stale"], _ = train(out + "/stale", 2)

        # A torn last line (a writer killed mid-line), then append=True.
        train(out + "/torn", 3)
        with open(out + "/torn/calls.jsonl", "ab") as f:
            f.write(b'{"step":3,"dtype":"float64","wei')
        open(out + "/torn/.step3-A.npy.tmp-2147483646", "wb").write(b"half")   # left by a writer killed mid-write
        result["torn_appended"], result["torn_warnings"] = train(out + "/torn", 2, append=True)

        # float16 and bfloat16 matrices; Jacobians every 2 steps in float16.
        result["half"], _ = train(out + "/half", 4, dtype=torch.float16, jacobians_every=2, jacobians_dtype="float16")
        result["bf16"], _ = train(out + "/bf16", 3, dtype=torch.bfloat16)
        result["half_files"] = sorted(os.listdir(out + "/half"))

        with open(out + "/result.json", "w") as f:
            json.dump(result, f)
        """#

    func testRecordingFailuresNeverBreakTraining() throws {
        let (python, reason) = try RecorderTests.requirePython()
        print("RecorderFailureTests: running with \(python) (\(reason))")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-recfail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let script = work.appendingPathComponent("attack.py")
        try Data(Self.script.utf8).write(to: script)
        let assets = BinaryLocator.packageRoot.appendingPathComponent("assets/python").path
        let run = try RecorderTests.runProcess(
            python, [script.path, work.path], environment: ["PYTHONPATH": assets], timeout: 600)
        XCTAssertEqual(run.status, 0, "training broke:\n\(run.stderr)")
        let result = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("result.json")))
                as? [String: Any])
        func weights(_ key: String) throws -> [[Double]] {
            try XCTUnwrap(result[key] as? [Any], key).map {
                try XCTUnwrap($0 as? [Any]).map { try XCTUnwrap($0 as? Double) }
            }
        }
        func texts(_ key: String) -> [String] { (result[key] as? [Any])?.compactMap { $0 as? String } ?? [] }
        let plain = try weights("plain")

        // Disk full at step 2: training returned the same weights; one warning; a marker; the log has
        // exactly the two whole lines before it, and the readers replay them.
        XCTAssertEqual(try weights("full"), plain)
        XCTAssertEqual(texts("full_warnings").filter { $0.contains("stopped") }.count, 1, "\(texts("full_warnings"))")
        let full = work.appendingPathComponent("full")
        let marker = try String(contentsOf: full.appendingPathComponent("RECORDING_STOPPED"), encoding: .utf8)
        XCTAssert(marker.contains("No space left"), marker)
        let log = try String(contentsOf: full.appendingPathComponent("calls.jsonl"), encoding: .utf8)
        XCTAssert(
            log.hasSuffix("\n") && log.split(separator: "\n").count == 2, "torn or extra lines: \(log.debugDescription)"
        )
        XCTAssertEqual(try RunFolder.load(full.path).calls.count, 2)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: full.appendingPathComponent(".lock").path), "the lock is released")

        if result["tmpfs"] as? Bool == true {
            XCTAssertEqual(try weights("tiny").count, 120)
            XCTAssertEqual(try weights("tiny").prefix(6).map { $0 }, plain, "same weights on a full disk")
            XCTAssertEqual(
                texts("tiny_warnings").filter { $0.contains("stopped") }.count, 1, "\(texts("tiny_warnings"))")
            let copy = work.appendingPathComponent("tiny-copy").path
            let calls = (result["tiny_calls"] as? String) ?? ""
            XCTAssert(
                calls.isEmpty || calls.hasSuffix("\n"),
                "a torn line on the full disk: \(calls.suffix(80).debugDescription)")
            let files = (result["tiny_files"] as? [Any])?.compactMap { $0 as? String } ?? []
            XCTAssertFalse(files.contains { $0.contains(".tmp-") }, "temporaries left on the full disk: \(files)")
            if !calls.isEmpty {
                let folder = try RunFolder.load(copy)
                XCTAssertEqual(folder.calls.count, calls.split(separator: "\n").count)
            }
        } else {
            print(
                "RecorderFailureTests: the 64 KB tmpfs part NOT RUN (mount needs root); the failing os.write part ran")
        }

        // NaN in A at step 2: training goes on; the line is null with non_finite; the readers skip it.
        XCTAssertEqual((result["nan"] as? [Any])?.count, 5, "training went on after the NaN")
        let nanFolder = work.appendingPathComponent("nan").path
        let nanLog = try String(contentsOfFile: nanFolder + "/calls.jsonl", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(nanLog.count, 5)
        XCTAssert(nanLog[2].contains("null") && nanLog[2].contains("\"non_finite\":true"), String(nanLog[2]))
        for line in nanLog { XCTAssertNotNil(try? StrictJSON.parse(String(line)), "not JSON: \(line)") }
        let nanRun = try RunFolder.load(nanFolder)
        XCTAssertEqual(nanRun.calls.map(\.recorded.step), [0, 1] + nanRun.calls.dropFirst(2).map(\.recorded.step))
        XCTAssert(nanRun.skipped.map(\.step).contains(2))
        let solved = try BinaryLocator.run(["solve", nanFolder])
        XCTAssertEqual(solved.status, 0, solved.stderr)
        XCTAssertEqual(solved.lines.count, nanRun.calls.count)
        XCTAssert(solved.stderr.contains("skipped"), solved.stderr)

        // One writer: the second attach is refused naming the process; a stale lock is taken over.
        let second = try XCTUnwrap(result["second"] as? String, "a second writer was accepted")
        XCTAssert(second.contains("process") && second.contains("rank"), second)
        XCTAssertEqual(try weights("stale").count, 2)
        XCTAssertEqual(try RunFolder.load(work.appendingPathComponent("stale").path).calls.count, 2)

        // The torn line was cut before the appended steps 3 and 4.
        let torn = try RunFolder.load(work.appendingPathComponent("torn").path)
        XCTAssertEqual(torn.calls.map(\.recorded.step), [0, 1, 2, 3, 4])
        XCTAssert(texts("torn_warnings").contains { $0.contains("half a line") }, "\(texts("torn_warnings"))")
        XCTAssertFalse(
            FileManager.default.fileExists(
                atPath: work.appendingPathComponent("torn/.step3-A.npy.tmp-2147483646").path),
            "the dead writer's temporary file is removed")

        // Real dtypes: float16 stored as <f2, bfloat16 as <f4 labelled bfloat16; J every 2 steps in float16.
        let half = try RunFolder.load(work.appendingPathComponent("half").path)
        XCTAssertEqual(half.calls.map(\.recorded.dtype), Array(repeating: .float16, count: 4))
        XCTAssertEqual(half.calls.map { $0.batches.j1 != nil }, [true, false, true, false])
        let jHeader = try Data(contentsOf: work.appendingPathComponent("half/step0-J1.npy")).prefix(100)
        XCTAssert(String(decoding: jHeader, as: UTF8.self).contains("'<f2'"))
        let bf16 = try RunFolder.load(work.appendingPathComponent("bf16").path)
        XCTAssertEqual(bf16.calls.map(\.recorded.dtype), Array(repeating: .bfloat16, count: 3))
        // bfloat16 values have 8 significant bits: every entry of A is exact in 8 bits.
        for call in bf16.calls {
            for x in call.batches.a.storage {
                XCTAssertEqual(Double(Float(x).bitPattern & 0xFFFF), 0, "\(x) is not a bfloat16 value")
            }
        }
    }
}
