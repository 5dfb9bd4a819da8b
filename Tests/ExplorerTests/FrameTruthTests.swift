import Explorer
import SDMGrad
import TerminalUI
import XCTest

/// Every preset with every lower view at a dozen sizes from 80x24 to 200x60: each frame is exactly
/// its size, every number shown is a rounding of a number the same panel of the same state shows at
/// 240x60 (where nothing is shortened), no number ends in a cut ("7.13e-"), and no word is cut ("(un").
final class FrameTruthTests: XCTestCase {
    static let sizes = [
        (80, 24), (84, 28), (90, 26), (100, 30), (110, 32), (120, 40), (130, 36), (140, 44),
        (150, 40), (160, 50), (180, 50), (200, 60),
    ]
    static let views = [
        ("", "none"), ("nnnx", "explain"), ("nnv", "variants"), ("nnw", "sweep"), ("nnc", "calls"), ("nnn?", "help"),
    ]

    /// Words the panels use on purpose when space is short (short labels, "… 3 more tasks").
    static let shortForms: Set<String> = [
        "res", "unproven", "unique", "not", "before", "gap:", "clamped:", "start", "w#",
        "more", "lines", "keys", "at", "a", "taller", "terminal", "tasks", "known", "fixed", "points",
    ]

    func testEveryNumberIsARoundingAndNothingIsCut() throws {
        var frames = 0, numbers = 0, words = 0
        for scenario in presetLibrary.scenarios {
            for (keys, view) in Self.views {
                let state = try explorer(preset: scenario.name, keys: keys, width: 240, height: 60)
                for theme in [Theme.unicode, .ascii] {
                    let reference = Frame.render(state, width: 240, height: 60, theme: theme).lines()
                    // The numbers of each panel at 240x60: a number is compared with its own panel's only.
                    let wide = panels(state, width: 240, height: 60)
                    var referenceNumbers = [[ShownNumber]](repeating: [], count: wide.count)
                    for (row, line) in reference.enumerated() {
                        for (token, column) in numberTokensWithColumns(line) {
                            if let panel = wide.firstIndex(where: { $0.contains(x: column, y: row) }),
                                let n = ShownNumber(token)
                            {
                                referenceNumbers[panel].append(n)
                            }
                        }
                    }
                    // Task names label the canvases, where at 240x60 they may sit on dots and be left out of the words.
                    let taskWords = scenario.tasks.flatMap { wordTokens($0) }
                    // ASCII canvases draw with letters and punctuation (':', '\'', '@'): their words are not text.
                    let canvases =
                        theme.unicodeText || state.lowerView == .help ? [] : Array(wide.dropFirst(2).prefix(2))
                    let referenceWords = Set(
                        reference.enumerated().flatMap { wordTokens(masked($0.element, row: $0.offset, canvases)) }
                    )
                    .union(Self.shortForms).union(taskWords)
                    for (w, h) in Self.sizes {
                        let lines = Frame.render(state, width: w, height: h, theme: theme).lines()
                        let place = "\(scenario.name) \(view) \(w)x\(h)\(theme.unicodeText ? "" : " ascii")"
                        XCTAssertEqual(lines.count, h, place)
                        for (row, line) in lines.enumerated() where displayWidth(of: line) != w {
                            XCTFail("\(place): row \(row) is \(displayWidth(of: line)) columns")
                        }
                        frames += 1
                        let small = panels(state, width: w, height: h)
                        for (row, line) in lines.map(withoutScrollPosition).enumerated() {
                            for (token, column) in numberTokensWithColumns(line) {
                                numbers += 1
                                guard let shown = ShownNumber(token) else {
                                    XCTFail("\(place) row \(row): \(token) does not parse"); continue
                                }
                                let panel = small.firstIndex { $0.contains(x: column, y: row) }
                                let candidates = panel.map { referenceNumbers[$0] } ?? referenceNumbers.flatMap { $0 }
                                if token.hasSuffix("e") || token.hasSuffix(".") || token.hasSuffix("e-")
                                    || token.hasSuffix("e+")
                                {
                                    XCTFail("\(place) row \(row): the number \(token) is cut\n\(line)")
                                } else if !candidates.contains(where: { shown.isRounding(of: $0) }) {
                                    XCTFail(
                                        "\(place) row \(row): \(token) is not a rounding of any number its panel shows at 240x60\n\(line)"
                                    )
                                }
                            }
                            let smallCanvases =
                                theme.unicodeText || state.lowerView == .help ? [] : Array(small.dropFirst(2).prefix(2))
                            for word in wordTokens(masked(line, row: row, smallCanvases)) {
                                words += 1
                                if !referenceWords.contains(word) {
                                    XCTFail("\(place) row \(row): '\(word)' is cut or not shown at 240x60\n\(line)")
                                }
                            }
                        }
                    }
                }
            }
        }
        print("FrameTruthTests: \(frames) frames, \(numbers) numbers and \(words) words checked")
        XCTAssertEqual(frames, 2 * presetLibrary.scenarios.count * Self.views.count * Self.sizes.count)
        XCTAssertGreaterThan(numbers, 10_000)
    }

    /// The checks can fail: a frame with a number cut inside is caught.
    func testACutNumberIsCaught() {
        let reference = ["residual 1.11e-16"].flatMap(numberTokens).compactMap(ShownNumber.init)
        let cut = numberTokens("residual 1.11").compactMap(ShownNumber.init)
        XCTAssertFalse(reference.contains { cut[0].isRounding(of: $0) })
        XCTAssertEqual(numberTokens("residual 7.13e-"), ["7.13e-"])
        XCTAssertTrue(numberTokens("1e-16").compactMap(ShownNumber.init)[0].isRounding(of: reference[0]))
        XCTAssertFalse(Set(wordTokens("start point w0: warm start (uniform")).contains("(un"))
        XCTAssertEqual(wordTokens("│start point w0: (un│"), ["start", "point", "w#", "(un"])
    }
}

/// The panels of a frame in a fixed order (header, status line, the upper three, then the lower ones or
/// the help), so the same index names the same panel at every size.
func panels(_ state: ExplorerState, width: Int, height: Int) -> [Rect] {
    let layout = FrameLayout(width: width, height: height, m: state.m)
    switch state.lowerView {
    case .help: return [layout.header, layout.status, layout.help]
    case .none:
        return [
            layout.header, layout.status, layout.geometry, layout.simplex, layout.matrix, layout.state,
            layout.convergence,
        ]
    default: return [layout.header, layout.status, layout.geometry, layout.simplex, layout.matrix, layout.lower]
    }
}

/// `line` with a scrolled view's "12-24 of 31  ↑↓ wheel" blanked: where a view is scrolled to, not a number it shows.
/// So is the scrolled help's title (how to scroll), which a help that fits at 240x60 does not show.
func withoutScrollPosition(_ line: String) -> String {
    var line = line
    for pattern in [
        #"\d+-\d+ of \d+  (↑↓|up/down) wheel"#, #"\((↑↓|up/down) PgUp PgDn Home End wheel: scroll; other keys close\)"#,
    ] {
        if let range = line.range(of: pattern, options: .regularExpression) {
            line = line.replacingCharacters(in: range, with: String(repeating: " ", count: line[range].count))
        }
    }
    return line
}

/// `line` (row `row` of a frame) with the columns inside `rects` blanked.
func masked(_ line: String, row: Int, _ rects: [Rect]) -> String {
    guard rects.contains(where: { $0.y <= row && row < $0.maxY }) else { return line }
    return String(line.enumerated().map { column, c in rects.contains { $0.contains(x: column, y: row) } ? " " : c })
}

/// A number as shown: its value and the place of its last digit.
struct ShownNumber {
    let value: Double, place: Double

    init?(_ token: String) {
        var text = token
        while let last = text.last, "e+-.".contains(last) { text.removeLast() }
        guard let value = Double(text) else { return nil }
        let parts = text.lowercased().split(separator: "e", maxSplits: 1)
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0]
        let decimals = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
        var place = 1.0
        for _ in 0..<abs(exponent - decimals) { place = exponent - decimals < 0 ? place / 10 : place * 10 }
        self.value = value
        self.place = place
    }

    /// Whether this could be `other` (itself a rounding of the exact value) rounded to fewer digits.
    func isRounding(of other: ShownNumber) -> Bool {
        abs(value - other.value) <= 0.5 * (place + other.place) * (1 + 1e-9) + 1e-300
    }
}

/// The numbers of a line: digits with an optional fraction and exponent (a cut exponent kept, "7.13e-"),
/// not part of a name (w0, J1, u_2, A11) and not an elision count ("…+3", "13 more").
func numberTokens(_ line: String) -> [String] { numberTokensWithColumns(line).map(\.token) }

/// `numberTokens` with the column each starts at (one column per grapheme: the frames hold no wide ones).
func numberTokensWithColumns(_ line: String) -> [(token: String, column: Int)] {
    let characters = Array(line)
    var tokens: [(token: String, column: Int)] = []
    var i = 0
    func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
    while i < characters.count {
        let startsNumber =
            isDigit(characters[i]) || (characters[i] == "-" && i + 1 < characters.count && isDigit(characters[i + 1]))
        guard startsNumber else { i += 1; continue }
        let before: Character? = i > 0 ? characters[i - 1] : nil
        var j = i + 1
        func at(_ k: Int) -> Character? { k < characters.count ? characters[k] : nil }
        while let c = at(j) {
            if isDigit(c) { j += 1; continue }
            // A point or an exponent belongs to the number only when digits follow ("1." ends a list item).
            if c == ".", let d = at(j + 1), isDigit(d) { j += 1; continue }
            if c == "e" || c == "E" {
                if let d = at(j + 1), isDigit(d) { j += 1; continue }
                if let s = at(j + 1), s == "-" || s == "+" {
                    if let d = at(j + 2), isDigit(d) { j += 2; continue }
                    j += 2  // "7.13e-": an exponent cut off, kept so it is reported
                    break
                }
                if at(j + 1).map({ !$0.isLetter }) ?? true { j += 1 }  // "7.13e" at an edge
            }
            break
        }
        let token = String(characters[i..<j])
        let rest = String(characters[j...].prefix(5))
        let inName =
            before.map { $0.isLetter || $0 == "_" || isDigit($0) || $0 == "^" || $0 == "…" || $0 == "+" || $0 == "." }
            ?? false
        let followedByName = j < characters.count && (characters[j].isLetter || characters[j] == "_")
        if !inName && !followedByName && rest != " more" { tokens.append((token, i)) }
        i = j
    }
    return tokens
}

/// The words of a line outside canvases: runs between blanks and box-drawing glyphs that hold a
/// letter, numbers replaced by "#"; segments holding braille dots (canvas labels) are left out.
func wordTokens(_ line: String) -> [String] {
    var words: [String] = []
    for segment in line.split(whereSeparator: { "│╭╮╰╯─|+".contains($0) }) {
        if segment.unicodeScalars.contains(where: { (0x2800...0x28FF).contains($0.value) }) { continue }
        for word in segment.split(separator: " ") where word.contains(where: \.isLetter) {
            if word.hasPrefix("…") || word.hasPrefix("...") { continue }
            var word = Substring(word)
            while let last = word.last, ":;,.".contains(last), word.count > 1 { word.removeLast() }
            var normalized = ""
            var previousWasDigit = false
            for c in word {
                let digit = c.isASCII && (c.isNumber || (previousWasDigit && c == "."))
                if digit { if !previousWasDigit { normalized.append("#") } } else { normalized.append(c) }
                previousWasDigit = digit
            }
            words.append(normalized)
        }
    }
    return words
}
