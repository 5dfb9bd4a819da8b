import Foundation
import SDMGrad
import XCTest

/// Writes run folders (SPEC section 7) the way the recorder does, independently of the package's writers.
struct TestRunWriter {
    let folder: URL

    /// A fresh empty folder under the system's temporary directory.
    static func make(_ name: String = "run") throws -> TestRunWriter {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sdmgrad-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return TestRunWriter(folder: url)
    }

    var path: String { folder.path }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// Writes `params.json` verbatim.
    func writeParams(
        _ text: String = #"{"lambda":0.3,"lr":10,"momentum":0.5,"iters":20,"pref":null,"source":"torchjd 0.18.0"}"#
    ) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent("params.json"), options: .atomic)
    }

    /// Writes `stepK-<kind>.npy` (C order, format 1.0) with the given dtype, like `numpy.save`.
    func writeNPY(step: Int, kind: String = "A", _ m: Matrix, float32: Bool) throws {
        try Data(Self.npy(m, float32: float32)).write(
            to: folder.appendingPathComponent("step\(step)-\(kind).npy"), options: .atomic)
    }

    /// Appends raw text to `calls.jsonl` (creating it), as one write.
    func append(_ text: String) throws {
        let url = folder.appendingPathComponent("calls.jsonl")
        if !FileManager.default.fileExists(atPath: url.path) {
            FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// One line of `calls.jsonl` (with its newline).
    static func line(step: Int, dtype: String = "float32", weights: [Double], w: [Double]) -> String {
        func list(_ xs: [Double]) -> String { "[" + xs.map { "\($0)" }.joined(separator: ",") + "]" }
        return "{\"step\":\(step),\"dtype\":\"\(dtype)\",\"weights\":\(list(weights)),\"w\":\(list(w))}\n"
    }

    /// Cuts `calls.jsonl` to its first `bytes` bytes.
    func truncateCalls(to bytes: Int) throws {
        let url = folder.appendingPathComponent("calls.jsonl")
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(bytes))
    }

    /// Size of `calls.jsonl`.
    func callsSize() throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("calls.jsonl").path)[.size]
            as? Int) ?? 0
    }

    /// The `.npy` bytes of a matrix in `<f4` or `<f8`.
    static func npy(_ m: Matrix, float32: Bool) -> [UInt8] {
        var header =
            "{'descr': '\(float32 ? "<f4" : "<f8")', 'fortran_order': False, 'shape': (\(m.rows), \(m.columns)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let n = header.utf8.count
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(n & 0xFF), UInt8(n >> 8)] + Array(header.utf8)
        for x in m.storage {
            if float32 {
                withUnsafeBytes(of: Float(x).bitPattern.littleEndian) { out.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }
}

/// A seeded random square matrix (entries in [-1, 1)) for run-folder tests.
func randomSquare(_ m: Int, _ rng: inout SplitMix64) -> Matrix {
    Matrix(rows: m, columns: m, storage: (0..<(m * m)).map { _ in rng.uniform(-1, 1) })
}
