import Foundation
import XCTest

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `render --format svg|html` from the real binary: well-formed XML of the frame's size, holding
/// the same characters as `render --format text` of the same frame, colours switched off by
/// `--color never` and NO_COLOR, bad formats refused in one line.
final class RenderPictureTests: XCTestCase {
    /// Collects every text element's characters, every `data-ch` and the colours named.
    final class Collector: NSObject, XMLParserDelegate {
        var root: [String: String] = [:], characters = "", colors = Set<String>()
        private var inText = 0
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "svg" { root = attributes }
            if name == "text" { inText += 1 }
            characters += attributes["data-ch"] ?? ""
            for key in ["fill", "stroke"] { if let c = attributes[key], c != "none" { colors.insert(c) } }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { inText -= 1 }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText > 0 { characters += string } }
    }

    func render(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let r = try BinaryLocator.runProgram(
            try BinaryLocator.binary(), ["render"] + arguments, environment: environment, timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    func parsed(_ document: String, file: StaticString = #filePath, line: UInt = #line) -> Collector {
        let collector = Collector()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = collector
        XCTAssertTrue(
            parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))", file: file, line: line)
        return collector
    }

    /// Non-space characters with their counts (the text form's order is the picture's geometry, tested in ExplorerTests).
    func tally(_ text: String) -> [Character: Int] {
        text.filter { $0 != " " && $0 != "\n" }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    func testSVGHoldsTheTextFramesCharactersAtItsSize() throws {
        let arguments = ["--preset", "spread-3", "--size", "100x30", "--keys", "nnx"]
        let text = try render(arguments + ["--format", "text"])
        let svg = try render(arguments + ["--format", "svg", "--color", "always"])
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let picture = parsed(svg)
        XCTAssertEqual(picture.root["data-columns"], "100")
        XCTAssertEqual(picture.root["data-rows"], "30")
        XCTAssertEqual(tally(picture.characters), tally(text))
        XCTAssertGreaterThan(picture.colors.count, 5, "a coloured picture")
        let html = try render(arguments + ["--format", "html", "--color", "always"])
        XCTAssertTrue(html.contains(svg), "the page holds the same picture")
        XCTAssertEqual(tally(parsed(html).characters), tally(text))
    }

    func testColourCanBeSwitchedOff() throws {
        let never = parsed(try render(["--format", "svg", "--color", "never"]))
        let noColor = parsed(try render(["--format", "svg"], environment: ["NO_COLOR": "1"]))
        XCTAssertEqual(never.colors.count, 2, "only the default text and background: \(never.colors)")
        XCTAssertEqual(noColor.colors, never.colors)
        XCTAssertGreaterThan(
            parsed(try render(["--format", "svg", "--color", "always"], environment: ["NO_COLOR": "1"])).colors.count, 2
        )
        // An empty NO_COLOR does not count (no-color.org).
        XCTAssertGreaterThan(parsed(try render(["--format", "svg"], environment: ["NO_COLOR": ""])).colors.count, 2)
    }

    func testUnknownFormatIsOneLine() throws {
        let r = try BinaryLocator.run(["render", "--format", "pdf"], timeout: 30)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stdout.isEmpty)
        XCTAssertTrue(r.stderr.contains("pdf"), r.stderr)
    }
}
