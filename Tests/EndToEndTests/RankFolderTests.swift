import Foundation
import XCTest

/// DDP: `report PARENT` on a folder of rank run folders reports each rank, in natural order, each
/// report the same as `report RANK` alone; a FIFO among the run's files is refused at once.
final class RankFolderTests: XCTestCase {
    func testReportTakesAParentOfRankFolders() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-ddp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        // rank10 sorts after rank2 (natural order); "notes" is no run folder and is left out.
        for rank in ["rank0", "rank2", "rank10"] {
            try FileManager.default.copyItem(at: RunFolderCommandTests.mlp3, to: parent.appendingPathComponent(rank))
        }
        try FileManager.default.createDirectory(
            at: parent.appendingPathComponent("notes"), withIntermediateDirectories: true)
        let text = try BinaryLocator.run(["report", parent.path])
        XCTAssertEqual(text.status, 0, text.stderr)
        let headers = text.stdout.split(separator: "\n").filter { $0.hasPrefix("=== ") }
        XCTAssertEqual(
            headers.map { $0.split(separator: " ")[1].split(separator: "/").last.map(String.init) },
            ["rank0", "rank2", "rank10"])
        XCTAssert(headers[0].contains("(1 of 3 rank folders"), String(headers[0]))
        let alone = try BinaryLocator.run(["report", parent.appendingPathComponent("rank2").path])
        XCTAssert(
            text.stdout.contains(
                alone.stdout.replacingOccurrences(
                    of: parent.appendingPathComponent("rank2").path, with: parent.path + "/rank2")),
            "each rank's report is the report of that folder alone")

        let json = try BinaryLocator.run(["report", "--format", "json", parent.path])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let runs = try XCTUnwrap(object["runs"] as? [[String: Any]])
        XCTAssertEqual(
            runs.compactMap { ($0["folder"] as? String)?.split(separator: "/").last.map(String.init) },
            ["rank0", "rank2", "rank10"])
        let single = try XCTUnwrap(
            try JSONSerialization.jsonObject(
                with: Data(
                    try BinaryLocator.run(["report", "--format", "json", parent.appendingPathComponent("rank0").path])
                        .stdout.utf8)) as? NSDictionary)
        XCTAssertEqual(runs[0]["report"] as? NSDictionary, single)

        // An empty parent is no run folder: one line, exit 2.
        let empty = try BinaryLocator.run(["report", parent.appendingPathComponent("notes").path])
        XCTAssertEqual(empty.status, 2)
        XCTAssertEqual(empty.stderr.split(separator: "\n").count, 1, empty.stderr)
    }

    func testAFIFOInARunFolderIsRefusedAtOnce() throws {
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-fifo-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RunFolderCommandTests.mlp3, to: run)
        defer { try? FileManager.default.removeItem(at: run) }
        for name in ["calls.jsonl", "params.json", "step3-A.npy"] {
            let path = run.appendingPathComponent(name).path
            let saved = try Data(contentsOf: URL(fileURLWithPath: path))
            unlink(path)
            XCTAssertEqual(mkfifo(path, 0o644), 0)
            for command in [["solve", run.path], ["report", run.path]] {
                let r = try BinaryLocator.run(command, timeout: 30)
                XCTAssertFalse(r.timedOut, "\(command) blocked on the FIFO \(name)")
                XCTAssertEqual(r.status, 2, "\(command): \(r.stderr)")
                XCTAssert(r.stderr.contains("FIFO") && r.stderr.contains(name), r.stderr)
            }
            unlink(path)
            try saved.write(to: URL(fileURLWithPath: path))
        }
    }
}
