import Foundation
import SDMGrad
import XCTest

/// Findings from fuzzing and large-input measurements, kept as regressions.
final class ReaderRegressionTests: XCTestCase {
    func testLoneHighSurrogateKeepsTheNextEscape() throws {
        XCTAssertEqual(try JSONValue.parse(#""\ud800\u0041""#), .string("\u{FFFD}A"))
        XCTAssertEqual(try JSONValue.parse(#""\ud83d\ude00""#), .string("😀"))
    }

    func testAPathWithALineBreakStillGivesOneLine() {
        let error = InputError("cannot open: no such file or directory").prefixed("bad\nname.json")
        XCTAssertFalse(error.message.contains("\n"))
        XCTAssertTrue(error.message.hasPrefix("bad\\nname.json: "))
    }

    func testManyBlankCSVLinesAreCheapAndCounted() throws {
        // 200,000 blank lines then a ragged pair: the error names the right line numbers.
        let text = String(repeating: "\n", count: 200_000) + "1,2\n3\n"
        XCTAssertThrowsError(try CSVReader.parse(Array(text.utf8))) { error in
            XCTAssertTrue("\(error)".contains("line 200002 has 1 numbers but line 200001 has 2"), "\(error)")
        }
    }

    func testTextFilesAboveTheLimitAreRefused() {
        let huge = [UInt8]("[[1]]".utf8) + [UInt8](repeating: 0x20, count: Limits.maxTextFileBytes)
        XCTAssertThrowsError(try MatrixReader.parse(huge)) { error in
            XCTAssertTrue("\(error)".contains("save large matrices as .npy"), "\(error)")
        }
    }

    func testScenarioJacobiansOfDifferentShapesAreRefused() {
        let text = #"{"j1": [[1, 2]], "j2": [[1, 2, 3]]}"#
        XCTAssertThrowsError(try ScenarioReader.parse(Array(text.utf8))) { error in
            XCTAssertTrue("\(error)".contains("must have the same shape"), "\(error)")
        }
    }

    func testStepFolderJacobiansMustShareAShape() throws {
        let folder = NSTemporaryDirectory() + "sdmgrad-steps-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "[[1, 0], [0, 1]]".write(toFile: folder + "/step0-A.json", atomically: true, encoding: .utf8)
        try "[[1, 2, 3], [4, 5, 6]]".write(toFile: folder + "/step0-J1.json", atomically: true, encoding: .utf8)
        try "[[1, 2], [4, 5]]".write(toFile: folder + "/step0-J2.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try StepFolder.load(folder)) { error in
            XCTAssertTrue("\(error)".contains("must have the same shape"), "\(error)")
        }
    }
}
