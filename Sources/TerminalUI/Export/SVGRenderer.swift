/// Turns a frame (a `Buffer`) into an SVG picture with its exact colours: backgrounds as
/// rectangles, text in a monospace font, and braille dots, block elements and box-drawing lines
/// as vector shapes, so the picture looks right in any viewer and at any zoom.
///
/// Text content: every non-blank cell appears once, either inside a `<text>` element (its
/// characters fill consecutive columns from column x / cellWidth of row floor(y / cellHeight),
/// y being the baseline) or as a vector group with a `data-ch` attribute holding the characters of
/// its cells, placed by `transform="translate(x y)"` at its first cell. Writing these strings into
/// a grid of spaces gives back `Buffer.lines()` exactly. Pure: the same buffer gives the same bytes.
public struct SVGRenderer: Sendable {
    /// The colours of the terminal being pictured.
    public var palette: ExportPalette
    /// A cell's size in picture units: a monospace font's advance is about 0.6 of its size.
    public var cellWidth = 9, cellHeight = 18
    /// The font size of text.
    public var fontSize = 15
    /// Fonts tried in order; the last is the generic family every viewer has.
    public var fontFamily = "'DejaVu Sans Mono', 'Menlo', 'Consolas', 'Liberation Mono', monospace"
    /// Braille dot radius as a fraction of the cell's width.
    public var dotRadius = 0.17
    /// Width of a light box line as a fraction of the cell's width (heavy lines are twice as wide).
    public var lineWidth = 0.13
    /// False draws every cell in the default colours, keeping bold, dim, reverse and underline (NO_COLOR).
    public var usesColor = true

    /// A renderer for `palette`.
    public init(palette: ExportPalette = .dark) {
        self.palette = palette
    }

    /// The picture of `buffer` as a standalone SVG document; `title` names it for screen readers and viewers.
    public func svg(_ buffer: Buffer, title: String? = nil) -> String {
        let w = buffer.width * cellWidth, h = buffer.height * cellHeight
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\""
        out +=
            " data-columns=\"\(buffer.width)\" data-rows=\"\(buffer.height)\" data-cell-width=\"\(cellWidth)\" data-cell-height=\"\(cellHeight)\">\n"
        if let title { out += "<title>\(XMLText.escaped(title))</title>\n" }
        out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"\(palette.background.hex)\"/>\n"
        let rows = (0..<buffer.height).map { cells(of: buffer, row: $0) }
        out += "<g class=\"backgrounds\">\n"
        for (y, row) in rows.enumerated() { out += backgrounds(row, y: y) }
        out += "</g>\n<g class=\"glyphs\">\n"
        for (y, row) in rows.enumerated() { for run in runs(row) where run.shape != .text { out += glyphs(run, y: y) } }
        out +=
            "</g>\n<g class=\"text\" font-family=\"\(XMLText.escaped(fontFamily))\" font-size=\"\(fontSize)\" xml:space=\"preserve\">\n"
        for (y, row) in rows.enumerated() { for run in runs(row) where run.shape == .text { out += text(run, y: y) } }
        out += "</g>\n</svg>\n"
        return out
    }

    /// One cell as drawn: its column, characters (nil for a blank), shape, columns and colours.
    struct PlacedCell {
        let x: Int, character: Character?, shape: GlyphShape, columns: Int, style: Style, ink: RGB, paper: RGB?
    }

    /// A row's cells with their shapes; blanks, continuation halves and characters the text form shows as spaces have no character.
    func cells(of buffer: Buffer, row y: Int) -> [PlacedCell] {
        var out: [PlacedCell] = []
        var x = 0
        while x < buffer.width {
            let cell = buffer[x, y]
            let style = usesColor ? cell.style : cell.style.withoutColor()
            let colors = palette.colors(of: style)
            var character: Character? = cell.character
            var columns = 1
            // As Buffer.line: a continuation, a zero-width grapheme or a wide one cut at the edge shows as a space.
            if cell.isContinuation || cell.columns == 0 || (cell.columns == 2 && x + 1 >= buffer.width) {
                character = nil
            } else if cell.columns == 2 {
                columns = 2
            }
            if character == " " { character = nil }
            let shape = character.map(GlyphShape.of) ?? .text
            out.append(
                PlacedCell(
                    x: x, character: character, shape: shape, columns: columns, style: style, ink: colors.ink,
                    paper: colors.paper))
            if columns == 2 {
                // The right half keeps the wide grapheme's background.
                out.append(
                    PlacedCell(
                        x: x + 1, character: nil, shape: .text, columns: 1, style: style, ink: colors.ink,
                        paper: colors.paper))
            }
            x += columns
        }
        return out
    }

    /// Rectangles for the row's non-default backgrounds, one per run of equal colour.
    func backgrounds(_ row: [PlacedCell], y: Int) -> String {
        var out = ""
        var start = 0
        while start < row.count {
            var end = start + 1
            while end < row.count && row[end].paper == row[start].paper { end += 1 }
            if let paper = row[start].paper {
                out +=
                    "<rect x=\"\(row[start].x * cellWidth)\" y=\"\(y * cellHeight)\" width=\"\((row[end - 1].x + 1 - row[start].x) * cellWidth)\" height=\"\(cellHeight)\" fill=\"\(paper.hex)\"/>\n"
            }
            start = end
        }
        return out
    }

    /// Cells drawn as one element: same kind of shape, same ink and text attributes, side by side.
    struct Run {
        let x: Int, cells: [PlacedCell], shape: GlyphShape
        var text: String { String(cells.compactMap(\.character)) }
    }

    /// The row's non-blank cells grouped into runs; a text run may hold spaces between its characters.
    func runs(_ row: [PlacedCell]) -> [Run] {
        /// What must match for two cells to share an element.
        func key(_ c: PlacedCell) -> String {
            let kind: String
            switch c.shape {
            case .text: kind = c.columns == 2 ? "wide" : "text"
            case .braille: kind = "braille"
            case .blocks(_, let opacity): kind = "blocks \(opacity)"
            case .lines(_, let heavy, _): kind = heavy ? "heavy" : "light"
            }
            return "\(kind) \(c.ink.hex) \(c.style.bold) \(c.style.dim) \(c.style.underline)"
        }
        var out: [Run] = []
        var i = 0
        while i < row.count {
            guard row[i].character != nil else { i += 1; continue }
            let k = key(row[i])
            var j = i + 1, last = i
            // Wide graphemes stand alone, so each keeps its two columns whatever the font.
            if !k.hasPrefix("wide") {
                while j < row.count {
                    if row[j].character == nil {
                        // Spaces join a text run only when the same style continues after them.
                        guard k.hasPrefix("text"), row[j].style == row[i].style else { break }
                    } else if key(row[j]) != k {
                        break
                    } else {
                        last = j
                    }
                    j += 1
                }
            }
            let cells = Array(row[i...last])
            out.append(Run(x: row[i].x, cells: cells, shape: row[i].shape == .text ? .text : cells[0].shape))
            i = last + 1
        }
        return out
    }

    /// A text run: one `<text>` whose length is pinned to its columns, so fonts cannot drift.
    func text(_ run: Run, y: Int) -> String {
        let first = run.cells[0]
        let columns = run.cells.reduce(0) { $0 + $1.columns }
        let baseline = Double(y * cellHeight) + Double(cellHeight) * 0.75
        var attributes = "x=\"\(run.x * cellWidth)\" y=\"\(XMLText.number(baseline))\" fill=\"\(first.ink.hex)\""
        if first.style.bold { attributes += " font-weight=\"bold\"" }
        if first.style.dim { attributes += " opacity=\"0.6\"" }
        if first.style.underline { attributes += " text-decoration=\"underline\"" }
        if columns > 1 { attributes += " textLength=\"\(columns * cellWidth)\" lengthAdjust=\"spacingAndGlyphs\"" }
        let characters = run.cells.map { $0.character.map(String.init) ?? " " }.joined()
        return "<text \(attributes)>\(XMLText.escaped(characters))</text>\n"
    }

    /// A run of braille, block or box cells as shapes in coordinates local to its first cell.
    func glyphs(_ run: Run, y: Int) -> String {
        let first = run.cells[0]
        let cw = Double(cellWidth), ch = Double(cellHeight)
        let place =
            "transform=\"translate(\(run.x * cellWidth) \(y * cellHeight))\" data-ch=\"\(XMLText.escaped(run.text))\""
        let opacity = first.style.dim ? " opacity=\"0.6\"" : ""
        switch first.shape {
        case .text:
            return ""
        case .braille:
            var dots = ""
            for cell in run.cells {
                guard case .braille(let bits) = cell.shape else { continue }
                let left = Double(cell.x - run.x) * cw
                for bit in 0..<8 where bits & (1 << bit) != 0 {
                    let dot = GlyphShape.brailleDot(bit: bit)
                    dots +=
                        "<circle cx=\"\(XMLText.number(left + cw * Double(1 + 2 * dot.column) / 4))\" cy=\"\(XMLText.number(ch * Double(1 + 2 * dot.row) / 8))\" r=\"\(XMLText.number(cw * dotRadius))\"/>"
                }
            }
            return "<g \(place) fill=\"\(first.ink.hex)\"\(opacity)>\(dots)</g>\n"
        case .blocks(_, let shade):
            var d = ""
            for cell in run.cells {
                guard case .blocks(let rects, _) = cell.shape else { continue }
                let left = Double(cell.x - run.x) * cw
                for r in rects {
                    d +=
                        "M\(XMLText.number(left + r.x * cw)) \(XMLText.number(r.y * ch))h\(XMLText.number(r.width * cw))v\(XMLText.number(r.height * ch))h\(XMLText.number(-r.width * cw))z"
                }
            }
            let alpha = shade < 1 ? " fill-opacity=\"\(XMLText.number(shade))\"" : ""
            return "<path \(place) fill=\"\(first.ink.hex)\"\(alpha)\(opacity) d=\"\(d)\"/>\n"
        case .lines(_, let heavy, _):
            var d = ""
            for cell in run.cells {
                guard case .lines(let arms, _, let rounded) = cell.shape else { continue }
                d += linePath(arms: arms, rounded: rounded, left: Double(cell.x - run.x) * cw)
            }
            let width = cw * lineWidth * (heavy ? 2 : 1)
            return
                "<path \(place) fill=\"none\" stroke=\"\(first.ink.hex)\" stroke-width=\"\(XMLText.number(width))\"\(opacity) d=\"\(d)\"/>\n"
        }
    }

    /// The path of one box-drawing cell: a corner is one bent (or rounded) line, other arms straight lines through the centre.
    func linePath(arms: BoxArms, rounded: Bool, left: Double) -> String {
        let cw = Double(cellWidth), ch = Double(cellHeight)
        let cx = left + cw / 2, cy = ch / 2
        func n(_ x: Double) -> String { XMLText.number(x) }
        let horizontal = arms.intersection([.left, .right]), vertical = arms.intersection([.up, .down])
        if horizontal.rawValue.nonzeroBitCount == 1 && vertical.rawValue.nonzeroBitCount == 1 {
            let hx = arms.contains(.left) ? left : left + cw
            let vy = arms.contains(.up) ? 0 : ch
            if rounded {
                let r = cw / 2, sx = hx < cx ? -1.0 : 1.0, sy = vy < cy ? -1.0 : 1.0
                return "M\(n(hx)) \(n(cy))H\(n(cx + sx * r))Q\(n(cx)) \(n(cy)) \(n(cx)) \(n(cy + sy * r))V\(n(vy))"
            }
            return "M\(n(hx)) \(n(cy))H\(n(cx))V\(n(vy))"
        }
        var d = ""
        if !horizontal.isEmpty {
            d += "M\(n(arms.contains(.left) ? left : cx)) \(n(cy))H\(n(arms.contains(.right) ? left + cw : cx))"
        }
        if !vertical.isEmpty {
            d += "M\(n(cx)) \(n(arms.contains(.up) ? 0 : cy))V\(n(arms.contains(.down) ? ch : cy))"
        }
        return d
    }
}
