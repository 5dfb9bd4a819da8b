import SDMGrad

/// What the playground asks of the app embedding it (consumed with `takeRequest`).
public enum PlaygroundRequest: Equatable, Sendable {
    /// Open the inner-solver explorer on this call.
    case openInner(ToyWeightingInput, name: String)
    /// Go back to where the playground was opened from.
    case leave
}

/// What the playground shows (the model's second part).
public struct PlaygroundViewState: Sendable {
    /// The terminal's size (for mouse hit-tests).
    public var size = (width: 0, height: 0)
    /// The step shown by the slider (0 ..< steps).
    public var step: Int
    /// Whether the timer steps forward.
    public var playing = false
    /// Milliseconds between play ticks.
    public var playInterval = 50
    /// The start whose `sdmgrad` run the weights panel shows and Enter opens.
    public var selectedStart = 0
    /// Whether the help covers the panels.
    public var showingHelp = false
    /// The one-line message of the status area.
    public var message = ""
    /// Set when the user asked to quit.
    public var wantsToQuit = false
    /// Something for the app to do.
    public var request: PlaygroundRequest?

    /// The view at `step`.
    public init(step: Int) { self.step = step }
}
