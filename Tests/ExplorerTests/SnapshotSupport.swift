import Explorer
import Runtime
import SDMGrad
import TerminalUI
import XCTest

/// Golden-frame comparison: files are written only when RECORD_SNAPSHOTS=1, so no baseline is committed by accident.
enum Snapshot {
    static let folder: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Snapshots"
    }()

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Compares a frame's text with `name`.txt and its style map with `name`.styles.txt, or records both.
    static func assertMatches(
        _ buffer: Buffer, named name: String, theme: Theme = .unicode,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        assertMatches(buffer.lines(), named: name, file: file, line: line)
        assertMatches(StyleMap.lines(of: buffer, theme: theme), named: name + ".styles", file: file, line: line)
    }

    /// Compares `lines` with the stored snapshot `name`, or records it.
    static func assertMatches(_ lines: [String], named name: String, file: StaticString = #filePath, line: UInt = #line)
    {
        let path = "\(folder)/\(name).txt"
        let text = lines.joined(separator: "\n") + "\n"
        if recording {
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let stored = try? String(contentsOfFile: path, encoding: .utf8) else {
            XCTFail("no snapshot \(path); run with RECORD_SNAPSHOTS=1 to record it", file: file, line: line)
            return
        }
        if stored != text {
            let storedLines = stored.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(storedLines, text.split(separator: "\n", omittingEmptySubsequences: false))
                .enumerated().first { $0.element.0 != $0.element.1 }
            XCTFail(
                "frame differs from \(name).txt at line \((firstDifference?.offset ?? -1) + 1):\n"
                    + "stored: \(firstDifference?.element.0 ?? "")\nnow:    \(firstDifference?.element.1 ?? "")",
                file: file, line: line)
        }
    }
}

/// A frame's styles as text, one letter per cell, so a colour change shows in review: a legend
/// (letter, the theme's name for the style, its attributes) then one row of letters per frame row.
/// Letters are fixed by the theme's list (roles, then tasks, bold tasks, variants): "." is plain,
/// "?" a style the theme does not name.
enum StyleMap {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Every style the theme names, in a fixed order.
    static func named(_ theme: Theme) -> [(name: String, style: Style)] {
        roles.map { ($0.rawValue, theme.role($0)) }
            + (0..<8).map { ("task \($0 + 1)", theme.task($0)) }
            + (0..<8).map { ("task \($0 + 1) bold", theme.task($0, bold: true)) }
            + Variant.allCases.map { ("variant \($0.rawValue)", theme.variant($0)) }
            // Canvas dots carry only a colour: the colour of each role and variant.
            + roles.map { ("\($0.rawValue) colour", Style(fg: theme.color($0))) }
            + Variant.allCases.map { ("variant \($0.rawValue) colour", Style(fg: theme.variantColor($0))) }
    }

    /// The explorer's styles, the playground's, then roles added later: older maps keep their letters.
    static func all(_ theme: Theme) -> [(name: String, style: Style)] {
        named(theme) + playground(theme) + appendedRoles.map { ($0.rawValue, theme.role($0)) }
    }

    /// The playground's toy methods and marks, last so the explorer's letters stay put.
    static func playground(_ theme: Theme) -> [(name: String, style: Style)] {
        let methods: [(name: String, style: Style)] = ToyMethod.allCases.map {
            ("toy \($0.rawValue)", theme.toyMethod($0))
        }
        let colours: [(name: String, style: Style)] = ToyMethod.allCases.map {
            ("toy \($0.rawValue) colour", Style(fg: theme.toyMethodColor($0)))
        }
        let marks: [(name: String, style: Style)] = [("pareto colour", Style(fg: theme.paretoColor))]
        return methods + colours + marks
    }

    /// Roles added after the snapshots were recorded take the last letters, so older maps keep theirs.
    static let appendedRoles: [ThemeRole] = [.emphasis]
    static let roles = ThemeRole.allCases.filter { !appendedRoles.contains($0) }

    /// The legend and the letter rows of `buffer`.
    static func lines(of buffer: Buffer, theme: Theme) -> [String] {
        let names = all(theme)
        var letters: [Style: Character] = [:]
        var legend: [Character: String] = [:]
        var next = 0
        for entry in names where letters[entry.style] == nil {
            let letter: Character = entry.style == .plain ? "." : (next < alphabet.count ? alphabet[next] : "?")
            if entry.style != .plain { next += 1 }
            letters[entry.style] = letter
            legend[letter] = entry.name
        }
        var used: [Character: Style] = [:]
        var rows: [String] = []
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let style = buffer[x, y].style
                // A half-block canvas's cell carries two of its ramp's colours: one letter for them all.
                let letter = letters[style] ?? (style.bg != .default ? "#" : "?")
                if used[letter] == nil || letter == "?" { used[letter] = style }
                row.append(letter)
            }
            rows.append(row)
        }
        let unnamed = Set((0..<buffer.height).flatMap { y in (0..<buffer.width).map { buffer[$0, y].style } })
            .filter { letters[$0] == nil && $0.bg == .default }
        var head = used.keys.filter { $0 != "?" && $0 != "#" }.sorted {
            (alphabet.firstIndex(of: $0) ?? -1) < (alphabet.firstIndex(of: $1) ?? -1)
        }
        .map { "\($0) \(legend[$0] ?? ""): \(describe(used[$0]!))" }
        head += unnamed.map(describe).sorted().map { "? unnamed: \($0)" }
        if used["#"] != nil { head.append("# a canvas cell in two colours (the map's ramp under a mark)") }
        return ["legend (one letter per cell below)"] + head + [""] + rows
    }

    /// A style's attributes in words ("fg brightWhite, bold").
    static func describe(_ style: Style) -> String {
        var parts: [String] = []
        if style.fg != .default { parts.append("fg \(style.fg)") }
        if style.bg != .default { parts.append("bg \(style.bg)") }
        if style.bold { parts.append("bold") }
        if style.dim { parts.append("dim") }
        if style.reverse { parts.append("reverse") }
        if style.underline { parts.append("underline") }
        return parts.isEmpty ? "plain" : parts.joined(separator: ", ")
    }
}

/// The built-in presets, loaded once.
let presetLibrary: PresetLibrary = try! PresetLibrary.load()

/// A state on preset `name` after `keys` (and mouse tags) at the given size, every analysis done.
func explorer(preset name: String = "conflict-2", keys: String = "", width: Int = 120, height: Int = 40) throws
    -> ExplorerState
{
    let index = try presetLibrary.index(of: name)
    let driver = HeadlessDriver(
        model: ExplorerState(
            scenario: presetLibrary.scenarios[index], presets: presetLibrary.scenarios,
            presetIndex: index), width: width, height: height)
    driver.settle()
    driver.input(try InputEvent.parseSequence(keys))
    return driver.model
}

/// A state just made, its first analyses done (what the program shows once they arrive).
func started(_ state: ExplorerState) -> ExplorerState {
    var state = state
    runToCompletion(state.start(), on: &state)
    return state
}

/// Applies one event and runs the work it starts to completion on this thread, as a user who
/// waits for the panels to fill in would see it (timers are left to `tick`).
func apply(_ event: Event<ExplorerMessage>, to state: inout ExplorerState) {
    runToCompletion(state.update(event), on: &state)
}

/// One tick of the play timer.
func tick(_ state: inout ExplorerState) {
    apply(.message(.tick), to: &state)
}

/// Runs a command's background jobs one after another, feeding their results back to `state`.
func runToCompletion(_ command: Command<ExplorerMessage>, on state: inout ExplorerState) {
    switch command {
    case .none, .cancel, .cancelAll, .after: return
    case .batch(let commands): for command in commands { runToCompletion(command, on: &state) }
    case .background(_, let work):
        let context = JobContext<ExplorerMessage>(token: CancellationToken()) { _ in }
        if let message = work(context) { runToCompletion(state.update(.message(message)), on: &state) }
    }
}

/// Whether `text` holds the word nan or inf (any case) not followed by "(" as in NaN(diverged) / inf(overflow).
func hasUnlabelledNonFinite(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    func lower(_ b: UInt8) -> UInt8 { (65...90).contains(b) ? b + 32 : b }
    func isWordByte(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b >= 0x80
    }
    for word in [Array("nan".utf8), Array("inf".utf8)] {
        var i = 0
        while i + word.count <= bytes.count {
            if (0..<word.count).allSatisfy({ lower(bytes[i + $0]) == word[$0] }) {
                let before = i == 0 ? nil : bytes[i - 1]
                let after = i + word.count < bytes.count ? bytes[i + word.count] : nil
                let startsWord = before.map { !isWordByte($0) } ?? true
                let endsWord = after.map { !isWordByte($0) } ?? true
                if after != UInt8(ascii: "("), startsWord && endsWord { return true }
            }
            i += 1
        }
    }
    return false
}
