/// One thing the user did: a key press or a mouse event.
public enum InputEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A mouse press, release or wheel turn.
    case mouse(MouseEvent)
}

/// A `--keys` mouse tag with the wrong number of coordinates or a coordinate that is not a cell.
public struct MouseTagError: Error, CustomStringConvertible, Equatable {
    /// The tag as written, with its brackets.
    public let tag: String
    /// One line naming the tag and the accepted forms.
    public var description: String {
        "bad mouse tag \(tag) in key sequence; write <click:X,Y>, <drag:X1,Y1,X2,Y2>, <wheelup:X,Y> or <wheeldown:X,Y> "
            + "with 0-based cell coordinates"
    }
}

extension InputEvent {
    /// The tag names that stand for the mouse, with the number of coordinates each takes.
    static let mouseTags: [String: Int] = ["click": 2, "drag": 4, "wheelup": 2, "wheeldown": 2]

    /// Parses a `--keys` script (SPEC section 4): keys as `Key.parseSequence` reads them, plus
    /// `<click:X,Y>`, `<drag:X1,Y1,X2,Y2>`, `<wheelup:X,Y>` and `<wheeldown:X,Y>`.
    public static func parseSequence(_ sequence: String) throws -> [InputEvent] {
        var events: [InputEvent] = []
        var plain = ""  // keys not yet parsed
        var index = sequence.startIndex
        while index < sequence.endIndex {
            if sequence[index] == "<", let (tag, after) = mouseTag(in: sequence, from: index) {
                events += try Key.parseSequence(plain).map { .key($0) }
                plain = ""
                events += try mouseEvents(tag)
                index = after
            } else {
                plain.append(sequence[index])
                index = sequence.index(after: index)
            }
        }
        return events + (try Key.parseSequence(plain).map { .key($0) })
    }

    /// The text of `<name:...>` at `start` when name is a mouse tag, and the index after `>`.
    private static func mouseTag(in text: String, from start: String.Index) -> (String, String.Index)? {
        guard let close = text[start...].firstIndex(of: ">"),
            let colon = text[start..<close].firstIndex(of: ":"),
            mouseTags[text[text.index(after: start)..<colon].lowercased()] != nil
        else { return nil }
        return (String(text[start...close]), text.index(after: close))
    }

    /// The events of one mouse tag: a click is a press and a release on one cell, a drag a
    /// press on the first cell and a release on the second.
    private static func mouseEvents(_ tag: String) throws -> [InputEvent] {
        let inside = tag.dropFirst().dropLast()
        let colon = inside.firstIndex(of: ":")!
        let name = inside[..<colon].lowercased()
        let parts = inside[inside.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
        let n = parts.compactMap { Int($0) }.filter { (0...100_000).contains($0) }
        guard n.count == parts.count, n.count == mouseTags[name] else { throw MouseTagError(tag: tag) }
        switch name {
        case "click":
            return [.mouse(MouseEvent(.press, x: n[0], y: n[1])), .mouse(MouseEvent(.release, x: n[0], y: n[1]))]
        case "drag":
            return [.mouse(MouseEvent(.press, x: n[0], y: n[1])), .mouse(MouseEvent(.release, x: n[2], y: n[3]))]
        case "wheelup": return [.mouse(MouseEvent(.wheelUp, x: n[0], y: n[1]))]
        default: return [.mouse(MouseEvent(.wheelDown, x: n[0], y: n[1]))]
        }
    }
}
