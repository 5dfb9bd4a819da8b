import Runtime
import SDMGrad
import TerminalUI

/// The `P` key: the frame as shown, saved as an SVG picture for slides, off the key path,
/// atomically and never over an existing file.
extension ExplorerState {
    /// Saves the current frame (at the terminal's size, Unicode theme) as `NAME-frame.svg` in the current folder, or `-2`, `-3`...
    mutating func savePicture() -> Command<ExplorerMessage> {
        let snapshot = self
        let base = ExplorerState.pictureName(scenario.name) + "-frame"
        return .background(key: "picture") { _ in
            let frame = Frame.render(snapshot, width: snapshot.view.size.width, height: snapshot.view.size.height)
            let svg = SVGRenderer().svg(frame, title: "sdmgrad-explorer: \(snapshot.scenario.name), iteration \(snapshot.iteration)")
            do {
                let path = AtomicFile.freshName(base: base, suffix: ".svg")
                try AtomicFile.write(svg, to: path)
                return .saved(message: "saved the frame as a picture: \(path)", scenarioSaved: false)
            } catch {
                return .saved(message: "\(error)", scenarioSaved: false)
            }
        }
    }

    /// A file-name part from a scenario's name: ASCII letters, digits, `-`, `_` and `.` kept, any
    /// other run made one `_`, no leading dot or dash, at most 64 characters (the rule of the `s`
    /// and `t` saves' sanitized names, so a name from an input file cannot reach another folder).
    static func pictureName(_ name: String) -> String {
        var out = ""
        var replaced = false
        for scalar in name.unicodeScalars {
            let c = Character(scalar)
            let kept = scalar.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")
            if kept || !replaced { out.append(kept ? c : "_") }
            replaced = !kept
        }
        let cut = String(out.drop(while: { $0 == "." || $0 == "-" }).prefix(64))
        return cut.isEmpty || cut.allSatisfy({ $0 == "_" }) ? "frame" : cut
    }
}
