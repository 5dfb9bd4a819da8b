import SDMGrad
import TerminalUI

/// The top three rows: title, parameters and iteration, and the weights and direction now.
enum Header {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let p = state.parameters
        let s = state.scenario
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style: theme.headerStyle))
        let preset = state.presetIndex.map { "preset \($0 + 1)/\(state.presets.count) " } ?? ""
        buffer.write(" SDMGrad explorer \(theme.separator) \(s.name): \(s.title)", x: area.x, y: area.y,
                     style: theme.headerStyle.bolded(), maxWidth: area.width)
        var right = "\(preset)m = \(state.m) "
        if let follow = state.follow {
            let age = follow.secondsSinceLastCall.map { "last \($0) s ago" } ?? "waiting"
            let status = follow.problem == nil ? "following: \(state.computation.calls.count) calls, \(age)"
                : "stopped following after \(state.computation.calls.count) calls"
            right = status + "  " + right
        }
        buffer.write(right, x: area.maxX - displayWidth(of: right), y: area.y, style: theme.headerStyle)

        var spans: [Span] = [
            Span(" \(theme.lambda) ", style: theme.labelStyle), Span(format(p.lambda), style: theme.emphasis),
            Span("  lr ", style: theme.labelStyle), Span(format(p.lr), style: theme.emphasis),
            Span("  momentum ", style: theme.labelStyle), Span(format(p.momentum), style: theme.emphasis),
            Span("  iters ", style: theme.labelStyle), Span("\(p.iters)", style: theme.emphasis),
            Span("  variant ", style: theme.labelStyle), Span(p.variant.rawValue, style: theme.emphasis),
            Span("  \(theme.separator) iteration ", style: theme.labelStyle),
            Span("\(state.iteration)/\(p.iters)", style: theme.emphasis.fg(.brightYellow)),
            Span("  " + (state.playing ? theme.play : theme.pause), style: state.playing ? theme.good : theme.labelStyle),
        ]
        if state.computation.calls.count > 1 {
            spans.append(Span("  call \(state.computation.shownCall + 1)/\(state.computation.calls.count)", style: theme.warning))
        }
        if state.editing { spans.append(Span("  EDIT task \(state.selectedTask + 1)", style: theme.warning.reversed())) }
        if state.isAnalyzing { spans.append(Span("  \(theme.ellipsis)analyzing", style: theme.labelStyle)) }
        buffer.write(spans, x: area.x, y: area.y + 1, maxWidth: area.width)

        var line: [Span] = [Span(" weights ", style: theme.labelStyle)]
        if let weights = state.shownWeights {
            line.append(Span(NumberFormat.vector(weights, digits: 3, maxItems: 6), style: theme.emphasis))
        } else {
            line.append(Span(state.computation.failure ?? "-", style: theme.danger))
        }
        if let d = state.shownDirection {
            line.append(Span("   d = J\(theme.transpose) weights ", style: theme.labelStyle))
            line.append(Span(NumberFormat.vector(d, maxItems: 4), style: Style(fg: theme.directionColor, bold: true)))
            line.append(Span("  \(theme.norm)d\(theme.norm) ", style: theme.labelStyle))
            line.append(Span(NumberFormat.short(euclideanNorm(d)), style: theme.emphasis))
        } else if let d = state.shownDirectionEmbedded {
            line.append(Span("   d (embedded) ", style: theme.labelStyle))
            line.append(Span(NumberFormat.vector(d, maxItems: 4), style: Style(fg: theme.directionColor, bold: true)))
        }
        buffer.write(line, x: area.x, y: area.y + 2, maxWidth: area.width)
    }
}

/// The bottom row: the message, or the most useful keys.
enum StatusLine {
    static func render(_ state: ExplorerState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let hint = ExplorerKeymap.main.hint(width: area.width - 2)
            .split(separator: "λ", omittingEmptySubsequences: false).joined(separator: theme.lambda)
        let left = state.message.isEmpty ? hint : state.message
        let style = state.message.isEmpty ? theme.headerStyle : theme.headerStyle.fg(.yellow)
        StatusBar(left: [Span(" " + left, style: style)], right: [], fillStyle: theme.headerStyle).render(area: area, buffer: &buffer)
    }
}

