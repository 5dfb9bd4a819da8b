import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads back what an SVG picture of a frame shows, with Foundation's XML parser and nothing of
/// the renderer: its size, its colours, its braille dots and its text content, as defined in
/// SVGRenderer's documentation (text elements at column x / cell width, baseline row; vector
/// groups' `data-ch` at their translate).
final class PictureReader: NSObject, XMLParserDelegate {
    /// One element as parsed, with the translation of the group it is in.
    struct Element {
        let name: String, attributes: [String: String], origin: (x: Double, y: Double)
        var text = ""
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private var origins: [(Double, Double)] = [(0, 0)]
    /// The parser's error, nil when the document is well formed.
    private(set) var error: Error?

    /// Parses `document`; `error` says whether it was well-formed XML.
    init(_ document: String) {
        super.init()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? NSError(domain: "xml", code: 1) }
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        var origin = origins.last!
        if let t = attributes["transform"] {
            let numbers = t.dropFirst("translate(".count).dropLast().split(separator: " ").compactMap { Double($0) }
            origin = (origin.0 + numbers[0], origin.1 + numbers[1])
        }
        origins.append(origin)
        elements.append(Element(name: name, attributes: attributes, origin: origin))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        origins.removeLast()
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    /// The root `<svg>` element's attributes.
    var root: [String: String] { elements.first { $0.name == "svg" }?.attributes ?? [:] }
    var cellWidth: Double { Double(root["data-cell-width"] ?? "") ?? .nan }
    var cellHeight: Double { Double(root["data-cell-height"] ?? "") ?? .nan }
    var columns: Int { Int(root["data-columns"] ?? "") ?? -1 }
    var rows: Int { Int(root["data-rows"] ?? "") ?? -1 }

    /// Every colour named by a fill or stroke (`none` left out).
    var colors: Set<String> {
        Set(
            elements.flatMap { [$0.attributes["fill"], $0.attributes["stroke"]] }.compactMap { $0 }.filter {
                $0 != "none"
            })
    }

    /// The picture's text: W columns by H rows of what its text elements and vector groups hold.
    func textContent() -> [String] {
        var grid = Array(repeating: Array(repeating: " " as Character, count: max(columns, 0)), count: max(rows, 0))
        func place(_ text: String, column: Int, row: Int) {
            var c = column
            for ch in text {
                guard grid.indices.contains(row), grid[row].indices.contains(c) else { c += 1; continue }
                grid[row][c] = ch
                // A wide character covers the next column too; the text form shows only it.
                if isWide(ch) { c += 1; if grid[row].indices.contains(c) { grid[row][c] = "\u{0}" } }
                c += 1
            }
        }
        for e in elements {
            if e.name == "text", let x = Double(e.attributes["x"] ?? ""), let y = Double(e.attributes["y"] ?? "") {
                place(
                    e.text, column: Int((e.origin.x + x) / cellWidth),
                    row: Int(((e.origin.y + y) / cellHeight).rounded(.down)))
            } else if let ch = e.attributes["data-ch"] {
                place(
                    ch, column: Int((e.origin.x / cellWidth).rounded()), row: Int((e.origin.y / cellHeight).rounded()))
            }
        }
        return grid.map { String($0.filter { $0 != "\u{0}" }) }
    }

    /// The braille dots drawn per cell: (column, row) -> bits in the Unicode braille numbering.
    func brailleDots() -> [[Int]: UInt8] {
        var dots: [[Int]: UInt8] = [:]
        for e in elements where e.name == "circle" {
            let x = e.origin.x + Double(e.attributes["cx"]!)!, y = e.origin.y + Double(e.attributes["cy"]!)!
            let column = Int(x / cellWidth), row = Int(y / cellHeight)
            let dx = Int((x - Double(column) * cellWidth) / (cellWidth / 2))  // 0 or 1
            let dy = Int((y - Double(row) * cellHeight) / (cellHeight / 4))  // 0 ... 3
            // Unicode's braille dots: 1 2 3 down the left, 4 5 6 down the right, then 7 (left) and 8 (right) below.
            let dot = dy == 3 ? (dx == 0 ? 7 : 8) : (dx == 0 ? dy + 1 : dy + 4)
            dots[[column, row], default: 0] |= UInt8(1 << (dot - 1))
        }
        return dots
    }

    /// Whether the terminal gives `ch` two columns (the few wide characters the tests use).
    private func isWide(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
    }
}
