import Foundation
import SDMGrad
import XCTest

/// Issue 19's attacks on the readers: strict .npy headers, float16 data, FIFOs and symlink loops,
/// CR-only CSV, oversized text, wrong step messages, non-finite steps, and files swapped between
/// the reads of one folder scan (a deterministic hook in place of the race that crashed).
final class HostileInputTests: XCTestCase {
    override func tearDown() { FileBytes.beforeOpen = nil }

    /// A .npy file with a verbatim header dict (padded like numpy) and raw data bytes.
    func npy(header dict: String, data: [UInt8]) -> [UInt8] {
        var header = dict
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let n = header.utf8.count
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(n & 0xFF), UInt8(n >> 8)] + Array(header.utf8) + data
    }

    func testShapeEntriesMustBeWholeNumbers() throws {
        let data = [UInt8](repeating: 0, count: 22 * 2 * 8)
        for bad in ["(2 2, 2)", "(L2, 2)", "(2, ,2)", "(,)", "(2x, 2)", "(-2, 2)", "(2, 2,,)"] {
            let bytes = npy(header: "{'descr': '<f8', 'fortran_order': False, 'shape': \(bad), }", data: data)
            XCTAssertThrowsError(try NPYReader.parse(bytes), bad) { error in
                XCTAssert((error as? InputError)?.message.contains("shape") == true, "\(bad): \(error)")
            }
        }
        // Python 2's long suffix and a trailing comma are what numpy wrote, and still read.
        let old = npy(
            header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 2L,), }", data: Array(data.prefix(32)))
        XCTAssertEqual(try NPYReader.parse(old).rows, 2)
        let oneD = npy(
            header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", data: Array(data.prefix(32)))
        XCTAssertThrowsError(try NPYReader.parse(oneD)) { XCTAssert("\($0)".contains("1-D")) }
    }

    func testFloat16IsWidenedExactly() throws {
        // Bit patterns and their values by the IEEE 754 binary16 definition.
        let cases: [(UInt16, Double)] = [
            (0x3C00, 1), (0xC000, -2), (0x7BFF, 65504), (0x0001, 0x1p-24),
            (0x03FF, 1023 * 0x1p-24), (0x3555, (1 + 341.0 / 1024) / 4), (0x8000, -0.0),
        ]
        let data = cases.flatMap { [UInt8($0.0 & 0xFF), UInt8($0.0 >> 8)] }
        let bytes = npy(header: "{'descr': '<f2', 'fortran_order': False, 'shape': (1, \(cases.count)), }", data: data)
        let (m, descr) = try NPYReader.parseWithDescr(bytes)
        XCTAssertEqual(descr, "<f2")
        // 0x3555: exponent 13 - 15 = -2, fraction 0x155 = 341 -> (1 + 341/1024) / 4.
        XCTAssertEqual(m.storage.map(\.bitPattern), cases.map(\.1.bitPattern))
        // Against the platform's own Float16 where it has one.
        #if arch(x86_64) || arch(arm64)
            for (bits, _) in cases {
                XCTAssertEqual(NPYReader.halfToDouble(bits).bitPattern, Double(Float16(bitPattern: bits)).bitPattern)
            }
        #endif
    }

    func testCROnlyCSVHasOneRowPerLine() throws {
        let m = try CSVReader.parse(Array("1,0\r0,1\r".utf8))
        XCTAssertEqual([m.rows, m.columns], [2, 2])
        XCTAssertEqual(m.storage, [1, 0, 0, 1])
    }

    func testOversizedTextIsRefusedBeforeParsing() throws {
        let csv = Array(String(repeating: "1\n", count: Limits.maxTasks + 1).utf8)
        XCTAssertThrowsError(try MatrixReader.parse(csv)) {
            XCTAssert("\($0)".contains("refused before parsing"), "\($0)")
        }
        let json = Array(("[" + Array(repeating: "[1]", count: Limits.maxTasks + 1).joined(separator: ",") + "]").utf8)
        XCTAssertThrowsError(try MatrixReader.parse(json)) {
            XCTAssert("\($0)".contains("refused before parsing"), "\($0)")
        }
        let wrapped = Array(
            ("{\"matrix\":[" + Array(repeating: "[1]", count: Limits.maxTasks + 1).joined(separator: ",") + "]}").utf8)
        XCTAssertThrowsError(try MatrixReader.parse(wrapped)) {
            XCTAssert("\($0)".contains("refused before parsing"), "\($0)")
        }
        // Exactly at the limit the prescan lets it through (the parser decides).
        let atLimit = Array(String(repeating: "1\n", count: Limits.maxTasks).utf8)
        XCTAssertEqual(try MatrixReader.parse(atLimit).rows, Limits.maxTasks)
    }

    func testFIFOsAreRefusedWithoutBlocking() throws {
        let run = try TestRunWriter.make("fifo")
        defer { run.remove() }
        let fifo = run.path + "/pipe.npy"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertThrowsError(try MatrixReader.read(path: fifo)) {
            XCTAssert("\($0)".contains("FIFO") && "\($0)".contains(fifo), "\($0)")
        }
        XCTAssertThrowsError(try ScenarioReader.read(path: fifo)) { XCTAssert("\($0)".contains("FIFO"), "\($0)") }
        XCTAssertThrowsError(try FileSystem.requireRegularFile(fifo)) { XCTAssert("\($0)".contains("FIFO"), "\($0)") }
        // Each file of a run folder in turn a FIFO.
        let a = Matrix(rows: 2, columns: 2, storage: [2, 1, 1, 3])
        for victim in ["params.json", "calls.jsonl", "step0-A.npy", "step0-J1.npy"] {
            let folder = try TestRunWriter.make("fifo-run")
            defer { folder.remove() }
            try folder.writeParams()
            try folder.append(TestRunWriter.line(step: 0, weights: [0.5, 0.5], w: [0.5, 0.5]))
            try folder.writeNPY(step: 0, a, float32: true)
            try folder.writeNPY(step: 0, kind: "J1", a, float32: true)
            let path = folder.path + "/" + victim
            unlink(path)
            XCTAssertEqual(mkfifo(path, 0o644), 0)
            XCTAssertThrowsError(try RunFolder.load(folder.path), victim) {
                XCTAssert("\($0)".contains("FIFO") && "\($0)".contains(victim), "\(victim): \($0)")
            }
            var follower = RunFolderFollower(folder: folder.path)
            XCTAssert(follower.poll().problem?.message.contains("FIFO") == true, victim)
        }
    }

    func testSymlinkLoopAndUnreadableFolderAreNamed() throws {
        let run = try TestRunWriter.make("loop")
        defer { run.remove() }
        symlink(run.path + "/b", run.path + "/a")
        symlink(run.path + "/a", run.path + "/b")
        XCTAssertThrowsError(try MatrixReader.read(path: run.path + "/a")) {
            XCTAssert("\($0)".contains("symbolic link loop"), "\($0)")
        }
        symlink(run.path + "/params.json", run.path + "/params.json")  // a link to itself
        XCTAssertThrowsError(try RunFolder.load(run.path)) {
            XCTAssert("\($0)".contains("params.json: cannot be read (a symbolic link loop)"), "\($0)")
        }
        guard geteuid() != 0 else { return }  // root reads a mode-000 folder anyway: nothing to refuse
        let closed = try TestRunWriter.make("closed")
        try closed.writeParams()
        chmod(closed.path, 0)
        defer { chmod(closed.path, 0o755); closed.remove() }
        XCTAssertThrowsError(try RunFolder.load(closed.path)) {
            XCTAssert("\($0)".contains("permission denied"), "\($0)")
        }
    }

    func testFollowingAFileFailsAtOnce() throws {
        let run = try TestRunWriter.make("file")
        defer { run.remove() }
        try run.writeParams()
        var follower = RunFolderFollower(folder: run.path + "/params.json")
        XCTAssert(follower.poll().problem?.message.contains("not a folder") == true)
    }

    func testAFirstStepOtherThanZeroIsSaidPlainly() throws {
        let run = try TestRunWriter.make("first")
        defer { run.remove() }
        try run.writeParams()
        try run.append(TestRunWriter.line(step: 1, weights: [0.5, 0.5], w: [0.5, 0.5]))
        XCTAssertThrowsError(try RunFolder.load(run.path)) { error in
            XCTAssert("\(error)".contains("the first call is step 1, but a run starts at step 0"), "\(error)")
            XCTAssertFalse("\(error)".contains("step -1"))
        }
    }

    /// Steps with NaN (null in the log, or NaN in A) are skipped; the good ones around them are kept,
    /// and the replay starts afresh after a gap.
    func testNonFiniteStepsAreSkippedAndTheRestKept() throws {
        let run = try TestRunWriter.make("nan")
        defer { run.remove() }
        try run.writeParams()
        var rng = SplitMix64(seed: 7)
        let a = (0..<4).map { _ in randomSquare(2, &rng) }
        try run.append(TestRunWriter.line(step: 0, weights: [0.5, 0.5], w: [0.5, 0.5]))
        try run.append(#"{"step":1,"dtype":"float32","weights":[null,null],"w":[null,null],"non_finite":true}"# + "\n")
        try run.append(TestRunWriter.line(step: 2, weights: [0.5, 0.5], w: [0.5, 0.5]))
        try run.append(TestRunWriter.line(step: 3, weights: [0.5, 0.5], w: [0.5, 0.5]))
        for k in 0..<4 { try run.writeNPY(step: k, a[k], float32: true) }
        var nanA = a[3]
        nanA = Matrix(rows: 2, columns: 2, storage: [.nan] + nanA.storage.dropFirst())
        try run.writeNPY(step: 3, nanA, float32: true)  // unflagged, but A itself has a NaN
        let folder = try RunFolder.load(run.path)
        XCTAssertEqual(folder.calls.map(\.recorded.step), [0, 2])
        XCTAssertEqual(folder.skipped.map(\.step), [1, 3])
        XCTAssertEqual(folder.stateResets, [1], "the call after a skipped step starts from uniform")
        var follower = RunFolderFollower(folder: run.path)
        let update = follower.poll()
        XCTAssertNil(update.problem)
        XCTAssertEqual(update.newCalls.map(\.recorded.step), [0, 2])
        XCTAssertEqual(follower.skipped.map(\.step), [1, 3])
    }

    func testRecordedDTypesAndTheirEpsilons() throws {
        XCTAssertEqual(RecordedDType.float32.epsilon, Double(Float.ulpOfOne))
        XCTAssertEqual(RecordedDType.float64.epsilon, Double.ulpOfOne)
        XCTAssertEqual(RecordedDType.float16.epsilon, 1.0 / 1024)  // 10 fraction bits
        XCTAssertEqual(RecordedDType.bfloat16.epsilon, 1.0 / 128)  // 7 fraction bits
        // A bfloat16 call is stored as <f4; a float16 one as <f2.
        let run = try TestRunWriter.make("dtypes")
        defer { run.remove() }
        try run.writeParams()
        try run.append(TestRunWriter.line(step: 0, dtype: "bfloat16", weights: [0.5, 0.5], w: [0.5, 0.5]))
        try run.append(TestRunWriter.line(step: 1, dtype: "float16", weights: [0.5, 0.5], w: [0.5, 0.5]))
        try run.writeNPY(step: 0, Matrix(rows: 2, columns: 2, storage: [1, 0, 0, 1]), float32: true)
        try Data(
            npy(
                header: "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }",
                data: [0, 0x3C, 0, 0, 0, 0, 0, 0x40])
        )
        .write(to: run.folder.appendingPathComponent("step1-A.npy"))
        let folder = try RunFolder.load(run.path)
        XCTAssertEqual(folder.calls.map(\.recorded.dtype), [.bfloat16, .float16])
        XCTAssertEqual(folder.calls[1].batches.a.storage, [1, 0, 0, 2])
        XCTAssertEqual(folder.stateResets, [1])
    }

    /// The race that crashed: step files replaced while one scan reads the folder. The hook swaps
    /// a file just before each open, with every kind of replacement; every outcome is a call list
    /// or one clean InputError, never a trap.
    func testFilesSwappedBetweenReadsOfOneScan() throws {
        var rng = SplitMix64(seed: 3)
        let good = TestRunWriter.npy(randomSquare(3, &rng), float32: true)
        let replacements: [[UInt8]?] = [
            Array(good.prefix(4)), [], Array(good.prefix(20)), Array(good.prefix(good.count - 3)),
            TestRunWriter.npy(randomSquare(2, &rng), float32: true),
            TestRunWriter.npy(randomSquare(3, &rng), float32: false),
            Array("garbage\n".utf8), nil,  // nil: deleted
        ]
        for target in ["step0-A.npy", "step1-A.npy", "step1-J1.npy", "calls.jsonl", "params.json"] {
            for (r, replacement) in replacements.enumerated() {
                let run = try TestRunWriter.make("swap")
                defer { run.remove() }
                try run.writeParams()
                for k in 0..<2 {
                    try run.append(TestRunWriter.line(step: k, weights: [0.2, 0.3, 0.5], w: [0.2, 0.3, 0.5]))
                    try Data(good).write(to: run.folder.appendingPathComponent("step\(k)-A.npy"))
                    try Data(good).write(to: run.folder.appendingPathComponent("step\(k)-J1.npy"))
                }
                let victim = run.path + "/" + target
                FileBytes.beforeOpen = { path in
                    guard path == victim else { return }
                    unlink(victim)
                    if let replacement { FileManager.default.createFile(atPath: victim, contents: Data(replacement)) }
                    FileBytes.beforeOpen = nil
                }
                do {
                    let folder = try RunFolder.load(run.path)
                    XCTAssert(folder.calls.allSatisfy { $0.batches.a.rows == 3 }, "\(target) #\(r)")
                } catch let error as InputError {
                    XCTAssertFalse(error.message.contains("\n"))
                    XCTAssert(error.message.contains(run.path), "\(target) #\(r): \(error)")
                }
                FileBytes.beforeOpen = nil
            }
        }
    }
}
