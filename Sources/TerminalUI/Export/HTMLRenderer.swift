/// A frame as a web page: the SVG picture inline (vector dots and lines, selectable text) in a
/// page whose background matches the terminal's, for slides made in a browser. Written as
/// well-formed XML too, so XML tools read it.
public struct HTMLRenderer: Sendable {
    /// Draws the picture itself.
    public var svg: SVGRenderer

    /// A page renderer around `svg`.
    public init(svg: SVGRenderer = SVGRenderer()) {
        self.svg = svg
    }

    /// The page for `buffer`, titled `title`.
    public func html(_ buffer: Buffer, title: String) -> String {
        let background = svg.palette.background.hex
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <title>\(XMLText.escaped(title))</title>
            <style>body { margin: 0; padding: 1em; background: \(background); } svg { max-width: 100%; height: auto; }</style>
            </head>
            <body>
            \(svg.svg(buffer, title: title))</body>
            </html>

            """
    }
}
