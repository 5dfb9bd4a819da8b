import ArgumentParser
import Commands
import XCTest

/// The typed option values shared by subcommands, and the `--format`/`--mode`/`--sizes` options that use them.
final class OptionTypesTests: XCTestCase {
    func testTaskCounts() {
        XCTAssertEqual(TaskCounts(argument: "2,3,4096")?.values, [2, 3, 4096])
        XCTAssertEqual(TaskCounts(argument: "none")?.values, [])
        for bad in [",", "", "2,,3", "0", "4097", "x", "2,"] { XCTAssertNil(TaskCounts(argument: bad), bad) }
    }

    func testNumberList() {
        XCTAssertEqual(NumberList(argument: "-8.5, 7.5")?.values, [-8.5, 7.5])
        for bad in ["", "1,", "a,b", "1,,2"] { XCTAssertNil(NumberList(argument: bad), bad) }
    }

    func testBenchRefusesAnEmptySizeList() {
        assertRefused(["bench", "--sizes", ","], ["--sizes"])
        assertRefused(["bench", "--explorer-sizes", "16,"], ["--explorer-sizes"])
        assertRefused(["bench", "--analysis-sizes", "1"], ["--analysis-sizes"])
        assertRefused(["bench", "--seconds", "0"], ["--seconds"])
        XCTAssertNil(parseFailure(["bench", "--sizes", "none", "--explorer-sizes", "none"]))
    }

    func testFormatsAndModesAreEnums() {
        for format in OutputFormat.allCases {
            XCTAssertNil(parseFailure(["report", "--format", format.rawValue, "folder"]))
            XCTAssertNil(parseFailure(["render", "--format", format.rawValue]))
            XCTAssertNil(parseFailure(["train", "--format", format.rawValue]))
        }
        for mode in RenderMode.allCases { XCTAssertNil(parseFailure(["render", "--mode", mode.rawValue])) }
        assertRefused(["report", "--format", "xml", "folder"], ["--format", "xml"])
        assertRefused(["render", "--mode", "play"], ["--mode", "play"])
    }
}
