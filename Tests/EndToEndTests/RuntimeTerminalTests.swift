import Foundation
import SDMGrad
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// The runtime in a real terminal: the mouse (and mouse reporting off again on the way out),
/// a run folder followed while it is written, and a real-sized matrix that opens, steps and quits
/// at once while its analyses run behind.
extension ExplorerTerminalTests {
    /// A left click at 0-based cell (x, y) in the X10 encoding curses reads under tmux.
    func click(_ session: TmuxSession, x: Int, y: Int) throws {
        func byte(_ n: Int) -> String { String(UnicodeScalar(UInt8(32 + n))) }
        try session.type("\u{1B}[M" + byte(0) + byte(x + 1) + byte(y + 1))
        try session.type("\u{1B}[M" + byte(3) + byte(x + 1) + byte(y + 1))
    }

    func testMouseClickInTheSimplexSetsTheStartPoint() throws {
        let session = try startExplorer()
        try expectScreen(session, shows: Self.panels, timeout: 8, "start")
        XCTAssertEqual(try session.display("#{mouse_standard_flag}"), "1", "the explorer asks for mouse reports")
        // Row 0 of the m = 2 simplex (frame row 5), a quarter of the way from the task-2 vertex.
        try click(session, x: 74, y: 5)
        let screen = try expectScreen(session, shows: ["start point w0 = ["], "a click in the simplex")
        let w1 = try XCTUnwrap(vector(after: "start point w0 =", in: screen)?.values.first)
        XCTAssertTrue(w1 > 0 && w1 < 0.5, "w1 = \(w1)")
        try session.type("q")
        XCTAssertEqual(try waitForExitStatus(session).status, 0)
        try expectRestored(session, "q after the mouse")
    }

    /// A fresh run folder with torchjd's default parameters and no call yet.
    func newRunFolder(_ name: String) throws -> String {
        let folder = NSTemporaryDirectory() + "sdmgrad-\(name)-e2e-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try #"{"lambda":0.3,"lr":10,"momentum":0.5,"iters":20,"pref":null,"source":"test"}"#
            .write(toFile: folder + "/params.json", atomically: true, encoding: .utf8)
        return folder
    }

    func testFollowShowsARunWhileItIsWritten() throws {
        let fm = FileManager.default
        let folder = try newRunFolder("follow")
        defer { try? fm.removeItem(atPath: folder) }
        var weighting = SDMGradWeighting()
        var log = ""
        func addStep(_ k: Int) throws {
            let a = Matrix([[1.0 + Double(k), -0.6], [-0.5, 1.3]])
            let call = try weighting(a)
            try Data(NPYWriter.bytes(a)).write(to: URL(fileURLWithPath: folder + "/step\(k)-A.npy"), options: .atomic)
            log +=
                "{\"step\":\(k),\"dtype\":\"float64\",\"weights\":\(JSONWriter.array(call.weights)),\"w\":\(JSONWriter.array(call.w))}\n"
            try log.write(toFile: folder + "/calls.jsonl", atomically: true, encoding: .utf8)
        }
        try addStep(0)
        let session = try startExplorer(arguments: ["--follow", folder])
        try expectScreen(session, shows: ["following: 1 calls"], timeout: 8, "the first call")
        try addStep(1)
        try addStep(2)
        try expectScreen(
            session, shows: ["following: 3 calls", "call 3/3"], timeout: 3, "two more calls, shown as they arrive")
        try session.sendKeys("PPage")
        try expectScreen(session, shows: ["call 2/3"], "PgUp")
        try addStep(3)
        try expectScreen(
            session, shows: ["following: 4 calls", "call 2/4"], timeout: 3, "a new call does not move the shown one")
        try fm.removeItem(atPath: folder)
        try expectScreen(
            session, shows: ["was deleted", "stopped following after 4 calls"], timeout: 3, "the folder deleted")
        try session.type("q")
        XCTAssertEqual(try waitForExitStatus(session).status, 0)
    }

    func testARealSizedMatrixOpensStepsAndQuitsAtOnce() throws {
        let m = 2048
        var random = SeededRandom(seed: 7)
        let j = Matrix(rows: m, columns: 64, storage: (0..<(m * 64)).map { _ in random.nextNormal() })
        let path = NSTemporaryDirectory() + "sdmgrad-e2e-A\(m)-\(getpid()).npy"
        try Data(NPYWriter.bytes(j.timesTransposeOf(j))).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try startExplorer(arguments: ["--matrix", path])
        try expectScreen(session, shows: ["m = \(m)", "iteration 0/20"], timeout: 5, "the first frame")
        try session.type("+")
        try expectScreen(session, shows: ["λ 0.400"], timeout: 1, "+ answers while the analyses run")
        try session.type("n")
        try expectScreen(session, shows: ["iteration 1/20"], timeout: 1, "n answers while the analyses run")
        let started = Date()
        try session.type("q")
        let exit = try waitForExitStatus(session, timeout: 2)
        XCTAssertEqual(exit.status, 0)
        print(
            "RuntimeTerminalTests: q ended the explorer on m = \(m) in \(String(format: "%.3f", Date().timeIntervalSince(started))) s"
        )
        try expectRestored(session, "q at m = \(m)")
    }

    func testFollowStopsAtACallWithAnotherTaskCount() throws {
        let folder = try newRunFolder("follow-m")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var log = ""
        func addStep(_ k: Int, _ a: Matrix) throws {
            let m = a.rows
            try Data(NPYWriter.bytes(a)).write(to: URL(fileURLWithPath: folder + "/step\(k)-A.npy"), options: .atomic)
            let uniform = JSONWriter.array(Array(repeating: 1 / Double(m), count: m))
            log += "{\"step\":\(k),\"dtype\":\"float64\",\"weights\":\(uniform),\"w\":\(uniform)}\n"
            try log.write(toFile: folder + "/calls.jsonl", atomically: true, encoding: .utf8)
        }
        try addStep(0, Matrix([[1.0, 0.2], [0.1, 2.0]]))
        let session = try startExplorer(arguments: ["--follow", folder])
        try expectScreen(session, shows: ["following: 1 calls"], timeout: 8, "the first call")
        // A last batch of another size (instance-wise weighting with a short batch) must not crash the explorer.
        try addStep(1, Matrix([[1.0, 0.2, 0.0], [0.1, 2.0, 0.3], [0.0, 0.1, 1.0]]))
        try expectScreen(
            session, shows: ["every call of a sequence must have the same m", "stopped following after 1 calls"],
            timeout: 3, "a call with another m")
        try session.type("n")
        try expectScreen(session, shows: ["iteration 1/20"], "still alive")
        try session.type("q")
        XCTAssertEqual(try waitForExitStatus(session).status, 0)
    }
}
