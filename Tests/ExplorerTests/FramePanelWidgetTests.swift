import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Header, status line, matrix, state, explain, variants and sweep panels alone, each rendered into a `Buffer`
/// of its own: the numbers they show checked against closed forms and an independent re-implementation of the
/// first inner step (`FirstStep`), and their styles against the theme's roles.
final class FramePanelWidgetTests: XCTestCase {
    /// A = diag(1, 2, 3): lr 10 sends the first step to the vertex e1, so every number is a short closed form.
    let diagonal = [[1.0, 0, 0], [0, 2, 0], [0, 0, 3]]

    /// The explorer on matrix `a` after `keys`, every analysis done.
    private func settled(
        _ a: [[Double]], keys: String = "", name: String = "test", width: Int = 120, height: Int = 40
    ) throws -> ExplorerState {
        let driver = HeadlessDriver(
            model: ExplorerState(scenario: Scenario(name: name, matrix: Matrix(a))), width: width, height: height)
        driver.settle()
        driver.input(try InputEvent.parseSequence(keys))
        return driver.model
    }

    /// `widget` drawn alone into a buffer of `width` x `height`.
    private func draw(_ widget: some Widget, width: Int, height: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        widget.render(area: Rect(x: 0, y: 0, width: width, height: height), buffer: &buffer)
        return buffer
    }

    /// The first row of `buffer` containing `text`, with its index.
    private func row(
        containing text: String, in buffer: Buffer, file: StaticString = #filePath, line: UInt = #line
    ) throws -> (y: Int, text: String) {
        let y = try XCTUnwrap(
            (0..<buffer.height).first { buffer.line($0).contains(text) },
            "no row holds '\(text)'\n" + buffer.lines().joined(separator: "\n"), file: file, line: line)
        return (y, buffer.line(y))
    }

    /// Every "[a, b, c]" of `text` as numbers, in order (a group holding anything but numbers is skipped).
    private func vectors(in text: String) -> [[Double]] {
        text.split(separator: "[").dropFirst().compactMap { part in
            guard let close = part.firstIndex(of: "]") else { return nil }
            let entries = part[..<close].split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            return entries.contains(nil) ? nil : entries.compactMap { $0 }
        }
    }

    /// The number written right after `marker` in `text` (up to the next blank, comma or bracket).
    private func number(after marker: String, in text: String) -> Double? {
        guard let range = text.range(of: marker) else { return nil }
        let token = text[range.upperBound...].prefix { !" ,)];%".contains($0) }
        return Double(token)
    }

    /// `shown` is `truth` rounded to the digits it shows: within half a unit of its last digit.
    private func assertRounds(
        _ shown: String, _ truth: Double, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let value = Double(shown) else { return XCTFail("'\(shown)' is no number", file: file, line: line) }
        let mantissa = shown.split(separator: "e").first.map(String.init) ?? shown
        let decimals = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
        let exponent = shown.contains("e") ? (Int(shown.split(separator: "e")[1]) ?? 0) : 0
        let unit = 0.5 * pow(10, Double(exponent - decimals)) + 1e-12
        XCTAssertEqual(value, truth, accuracy: unit, "'\(shown)' is not a rounding of \(truth)", file: file, line: line)
    }

    /// Each entry of the first vector of `text` (after `marker`) is a rounding of `truth`'s.
    private func assertVector(
        after marker: String, in text: String, is truth: [Double], file: StaticString = #filePath, line: UInt = #line
    ) {
        let rest = marker.isEmpty ? Substring(text) : text.range(of: marker).map { text[$0.upperBound...] }
        guard let rest, let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") else {
            return XCTFail("no vector after '\(marker)' in '\(text)'", file: file, line: line)
        }
        let entries = rest[rest.index(after: open)..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(entries.count, truth.count, "'\(text)'", file: file, line: line)
        for (shown, value) in zip(entries, truth) { assertRounds(shown, value, file: file, line: line) }
    }

    /// The style of the cells of `text` on row `y` (the first place it is written).
    private func styles(of text: String, row y: Int, in buffer: Buffer) -> [Style] {
        let characters = (0..<buffer.width).map { String(buffer[$0, y].character) }
        let target = text.map(String.init)
        guard target.count <= characters.count,
            let x = (0...(characters.count - target.count)).first(where: {
                Array(characters[$0..<($0 + target.count)]) == target
            })
        else { return [] }
        return (x..<(x + target.count)).map { buffer[$0, y].style }
    }

    // MARK: - State

    /// Iteration 1 on diag(1, 2, 3): g, v, y, tau, w, weights and the preference are those of the independent first
    /// step, and the formulas carry today's lr.
    func testStatePanelShowsTheFirstStepComputedIndependently() throws {
        let state = try settled(diagonal, keys: "n")
        let truth = FirstStep(a: diagonal, lambda: 0.3, lr: 10)
        let buffer = draw(Frame.statePanel(state, theme: .unicode), width: 90, height: 12)
        XCTAssertTrue(buffer.line(0).contains("State at iteration 1/20"), buffer.line(0))
        assertVector(after: "g = ", in: try row(containing: "g = Â(w", in: buffer).text, is: truth.g)
        assertVector(
            after: "restarts)", in: try row(containing: "v = g (momentum restarts)", in: buffer).text, is: truth.g)
        assertVector(after: "10v", in: try row(containing: "y = w - 10v", in: buffer).text, is: truth.y)
        let tau = try row(containing: "τ (projection threshold)", in: buffer).text
        let shownTau = tau.split(separator: " ").filter { Double($0) != nil }.last.map(String.init) ?? ""
        assertRounds(shownTau, truth.tau)
        assertVector(after: "0)", in: try row(containing: "w = max(y - τ, 0)", in: buffer).text, is: truth.w)
        assertVector(after: "(1+λ)", in: try row(containing: "weights = (w", in: buffer).text, is: truth.weights)
        assertVector(after: "(preference)", in: try row(containing: "(preference)", in: buffer).text, is: truth.pref)
        // The step lands on the vertex e1 (closed form: y1 - y2 = 10 (g2 - g1) > 1).
        for (entry, vertex) in zip(truth.w, [1.0, 0, 0]) { XCTAssertEqual(entry, vertex, accuracy: 1e-12) }
    }

    // MARK: - Explain

    /// The narration of iteration 1 on diag(1, 2, 3): each formula's numbers are the independent first step's.
    func testExplainPanelNarratesTheFirstStepWithItsNumbers() throws {
        let state = try settled(diagonal, keys: "nx")
        let truth = FirstStep(a: diagonal, lambda: 0.3, lr: 10)
        let buffer = draw(ExplainPanel.of(state, theme: .unicode), width: 200, height: 24)
        XCTAssertTrue(buffer.line(0).contains("Explain iteration 1"), buffer.line(0))
        let g = try row(containing: "1. g = ", in: buffer).text
        let gVectors = vectors(in: g)
        XCTAssertEqual(gVectors.count, 2, g)
        for (shown, value) in zip(gVectors.first ?? [], truth.shifted) { XCTAssertEqual(shown, value, accuracy: 5e-4) }
        for (shown, value) in zip(gVectors.last ?? [], truth.g) { XCTAssertEqual(shown, value, accuracy: 5e-4) }
        let y = try row(containing: "3. y = w - lr v = w - 10 v = ", in: buffer).text
        assertVector(after: "10 v = ", in: y, is: truth.y)
        let sum = try XCTUnwrap(number(after: "sum(y) = ", in: y), y)
        XCTAssertEqual(sum, truth.y.reduce(0, +), accuracy: 5e-3)
        assertVector(after: "u = ", in: try row(containing: "4. sort y descending", in: buffer).text, is: truth.sorted)
        let tau = try row(containing: "τ = ", in: buffer).text
        let shownTau = tau.split(separator: " ").filter { Double($0) != nil }.last.map(String.init) ?? ""
        assertRounds(shownTau, truth.tau)
        let w = try row(containing: "5. w = max(y - τ, 0) = ", in: buffer).text
        assertVector(after: "0) = ", in: w, is: truth.w)
        XCTAssertTrue(w.contains("a vertex"), w)
        let weights = try row(containing: "6. weights = ", in: buffer).text
        XCTAssertEqual(try XCTUnwrap(number(after: "]) / ", in: weights), weights), 1.3, accuracy: 1e-9)
        XCTAssertEqual(vectors(in: weights).last?.count, 3, weights)
        for (shown, value) in zip(vectors(in: weights).last ?? [], truth.weights) {
            XCTAssertEqual(shown, value, accuracy: 5e-4)
        }
    }

    // MARK: - Header

    /// The header at iteration 1: the parameters as set, the iteration in its role, the weights of the
    /// independent first step, and m at the right edge of the title row.
    func testHeaderShowsParametersIterationAndTheWeightsNow() throws {
        let state = try settled(diagonal, keys: "n", name: "diag")
        let truth = FirstStep(a: diagonal, lambda: 0.3, lr: 10)
        let theme = Theme.unicode
        let buffer = draw(Frame.header(state, theme: theme), width: 120, height: 3)
        XCTAssertTrue(buffer.line(0).hasPrefix(" SDMGrad explorer │ diag: "), buffer.line(0))
        XCTAssertTrue(buffer.line(0).hasSuffix("m = 3 "), buffer.line(0))
        XCTAssertTrue((0..<120).allSatisfy { buffer[$0, 0].style.reverse }, "the title row is one reverse bar")
        let parameters = buffer.line(1)
        for piece in ["λ 0.3", "lr 10", "momentum 0.5", "iters 20", "variant torchjd", "iteration 1/20"] {
            XCTAssertTrue(parameters.contains(piece), "'\(piece)' missing from '\(parameters)'")
        }
        XCTAssertEqual(Set(styles(of: "1/20", row: 1, in: buffer)), [theme.role(.iteration)])
        assertVector(after: " weights ", in: buffer.line(2), is: truth.weights)
        XCTAssertEqual(Set(styles(of: "weights", row: 2, in: buffer)), [theme.role(.label)])
        // Editing a task says which, in its own role.
        let editing = try settled(diagonal, keys: "e2")
        let edited = draw(Frame.header(editing, theme: theme), width: 120, height: 3)
        XCTAssertEqual(Set(styles(of: "EDIT task 2", row: 1, in: edited)), [theme.role(.editing)], edited.line(1))
    }

    // MARK: - Status line

    /// Without a message the status line is key hints, each one a binding's hint, on one reverse bar; a message
    /// (the next variant and its default lr, from `Variant.allCases` and its rules) replaces them in its role.
    func testStatusLineShowsHintsOrTheMessage() throws {
        let theme = Theme.unicode
        let idle = draw(Frame.statusLine(try settled(diagonal), theme: theme), width: 100, height: 1)
        let hints = Set(ExplorerKeymap.main.bindings.compactMap(\.hint))
        let shown = idle.line(0).split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        XCTAssertGreaterThan(shown.count, 3, idle.line(0))
        for hint in shown { XCTAssertTrue(hints.contains(hint), "'\(hint)' is no key's hint: \(idle.line(0))") }
        XCTAssertTrue((0..<100).allSatisfy { idle[$0, 0].style == theme.role(.header) })

        let next = try XCTUnwrap(Variant.allCases.dropFirst().first)
        let lr = next.defaultLearningRate
        let message = "variant \(next.rawValue), lr \(lr == lr.rounded() ? String(Int(lr)) : String(lr))"
        let told = draw(Frame.statusLine(try settled(diagonal, keys: "V"), theme: theme), width: 100, height: 1)
        XCTAssertEqual(told.line(0).trimmingCharacters(in: .whitespaces), message)
        XCTAssertEqual(Set(styles(of: message, row: 0, in: told)), [theme.role(.message)])
        XCTAssertEqual(told[99, 0].style, theme.role(.header))
    }

    // MARK: - Matrix

    /// A = [[4, 1], [3, 9]]: s = (2 + 3)/2, Â = A / (s² + 1e-8), ‖A − Aᵀ‖_F = √8 (27.3% of ‖A‖_F = √107);
    /// the off-diagonal entries differ from their mirror and are drawn in the asymmetric role, the diagonal plain.
    func testMatrixPanelShowsAAndAHatAndTheAsymmetry() throws {
        let a = [[4.0, 1], [3, 9]]
        let state = try settled(a)
        let theme = Theme.unicode
        let buffer = draw(Frame.matrix(state, theme: theme), width: 60, height: 8)
        let s = (2.0 + 3) / 2, divisor = s * s + 1e-8
        let scale = try XCTUnwrap(number(after: "s = ", in: buffer.line(1)), buffer.line(1))
        XCTAssertEqual(scale, s, accuracy: 1e-3)
        let half = (58 - 2) / 2
        for i in 0..<2 {
            let line = Array(buffer.line(2 + i))
            let left = String(line[1..<(1 + half)]).split(separator: " ").compactMap { Double($0) }
            let right = String(line[(1 + half + 2)...]).split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(left, a[i], buffer.line(2 + i))
            XCTAssertEqual(right.count, 2, buffer.line(2 + i))
            for (shown, value) in zip(right, a[i]) { XCTAssertEqual(shown, value / divisor, accuracy: 5e-4) }
            // Entry j of A ends at column 3 + 8 j + 6 (7 columns, right-aligned, after "A ").
            for j in 0..<2 {
                let style = buffer[3 + 8 * j + 6, 2 + i].style
                XCTAssertEqual(style, theme.role(i == j ? .plain : .asymmetric), "A[\(i + 1),\(j + 1)]")
            }
        }
        let asymmetry = buffer.line(4)
        let norm = try XCTUnwrap(number(after: "‖ = ", in: asymmetry), asymmetry)
        XCTAssertEqual(norm, 8.0.squareRoot(), accuracy: 5e-4)
        let percent = try XCTUnwrap(number(after: "(", in: asymmetry), asymmetry)
        XCTAssertEqual(percent, 100 * 8.0.squareRoot() / 107.0.squareRoot(), accuracy: 0.05)
    }

    /// A symmetric A with A11 < 0: the panel says which entry is clamped, draws it in the danger role in A
    /// and in Â, and says A is symmetric.
    func testMatrixPanelFlagsANegativeDiagonal() throws {
        let a = [[-1.0, 0.5], [0.5, 4]]
        let theme = Theme.unicode
        let buffer = draw(Frame.matrix(try settled(a), theme: theme), width: 60, height: 8)
        XCTAssertTrue(buffer.line(1).contains("clamped to 0: A₁,₁"), buffer.line(1))
        // s = (sqrt(max(-1, 0)) + sqrt(4)) / 2 = 1
        XCTAssertEqual(try XCTUnwrap(number(after: "s = ", in: buffer.line(1))), 1, accuracy: 1e-9)
        XCTAssertEqual(buffer[3 + 6, 2].style, theme.role(.danger))
        XCTAssertEqual(buffer[3 + 8 + 6, 3].style, theme.role(.plain))
        XCTAssertEqual(buffer[31 + 2 + 6, 2].style, theme.role(.danger), buffer.line(2))
        XCTAssertTrue(buffer.line(4).contains("A is symmetric"), buffer.line(4))
    }

    // MARK: - Variants

    /// A = I (m = 3): every variant keeps the uniform point (weights = w* = 1/3); each runs with its default lr.
    /// On the interior face M = c I with c = 1/divisor, so rho is the larger root modulus of
    /// t² − (1 + momentum − lr c) t + momentum and lr_max = 2 (1 + momentum) / c.
    func testVariantsPanelMatchesTheClosedFormsOnTheIdentity() throws {
        let state = try settled([[1, 0, 0], [0, 1, 0], [0, 0, 1]], keys: "v")
        let theme = Theme.unicode
        let buffer = draw(VariantsPanel.of(state, theme: theme), width: 100, height: 12)
        let columnWidth = (98 - 14) / 3, momentum = 0.5
        for (c, variant) in Variant.allCases.enumerated() {
            let x = 1 + 14 + c * columnWidth
            func cell(_ row: Int) -> String {
                String(Array(buffer.line(1 + row))[x..<(x + columnWidth - 1)]).trimmingCharacters(in: .whitespaces)
            }
            XCTAssertEqual(cell(0), variant.rawValue)
            XCTAssertEqual(buffer[x, 1].style, theme.variant(variant))
            XCTAssertEqual(Double(cell(1)), variant.defaultLearningRate)
            let official = variant.rules.scale == .shiftedDiagonal
            let s = official ? (1 + 1e-4).squareRoot() : 1
            XCTAssertEqual(try XCTUnwrap(Double(cell(2)), cell(2)), s, accuracy: 5e-4)
            for row in [3, 4, 5] { assertVector(after: "", in: cell(row), is: [1.0 / 3, 1.0 / 3, 1.0 / 3]) }
            let c = 1 / (official ? s * s : s * s + 1e-8)
            let b = 1 + momentum - variant.defaultLearningRate * c
            let rho = b * b >= 4 * momentum ? (abs(b) + (b * b - 4 * momentum).squareRoot()) / 2 : momentum.squareRoot()
            let lrMax = 2 * (1 + momentum) / c
            let verdict: StabilityVerdict = rho < 1 ? .converges : .oscillates
            XCTAssertEqual(cell(6), verdict.rawValue)
            XCTAssertEqual(buffer[x, 7].style, theme.verdict(verdict))
            let figures = cell(7).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(figures.count, 2, cell(7))
            assertRounds(figures.first ?? "", rho)
            assertRounds(figures.last ?? "", lrMax)
        }
        // Scrolled by 3 rows, the first row shown is the weights.
        let scrolled = try settled(
            [[1, 0, 0], [0, 1, 0], [0, 0, 1]], keys: "v<down><down><down>", width: 80, height: 24)
        XCTAssertTrue(draw(VariantsPanel.of(scrolled, theme: theme), width: 100, height: 6).line(1).contains("weights"))
    }

    // MARK: - Sweep

    /// A = I (m = 3): at every lambda the output and w* are uniform, so each task's line and dots lie on
    /// y = 1/3 of the axis 0...1 (one canvas row), and the largest gap is zero to rounding, in the good role.
    func testSweepOnTheIdentityIsOneFlatRowAndNoGap() throws {
        let state = try settled([[1, 0, 0], [0, 1, 0], [0, 0, 1]], keys: "w")
        let theme = Theme.unicode
        let width = 80, height = 14
        let buffer = draw(SweepPanel.of(state, theme: theme), width: width, height: height)
        let canvas = Rect(x: 1 + 6, y: 1, width: width - 2 - 6, height: height - 2 - 2)
        let blank = Set<Character>([" ", "⠀"])
        // The top row carries the "|λ" marker; the rows below it hold only the flat line.
        let drawn = (canvas.y + 1..<canvas.maxY).filter { y in
            (canvas.x..<canvas.maxX).contains { !blank.contains(buffer[$0, y].character) }
        }
        XCTAssertEqual(drawn.count, 1, buffer.lines().joined(separator: "\n"))
        // y = 1/3 of 0...1 is 2/3 of the way down the canvas (dot rows 0 ... 4 h - 1).
        let expected = Int((2.0 / 3 * Double(4 * canvas.height - 1)).rounded()) / 4 + canvas.y
        XCTAssertLessThanOrEqual(abs((drawn.first ?? 0) - expected), 1, buffer.lines().joined(separator: "\n"))
        XCTAssertEqual(buffer.line(canvas.y).dropFirst().prefix(5).trimmingCharacters(in: .whitespaces), "1")
        let bottom = buffer.line(height - 2)
        let gap = try XCTUnwrap(number(after: "sweep: ", in: bottom), bottom)
        XCTAssertLessThan(gap, 1e-12)
        XCTAssertEqual(Set(styles(of: "largest gap", row: height - 2, in: buffer)), [theme.role(.good)])
    }
}

/// The first inner step of torchjd's SDMGrad from the uniform start with the uniform preference, written out
/// from SPEC section 1 with no production code: s, Â, g = Â (w + λ w~), v = g, y = w − lr v, the Euclidean
/// projection's tau (sort, cumulative sums) and w = max(y − tau, 0), weights = (w + λ w~) / (1 + λ).
struct FirstStep {
    let pref: [Double], shifted: [Double], g: [Double], y: [Double], sorted: [Double]
    let tau: Double, w: [Double], weights: [Double]

    init(a: [[Double]], lambda: Double, lr: Double) {
        let m = a.count
        let s = (0..<m).map { max(a[$0][$0], 0).squareRoot() }.reduce(0, +) / Double(m)
        let divisor = s * s + 1e-8
        let start = [Double](repeating: 1 / Double(m), count: m)
        pref = start
        shifted = zip(start, pref).map { $0 + lambda * $1 }
        let shifted = self.shifted
        g = (0..<m).map { i in (0..<m).map { a[i][$0] / divisor * shifted[$0] }.reduce(0, +) }
        y = zip(start, g).map { $0 - lr * $1 }
        sorted = y.sorted(by: >)
        var total = 0.0, chosen = 0.0
        for (i, u) in sorted.enumerated() {
            total += u
            let t = (total - 1) / Double(i + 1)
            if u > t { chosen = t }
        }
        tau = chosen
        let tau = self.tau
        w = y.map { max($0 - tau, 0) }
        weights = zip(w, pref).map { ($0 + lambda * $1) / (1 + lambda) }
    }
}
