import TerminalUI
import XCTest

/// Lines that shrink by whole pieces: shorter forms, then optional pieces dropped, then an ellipsis.
final class FittedLineTests: XCTestCase {
    func text(_ spans: [Span]) -> String { spans.map(\.text).joined() }

    func testShrinksLowestRankFirstThenDrops() {
        let pieces = [
            LinePiece(forms: ["residual ", "res "], rank: 0),
            LinePiece.number(1.11e-16, precision: .significant(3), rank: 1),
            LinePiece.optional("  (verified)", rank: -1),
        ]
        XCTAssertEqual(text(FittedLine.fit(pieces, width: 40)), "residual 1.11e-16  (verified)")
        XCTAssertEqual(text(FittedLine.fit(pieces, width: 17)), "residual 1.11e-16")
        XCTAssertEqual(text(FittedLine.fit(pieces, width: 16)), "res 1.11e-16")
        XCTAssertEqual(text(FittedLine.fit(pieces, width: 9)), "res 1e-16")
        // Below every form: whole pieces and an ellipsis, never "res 1.1".
        XCTAssertEqual(text(FittedLine.fit(pieces, width: 8)), "res …")
    }

    func testWordsEndWithAnEllipsisBetweenWords() {
        let line = LinePiece.words("start point w0: warm start (uniform on a first call)")
        for width in 1...60 {
            let shown = text(FittedLine.fit(line, width: width))
            XCTAssertLessThanOrEqual(displayWidth(of: shown), width)
            let words = shown.split(separator: " ").map(String.init).filter { $0 != "…" }
            let full = Set(
                "start point w0: warm start (uniform on a first call)".split(separator: " ").map(String.init))
            XCTAssertTrue(words.allSatisfy(full.contains), "a word was cut at width \(width): \(shown)")
        }
        XCTAssertEqual(text(FittedLine.fit(line, width: 30)), "start point w0: warm start …")
    }

    func testStylesStayWithTheirPieces() {
        let red = Style(fg: .red)
        let spans = FittedLine.fit([LinePiece("a "), LinePiece("bb", style: red)], width: 10)
        XCTAssertEqual(spans, [Span("a "), Span("bb", style: red)])
    }

    func testTitlesDropWholePhrasesFromTheEnd() {
        let phrases = ["Matrix: A = J1 J2ᵀ", " and Â = A / (s² + 1e-8)", " (yellow: asymmetric)"]
        XCTAssertEqual(
            FittedLine.title(phrases, width: 80), "Matrix: A = J1 J2ᵀ and Â = A / (s² + 1e-8) (yellow: asymmetric)")
        XCTAssertEqual(FittedLine.title(phrases, width: 50), "Matrix: A = J1 J2ᵀ and Â = A / (s² + 1e-8)")
        XCTAssertEqual(FittedLine.title(phrases, width: 40), "Matrix: A = J1 J2ᵀ")
        XCTAssertEqual(FittedLine.title(phrases, width: 13), "Matrix: A = …")
        XCTAssertEqual(FittedLine.title(phrases, width: 12), "Matrix: A …")
    }

    func testZeroWidthGivesNothing() {
        XCTAssertEqual(FittedLine.fit([LinePiece("abc")], width: 0), [])
    }
}
