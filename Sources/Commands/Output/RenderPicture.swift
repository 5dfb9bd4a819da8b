import Explorer
import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// `render --format svg|html`: the frame as a picture for slides (TerminalUI's SVG renderer).
enum RenderPicture {
    /// The SVG (or the HTML page around it) of `frame`; colours follow `color` as the terminal's would.
    static func document(_ frame: Buffer, html: Bool, title: String, color: ColorMode) -> String {
        var renderer = SVGRenderer()
        renderer.usesColor = color.usesColor(
            noColorVariable: getenv("NO_COLOR").map { String(cString: $0) }, terminalHasColors: true)
        return html ? HTMLRenderer(svg: renderer).html(frame, title: title) : renderer.svg(frame, title: title)
    }

    /// What the picture shows: the program and the scenario (or the playground).
    static func title(_ app: ExplorerApp) -> String {
        if app.mode == .playground { return "sdmgrad-explorer: training playground" }
        return "sdmgrad-explorer: " + ((app.inner ?? app.explorer)?.scenario.name ?? "explorer")
    }
}
