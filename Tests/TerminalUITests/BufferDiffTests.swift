import TerminalUI
import XCTest

final class BufferDiffTests: XCTestCase {
    private func sample() -> Buffer {
        var buffer = Buffer(width: 6, height: 3)
        buffer.write("hello", x: 0, y: 0)
        buffer.write("中x", x: 1, y: 1, style: .bold)
        return buffer
    }

    func testUnchangedBuffersGiveNoRuns() {
        XCTAssertEqual(BufferDiff.changes(from: sample(), to: sample()), [])
    }

    func testOneChangedCellGivesOneRun() {
        var changed = sample()
        changed.write("J", x: 0, y: 0)
        XCTAssertEqual(BufferDiff.changes(from: sample(), to: changed), [CellRun(x: 0, y: 0, cells: [Cell("J")])])
    }

    func testStyleChangeCounts() {
        var changed = sample()
        changed.setStyle(.reverse, in: Rect(x: 4, y: 2, width: 1, height: 1))
        XCTAssertEqual(
            BufferDiff.changes(from: sample(), to: changed),
            [CellRun(x: 4, y: 2, cells: [Cell(" ", style: .reverse)])])
    }

    func testSeparateChangesGiveSeparateRunsInOrder() {
        var changed = sample()
        changed.write("ab", x: 1, y: 0)
        changed.write("z", x: 5, y: 0)
        changed.write("q", x: 0, y: 2)
        let runs = BufferDiff.changes(from: sample(), to: changed)
        XCTAssertEqual(runs.map { "\($0.x),\($0.y):\($0.cells.count)" }, ["1,0:2", "5,0:1", "0,2:1"])
    }

    func testChangedWideCharacterRunIncludesBothHalves() {
        var changed = sample()
        changed.write("文", x: 1, y: 1, style: .bold)
        let runs = BufferDiff.changes(from: sample(), to: changed)
        XCTAssertEqual(runs.count, 1)
        XCTAssertEqual(runs[0].x, 1)
        XCTAssertEqual(runs[0].cells.map(\.character), ["文", " "])
        XCTAssertTrue(runs[0].cells[1].isContinuation)
    }

    func testNoPreviousOrDifferentSizeMeansEverything() {
        let new = sample()
        for old in [nil, Buffer(width: 5, height: 3), Buffer(width: 6, height: 4)] {
            let runs = BufferDiff.changes(from: old, to: new)
            XCTAssertEqual(runs.map(\.y), [0, 1, 2])
            XCTAssertTrue(runs.allSatisfy { $0.x == 0 && $0.cells.count == 6 })
            XCTAssertEqual(runs[1].cells, Array(new.cells[6..<12]))
        }
    }

    /// Applying the runs to the old frame always reproduces the new one.
    func testApplyingRunsReproducesTheNewFrame() {
        var random = SeededGenerator(state: 7)
        let texts = ["a", "bc", "中", "文字", " ", "x中y"]
        for _ in 0..<200 {
            var old = Buffer(width: 7, height: 3)
            var new = Buffer(width: 7, height: 3)
            for _ in 0..<6 {
                old.write(
                    texts.randomElement(using: &random)!, x: Int.random(in: 0..<7, using: &random),
                    y: Int.random(in: 0..<3, using: &random))
                new.write(
                    texts.randomElement(using: &random)!, x: Int.random(in: 0..<7, using: &random),
                    y: Int.random(in: 0..<3, using: &random))
            }
            var cells = old.cells
            for run in BufferDiff.changes(from: old, to: new) {
                for (offset, cell) in run.cells.enumerated() {
                    cells[run.y * 7 + run.x + offset] = cell
                }
            }
            XCTAssertEqual(cells, new.cells)
        }
    }
}
