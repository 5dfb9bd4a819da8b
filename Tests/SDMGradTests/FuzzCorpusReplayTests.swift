import Foundation
import SDMGrad
import XCTest

/// Replays every file of the fuzzing corpus (Tests/FuzzCorpus/<target>/, seeds and `regression-*`
/// inputs the fuzzers once crashed on) through the reader calls of the matching fuzz target in
/// Fuzz/Sources/<target>. Each call must return a value or throw an `InputError` whose message is
/// one non-empty line; a trap would stop this test process.
final class FuzzCorpusReplayTests: XCTestCase {
    /// Tests/FuzzCorpus, found from this file (Tests/SDMGradTests/FuzzCorpusReplayTests.swift).
    static let corpus: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("FuzzCorpus")

    /// The fuzz targets.
    static let targets = ["fuzz-json", "fuzz-csv", "fuzz-npy", "fuzz-scenario", "fuzz-matrix", "fuzz-runfolder"]

    /// The reader calls of a fuzz target's LLVMFuzzerTestOneInput.
    static func replay(_ target: String) -> (([UInt8], Replay) -> Void)? {
        switch target {
        case "fuzz-json": return replayJSON
        case "fuzz-csv": return replayCSV
        case "fuzz-npy": return replayNPY
        case "fuzz-scenario": return replayScenario
        case "fuzz-matrix": return replayMatrix
        case "fuzz-runfolder": return replayRunFolder
        default: return nil
        }
    }

    func testEveryCorpusFileIsReadOrRejectedWithAOneLineInputError() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: Self.corpus.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw SetupError("fuzz corpus folder \(Self.corpus.path) is missing")
        }
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter {
            !$0.hasPrefix(".")
        }.sorted()
        XCTAssertEqual(Set(folders), Set(Self.targets), "Tests/FuzzCorpus must hold one folder per fuzz target")
        var replayed = 0
        for folder in folders {
            guard let replayTarget = Self.replay(folder) else { continue }
            let files = try Self.files(under: Self.corpus.appendingPathComponent(folder))
            XCTAssertFalse(files.isEmpty, "Tests/FuzzCorpus/\(folder) has no files")
            for file in files {
                let name = "\(folder)/\(file.path.dropFirst(Self.corpus.appendingPathComponent(folder).path.count + 1))"
                let bytes = try [UInt8](Data(contentsOf: file))
                replayTarget(bytes, Replay(file: name))
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0)
    }

    /// The regular files below `folder` (any depth), hidden ones left out, in a stable order.
    static func files(under folder: URL) throws -> [URL] {
        guard
            let walker = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles])
        else { return [] }
        var found: [URL] = []
        for case let url as URL in walker
        where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }

    // MARK: - The fuzz targets' calls (keep in step with Fuzz/Sources/*/Fuzz*.swift)

    static func replayJSON(_ bytes: [UInt8], _ r: Replay) {
        guard let value = r.run("JSONValue.parse", { try JSONValue.parse(bytes) }) else { return }
        XCTAssertEqual(value, value, "\(r.file): a parsed value must equal itself")
        if let m = r.run("MatrixReader.fromJSON", { try MatrixReader.fromJSON(value) }) { r.checkShape(m) }
    }

    static func replayCSV(_ bytes: [UInt8], _ r: Replay) {
        guard let m = r.run("CSVReader.parse", { try CSVReader.parse(bytes) }) else { return }
        r.checkShape(m)
        XCTAssertTrue(m.storage.allSatisfy(\.isFinite), "\(r.file): CSVReader.parse returned a non-finite entry")
    }

    static func replayNPY(_ bytes: [UInt8], _ r: Replay) {
        guard let m = r.run("NPYReader.parse", { try NPYReader.parse(bytes) }) else { return }
        r.checkShape(m)
        let again = r.run("NPYReader.parse(NPYWriter.bytes)", { try NPYReader.parse(NPYWriter.bytes(m)) })
        XCTAssertTrue(
            again.map { Self.identical($0, m) } ?? false, "\(r.file): NPYWriter then NPYReader changed the matrix")
    }

    static func replayScenario(_ bytes: [UInt8], _ r: Replay) {
        guard let scenario = r.run("ScenarioReader.parse", { try ScenarioReader.parse(bytes, fallbackName: "fuzz") })
        else { return }
        XCTAssertGreaterThan(scenario.m, 0, r.file)
        XCTAssertEqual(scenario.tasks.count, scenario.m, "\(r.file): one task name per task")
        let text = ScenarioWriter.json(scenario)
        let again = r.run(
            "ScenarioReader.parse(ScenarioWriter.json)",
            {
                try ScenarioReader.parse(Array(text.utf8), fallbackName: "other")
            })
        XCTAssertEqual(again, scenario, "\(r.file): ScenarioWriter then ScenarioReader changed the scenario")
    }

    /// Byte 0 picks the file of a valid two-step run, byte 1 the open of the scan before which it is
    /// replaced (modulo 16; 255: before the scan), the rest is its new content.
    static func replayRunFolder(_ bytes: [UInt8], _ r: Replay) {
        guard bytes.count >= 2 else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sdmgrad-replay-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder); FileBytes.beforeOpen = nil }
        let victims = ["params.json", "calls.jsonl", "step0-A.npy", "step1-A.npy", "step1-J1.npy"]
        let victim = folder.appendingPathComponent(victims[Int(bytes[0]) % victims.count])
        func replace() {
            try? FileManager.default.removeItem(at: victim)
            try? Data(bytes.dropFirst(2)).write(to: victim)
        }
        let a = NPYWriter.bytes(Matrix(rows: 2, columns: 2, storage: [2, 1, 1, 3]))
        let line = { (k: Int) in "{\"step\":\(k),\"dtype\":\"float64\",\"weights\":[0.5,0.5],\"w\":[0.5,0.5]}\n" }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files: [(String, [UInt8])] = [
            ("params.json", Array(#"{"lambda":0.3,"lr":10,"momentum":0.5,"iters":5,"pref":null}"#.utf8)),
            ("calls.jsonl", Array((line(0) + line(1)).utf8)), ("step0-A.npy", a), ("step1-A.npy", a),
            ("step1-J1.npy", NPYWriter.bytes(Matrix(rows: 2, columns: 3, storage: [1, 0, 1, 0, 1, 1]))),
        ]
        for (name, content) in files { try? Data(content).write(to: folder.appendingPathComponent(name)) }
        if bytes[1] == 255 { replace() }
        var opens = 0
        FileBytes.beforeOpen = { _ in
            if opens == Int(bytes[1]) % 16 { replace() }
            opens += 1
        }
        if let run = r.run("RunFolder.load", { try RunFolder.load(folder.path) }) {
            XCTAssertFalse(run.calls.isEmpty, "\(r.file): no call")
            for call in run.calls { r.checkShape(call.batches.a) }
        }
    }

    static func replayMatrix(_ bytes: [UInt8], _ r: Replay) {
        for hint in ["", "input.npy"] {
            guard let m = r.run("MatrixReader.parse(hint: \"\(hint)\")", { try MatrixReader.parse(bytes, hint: hint) })
            else { continue }
            r.checkShape(m)
            XCTAssertTrue(
                m.rows <= Limits.maxTasks && m.storage.count <= Limits.maxEntries, "\(r.file): above the limits")
            XCTAssertTrue(m.storage.allSatisfy(\.isFinite), "\(r.file): MatrixReader.parse returned a non-finite entry")
            let json = r.run(
                "MatrixReader.parse(JSONWriter.matrix)", { try MatrixReader.parse(Array(JSONWriter.matrix(m).utf8)) })
            XCTAssertTrue(
                json.map { Self.identical($0, m) } ?? false,
                "\(r.file): JSONWriter then MatrixReader changed the matrix")
            let npy = r.run(
                "MatrixReader.parse(NPYWriter.bytes)", { try MatrixReader.parse(NPYWriter.bytes(m), hint: "x.npy") })
            XCTAssertTrue(
                npy.map { Self.identical($0, m) } ?? false, "\(r.file): NPYWriter then MatrixReader changed the matrix")
        }
    }

    /// Whether two matrices are identical down to the bit (so -0.0 differs from 0.0).
    static func identical(_ a: Matrix, _ b: Matrix) -> Bool {
        a.rows == b.rows && a.columns == b.columns && a.storage.map(\.bitPattern) == b.storage.map(\.bitPattern)
    }
}

/// One corpus file being replayed: runs reader calls and checks how they end.
struct Replay {
    let file: String

    /// The reader's value, or nil when it threw a proper `InputError`; any other outcome fails the test.
    func run<T>(_ reader: String, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as InputError {
            let message = error.message
            XCTAssertFalse(
                message.allSatisfy(\.isWhitespace), "\(file): \(reader) threw an InputError with an empty message")
            XCTAssertFalse(
                message.contains(where: \.isNewline),
                "\(file): \(reader) threw an InputError message of more than one line: \(String(reflecting: message))")
            return nil
        } catch {
            XCTFail("\(file): \(reader) threw \(type(of: error)), not InputError: \(error)")
            return nil
        }
    }

    /// A returned matrix is non-empty and its storage matches its shape.
    func checkShape(_ m: Matrix) {
        XCTAssertTrue(m.rows > 0 && m.columns > 0, "\(file): an empty \(m.rows) x \(m.columns) matrix")
        XCTAssertEqual(m.storage.count, m.rows * m.columns, "\(file): storage does not match the shape")
    }
}
