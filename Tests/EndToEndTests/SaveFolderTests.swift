import Foundation
import XCTest

/// `s` (save) and `t` (export) through `render --keys st`: a hostile scenario name never writes
/// outside `--save-dir` (or the current folder), file names carry no control characters, temporary
/// files of dead processes are swept at start-up, and the export at large m stays bounded.
final class SaveFolderTests: XCTestCase {
    func makeFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sdmgrad-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("a/b/out"), withIntermediateDirectories: true)
        return url
    }

    /// Every file below `root`, relative to it.
    func files(_ root: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: root.path)
        var found: [String] = []
        while let name = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(
                atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                found.append(name)
            }
        }
        return found.sorted()
    }

    func testHostileNamesStayInTheSaveFolder() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("a/b/out")
        let names = [
            "../../escaped", "/etc/cron.d/x", "..", ".hidden", "-rf", "bell\u{07}esc\u{1b}[31m",
            String(repeating: "n", count: 500), "日本",
        ]
        for (k, name) in names.enumerated() {
            let scenario = root.appendingPathComponent("s\(k).json")
            let json = #"{"name":"# + jsonString(name) + #","matrix":[[2,1],[1,3]]}"#
            try Data(json.utf8).write(to: scenario)
            let r = try BinaryLocator.run([
                "render", "--scenario", scenario.path, "--keys", "st", "--save-dir", out.path,
            ])
            XCTAssertEqual(r.status, 0, "\(name.debugDescription): \(r.stderr)")
        }
        let written = files(root).filter { !$0.hasPrefix("s") || $0.contains("/") }
        XCTAssertEqual(written.count, 2 * names.count, "one save and one export per name: \(written)")
        for path in written {
            XCTAssert(path.hasPrefix("a/b/out/"), "written outside --save-dir: \(path)")
            let name = String(path.dropFirst("a/b/out/".count))
            XCTAssertFalse(name.contains("/") || name.hasPrefix(".") || name.hasPrefix("-"), name)
            XCTAssert(
                name.unicodeScalars.allSatisfy {
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
                },
                "unsafe characters in \(name.debugDescription)")
            XCTAssertLessThanOrEqual(name.count, 64 + "-trace-call1-99.json".count, name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/cron.d/x-saved.json"))
    }

    func testSaveDirMustBeAFolderAndStaleTemporariesAreSwept() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let notFolder = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: notFolder)
        let refused = try BinaryLocator.run(["render", "--keys", "s", "--save-dir", notFolder.path])
        XCTAssertEqual(refused.status, 2)
        XCTAssert(refused.stderr.contains("--save-dir") && refused.stderr.contains("not a folder"), refused.stderr)
        // A temporary left by a killed process (a pid that cannot exist) goes; a live one's stays.
        let out = root.appendingPathComponent("a/b/out")
        let stale = out.appendingPathComponent("x-saved.json.tmp-2147483646")
        let live = out.appendingPathComponent("y-saved.json.tmp-\(getpid())")
        let usersOwn = out.appendingPathComponent("notes.tmp-2147483646")
        try Data("half".utf8).write(to: stale)
        try Data("half".utf8).write(to: live)
        try Data("mine".utf8).write(to: usersOwn)
        let r = try BinaryLocator.run(["render", "--keys", "s", "--save-dir", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path))
        XCTAssert(FileManager.default.fileExists(atPath: live.path))
        XCTAssert(
            FileManager.default.fileExists(atPath: usersOwn.path), "a file that is not the explorer's is never swept")
        XCTAssertFalse(
            files(out).contains { $0.contains(".tmp-") && !$0.hasPrefix("y-") && !$0.hasPrefix("notes") },
            "a temporary was left: \(files(out))")
    }

    /// At m = 300 the export leaves Â out (it is the input divided by the scale) and says so.
    func testLargeExportLeavesTheMatrixOut() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let m = 300
        let rows = (0..<m).map { i in "[" + (0..<m).map { j in i == j ? "2" : "0.001" }.joined(separator: ",") + "]" }
        let matrix = root.appendingPathComponent("big.json")
        try Data(("[" + rows.joined(separator: ",") + "]").utf8).write(to: matrix)
        let r = try BinaryLocator.run(
            ["render", "--matrix", matrix.path, "--keys", "t", "--save-dir", root.path], timeout: 300)
        XCTAssertEqual(r.status, 0, r.stderr)
        let export = try XCTUnwrap(files(root).first { $0.contains("trace-call1") })
        let object = try XCTUnwrap(
            try StrictJSON.parse(String(contentsOf: root.appendingPathComponent(export), encoding: .utf8))
                as? [String: Any])
        XCTAssertNil(object["normalized"])
        XCTAssert((object["normalized_omitted"] as? String)?.contains("m = 300") == true)
        XCTAssertEqual((object["trace"] as? [Any])?.count, 20, "20 iterations at m = 300 are far below the bound")
    }

    func jsonString(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + out + "\""
    }
}
