import SDMGrad
import TerminalUI

/// How the solver converges: distances to w* and between iterates, the verdict, rho and lr_max,
/// whether w* is unique, and the other fixed points known.
public struct ConvergencePanel: Widget, HitTesting {
    /// Whether the shown call has a trace (else the panel stays empty).
    let hasTrace: Bool
    /// The shown call's fixed point and stability, or what their job says meanwhile.
    let analysis: Pending<Analysis>
    /// Distances to w* and step lengths of the shown trace.
    let figures: TraceFigures?
    /// The iteration shown, and the call's last one.
    let iteration: Int, iterationCount: Int
    /// The tasks' names.
    let tasks: [String]
    /// The inner lr, and the largest entry of Â (what the advice names when the iterates overflowed).
    let lr: Double, largestEntry: Double
    /// Colours and glyphs.
    let theme: Theme

    /// Draws the panel into `area`.
    public func render(area: Rect, buffer: inout Buffer) {
        let inner = panel(["Convergence"], area: area, buffer: &buffer, theme: theme)
        guard hasTrace, inner.width > 10 else { return }
        guard let analysis = self.analysis.value, let figures else {
            writePlaceholder(
                self.analysis.placeholder("the fixed point w* and its stability", ellipsis: theme.ellipsis),
                area: inner, buffer: &buffer, theme: theme)
            return
        }
        let label = theme.role(.label), value = theme.role(.value)
        let sparkWidth = Self.sparkColumns(area).width
        // Scales with written bounds: distances on a log axis from their smallest (never below `noiseFloor`:
        // anything below is rounding, drawn at the bottom), step lengths on a linear axis from 0.
        let distances = Array(figures.distancesToFixedPoint.suffix(sparkWidth))
        let top = max(distances.filter(\.isFinite).max() ?? 1, 10 * Self.noiseFloor)
        let bottom = min(max(distances.filter(\.isFinite).min() ?? Self.noiseFloor, Self.noiseFloor), top)
        let steps = Array(figures.stepLengths.suffix(sparkWidth))
        let stepTop = max(steps.filter(\.isFinite).max() ?? 0, Self.noiseFloor)
        func spark(_ shown: [Double], row: Int, text: String, log: Bool, range: ClosedRange<Double>) {
            buffer.write(
                fitted: [LinePiece(text, style: label)], x: inner.x, y: inner.y + row, width: Self.labelWidth - 1,
                theme: theme)
            Sparkline(
                values: shown.map { log ? max($0, Self.noiseFloor) : $0 }, scale: .fixed(range), logarithmic: log,
                style: theme.role(.spark), glyphs: theme.glyphs
            )
            .render(
                area: Rect(x: inner.x + Self.labelWidth, y: inner.y + row, width: sparkWidth, height: 1),
                buffer: &buffer)
        }
        spark(
            distances, row: 0, text: "\(theme.norm)w_k - \(theme.star)\(theme.norm) log", log: true, range: bottom...top
        )
        spark(steps, row: 1, text: "\(theme.norm)w_k - w_k-1\(theme.norm)", log: false, range: 0...stepTop)
        let count = figures.stepLengths.count + 1
        let first = max(0, count - sparkWidth)
        let bounds =
            "log \(NumberText.short(bottom))..\(NumberText.short(top)), step 0..\(NumberText.short(stepTop))"
        // The window: every iteration, or the last ones up to the end (the start is where the bars begin).
        let window = first == 0 ? "k 0 to \(max(count - 1, 0))" : "k to \(count - 1)"
        buffer.write(
            fitted: [LinePiece(window, style: label)], x: inner.x, y: inner.y + 2,
            width: Self.labelWidth - 1, theme: theme)
        let marker = min(iteration, sparkWidth - 1)
        let markerText = count <= sparkWidth ? "^ k=\(iteration)  " : ""
        let markerX = count <= sparkWidth ? inner.x + Self.labelWidth + marker : inner.x + Self.labelWidth
        buffer.write(
            fitted: [LinePiece(markerText, style: label), .optional(bounds, style: label, rank: -1)], x: markerX,
            y: inner.y + 2,
            width: inner.maxX - markerX, theme: theme)
        let s = analysis.stability
        let fp = analysis.fixedPoint
        let fact = analysis.fact
        let verdict = fact.verdict.map(theme.verdict) ?? theme.role(.warning)
        let residualForms = NumberText.forms(fp.residual, precision: .significant(3))
        var rows: [[LinePiece]] = [
            [
                LinePiece("\(theme.star) ", style: label),
                fp.w.count > 5
                    ? LinePiece(
                        forms: TopKText.forms(fp.w, names: tasks, ascii: !theme.unicodeText),
                        style: theme.role(.fixedPoint), rank: 1)
                    : .vector(fp.w, precision: .decimals(3), maxItems: 5, style: theme.role(.fixedPoint), theme: theme),
                LinePiece(
                    forms: residualForms.map { "  residual " + $0 } + residualForms.map { "  res " + $0 } + [""],
                    style: label, rank: -1),
            ],
            Self.uniquenessPieces(analysis, theme: theme),
            [
                .optional("verdict ", style: label, rank: -2), LinePiece(fact.word, style: verdict),
                // rho loses one digit, then goes whole, before lr_max loses digits: lr_max is what the advice below refers to.
                .optional("  \(theme.rho) = ", style: label, rank: 0, group: 1),
                LinePiece(
                    forms: Array(NumberText.forms(s.spectralRadius, precision: .significant(4)).prefix(2)) + [""],
                    style: verdict, rank: 0, group: 1),
                LinePiece("  lr_max ", style: label),
                s.lrMax.isInfinite ? LinePiece("any (vertex)", style: value) : .number(s.lrMax, style: value),
            ],
        ]
        rows.append(Self.reachPieces(analysis, figures: figures, theme: theme))
        if fp.method != "faces" { rows.append(LinePiece.words("\(theme.star) found by \(fp.method)", style: label)) }
        // The other fixed points known, nearest to the solver first, while there is room above the advice.
        let others = analysis.otherFixedPoints
        let room = max(0, inner.height - 3 - rows.count - 2)
        for other in others.prefix(room) {
            rows.append([
                LinePiece("other ", style: label),
                .vector(other.w, precision: .decimals(3), maxItems: 5, style: theme.role(.fixedPoint), theme: theme),
                LinePiece("  ", style: label),
                LinePiece(other.stability.verdict.rawValue, style: theme.verdict(other.stability.verdict)),
                other.stability.lrMax.isInfinite
                    ? .optional("  lr_max any", style: label, rank: -1)
                    : LinePiece(
                        forms: NumberText.forms(other.stability.lrMax, precision: .significant(3)).map {
                            "  lr_max " + $0
                        } + [""],
                        style: label, rank: -1),
            ])
        }
        if others.count > room, room > 0 {
            rows[rows.count - 1] = LinePiece.words(
                "\(theme.ellipsis) \(others.count - room + 1) more fixed points known", style: label)
        }
        for (i, pieces) in rows.enumerated() where inner.y + 3 + i < inner.maxY {
            buffer.write(fitted: pieces, x: inner.x, y: inner.y + 3 + i, width: inner.width, theme: theme)
        }
        let adviceTop = inner.y + 3 + rows.count
        if adviceTop < inner.maxY {
            writeParagraph(
                Paragraph(advice(analysis: analysis, overflowed: figures.overflowed, theme: theme), style: label),
                area: Rect(x: inner.x, y: adviceTop, width: inner.width, height: inner.maxY - adviceTop),
                buffer: &buffer, theme: theme)
        }
    }

    /// Below this a distance or a step is rounding, not movement.
    static let noiseFloor = 1e-12

    /// "reached yes  r(w) 2e-16  ‖w_K - ★‖ 0": whether the call's output solved the inner problem (SPEC 7.1).
    static func reachPieces(_ analysis: Analysis, figures: TraceFigures, theme: Theme) -> [LinePiece] {
        let label = theme.role(.label), value = theme.role(.value)
        guard let reach = analysis.reach else { return [] }
        var pieces: [LinePiece] = [
            LinePiece("reached ", style: label),
            LinePiece(reach.reached ? "yes" : "no", style: theme.role(reach.reached ? .good : .warning)),
            LinePiece("  r(w) ", style: label), .number(reach.outputResidual, style: value),
        ]
        if let last = figures.distancesToFixedPoint.last {
            pieces += [
                .optional("  \(theme.norm)w_K - \(theme.star)\(theme.norm) ", style: label, rank: -1, group: 2),
                LinePiece(
                    forms: NumberText.forms(last, precision: .significant(3)) + [""], style: value, rank: -1, group: 2),
            ]
        }
        if let needed = reach.iterationsNeeded {
            pieces.append(.optional("  needs \(needed) iterations", style: label, rank: -2))
        } else if reach.beyondLimit {
            pieces.append(.optional("  needs more than \(Reach.iterationsLimit) iterations", style: label, rank: -2))
        }
        return pieces
    }

    /// Whether w* is unique, saying which: proven (and how), not unique (how many known), or not proven.
    static func uniquenessPieces(_ analysis: Analysis, theme: Theme) -> [LinePiece] {
        let fp = analysis.fixedPoint
        switch fp.unique {
        case true?:
            return [
                LinePiece("unique", style: theme.role(.good)),
                .optional(" (\(fp.uniqueness))", style: theme.role(.label)),
            ]
        case false?:
            let known = analysis.otherFixedPoints.count + 1
            return [
                LinePiece(known > 1 ? "\(known) fixed points known" : "not unique", style: theme.role(.warning)),
                .optional(known > 1 ? ": not unique" : " (\(fp.uniqueness))", style: theme.role(.label)),
            ]
        case nil:
            let why =
                fp.uniqueness.hasPrefix("not proven ")
                ? " " + fp.uniqueness.dropFirst("not proven ".count) : " (\(fp.uniqueness))"
            return [
                LinePiece("uniqueness not proven", style: theme.role(.warning)),
                .optional(why, style: theme.role(.label)),
            ]
        }
    }

    /// The sparklines' first column and width in a panel at `area`.
    static func sparkColumns(_ area: Rect) -> (x: Int, width: Int) {
        let inner = area.inset(by: 1)
        return (inner.x + Self.labelWidth, max(1, inner.width - labelWidth))
    }

    /// The iteration under a click on the sparklines, if the click is on one.
    public func point(x: Int, y: Int, area: Rect) -> Int? {
        let inner = area.inset(by: 1)
        let (sparkX, sparkWidth) = Self.sparkColumns(area)
        guard (inner.y...inner.y + 1).contains(y), x >= sparkX, x < sparkX + sparkWidth else { return nil }
        // The sparklines show the last sparkWidth of iterations 0...iters.
        let count = iterationCount + 1
        let hidden = max(0, count - sparkWidth)
        let k = hidden + x - sparkX
        return k < count ? k : nil
    }

    static let labelWidth = 16

    /// One sentence that says what the verdict means for this lr.
    func advice(analysis: Analysis, overflowed: Bool, theme: Theme) -> String {
        if overflowed {
            return
                "the iterates overflowed: \(theme.aHat) has entries up to \(NumberText.short(largestEntry)), too large for lr \(NumberText.parameter(lr))"
        }
        let s = analysis.stability
        guard let verdict = analysis.fact.verdict else {
            if s.isNeutral && analysis.fixedPoint.isVerified {
                return "\(theme.aHat) is zero to rounding: every point is a fixed point and the iterates do not move"
            }
            return
                "\(theme.star) is unverified (KKT residual \(NumberText.short(analysis.fixedPoint.residual)) > 1e-8): no verdict"
        }
        let reached = analysis.reach?.reached ?? false
        let needs = analysis.reach?.iterationsNeeded.map { " (it needs \($0))" } ?? ""
        switch verdict {
        case .converges where !reached:
            return "lr < lr_max: \(theme.star) attracts, but \(iterationCount) iterations stop short of it\(needs)"
        case .converges:
            return s.lrMax.isInfinite
                ? "w* is a vertex: it attracts at any lr, and the trail reached it"
                : "lr < lr_max: the trail reached \(theme.star) (r(w) <= 1e-3)"
        case .oscillates:
            return
                "lr > lr_max: steps overshoot \(theme.star); press l to lower lr below \(NumberText.short(s.lrMax))"
        case .diverges:
            return "\(theme.aHat) is not positive on this face: iterates are pushed away from \(theme.star)"
        }
    }
}
