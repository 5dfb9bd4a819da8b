import XCTest
import Explorer
import Runtime
import Runtime
import SDMGrad
import TerminalUI

/// Golden-frame comparison: files are written only when RECORD_SNAPSHOTS=1, so no baseline is committed by accident.
enum Snapshot {
    static let folder: String = {
        let file = #filePath
        return String(file[..<file.lastIndex(of: "/")!]) + "/Snapshots"
    }()

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// Compares `lines` with the stored snapshot `name`, or records it.
    static func assertMatches(_ lines: [String], named name: String, file: StaticString = #filePath, line: UInt = #line) {
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
            XCTFail("frame differs from \(name).txt at line \((firstDifference?.offset ?? -1) + 1):\n"
                    + "stored: \(firstDifference?.element.0 ?? "")\nnow:    \(firstDifference?.element.1 ?? "")",
                    file: file, line: line)
        }
    }
}

/// The built-in presets, loaded once.
let presetLibrary: PresetLibrary = try! PresetLibrary.load()

/// A state on preset `name` after `keys` (and mouse tags) at the given size, every analysis done.
func explorer(preset name: String = "conflict-2", keys: String = "", width: Int = 120, height: Int = 40) throws -> ExplorerState {
    let index = try presetLibrary.index(of: name)
    let driver = HeadlessDriver(model: ExplorerState(scenario: presetLibrary.scenarios[index], presets: presetLibrary.scenarios,
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
    apply(.message(.tick(generation: state.view.playGeneration)), to: &state)
}

/// Runs a command's background jobs one after another, feeding their results back to `state`.
func runToCompletion(_ command: Command<ExplorerMessage>, on state: inout ExplorerState) {
    switch command {
    case .none, .cancel, .after: return
    case .batch(let commands): for command in commands { runToCompletion(command, on: &state) }
    case .background(_, let work):
        let context = JobContext<ExplorerMessage>(token: CancellationToken()) { _ in }
        if let message = work(context) { runToCompletion(state.update(.message(message)), on: &state) }
    }
}

import TerminalUI

/// Whether `text` holds the word nan or inf (any case) not followed by "(" as in NaN(diverged) / inf(overflow).
func hasUnlabelledNonFinite(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    func lower(_ b: UInt8) -> UInt8 { (65...90).contains(b) ? b + 32 : b }
    func isWordByte(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b >= 0x80 }
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
