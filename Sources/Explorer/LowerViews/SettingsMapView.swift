import Runtime
import SDMGrad
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

extension LowerView {
    /// The settings map of `report` for the run shown: calls reached at 25 lrs x 5 budgets; a click sets lr and iters.
    public static let settingsMap: LowerView = LowerView(
        name: "settings-map", key: "#", help: "settings map: calls reached per lr and iterations (click a cell)",
        hint: "g map",
        job: LowerViewJob(
            what: "the settings map",
            keeps: { state, value in
                guard let result = value as? SettingsMapResult else { return false }
                return result.basis == SettingsMapResult.Basis(state)
                    && Set(SettingsMap.budgets(runIters: state.parameters.iters)).isSubset(of: result.map?.iters ?? [])
            }
        ) { state, _ in
            let basis = SettingsMapResult.Basis(state)
            guard let calls = SettingsMapResult.mapCalls(state) else {
                return { _, _ in SettingsMapResult(map: nil, basis: basis) }
            }
            let parameters = state.parameters
            return { isCancelled, progress in
                SettingsMap.compute(
                    count: calls.count, m: calls.m, call: calls.call, parameters: parameters, isCancelled: isCancelled,
                    progress: progress
                )
                .map { SettingsMapResult(map: $0, basis: basis) }
            }
        },
        click: { state, x, y, area in
            let panel = SettingsMapPanel(state, theme: .unicode)
            guard let cell = panel.point(x: x, y: y, area: area) else { return .none }
            var p = state.parameters
            p.lr = cell.lr
            p.iters = cell.iters
            return state.setParameters(p)
        }
    ) { state, layout, buffer, theme in
        SettingsMapPanel(state, theme: theme).render(area: layout.lower, buffer: &buffer)
    }
}

/// The settings map the view computed, and what it was computed for.
struct SettingsMapResult: Sendable {
    /// The map; nil when the input is no run (a scenario or a single matrix).
    let map: SettingsMap?
    /// What the map depends on.
    let basis: Basis

    /// Everything the map depends on: the parameters but lr and iters (a click changes those; the
    /// budgets are checked apart), and the calls.
    struct Basis: Equatable, Sendable {
        let parameters: SolverParameters, calls: Int, recorded: Int, isRun: Bool

        /// The basis of the state's map.
        init(_ state: ExplorerState) {
            var p = state.parameters
            p.lr = 1
            p.iters = 1
            parameters = p
            calls = state.computation.calls.count
            recorded = state.inputs.recorded.count
            isRun = SettingsMapResult.isRun(state)
        }
    }

    /// Whether the input is a run: a sequence of more than one call, or a recorded run folder.
    static func isRun(_ state: ExplorerState) -> Bool {
        state.inputs.source == .sequence && (state.inputs.sequence.count > 1 || !state.inputs.recorded.isEmpty)
    }

    /// The calls of the map, each had when it is mapped (a windowed run reads it again): from the recorded
    /// warm starts when the run has them, else from the replay's.
    static func mapCalls(_ state: ExplorerState) -> (count: Int, m: Int, call: @Sendable (Int) -> SettingsMapCall?)? {
        let calls = state.computation.calls, computation = state.computation
        guard isRun(state), !calls.isEmpty else { return nil }
        let recorded = state.inputs.recorded
        let starts =
            recorded.count >= calls.count
            ? SettingsMap.recordedStarts(Array(recorded.prefix(calls.count)), sizes: calls.map(\.m))
            : calls.map(\.start)
        return (
            calls.count, calls.map(\.m).max() ?? 1,
            { k in
                // Â only: the call is not run here (the map runs it again at every grid lr).
                guard let input = try? computation.batches.batches(k),
                    let normalization = try? Normalization(input.a, variant: computation.parameters.variant)
                else { return nil }
                return SettingsMapCall(
                    normalized: normalization.matrix, preference: calls[k].preference, start: starts[k])
            }
        )
    }
}

/// The settings map as a shaded grid: one row per budget (largest on top), one column per grid lr,
/// each cell the number of calls reached; today's setting (T) and the recommendation (R) marked.
public struct SettingsMapPanel: Widget, HitTesting {
    /// The map, once computed (nil also when the input is no run: then `needsRun`).
    public let map: SettingsMap?
    /// Whether the map cannot exist: the input is no run.
    let needsRun: Bool
    /// What the panel says while the map is not there.
    let placeholder: String?
    /// Today's lr and iters, and the number of calls of the run.
    let lr: Double, iters: Int, calls: Int
    /// Whether the warm starts are the recorded ones.
    let recordedStarts: Bool
    /// Colours and glyphs.
    let theme: Theme

    /// The panel of the state's open map.
    public init(_ state: ExplorerState, theme: Theme) {
        let result = state.lowerResult(SettingsMapResult.self)
        map = result?.map
        needsRun = !SettingsMapResult.isRun(state)
        placeholder = state.lowerPlaceholder(ellipsis: theme.ellipsis)
        lr = state.parameters.lr
        iters = state.parameters.iters
        calls = state.computation.calls.count
        recordedStarts = state.inputs.recorded.count >= calls
        self.theme = theme
    }

    /// A panel from its parts (tests).
    init(
        map: SettingsMap?, needsRun: Bool = false, placeholder: String? = nil, lr: Double, iters: Int, calls: Int,
        recordedStarts: Bool, theme: Theme
    ) {
        self.map = map
        self.needsRun = needsRun
        self.placeholder = placeholder
        self.lr = lr
        self.iters = iters
        self.calls = calls
        self.recordedStarts = recordedStarts
        self.theme = theme
    }

    /// Width of the budget labels ("500 it ").
    static let labelWidth = 7

    /// Where the cells are: the inner area, the cell width, and the first and count of the lr columns shown.
    struct Grid {
        let inner: Rect, cellWidth: Int, first: Int, count: Int, rows: Int
        /// The screen row of the largest budget: below the summary line when there is room for it.
        let top: Int
        /// The cell at (x, y), as (budget row index, lr column index).
        func cell(x: Int, y: Int) -> (row: Int, column: Int)? {
            let dx = x - inner.x - SettingsMapPanel.labelWidth, dy = y - top
            guard dx >= 0, dy >= 0, dy < rows, dx / cellWidth < count else { return nil }
            return (rows - 1 - dy, first + dx / cellWidth)
        }
    }

    /// The grid's geometry in `area`; nil when there is no map or no room for it.
    func grid(area: Rect) -> Grid? {
        guard let map, !map.lrs.isEmpty else { return nil }
        let inner = area.inset(by: 1)
        // Room to spare widens the cells up to 5 columns, so the numbers stand apart.
        let cellWidth = max(
            2, String(max(1, map.mapped.count)).count + 1, min(5, (inner.width - Self.labelWidth) / map.lrs.count))
        let count = min(map.lrs.count, (inner.width - Self.labelWidth) / cellWidth)
        guard count >= 3, inner.height >= map.iters.count else { return nil }
        // Too narrow for all 25 lrs: a window around today's lr.
        let today = Self.nearestColumn(map.lrs, lr)
        let first = min(max(0, today - count / 2), map.lrs.count - count)
        // A short panel (80x24) keeps the grid and its axis; the summary line goes first.
        let top = inner.y + (inner.height >= map.iters.count + 2 ? 1 : 0)
        return Grid(inner: inner, cellWidth: cellWidth, first: first, count: count, rows: map.iters.count, top: top)
    }

    /// The lr and iters of the cell at (x, y).
    public func point(x: Int, y: Int, area: Rect) -> (lr: Double, iters: Int)? {
        guard let map, let grid = grid(area: area), let cell = grid.cell(x: x, y: y) else { return nil }
        return (map.lrs[cell.column], map.iters[cell.row])
    }

    /// The leftmost cell of budget `row` and lr `column` when drawn in `area` (nil when that lr is not shown).
    public func cell(row: Int, column: Int, area: Rect) -> (x: Int, y: Int)? {
        guard let grid = grid(area: area), (grid.first..<grid.first + grid.count).contains(column),
            (0..<grid.rows).contains(row)
        else { return nil }
        return (grid.inner.x + Self.labelWidth + (column - grid.first) * grid.cellWidth, grid.top + grid.rows - 1 - row)
    }

    /// The width of one cell when drawn in `area`.
    public func cellWidth(area: Rect) -> Int? { grid(area: area)?.cellWidth }

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(
            ["Settings map", ": calls reached per lr and iterations", " (# closes)"],
            area: area, buffer: &buffer, theme: theme)
        if needsRun {
            writePlaceholder(
                "The settings map needs a run: open a run folder (--matrix RUN_FOLDER, --follow RUN_FOLDER) "
                    + "or a sequence of matrices; this is a single call.", area: inner, buffer: &buffer, theme: theme)
            return
        }
        guard let map else { writePlaceholder(placeholder, area: inner, buffer: &buffer, theme: theme); return }
        guard let grid = grid(area: area) else {
            writePlaceholder(
                "too small for the settings map: widen or heighten the terminal", area: inner, buffer: &buffer,
                theme: theme)
            return
        }
        let label = theme.role(.label), total = max(1, map.mapped.count)
        let starts = recordedStarts ? "the recorded warm starts" : "the replay's warm starts"
        let covered = map.mapped.count == calls ? "all \(calls) calls" : "\(map.mapped.count) of \(calls) calls"
        if grid.top > inner.y {
            buffer.write(
                fitted: [
                    LinePiece(
                        forms: [
                            "calls reached (r(w) <= 1e-3) from \(starts), \(covered)",
                            "calls reached from \(starts), \(covered)", "calls reached, \(covered)",
                        ],
                        style: label)
                ], x: inner.x, y: inner.y, width: inner.width, theme: theme)
        }
        let today = Self.nearestColumn(map.lrs, lr)
        let recommended = map.recommendedCell()
        let recommendedCell = recommended.map {
            (Self.nearestColumn(map.lrs, $0.lr), map.iters.firstIndex(of: $0.iters))
        }
        for (i, budget) in map.iters.enumerated() {
            let y = grid.top + map.iters.count - 1 - i
            buffer.write(
                pad(String(budget), to: 3) + " it", x: inner.x, y: y, style: label, maxWidth: Self.labelWidth - 1)
            for c in 0..<grid.count {
                let j = grid.first + c, count = map.reached[i][j]
                let x = inner.x + Self.labelWidth + c * grid.cellWidth
                let level = Int((Double(count) / Double(total) * Double(Theme.mapLevels - 1)).rounded())
                let style =
                    count == 0
                    ? label : Style(fg: .brightWhite, bg: theme.mapColor(onLevel: level), bold: count == total)
                let text = pad(String(count), to: grid.cellWidth)
                buffer.write(text, x: x, y: y, style: style, maxWidth: grid.cellWidth)
                var mark: String?
                if budget == iters && j == today { mark = "T" }
                if let r = recommendedCell, r.1 == i, r.0 == j { mark = "R" }
                if let mark {
                    buffer.write(
                        mark, x: x, y: y, style: Style(fg: .brightYellow, bg: style.bg, bold: true), maxWidth: 1)
                }
            }
        }
        // The lr axis: the decades (and the window's ends when not all columns show).
        let axisY = grid.top + map.iters.count
        guard axisY < inner.maxY else { return }
        var axis: [(Int, String)] = []
        for c in 0..<grid.count where Self.isDecade(map.lrs[grid.first + c]) || c == 0 || c == grid.count - 1 {
            axis.append((c, Self.lrLabel(map.lrs[grid.first + c])))
        }
        var lastEnd = inner.x
        for (c, text) in axis {
            let x = inner.x + Self.labelWidth + c * grid.cellWidth + grid.cellWidth - displayWidth(of: text)
            guard x > lastEnd, x + displayWidth(of: text) <= inner.maxX else { continue }
            buffer.write(text, x: x, y: axisY, style: label)
            lastEnd = x + displayWidth(of: text)
        }
        buffer.write(" lr", x: inner.x, y: axisY, style: label, maxWidth: Self.labelWidth - 1)
        var legend = [
            LinePiece("T", style: theme.role(.current)),
            LinePiece(
                forms: [
                    " your lr \(NumberText.trimmed(NumberText.plain(lr, significant: 3))), \(iters) it  ", " yours  ",
                ], style: label),
        ]
        if let r = recommended {
            legend += [
                LinePiece("R", style: theme.role(.current)),
                LinePiece(
                    forms: [
                        " recommended lr \(NumberText.trimmed(NumberText.plain(r.lr, significant: 2))), \(r.iters) it "
                            + "(\(r.reached) of \(total))  ", " recommended  ",
                    ], style: label),
            ]
        }
        legend.append(LinePiece(forms: ["click a cell to use its lr and iters", "click: use cell", ""], style: label))
        if axisY + 1 < inner.maxY {
            buffer.write(fitted: legend, x: inner.x, y: axisY + 1, width: inner.width, theme: theme)
        }
    }

    /// An lr as the axis writes it: 1e-4 for the smallest decade, plain digits above.
    static func lrLabel(_ lr: Double) -> String {
        let exponent = Int(log10(lr).rounded())
        return isDecade(lr) && exponent <= -4
            ? "1e\(exponent)" : NumberText.trimmed(NumberText.plain(lr, significant: 2))
    }

    /// Whether `lr` is a power of ten.
    static func isDecade(_ lr: Double) -> Bool { abs(log10(lr) - log10(lr).rounded()) < 1e-9 }

    /// The grid column whose lr is nearest `lr` on a log scale.
    static func nearestColumn(_ lrs: [Double], _ lr: Double) -> Int {
        guard lr > 0, lr.isFinite else { return lrs.count - 1 }
        return lrs.indices.min { abs(log10(lrs[$0] / lr)) < abs(log10(lrs[$1] / lr)) } ?? 0
    }
}
