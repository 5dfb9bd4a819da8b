import Runtime
import SDMGrad
import TerminalUI

/// The `P` key: the frame as shown, saved as an SVG picture for slides, off the key path,
/// atomically and never over an existing file.
extension ExplorerState {
    /// Saves the current frame (at the terminal's size, Unicode theme) as `NAME-frame.svg` in the save folder, or `-2`, `-3`...
    mutating func savePicture() -> Command<ExplorerMessage> {
        let snapshot = self
        let base = outputBase(SafeFileName.from(scenario.name) + "-frame")
        return .background(key: "picture") { _ in
            let frame = Frame.render(snapshot, width: snapshot.display.size.width, height: snapshot.display.size.height)
            let svg = SVGRenderer().svg(
                frame, title: "sdmgrad-explorer: \(snapshot.scenario.name), iteration \(snapshot.iteration)")
            do {
                let path = AtomicFile.freshName(base: base, suffix: ".svg")
                try AtomicFile.write(svg, to: path)
                return .saved(message: "saved the frame as a picture: \(path)", scenarioSaved: false)
            } catch {
                return .saved(message: "\(error)", scenarioSaved: false)
            }
        }
    }
}
