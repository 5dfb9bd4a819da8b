import Runtime
import SDMGrad
import TerminalUI

/// The whole interactive program: the inner-solver explorer, the training playground, and the
/// explorer opened on one `sdmgrad` call of the playground. It forwards events to the model in
/// front and maps their commands (Elm's nested models).
public struct ExplorerApp: RuntimeModel {
    /// Which model is in front.
    public enum Mode: Sendable, Equatable {
        /// The inner-solver explorer on its input.
        case explorer
        /// The training playground.
        case playground
        /// The explorer on one call of a playground run (Esc returns to the playground).
        case inner
    }

    /// The embedded models' messages, tagged with their owner.
    public enum Message: Sendable {
        /// A message of the explorer.
        case explorer(ExplorerMessage)
        /// A message of the playground.
        case playground(PlaygroundMessage)
        /// A message of the inner explorer. Closing or replacing it cancels every job and timer under
        /// `inner.`, so none of an earlier inner explorer's messages arrive.
        case inner(ExplorerMessage)
    }

    /// The model in front.
    public private(set) var mode: Mode
    /// The explorer, when the program started with it.
    public var explorer: ExplorerState?
    /// The playground, once opened.
    public private(set) var playground: PlaygroundState?
    /// The explorer on a playground call, while open.
    public private(set) var inner: ExplorerState?
    /// Glyphs and text for the terminal.
    public let theme: Theme
    private var size = (width: 0, height: 0)
    private let playgroundInputs: PlaygroundInputs

    /// The program on the explorer; `T` opens the playground on `playgroundInputs`.
    public init(
        explorer: ExplorerState, theme: Theme = .unicode, playgroundInputs: PlaygroundInputs = PlaygroundInputs()
    ) {
        mode = .explorer
        self.explorer = explorer
        self.theme = theme
        self.playgroundInputs = playgroundInputs
    }

    /// The program on the playground alone (`train --interactive`, `render --mode train`).
    public init(playground: PlaygroundState, theme: Theme = .unicode) {
        mode = .playground
        self.playground = playground
        self.theme = theme
        playgroundInputs = playground.inputs
    }

    /// The first work of the model in front.
    public mutating func start() -> Command<Message> {
        switch mode {
        case .explorer: return explorer!.start().map(Message.explorer).prefixingKeys("explorer.")
        case .playground, .inner: return playground!.start().map(Message.playground)
        }
    }

    /// True once the model in front quit.
    public var isFinished: Bool {
        switch mode {
        case .explorer: return explorer?.isFinished ?? true
        case .playground: return playground?.isFinished ?? true
        case .inner: return inner?.isFinished ?? true
        }
    }

    /// The front model's frame.
    public func view(width: Int, height: Int) -> Buffer {
        switch mode {
        case .explorer: return Frame.render(explorer!, width: width, height: height, theme: theme)
        case .playground: return PlaygroundFrame.render(playground!, width: width, height: height, theme: theme)
        case .inner:
            var buffer = Frame.render(inner!, width: width, height: height, theme: theme)
            // Say the way back where the explorer's header ends.
            let note = width >= 100 ? " Esc: back to the playground " : " Esc: playground "
            if width >= Frame.minimumWidth, height >= Frame.minimumHeight {
                buffer.write(
                    note, x: width - displayWidth(of: note), y: 0, style: Style(fg: .black, bg: .yellow, bold: true))
            }
            return buffer
        }
    }

    /// Routes one event to the model in front (messages to their owner).
    public mutating func update(_ event: Event<Message>) -> Command<Message> {
        switch event {
        case .resize(let width, let height):
            size = (width, height)
            return forwardToAll(event)
        case .message(let message): return route(message)
        case .key(let key): return handle(key)
        case .mouse, .resumed: return forwardToFront(event)
        }
    }

    private mutating func handle(_ key: Key) -> Command<Message> {
        switch mode {
        case .explorer:
            if let e = explorer, !e.editing, e.lowerView != .help,
                ExplorerKeymap.main.action(for: key) == .openPlayground
            {
                return openPlayground()
            }
            return forwardToFront(.key(key))
        case .playground:
            let command = forwardToFront(.key(key))
            switch playground?.takeRequest() {
            case .openInner(let input, let name)?: return command + openInner(input, name: name)
            case .leave?:
                if explorer != nil {
                    playground?.display.playing = false
                    mode = .explorer
                    return command + forwardToFront(.resize(width: size.width, height: size.height))
                }
                return command
            case nil: return command
            }
        case .inner:
            if key == .escape, let e = inner, !e.editing, e.lowerView == .none {
                inner = nil
                mode = .playground
                return .cancelAll(prefix: "inner.") + forwardToFront(.resize(width: size.width, height: size.height))
            }
            return forwardToFront(.key(key))
        }
    }

    /// Opens the playground (kept once made, so its runs and step survive going back and forth).
    private mutating func openPlayground() -> Command<Message> {
        mode = .playground
        if playground == nil {
            playground = PlaygroundState(inputs: playgroundInputs)
            let command = playground!.start().map(Message.playground)
            return command + forwardToFront(.resize(width: size.width, height: size.height))
        }
        return forwardToFront(.resize(width: size.width, height: size.height))
    }

    /// Opens the explorer on one recorded call: its A, its parameters, started from its warm start.
    private mutating func openInner(_ input: ToyWeightingInput, name: String) -> Command<Message> {
        let description =
            "The inner solver of one step of the playground's sdmgrad on the paper's 2-D toy: A = J_xi J_xi'^T "
            + "of that step's two samples, started from the w the previous step ended with (the warm start); "
            + "the direction d = J_zeta^T weights. Geometry draws the samples' real 2-D gradients."
        var state = ExplorerState(toyCall: input, title: name, description: description)
        state.display.message = "the inner solver of \(name); Esc goes back"
        inner = state
        mode = .inner
        // The previous inner explorer's work goes first: its results must not reach this one.
        let start = inner!.start().map(Message.inner).prefixingKeys("inner.")
        return .cancelAll(prefix: "inner.") + start + forwardToFront(.resize(width: size.width, height: size.height))
    }

    private mutating func route(_ message: Message) -> Command<Message> {
        switch message {
        case .explorer(let m):
            guard explorer != nil else { return .none }
            return explorer!.update(.message(m)).map(Message.explorer).prefixingKeys("explorer.")
        case .playground(let m):
            guard playground != nil else { return .none }
            return playground!.update(.message(m)).map(Message.playground)
        case .inner(let m):
            guard inner != nil else { return .none }
            return inner!.update(.message(m)).map(Message.inner).prefixingKeys("inner.")
        }
    }

    /// `event` to the model in front, its commands mapped.
    private mutating func forwardToFront(_ event: Event<Message>) -> Command<Message> {
        switch mode {
        case .explorer:
            return explorer!.update(Self.terminalEvent(event)).map(Message.explorer).prefixingKeys("explorer.")
        case .playground: return playground!.update(Self.terminalEvent(event)).map(Message.playground)
        case .inner:
            return inner!.update(Self.terminalEvent(event)).map(Message.inner)
                .prefixingKeys("inner.")
        }
    }

    private mutating func forwardToAll(_ event: Event<Message>) -> Command<Message> {
        var command: Command<Message> = .none
        if explorer != nil {
            command =
                command + explorer!.update(Self.terminalEvent(event)).map(Message.explorer).prefixingKeys("explorer.")
        }
        if playground != nil {
            command = command + playground!.update(Self.terminalEvent(event)).map(Message.playground)
        }
        if inner != nil {
            command =
                command
                + inner!.update(Self.terminalEvent(event)).map(Message.inner)
                .prefixingKeys("inner.")
        }
        return command
    }

    /// A terminal event for an embedded model (its messages are routed elsewhere).
    private static func terminalEvent<Inner: Sendable>(_ event: Event<Message>) -> Event<Inner> {
        switch event {
        case .key(let k): return .key(k)
        case .mouse(let m): return .mouse(m)
        case .resize(let w, let h): return .resize(width: w, height: h)
        case .resumed, .message: return .resumed
        }
    }
}
