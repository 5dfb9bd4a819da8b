import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Scrolling the help and the lower views, zooming a panel, the first call, following a task, and the
/// playground's inner explorer: checked on the frames a person sees.
final class ScrollZoomFollowTests: XCTestCase {
    /// The frame's text at `width` x `height`.
    func text(_ state: ExplorerState, _ width: Int = 80, _ height: Int = 24) -> String {
        Frame.render(state, width: width, height: height).lines().joined(separator: "\n")
    }

    /// The "a-b of n" the frame shows, as numbers.
    func position(_ frame: String) -> (first: Int, last: Int, count: Int)? {
        let pattern = try! NSRegularExpression(pattern: "(\\d+)-(\\d+) of (\\d+)")
        guard let match = pattern.firstMatch(in: frame, range: NSRange(frame.startIndex..., in: frame)) else {
            return nil
        }
        let n = (1...3).map { Int(frame[Range(match.range(at: $0), in: frame)!])! }
        return (n[0], n[1], n[2])
    }

    func testHelpScrollsThroughEveryKeyAndMouseActionAt80x24() throws {
        var state = try explorer(keys: "?", width: 80, height: 24)
        var seen = ""
        var frame = text(state)
        let start = try XCTUnwrap(position(frame), frame)
        XCTAssertEqual(start.first, 1)
        XCTAssertFalse(frame.contains("more keys at a taller terminal"))
        // PgDn until the end: the position moves by a page each time and the last row is reached.
        var last = start
        for _ in 0..<start.count {
            seen += frame
            if last.last == last.count { break }
            apply(.key(.pageDown), to: &state)
            frame = text(state)
            let now = try XCTUnwrap(position(frame), frame)
            XCTAssertEqual(now.count, start.count)
            XCTAssertGreaterThan(now.first, last.first, "PgDn moves down")
            XCTAssertEqual(now.last - now.first, start.last - start.first, "the page keeps its height")
            last = now
        }
        XCTAssertEqual(last.last, last.count, "PgDn reaches the last row")
        XCTAssertEqual(state.lowerView, .help, "scrolling keys do not close the help")
        for row in ExplorerKeymap.main.helpRows {
            XCTAssertTrue(seen.contains(String(row.help.prefix(20))), "help lists \(row.keys): \(row.help)")
        }
        for row in ExplorerKeymap.mouse { XCTAssertTrue(seen.contains(row.help.prefix(20)), "help lists \(row.label)") }
        XCTAssertTrue(seen.contains("\"V\" when"), "the calls panel's V column is explained")
        // Bounds: End then Down stays at the end; Home then Up stays at the start.
        apply(.key(.end), to: &state)
        apply(.key(.down), to: &state)
        XCTAssertEqual(position(text(state))?.last, start.count)
        apply(.key(.home), to: &state)
        apply(.key(.up), to: &state)
        XCTAssertEqual(position(text(state))?.first, 1)
        // The wheel moves three rows; another key closes.
        apply(.mouse(MouseEvent(.wheelDown, x: 40, y: 10)), to: &state)
        XCTAssertEqual(position(text(state))?.first, 1 + ScrollState.wheelStep)
        apply(.key(.character("x")), to: &state)
        XCTAssertEqual(state.lowerView, .none, "a key that does not scroll closes the help")
    }

    func testHelpThatFitsClosesOnAnyKey() throws {
        var state = try explorer(keys: "?", width: 200, height: 60)
        XCTAssertNil(position(text(state, 200, 60)), "everything fits at 200x60: no position")
        apply(.key(.down), to: &state)
        XCTAssertEqual(state.lowerView, .none)
    }

    func testExplainScrollsToTheTauSearch() throws {
        // noisy-3 at iteration 1 projects with a threshold search; at 80x24 the narration is longer than the panel.
        var state = try explorer(preset: "conflict-2", keys: "nx", width: 80, height: 24)
        var frame = text(state)
        XCTAssertFalse(frame.contains("more lines at a taller terminal"))
        let start = try XCTUnwrap(position(frame), frame)
        XCTAssertEqual(start.first, 1)
        apply(.key(.end), to: &state)  // End is the last iteration, not a scroll key here
        XCTAssertEqual(state.iteration, state.iterationCount)
        for _ in 0..<start.count { apply(.key(.down), to: &state) }
        frame = text(state)
        let end = try XCTUnwrap(position(frame), frame)
        XCTAssertEqual(end.last, end.count, "↓ reaches the last line")
        XCTAssertTrue(frame.contains("τ") || frame.contains("tau"), frame)
        for _ in 0..<end.count { apply(.key(.up), to: &state) }
        XCTAssertEqual(position(text(state))?.first, 1, "↑ stops at the first line")
        apply(.mouse(MouseEvent(.wheelDown, x: 40, y: 20)), to: &state)
        XCTAssertEqual(
            position(text(state))?.first, 1 + ScrollState.wheelStep, "the wheel over the lower view scrolls it")
    }

    func testZoomShowsTheLowerViewOnTheWholeScreenAndBack() throws {
        var state = try explorer(keys: "nx", width: 80, height: 24)
        let small = try XCTUnwrap(position(text(state)))
        apply(.key(.character("z")), to: &state)
        let zoomed = text(state)
        XCTAssertFalse(zoomed.contains("Geometry"), "the upper panels are covered")
        let big = position(zoomed)
        XCTAssertTrue(big == nil || big!.last - big!.first > small.last - small.first, "more lines show zoomed")
        apply(.key(.character("z")), to: &state)
        XCTAssertEqual(
            text(state).split(separator: "\n").dropLast(),
            text(try explorer(keys: "nx", width: 80, height: 24))
                .split(separator: "\n").dropLast(), "z again: the frame as before (the status line says so)")
        // Without a lower view z steps through the panels, Esc ends it.
        apply(.key(.character("x")), to: &state)
        apply(.key(.character("z")), to: &state)
        XCTAssertEqual(state.display.zoom, .geometry)
        XCTAssertFalse(text(state).contains("Simplex"))
        apply(.key(.character("z")), to: &state)
        XCTAssertEqual(state.display.zoom, .simplex)
        apply(.key(.escape), to: &state)
        XCTAssertNil(state.display.zoom)
    }

    /// A zoomed panel answers the mouse where it is drawn: on the zoomed Convergence panel column 17 + j of the
    /// sparkline (the panel's border, its 15-column labels, a blank) is iteration j; on the zoomed Simplex a click
    /// sets the start point the zoomed panel shows under that cell.
    func testZoomedPanelsAnswerClicks() throws {
        let help = FrameLayout(width: 120, height: 40, m: 2).help
        let convergence = try explorer(keys: "zzzzz<click:\(help.x + 17 + 5),\(help.y + 1)>")
        XCTAssertEqual(convergence.display.zoom, .convergence)
        XCTAssertEqual(convergence.iteration, 5)

        let zoomed = try explorer(keys: "zz")
        XCTAssertEqual(zoomed.display.zoom, .simplex)
        let x = help.x + help.width / 4, y = help.y + help.height / 2
        let w = try XCTUnwrap(Frame.simplex(zoomed, theme: .unicode).point(x: x, y: y, area: help))
        let clicked = try explorer(keys: "zz<click:\(x),\(y)>")
        let start = try XCTUnwrap(clicked.trace?.w(at: 0))
        XCTAssertNotEqual(start, zoomed.trace?.w(at: 0), "the click moved the start point")
        for (a, b) in zip(start, w) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    /// At 80x24 the State panel has 6 rows: following a task takes one, and v (equal to g at iteration 1)
    /// gives way, never w or the weights, which show the call's numbers.
    func testFollowingATaskAt80x24KeepsWAndTheWeights() throws {
        let state = try explorer(preset: "conflict-2", keys: "nf1<enter>", width: 80, height: 24)
        XCTAssertEqual(state.display.followedTask, 0)
        let trace = try XCTUnwrap(state.trace)
        let rows = text(state).split(separator: "\n").map(String.init)
        func row(_ label: String) -> String? { rows.first { $0.hasPrefix("│\(label) ") } }
        XCTAssertNotNil(rows.first { $0.contains("▸ ") && $0.contains("rank ") }, rows.joined(separator: "\n"))
        for (label, stored) in [("w", trace.w(at: 1)), ("weights", trace.weights(at: 1))] {
            let truth = try XCTUnwrap(stored)
            let line = try XCTUnwrap(row(label), "no \(label) row:\n" + rows.joined(separator: "\n"))
            let shown = line.split(separator: "[")[1].split(separator: "]")[0].split(separator: ",")
                .compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            XCTAssertEqual(shown.count, truth.count, line)
            for (a, b) in zip(shown, truth) { XCTAssertEqual(a, b, accuracy: 5e-4, line) }
        }
        XCTAssertNotNil(row("g"))
        XCTAssertNil(row("v"), "v gives way first")
    }

    func testFollowedTaskShowsItsComputedWeightRankAndRow() throws {
        var state = try explorer(preset: "conflict-2", keys: "<end>f2<enter>", width: 120, height: 40)
        XCTAssertEqual(state.display.followedTask, 1)
        let weights = try XCTUnwrap(state.computation.call?.weights)
        // Independent: the rank counts the larger weights; Â = A / divisor, read through the matrix accessor.
        let rank = 1 + weights.filter { $0 > weights[1] }.count
        let figures = try XCTUnwrap(state.followedFigures)
        XCTAssertEqual(figures.weight, weights[1])
        XCTAssertEqual(figures.rank, rank)
        let a = try XCTUnwrap(state.computation.call).normalization.matrix
        for j in 0..<2 { XCTAssertEqual(figures.row![j], a[1, j], accuracy: 1e-15) }
        let frame = text(state, 120, 40)
        XCTAssertTrue(frame.contains("rank \(rank)/2"), frame)
        XCTAssertTrue(
            frame.contains(NumberText.fixed(weights[1], decimals: 3))
                || frame.contains(String(format: "%.4g", weights[1])), frame)
        // The Matrix panel highlights the task's row (under the panel's border and its "s = " row).
        let matrix = FrameLayout(width: 120, height: 40, m: 2).matrix
        let buffer = Frame.render(state, width: 120, height: 40)
        XCTAssertEqual(buffer[matrix.x + 1, matrix.y + 2 + 1].style, Theme.unicode.role(.selectedRow))
        XCTAssertNotEqual(buffer[matrix.x + 1, matrix.y + 2].style, Theme.unicode.role(.selectedRow))
        // By name, and Esc cancels a prompt.
        apply(.key(.character("f")), to: &state)
        for c in "nope" { apply(.key(.character(c)), to: &state) }
        apply(.key(.escape), to: &state)
        XCTAssertEqual(state.display.followedTask, 1, "Esc keeps the task followed")
        XCTAssertEqual(TaskFigures.find(state.scenario.tasks[0], names: state.scenario.tasks), 0)
        XCTAssertNil(TaskFigures.find("99", names: state.scenario.tasks))
    }

    func testFollowedTaskAtM1024IsTheRankOfItsWeight() throws {
        // A diagonal A favours the task with the smallest entry: task 40 of 1024.
        let m = 1024
        var a = Matrix(rows: m, columns: m, storage: Array(repeating: 0, count: m * m))
        for i in 0..<m { a[i, i] = i == 39 ? 0.1 : 1 + Double(i % 7) }
        // No analyses (w* at m = 1024 is not needed): the weights come from the synchronous trace.
        var state = ExplorerState(sequence: [Batches(matrix: a)], name: "diag", parameters: SolverParameters())
        apply(.resize(width: 120, height: 40), to: &state)
        for event in try InputEvent.parseSequence("<end>f40<enter>") {
            if case .key(let key) = event { apply(.key(key), to: &state) }
        }
        let figures = try XCTUnwrap(state.followedFigures)
        let weights = try XCTUnwrap(state.shownWeights)
        XCTAssertEqual(figures.rank, 1 + weights.filter { $0 > weights[39] }.count)
        XCTAssertEqual(figures.row?.count, m)
        XCTAssertEqual(
            figures.row?[39] ?? 0, a[39, 39] / state.computation.call!.normalization.divisor, accuracy: 1e-15)
        XCTAssertTrue(text(state, 120, 40).contains("rank \(figures.rank)/1024"))
    }

    func testSequenceOpensOnItsFirstCallAndGGoesBack() throws {
        var state = started(
            ExplorerState(
                sequence: try StepFolder.load(SequenceAndSaveTests.mlp3), name: "mlp3",
                parameters: SolverParameters()))
        XCTAssertEqual(state.computation.shownCall, 0)
        apply(.key(.character("G")), to: &state)
        XCTAssertEqual(state.computation.shownCall, state.computation.calls.count - 1)
        apply(.key(.character("g")), to: &state)
        XCTAssertEqual(state.computation.shownCall, 0)
    }

    func testInnerExplorerOfAToyCallHasItsTitleAndJacobians() throws {
        let xi = ToyGradients(g1: SIMD2(1, 0.2), g2: SIMD2(-0.5, 0.8))
        let xiPrime = ToyGradients(g1: SIMD2(0.9, 0.1), g2: SIMD2(-0.4, 0.7))
        let zeta = ToyGradients(g1: SIMD2(1.1, 0.3), g2: SIMD2(-0.6, 0.9))
        var weighting = SDMGradWeighting(parameters: SolverParameters())
        let (_, input) = try ToyDirection.sdmgrad(xi: xi, xiPrime: xiPrime, zeta: zeta, weighting: &weighting)
        let state = started(
            ExplorerState(
                toyCall: input, title: "toy sdmgrad step 69999 from (1, 2)",
                description: "one toy step"))
        XCTAssertEqual(state.scenario.title, "toy sdmgrad step 69999 from (1, 2)")
        XCTAssertEqual(state.scenario.description, "one toy step")
        // A is the recorded one; the Jacobians are the samples' gradients, so A = J1 J2^T and d = J_zeta^T weights.
        XCTAssertEqual(state.computation.input.a, input.a)
        let j1 = try XCTUnwrap(state.computation.input.j1), j2 = try XCTUnwrap(state.computation.input.j2)
        XCTAssertEqual(j1.storage, [1, 0.2, -0.5, 0.8])
        XCTAssertEqual(j2.storage, [0.9, 0.1, -0.4, 0.7])
        for i in 0..<2 { for j in 0..<2 { XCTAssertEqual(input.a[i, j], j1.row(i).dot(j2.row(j)), accuracy: 1e-15) } }
        let w = try XCTUnwrap(state.shownWeights), d = try XCTUnwrap(state.shownDirection)
        XCTAssertEqual(d[0], w[0] * 1.1 + w[1] * -0.6, accuracy: 1e-12)
        XCTAssertEqual(d[1], w[0] * 0.3 + w[1] * 0.9, accuracy: 1e-12)
        let frame = text(state, 120, 40)
        XCTAssertTrue(frame.contains("69999"), frame)
        XCTAssertFalse(frame.contains("only the symmetric PSD part"), frame)
    }
}

private extension Matrix {
    /// Row i as an array.
    func row(_ i: Int) -> [Double] { (0..<columns).map { self[i, $0] } }
}

private extension Array where Element == Double {
    /// The dot product.
    func dot(_ other: [Double]) -> Double { zip(self, other).reduce(0) { $0 + $1.0 * $1.1 } }
}
