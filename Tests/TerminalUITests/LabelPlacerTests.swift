import TerminalUI
import XCTest

/// Labels placed around marks: never over a mark or another label, higher priorities first.
final class LabelPlacerTests: XCTestCase {
    func testMovesThenShortensThenDrops() {
        var occupancy = CellOccupancy(area: Rect(x: 0, y: 0, width: 12, height: 3))
        occupancy.mark(x: 5, y: 1)  // the tip both labels name
        occupancy.mark(x: 6, y: 1)  // a curve right of it
        let requests = [
            LabelRequest(forms: ["small"], anchorX: 5, anchorY: 1, priority: 2, directions: [.right, .left]),
            LabelRequest(forms: ["minor", "m"], anchorX: 5, anchorY: 1, priority: 1, directions: [.left, .above]),
            LabelRequest(forms: ["dropped"], anchorX: 5, anchorY: 1, priority: 0, directions: [.right]),
        ]
        let placed = LabelPlacer.place(requests, occupancy: &occupancy)
        // "small" cannot go right (the curve), so it goes left; "minor" cannot go left any more, so above.
        XCTAssertEqual(placed.map(\.text), ["small", "minor"])
        XCTAssertEqual(placed.map(\.x), [0, 3])
        XCTAssertEqual(placed.map(\.y), [1, 0])
        XCTAssertEqual(placed.map(\.request), [0, 1])
        var buffer = Buffer(width: 12, height: 3)
        LabelPlacer.write(placed, into: &buffer)
        XCTAssertEqual(buffer.lines(), ["   minor    ", "small       ", "            "])
    }

    func testShorterFormWhenTheLongOneDoesNotFit() {
        var occupancy = CellOccupancy(area: Rect(x: 0, y: 0, width: 6, height: 1))
        occupancy.mark(x: 0, y: 0)
        let placed = LabelPlacer.place(
            [LabelRequest(forms: ["dominant", "dom"], anchorX: 0, anchorY: 0)], occupancy: &occupancy)
        XCTAssertEqual(placed.map(\.text), ["dom"])
        XCTAssertEqual(placed.first?.x, 1)
    }

    func testMarksReadFromTheBuffer() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.write("d", x: 3, y: 0)
        buffer.write("\u{2800}", x: 5, y: 0)  // an empty braille cell is no mark
        let occupancy = CellOccupancy(buffer: buffer, area: buffer.area)
        XCTAssertEqual(
            (0..<8).map { occupancy.isFree(x: $0, y: 0) }, [true, true, true, false, true, true, true, true])
        XCTAssertFalse(occupancy.isFree(x: 8, y: 0), "outside the area is never free")
    }

    /// Random marks and labels: every label lies in the area, on no mark, on no other label, with a blank
    /// column between labels on a row; and the labels of higher priority are placed exactly as if the lower
    /// ones did not exist.
    func testRandomLabelsNeverOverlap() {
        var random = SeededGenerator(state: 18)
        var placedCount = 0
        for trial in 0..<400 {
            let area = Rect(
                x: Int.random(in: 0...3, using: &random), y: Int.random(in: 0...2, using: &random),
                width: Int.random(in: 4...60, using: &random), height: Int.random(in: 2...20, using: &random))
            var marks = Set<[Int]>()
            for _ in 0..<Int.random(in: 0...(area.width * area.height / 3), using: &random) {
                marks.insert([
                    Int.random(in: area.x..<area.maxX, using: &random),
                    Int.random(in: area.y..<area.maxY, using: &random),
                ])
            }
            let requests = (0..<Int.random(in: 1...30, using: &random)).map { i -> LabelRequest in
                let long = "t\(i)" + String(repeating: "x", count: Int.random(in: 0...8, using: &random))
                let directions =
                    trial % 2 == 0 ? LabelDirection.allCases : [LabelDirection.allCases.randomElement(using: &random)!]
                return LabelRequest(
                    forms: [long, "\(i)"], anchorX: Int.random(in: area.x..<area.maxX, using: &random),
                    anchorY: Int.random(in: area.y..<area.maxY, using: &random),
                    priority: Int.random(in: 0...3, using: &random), directions: directions)
            }
            func occupancy() -> CellOccupancy {
                var o = CellOccupancy(area: area)
                for m in marks { o.mark(x: m[0], y: m[1]) }
                return o
            }
            var o = occupancy()
            let placed = LabelPlacer.place(requests, occupancy: &o)
            var taken = [[Int]: Int]()
            for p in placed {
                XCTAssertTrue(requests[p.request].forms.contains(p.text))
                for x in p.x..<(p.x + p.width) {
                    XCTAssertTrue(area.contains(x: x, y: p.y), "label \(p.text) leaves the area")
                    XCTAssertFalse(marks.contains([x, p.y]), "label \(p.text) over a mark")
                    XCTAssertNil(taken[[x, p.y]], "label \(p.text) over another label")
                    taken[[x, p.y]] = p.request
                }
            }
            for p in placed {
                XCTAssertNil(taken[[p.x - 1, p.y]], "label \(p.text) glued to another on its left")
                XCTAssertNil(taken[[p.x + p.width, p.y]], "label \(p.text) glued to another on its right")
            }
            XCTAssertEqual(Set(placed.map(\.request)).count, placed.count, "a label placed twice")
            for cut in 1...3 {
                let high = requests.indices.filter { requests[$0].priority >= cut }
                var alone = occupancy()
                let first = LabelPlacer.place(high.map { requests[$0] }, occupancy: &alone)
                let same = placed.filter { requests[$0.request].priority >= cut }
                XCTAssertEqual(
                    first.map { [high[$0.request], $0.x, $0.y] }, same.map { [$0.request, $0.x, $0.y] },
                    "lower priorities changed where higher ones went")
            }
            placedCount += placed.count
        }
        XCTAssertGreaterThan(placedCount, 1000)
    }

    /// At m > 8 only the top tasks get a label; with a preferred direction they go there when it is free.
    func testManyTasksLabelOnlyTheTop() {
        var w = [Double](repeating: 0.01, count: 64)
        w[39] = 0.5
        w[6] = 0.2
        w[20] = 0.2
        XCTAssertEqual(LabelPlacer.labelledTasks(weights: w), [39, 6, 20])
        XCTAssertEqual(LabelPlacer.labelledTasks(weights: [0.1, 0.9, 0]), [0, 1, 2])
        var occupancy = CellOccupancy(area: Rect(x: 0, y: 0, width: 40, height: 10))
        let requests = LabelPlacer.labelledTasks(weights: w).enumerated().map { rank, task in
            LabelRequest(
                forms: ["task \(task + 1)"], anchorX: 5 + 10 * rank, anchorY: 5, priority: -rank,
                directions: [.right, .above])
        }
        let placed = LabelPlacer.place(requests, occupancy: &occupancy)
        XCTAssertEqual(placed.map(\.text), ["task 40", "task 7", "task 21"])
        XCTAssertEqual(placed.map(\.y), [5, 5, 5])
    }
}
