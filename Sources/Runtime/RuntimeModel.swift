import TerminalUI

/// A program's model in the Elm architecture: update by events, view as a frame.
public protocol RuntimeModel {
    /// The model's own messages (finished computations, timers, effects' results).
    associatedtype Message: Sendable
    /// Applies one event; returns the work it starts.
    mutating func update(_ event: Event<Message>) -> Command<Message>
    /// The whole screen at this size (pure).
    func view(width: Int, height: Int) -> Buffer
    /// True once the program should end.
    var isFinished: Bool { get }
    /// The work to start when the program starts (e.g. the first analyses).
    mutating func start() -> Command<Message>
}

extension RuntimeModel {
    /// No work at start unless the model says otherwise.
    public mutating func start() -> Command<Message> { .none }
}
