import Explorer
import Foundation
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// The settings map as a lower view (g): the same numbers as `report`'s map (SettingsMap, checked cell by cell
/// against an independent replay in RunReportTests), computed in the background, and a click sets lr and iters.
final class SettingsMapViewTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The explorer on a vendored run folder, as `--matrix RUN_FOLDER` opens it.
    func explorer(_ path: String) throws -> (ExplorerState, RunFolder) {
        let run = try RunFolder.load(Self.root.appendingPathComponent(path).path)
        let state = ExplorerState(
            sequence: run.calls.map(\.batches), name: "run", parameters: run.parameters,
            recorded: run.calls.map(\.recorded))
        return (state, run)
    }

    /// Every cell drawn equals the report's map (same calls, same recorded warm starts, same budgets), at 120x40.
    func testGridCellsEqualTheReportsMap() throws {
        for path in ["Tests/Fixtures/runs/linnerud3", "assets/examples/mlp3"] {
            let (state, run) = try explorer(path)
            let report = try RunReport(run: run)
            let d = HeadlessDriver(model: state, width: 120, height: 40)
            d.settle()
            d.input([.key(.character("#"))])
            let frame = d.frame()
            let panel = SettingsMapPanel(d.model, theme: .unicode)
            let map = try XCTUnwrap(panel.map, path)
            XCTAssertEqual(map, report.map, path)
            let area = FrameLayout(width: 120, height: 40, m: d.model.m).lower
            let width = try XCTUnwrap(panel.cellWidth(area: area))
            var shown = 0
            for i in map.iters.indices {
                for j in map.lrs.indices {
                    guard let cell = panel.cell(row: i, column: j, area: area) else { continue }
                    let text = (0..<width).map { String(frame[cell.x + $0, cell.y].character) }.joined()
                    // The first character may be the T or R mark.
                    let digits = text.filter(\.isNumber)
                    XCTAssertEqual(Int(digits), report.map.reached[i][j], "\(path) row \(i) column \(j): \(text)")
                    shown += 1
                }
            }
            XCTAssertGreaterThanOrEqual(shown, 5 * 17, "\(path): most of the grid fits at 120 columns")
            let text = frame.lines().joined(separator: "\n")
            XCTAssertTrue(text.contains("Settings map"), text)
            XCTAssertTrue(text.contains("recorded warm starts, all \(run.calls.count) calls"), text)
        }
    }

    /// A click on the recommended cell (R) sets lr and iters to that cell's; the map stays (no recomputation).
    func testClickOnACellSetsLrAndIters() throws {
        let (state, run) = try explorer("Tests/Fixtures/runs/linnerud3")
        let d = HeadlessDriver(model: state, width: 120, height: 40)
        d.settle()
        d.input([.key(.character("#"))])
        let report = try RunReport(run: run)
        let recommended = try XCTUnwrap(report.map.recommendedCell())
        let frame = d.frame()
        let area = FrameLayout(width: 120, height: 40, m: d.model.m).lower
        let r = (0..<frame.height).flatMap { y in
            (area.x..<area.maxX).compactMap { x in
                frame[x, y].character == "R" && frame[x + 1, y].character.isNumber ? (x, y) : nil
            }
        }
        XCTAssertEqual(r.count, 1, frame.lines().joined(separator: "\n"))
        guard let (x, y) = r.first else { return }
        d.input(
            [.mouse(MouseEvent(.press, x: x + 1, y: y)), .mouse(MouseEvent(.release, x: x + 1, y: y))], settling: false)
        XCTAssertEqual(d.model.parameters.iters, recommended.iters, "clicked \(x + 1), \(y)")
        let column = SettingsMap.gridLRs.indices.min {
            abs(log10(SettingsMap.gridLRs[$0] / recommended.lr)) < abs(log10(SettingsMap.gridLRs[$1] / recommended.lr))
        }!
        XCTAssertEqual(d.model.parameters.lr, SettingsMap.gridLRs[column])
        XCTAssertNotNil(SettingsMapPanel(d.model, theme: .unicode).map, "the map does not depend on lr: it stays")
        // Now the T mark (today's setting) sits on the clicked cell.
        let after = d.frame()
        XCTAssertEqual(String(after[x, y].character), "R", "the recommendation keeps its mark over today's")
        // A click on an empty part of the panel changes nothing.
        d.input([
            .mouse(MouseEvent(.press, x: area.x + 2, y: area.maxY - 2)),
            .mouse(MouseEvent(.release, x: area.x + 2, y: area.maxY - 2)),
        ])
        XCTAssertEqual(d.model.parameters.iters, recommended.iters)
    }

    /// While computing, the view says so; another view cancels it; the work itself stops when cancelled and
    /// reports progress up to 1.
    func testPendingCancelAndProgress() throws {
        let (state, _) = try explorer("Tests/Fixtures/runs/linnerud3")
        let d = HeadlessDriver(model: state, width: 120, height: 40)
        d.settle()
        d.input([.key(.character("#"))], settling: false)
        XCTAssertTrue(d.frame().lines().joined().contains("computing the settings map"))
        XCTAssertTrue(d.model.isAnalyzing)
        d.input([.key(.character("w"))], settling: false)
        d.settle()
        XCTAssertNil(SettingsMapPanel(d.model, theme: .unicode).map, "the map's job was replaced by the sweep's")
        XCTAssertEqual(d.model.lowerView.name, "sweep")
        XCTAssertFalse(d.model.isAnalyzing)

        let calls = try d.model.computation.calls.indices.map {
            let call = try d.model.computation.fullCall($0).1
            return SettingsMapCall(
                normalized: call.normalization.matrix, preference: call.preference, start: call.start)
        }
        XCTAssertNil(SettingsMap.compute(calls: calls, parameters: d.model.parameters, isCancelled: { true }))
        final class Seen: @unchecked Sendable { let lock = NSLock(); var values: [Double] = [] }
        let seen = Seen()
        let map = SettingsMap.compute(
            calls: Array(calls.prefix(12)), parameters: d.model.parameters,
            progress: { p in
                seen.lock.lock(); seen.values.append(p); seen.lock.unlock()
            })
        XCTAssertNotNil(map)
        XCTAssertEqual(seen.values.count, 12)
        XCTAssertEqual(seen.values.last, 1)
        XCTAssertEqual(seen.values, seen.values.sorted())
    }

    /// On a single matrix the view says plainly that the map needs a run, and computes nothing.
    func testASingleMatrixSaysTheMapNeedsARun() throws {
        let d = HeadlessDriver(
            model: ExplorerState(scenario: Scenario(name: "one", matrix: Matrix([[1, 0.2], [0.2, 1]]))),
            width: 80, height: 24)
        d.settle()
        d.input([.key(.character("#"))])
        let text = d.frame().lines().joined(separator: " ")
        XCTAssertTrue(text.contains("needs a run"), text)
        XCTAssertNil(SettingsMapPanel(d.model, theme: .unicode).map)
    }
}
