import Explorer
import SDMGrad
import TerminalUI
import XCTest

/// The Geometry panel's labels, checked on the drawn frame: none overlaps a mark (arrows, hull, curve, ★)
/// or another label, each is written where the panel says it placed it, and past 8 tasks only the top
/// tasks (by shown weight) and the preferred direction are named.
final class LabelCollisionTests: XCTestCase {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// Every preset, and seeded random Gramians with m in {2, 3, 5, 16, 64}, at 80x24, 120x40 and 200x60.
    func testNoLabelOverlapsAMarkOrAnotherLabel() throws {
        var states: [(String, ExplorerState)] = try presetLibrary.scenarios.map {
            ($0.name, try explorer(preset: $0.name, keys: "nnn"))
        }
        for (k, m) in [2, 3, 5, 16, 64].enumerated() {
            for seed in 0..<2 {
                let a = ManyTasks.randomGramian(m: m, seed: UInt64(1000 * k + seed))
                states.append(("random m=\(m) seed \(seed)", try ManyTasks.explorer(a, name: "random", keys: "nnn")))
            }
        }
        var placed = 0
        for (name, state) in states {
            for (w, h) in Self.sizes {
                let place = "\(name) \(w)x\(h)"
                let frame = Frame.render(state, width: w, height: h)
                let layout = FrameLayout(width: w, height: h, m: state.m)
                guard let labels = Frame.geometry(state, theme: .unicode).labels(area: layout.geometry) else {
                    XCTFail("\(place): no picture"); continue
                }
                placed += labels.placements.count
                assertNoCollision(labels, in: frame, place: place)
                // At m > 8 only the top tasks and the preference; never more than 3 tasks.
                let tasks = labels.subjects.compactMap { if case .task(let i) = $0 { return i } else { return nil } }
                if state.m > 8 {
                    XCTAssertLessThanOrEqual(tasks.count, 3, place)
                    let top = Set(TopKText.ranking(state.shownWeights ?? []).prefix(3))
                    for i in tasks {
                        XCTAssertTrue(top.contains(i), "\(place): task \(i + 1) labelled but not in the top 3")
                    }
                }
                XCTAssertEqual(Set(tasks).count, tasks.count, "\(place): a task labelled twice")
            }
        }
        print("LabelCollisionTests: \(states.count) states x \(Self.sizes.count) sizes, \(placed) labels checked")
        XCTAssertGreaterThan(placed, 4 * states.count)
    }

    /// The check can fail: a label written over a tip's arrow is caught.
    func testALabelOverAMarkIsCaught() throws {
        let state = try explorer(preset: "magnitudes-2", keys: "nnn")
        let layout = FrameLayout(width: 120, height: 40, m: state.m)
        let labels = try XCTUnwrap(Frame.geometry(state, theme: .unicode).labels(area: layout.geometry))
        var markX = -1, markY = -1
        search: for y in labels.marks.area.y..<labels.marks.area.maxY {
            for x in labels.marks.area.x..<labels.marks.area.maxX where labels.marks.owner(x: x, y: y) == .mark {
                (markX, markY) = (x, y); break search
            }
        }
        var bad = try XCTUnwrap(labels.placements.first)
        (bad.x, bad.y) = (markX, markY)
        let broken = GeometryLabels(
            marks: labels.marks, placements: labels.placements + [bad], subjects: labels.subjects + [.direction],
            anchors: labels.anchors + [(markX, markY)])
        XCTAssertFalse(collisions(broken).isEmpty)
    }

    /// The collisions of `labels`: cells of a label on a mark, on another label, or glued to one on its row.
    func collisions(_ labels: GeometryLabels) -> [String] {
        var problems: [String] = []
        var taken: [Int: Int] = [:]  // cell key -> placement index
        func key(_ x: Int, _ y: Int) -> Int { y * 10_000 + x }
        for (n, p) in labels.placements.enumerated() {
            for x in p.x..<(p.x + p.width) {
                if !labels.marks.area.contains(x: x, y: p.y) {
                    problems.append("'\(p.text)' leaves the canvas at (\(x), \(p.y))")
                }
                if labels.marks.owner(x: x, y: p.y) == .mark {
                    problems.append("'\(p.text)' over a mark at (\(x), \(p.y))")
                }
                if let other = taken[key(x, p.y)] {
                    problems.append("'\(p.text)' over '\(labels.placements[other].text)'")
                }
                taken[key(x, p.y)] = n
            }
        }
        for p in labels.placements {
            for x in [p.x - 1, p.x + p.width] where taken[key(x, p.y)] != nil {
                problems.append("'\(p.text)' glued to another label at (\(x), \(p.y))")
            }
        }
        return problems
    }

    func assertNoCollision(
        _ labels: GeometryLabels, in frame: Buffer, place: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        for problem in collisions(labels) { XCTFail("\(place): \(problem)", file: file, line: line) }
        // Each label is near the point it names: beside it, or up to two cells further when that was taken.
        for (p, anchor) in zip(labels.placements, labels.anchors) {
            let dx = anchor.x < p.x ? p.x - anchor.x : max(0, anchor.x - (p.x + p.width - 1))
            XCTAssertTrue(
                dx <= 3 && abs(anchor.y - p.y) <= 3, "\(place): '\(p.text)' far from its point \(anchor)", file: file,
                line: line)
        }
        // The frame shows each label where the panel says it went, in its style.
        for p in labels.placements {
            var x = p.x
            for character in p.text {
                let cell = frame[x, p.y]
                XCTAssertEqual(
                    String(cell.character), String(character), "\(place): '\(p.text)' not drawn at (\(x), \(p.y))",
                    file: file, line: line)
                XCTAssertEqual(
                    cell.style, p.style, "\(place): '\(p.text)' drawn in another style", file: file, line: line)
                x += displayWidth(of: String(character))
            }
        }
    }
}
