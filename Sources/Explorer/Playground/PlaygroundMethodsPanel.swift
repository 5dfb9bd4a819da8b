import SDMGrad
import TerminalUI

/// The methods, each with its colour and where its run from each start is at the shown step (x1:
/// on the Pareto set, x1 says which trade-off the method reached).
enum PlaygroundMethodsPanel {
    /// Draws the panel.
    static func render(_ state: PlaygroundState, area: Rect, buffer: inout Buffer, theme: Theme) {
        let inner = panel(
            [
                "methods (1-\(ToyMethod.allCases.count)) \(theme.middleDot) x1 on the "
                    + (area.width >= 44 ? "Pareto set" : "set")
            ], area: area, buffer: &buffer, theme: theme)
        guard inner.width > 10, inner.height > 0 else { return }
        let label = theme.role(.label)
        let nameWidth = 15, column = 7
        let starts = min(state.inputs.starts.count, max(0, (inner.width - nameWidth) / column))
        var header = String(repeating: " ", count: nameWidth)
        for i in 0..<starts { header += pad("start\(i + 1)", to: column) }
        buffer.write(header, x: inner.x, y: inner.y, style: label, maxWidth: inner.width)
        for (index, method) in ToyMethod.allCases.enumerated() {
            let y = inner.y + 1 + index
            guard y < inner.maxY else { break }
            let shown = state.inputs.methods.contains(method)
            var x = inner.x
            x += buffer.write("\(index + 1)", x: x, y: y, style: label)
            x += buffer.write(
                theme.unicodeText ? "━━" : "--", x: x, y: y, style: shown ? theme.toyMethod(method) : label)
            buffer.write(" " + method.rawValue, x: x, y: y, style: shown ? .plain : label, maxWidth: nameWidth - 3)
            guard shown else {
                buffer.write(
                    "hidden", x: inner.x + nameWidth + 2, y: y, style: label, maxWidth: inner.width - nameWidth - 2)
                continue
            }
            for i in 0..<starts {
                let cx = inner.x + nameWidth + i * column
                guard let run = state.run(method, start: i) else { continue }
                if let failure = run.failure {
                    buffer.write(
                        pad(failure.isEmpty ? "?" : "failed", to: column), x: cx, y: y, style: theme.role(.warning))
                } else if run.stepsDone > state.step || run.isFinished, let r = run.recordIndex(atStep: state.step) {
                    // x1 says where on the Pareto set a run is; a run away from the set says so instead.
                    let x = run.trajectory.point(r)
                    let onSet = ToyParetoSet.distance(from: x) <= offSetDistance
                    buffer.write(
                        pad(onSet ? NumberText.fixed(x.x, decimals: 2) : "off", to: column), x: cx, y: y,
                        style: onSet ? .plain : label)
                } else {
                    buffer.write(
                        pad("\(Int(100 * Double(run.stepsDone) / Double(run.settings.steps)))%", to: column), x: cx,
                        y: y, style: label)
                }
            }
        }
    }

    /// Farther than this from the Pareto segment, a run is shown as "off" the set.
    static let offSetDistance = 0.5

}
