/// The `--color` choice: follow the environment, or force colour on or off.
public enum ColorMode: String, Hashable, Sendable, CaseIterable {
    case auto, always, never

    /// Whether to draw colours: `never` and a non-empty NO_COLOR (under `auto`) turn them
    /// off; `always` turns them on when the terminal can show any.
    public func usesColor(noColorVariable: String?, terminalHasColors: Bool) -> Bool {
        switch self {
        case .never: return false
        case .always: return terminalHasColors
        case .auto: return terminalHasColors && (noColorVariable ?? "").isEmpty
        }
    }
}
