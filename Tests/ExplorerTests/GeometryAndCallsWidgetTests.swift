import Explorer
import SDMGrad
import TerminalUI
import XCTest

/// The Geometry and Calls widgets alone, rendered into a `Buffer`: labels sit beside their own task's tip,
/// the calls rows carry each call's weights as a sparkline, and a click on a row means that call.
final class GeometryAndCallsWidgetTests: XCTestCase {
    /// The cells within `r` cells of `p` (a label sits beside its point, or up to two cells further when crowded).
    private func around(_ p: LabelPlacement, _ r: Int) -> [(x: Int, y: Int)] {
        (p.y - r...p.y + r).flatMap { y in (p.x - r...p.x + p.width - 1 + r).map { (x: $0, y: y) } }
    }

    /// Each task's label touches a canvas cell drawn in that task's colour (its arrow's tip), and is its name.
    private func assertLabelsBelongToTheirTips(
        _ state: ExplorerState, area: Rect, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let panel = Frame.geometry(state, theme: .unicode)
        var buffer = Buffer(width: area.maxX, height: area.maxY)
        panel.render(area: area, buffer: &buffer)
        let labels = try XCTUnwrap(panel.labels(area: area), file: file, line: line)
        var tasks = 0
        for (p, subject) in zip(labels.placements, labels.subjects) {
            guard case .task(let i) = subject else { continue }
            tasks += 1
            let name = TopKText.name(i, names: state.scenario.tasks)
            XCTAssertTrue(
                ["\(i + 1) \(name)", name, "\(i + 1)", "#\(i + 1)"].contains(p.text),
                "task \(i + 1) labelled '\(p.text)'", file: file, line: line)
            // Past 8 tasks the tips crowd the origin, where a cell shows the colour of the last arrow drawn through it.
            guard state.m <= 8 else { continue }
            let colour = Theme.unicode.taskColor(i)
            let touches = around(p, 3).contains { c in
                labels.marks.owner(x: c.x, y: c.y) == .mark && buffer[c.x, c.y].style.fg == colour
            }
            XCTAssertTrue(
                touches,
                "'\(p.text)' touches no cell of task \(i + 1)'s arrow\n" + buffer.lines().joined(separator: "\n"),
                file: file, line: line)
        }
        XCTAssertGreaterThan(tasks, 0, "no task labelled", file: file, line: line)
    }

    /// magnitudes-2 and dominant-3 (where the ★ used to be written into a name): every name whole beside its tip.
    func testPresetLabelsSitBesideTheirOwnTips() throws {
        for preset in ["magnitudes-2", "dominant-3", "conflict-2", "spread-3"] {
            let state = try explorer(preset: preset, keys: "nnn")
            try assertLabelsBelongToTheirTips(state, area: Rect(x: 0, y: 0, width: 44, height: 20))
        }
    }

    /// At m = 64 with task 40 winning, task 40 is labelled (by name), and at most 3 tasks are.
    func testManyTasksLabelTheWinner() throws {
        let state = try ManyTasks.explorer(ManyTasks.clearWinner(m: 64, winner: 39), name: "winner 40", keys: "<end>")
        let area = Rect(x: 0, y: 0, width: 60, height: 24)
        try assertLabelsBelongToTheirTips(state, area: area)
        XCTAssertEqual(TopKText.winner(state.shownWeights ?? []), 39)
        let labels = try XCTUnwrap(Frame.geometry(state, theme: .unicode).labels(area: area))
        XCTAssertTrue(labels.subjects.contains(.task(39)), "\(labels.placements.map(\.text))")
        XCTAssertLessThanOrEqual(
            labels.subjects.filter { if case .task = $0 { return true } else { return false } }.count, 3)
    }

    /// The calls rows at m = 64: a sparkline of each call's weights whose tallest column holds the winner
    /// (task 40), the winner named; a click on a row means that call, off the rows nothing.
    func testCallsRowsShowASparklineAndAClickMeansThatCall() throws {
        let state = try ManyTasks.explorer(ManyTasks.noisyWinner(m: 64, winner: 39), keys: "oooc")
        let panel = CallsPanel.of(state, theme: .unicode)
        let area = Rect(x: 0, y: 0, width: 120, height: 10)
        var buffer = Buffer(width: area.width, height: area.height)
        panel.render(area: area, buffer: &buffer)
        let calls = state.computation.calls
        XCTAssertEqual(calls.count, 4)
        let levels = GlyphSet.unicode.sparkLevels
        for (row, call) in calls.enumerated() {
            let y = 2 + row
            let line = buffer.line(y)
            XCTAssertTrue(line.contains("task 40"), line)
            // The sparkline is the run of level glyphs; its tallest glyph is in task 40's column.
            let glyphs = Array(line).enumerated().filter { levels.contains($0.element) }
            let columns = glyphs.count
            XCTAssertEqual(columns, min(64, 21), line)
            let tallest = glyphs.max { levels.firstIndex(of: $0.element)! < levels.firstIndex(of: $1.element)! }!
            let column = tallest.offset - glyphs[0].offset
            // Column c stands for tasks c*64/columns ..< (c+1)*64/columns.
            XCTAssertTrue(
                column * 64 / columns <= 39 && 39 < (column + 1) * 64 / columns, "tallest column \(column): \(line)")
            XCTAssertEqual(call.weights.indices.max { call.weights[$0] < call.weights[$1] }, 39)
            XCTAssertEqual(panel.point(x: 10, y: y, area: area), row)
        }
        XCTAssertNil(panel.point(x: 10, y: 1, area: area))  // the header row
        XCTAssertNil(panel.point(x: 10, y: 2 + calls.count, area: area))  // below the rows
        XCTAssertNil(panel.point(x: 0, y: 2, area: area))  // the border
    }

    /// Clicking the first call's row in the calls view shows call 1, through the mouse as the program gets it.
    func testClickingACallsRowShowsThatCall() throws {
        var state = try explorer(preset: "noisy-3", keys: "oooc")
        XCTAssertEqual(state.computation.shownCall, 3)
        let layout = FrameLayout(width: 120, height: 40, m: state.m)
        let y = layout.lower.y + 2
        apply(.mouse(MouseEvent(.press, x: layout.lower.x + 3, y: y)), to: &state)
        apply(.mouse(MouseEvent(.release, x: layout.lower.x + 3, y: y)), to: &state)
        XCTAssertEqual(state.computation.shownCall, 0)
        XCTAssertEqual(state.lowerView, .calls)
    }
}

/// The bars at m > 3: sorted by w, named, the rest on one line that the legend never covers.
final class SortedBarsTests: XCTestCase {
    func testBarsAreSortedNamedAndTheRestHasItsOwnLine() throws {
        let state = try ManyTasks.explorer(ManyTasks.clearWinner(m: 64, winner: 39), name: "winner 40", keys: "<end>")
        let w = try XCTUnwrap(state.trace?.w(at: state.iteration))
        let panel = Frame.simplex(state, theme: .unicode)
        for height in [6, 9, 14, 30] {
            let area = Rect(x: 0, y: 0, width: 60, height: height)
            var buffer = Buffer(width: area.width, height: area.height)
            panel.render(area: area, buffer: &buffer)
            let lines = buffer.lines()
            // Rows 1 ..< height - 3 are bars; then the others' line; then the legend.
            let bars = height - 4
            var previous = Double.infinity
            for row in 1...bars {
                let line = lines[row]
                let name = try XCTUnwrap(line.firstMatch(of: /task (\d+)/), line)
                let task = Int(name.1)! - 1
                XCTAssertLessThanOrEqual(w[task], previous, "bars out of order at row \(row)")
                previous = w[task]
                if row == 1 { XCTAssertEqual(task, 39, line) }
                // A click on the bar means that task's vertex.
                XCTAssertEqual(panel.point(x: 5, y: row, area: area)?.firstIndex(of: 1), task)
            }
            let others = lines[bars + 1]
            XCTAssertTrue(others.contains("\(64 - bars) others"), "height \(height): \(others)")
            let hidden = TopKText.ranking(w).dropFirst(bars).map { w[$0] }.max() ?? 0
            if others.contains("others = 0") {
                XCTAssertEqual(hidden, 0, others)
            } else {
                let bound = try XCTUnwrap(
                    Double(String(try XCTUnwrap(others.firstMatch(of: /≤ ([0-9.]+)/), others).1)), others)
                XCTAssertGreaterThanOrEqual(bound, hidden)
            }
            XCTAssertTrue(
                lines[height - 2].contains("before projection") || lines[height - 2].contains("before"),
                lines[height - 2])
        }
    }
}
