import TerminalUI
import XCTest

/// Numbers fitted to a width: exact forms for known cases, and for random numbers at every width
/// the properties that matter (fits, parses back, is a rounding of the input).
final class NumberTextTests: XCTestCase {
    func testKnownForms() {
        XCTAssertEqual(NumberText.fit(1.11e-16, width: 8), "1.11e-16")
        XCTAssertEqual(NumberText.fit(1.11e-16, width: 7), "1.1e-16")
        XCTAssertEqual(NumberText.fit(1.11e-16, width: 5), "1e-16")
        XCTAssertNil(NumberText.fit(1.11e-16, width: 4))
        XCTAssertEqual(NumberText.fit(7.1349e-3, width: 20), "0.007135")
        XCTAssertEqual(NumberText.fit(7.1349e-3, width: 5), "0.007")
        XCTAssertEqual(NumberText.fit(7.1349e-3, width: 4), "7e-3")
        XCTAssertEqual(NumberText.fit(123456.7, width: 20), "1.235e+05")
        XCTAssertEqual(NumberText.fit(123456.7, width: 5), "1e+05")
        XCTAssertEqual(NumberText.fit(123456.7, width: 4), "1e5")
        XCTAssertEqual(NumberText.fit(12345.6, width: 5), "12346")
        XCTAssertEqual(NumberText.fit(12345.6, width: 4), "1e4")
        XCTAssertEqual(NumberText.fit(-0.5, width: 4), "-0.5")
        XCTAssertEqual(NumberText.fit(0.33333, width: 20), "0.3333")
        XCTAssertEqual(NumberText.fit(0.33333, width: 3), "0.3")
        XCTAssertEqual(NumberText.fit(0, width: 1), "0")
        XCTAssertEqual(NumberText.fit(9.99996, width: 20), "10")
        XCTAssertEqual(NumberText.fit(0.5, width: 20), "0.5")
        XCTAssertEqual(NumberText.fit(0.5, width: 5, precision: .decimals(3)), "0.500")
        XCTAssertEqual(NumberText.fit(0.5, width: 4, precision: .decimals(3)), "0.50")
        XCTAssertEqual(NumberText.fit(0.25, width: 1, precision: .decimals(3)), "0")
        XCTAssertEqual(NumberText.fit(.nan, width: 20), "NaN(diverged)")
        XCTAssertNil(NumberText.fit(.infinity, width: 5))
    }

    /// Forms only get narrower, so a line that shrinks a number form by form never trades digits for an
    /// exponent: 2.18 goes "2.18", "2.2", "2", never "2e0" (the Matrix panel's "s = 2e0").
    func testFormsOnlyGetNarrower() {
        XCTAssertEqual(NumberText.forms(2.18, precision: .significant(4)), ["2.18", "2.2", "2"])
        XCTAssertEqual(NumberText.forms(0.5, precision: .decimals(3)), ["0.500", "0.50", "0.5", "1"])
        XCTAssertEqual(NumberText.forms(1.11e-16, precision: .significant(3)), ["1.11e-16", "1.1e-16", "1e-16"])
        var random = SeededGenerator(state: 21)
        for _ in 0..<2000 {
            let x =
                Double.random(in: -1e3...1e3, using: &random) * pow10(Double(Int.random(in: -20...20, using: &random)))
            for precision in [NumberPrecision.significant(4), .decimals(3)] {
                let forms = NumberText.forms(x, precision: precision)
                for (a, b) in zip(forms, forms.dropFirst()) { XCTAssertLessThan(b.count, a.count, "\(x): \(forms)") }
                XCTAssertFalse(forms.contains { $0.hasSuffix("e0") }, "\(x): \(forms)")
            }
        }
    }

    /// "s = 2.18" in a line too narrow for what follows: the number keeps the digits that fit, the rest is cut.
    func testAFittedLineKeepsTheDigitsThatFit() {
        let pieces = [
            LinePiece("s = "), .number(2.18), .optional(" = mean sqrt(A_ii)", rank: -1),
            LinePiece(forms: ["  clamped to 0:", "  clamped:"], rank: 0), LinePiece(" A₁₅,₁₅"),
        ]
        func text(_ width: Int) -> String { FittedLine.fit(pieces, width: width).map(\.text).joined() }
        XCTAssertEqual(text(80), "s = 2.18 = mean sqrt(A_ii)  clamped to 0: A₁₅,₁₅")
        XCTAssertEqual(text(30), "s = 2.18  clamped to 0: A₁₅,₁₅")
        XCTAssertEqual(text(9), "s = 2.18…")
        XCTAssertEqual(text(8), "s = 2.2…")
        XCTAssertEqual(text(6), "s = 2…")
        XCTAssertEqual(text(5), "s = …")
        for width in 1...60 {
            let shown = text(width)
            XCTAssertLessThanOrEqual(displayWidth(of: shown), width)
            XCTAssertFalse(shown.contains("e0"), shown)
        }
    }

    func testVectorsDropDigitsThenEntries() {
        let xs = [0.123456, 0.5, 0.376544]
        XCTAssertEqual(NumberText.vector(xs, width: 40), "[0.1235, 0.5, 0.3765]")
        XCTAssertEqual(NumberText.vector(xs, width: 20), "[0.123, 0.5, 0.377]")
        XCTAssertEqual(NumberText.vector(xs, width: 17), "[0.12, 0.5, 0.38]")
        XCTAssertEqual(NumberText.vector(xs, width: 15), "[0.1, 0.5, 0.4]")
        XCTAssertEqual(
            NumberText.vector([0.25, 0.25, 0.25, 0.25], width: 40, precision: .decimals(3)),
            "[0.250, 0.250, 0.250, 0.250]")
        let many = (0..<10).map { Double($0) / 10 }
        XCTAssertEqual(
            NumberText.vector(many, width: 200, precision: .decimals(1), maxItems: 4), "[0.0, 0.1, 0.2, …+6, 0.9]")
        XCTAssertNil(NumberText.vector(xs, width: 3))
    }

    /// Every form at every width fits, parses back, and is within half a unit of its last digit of x.
    func testRandomNumbersFitAndRoundConsistently() {
        var random = SeededGenerator(state: 12)
        var checked = 0
        for _ in 0..<3000 {
            let exponent = Double.random(in: -20...20, using: &random)
            let sign: Double = Bool.random(using: &random) ? 1 : -1
            let x = sign * Double.random(in: 1...9.999, using: &random) * pow10(exponent.rounded(.down))
            for precision in [NumberPrecision.significant(4), .decimals(3)] {
                for width in 1...12 {
                    guard let text = NumberText.fit(x, width: width, precision: precision) else {
                        // Only the narrowest widths may have no form: "1e-5" needs 4 columns, "-1e-16" six.
                        XCTAssertLessThan(width, 7, "\(x) has no form in \(width) columns")
                        continue
                    }
                    XCTAssertLessThanOrEqual(text.count, width, "\(text) for \(x)")
                    XCTAssertTrue(isRounding(text, of: x), "\(text) is not a rounding of \(x)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 50_000)
    }

    func testWiderNeverLosesPrecision() {
        var random = SeededGenerator(state: 3)
        for _ in 0..<500 {
            let x =
                Double.random(in: -1e6...1e6, using: &random) * pow10(Double(Int.random(in: -12...0, using: &random)))
            var previous: Double?
            for width in 1...14 {
                guard let text = NumberText.fit(x, width: width), let y = Double(text) else { continue }
                let error = abs(y - x)
                if let previous { XCTAssertLessThanOrEqual(error, previous * (1 + 1e-12), "\(x) at \(width): \(text)") }
                previous = error
            }
        }
    }

    func pow10(_ e: Double) -> Double { (0..<Int(abs(e))).reduce(1.0) { r, _ in e < 0 ? r / 10 : r * 10 } }
}

/// Whether `text` parses as a number within half a unit of its last shown digit of `x`.
func isRounding(_ text: String, of x: Double) -> Bool {
    guard let y = Double(text) else { return false }
    let parts = text.lowercased().split(separator: "e", maxSplits: 1)
    let mantissa = parts[0]
    let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    let decimals = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
    var place = 1.0
    for _ in 0..<abs(exponent - decimals) { place = exponent - decimals < 0 ? place / 10 : place * 10 }
    return abs(y - x) <= 0.5 * place * (1 + 1e-9) + abs(x) * 1e-15
}

extension NumberTextTests {
    /// The playground's settings, axis ends and train's table cells, each against its written-out rule.
    func testCompactAxisAndCellForms() {
        // compact: integers without a point, short decimals as typed, longer ones at two decimals.
        XCTAssertEqual(NumberText.compact(8), "8")
        XCTAssertEqual(NumberText.compact(-8.5), "-8.5")
        XCTAssertEqual(NumberText.compact(0.002), "0.002")
        XCTAssertEqual(NumberText.compact(0.123456789), "0.12")
        XCTAssertEqual(NumberText.compact(1e-9), "0.00")
        XCTAssertEqual(NumberText.compact(.infinity), "inf")
        // axis: one decimal below 100, none from 100.
        XCTAssertEqual(NumberText.axis(7.94), "7.9")
        XCTAssertEqual(NumberText.axis(-20.04), "-20.0")
        XCTAssertEqual(NumberText.axis(123.6), "124")
        // cell: four decimals, scientific with three below 1e-4 and from 1e5, zero as 0.0000.
        XCTAssertEqual(NumberText.cell(0.5), "0.5000")
        XCTAssertEqual(NumberText.cell(0), "0.0000")
        XCTAssertEqual(NumberText.cell(1.23456e-5), "1.235e-05")
        XCTAssertEqual(NumberText.cell(-123456), "-1.235e+05")
    }
}

extension NumberTextTests {
    /// The explorer's parameters, short message numbers and message vectors, each against its written-out rule.
    func testParameterShortAndListForms() {
        // parameter: integers without a point, 3 decimals, 4 below 0.01, words for non-finite values.
        XCTAssertEqual(NumberText.parameter(10), "10")
        XCTAssertEqual(NumberText.parameter(0.3), "0.300")
        XCTAssertEqual(NumberText.parameter(0.005), "0.0050")
        XCTAssertEqual(NumberText.parameter(-2.5), "-2.500")
        XCTAssertEqual(NumberText.parameter(2e6), "2000000.000")
        XCTAssertEqual(NumberText.parameter(-.infinity), "-inf")
        // short: 4 significant digits in fixed form between 1e-3 and 1e5.
        XCTAssertEqual(NumberText.short(123.46), "123.5")
        XCTAssertEqual(NumberText.short(12.346), "12.35")
        XCTAssertEqual(NumberText.short(1.2346), "1.235")
        XCTAssertEqual(NumberText.short(0.12346), "0.1235")
        XCTAssertEqual(NumberText.short(123456), "1.23e+05")
        // list: every entry while they fit maxItems, else the head, "... (k more)" and the last.
        XCTAssertEqual(NumberText.list([0.5, 0.25], decimals: 3), "[0.500, 0.250]")
        XCTAssertEqual(
            NumberText.list((1...7).map(Double.init), decimals: 0, maxItems: 6), "[1, 2, 3, 4, ... (2 more), 7]")
    }
}
