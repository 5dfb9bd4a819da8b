import TerminalUI

/// What the view shows of the inputs: iteration, lower view, rotation, selection, messages
/// (the model's second part; nothing here changes a number).
public struct ExplorerViewState: Sendable {
    /// The inner iteration shown (0 = the start point).
    public var iteration = 0
    /// Whether the timer steps forward.
    public var playing = false
    /// Milliseconds between steps while playing.
    public var playInterval = 350
    /// The lower view.
    public var lowerView: LowerView = .none
    /// The first row the help or the lower view shows (↑/↓, the wheel; kept in range by the view's `scroll`).
    public var scroll = 0
    /// The panel shown on the whole screen (`z`), nil for the whole frame.
    public var zoom: Zoom?
    /// The task followed (`f`): its weight, rank and row of Â are shown; nil for none.
    public var followedTask: Int?
    /// The text typed after `f` (number or name), nil when no prompt is open.
    public var taskPrompt: String?
    /// Whether the arrow keys move the selected gradient's tip.
    public var editing = false
    /// The task whose gradient is selected for editing.
    public var selectedTask = 0
    /// View rotation for 3-D geometry, in radians.
    public var yaw = 0.6, pitch = 0.35
    /// A one-line message for the status area.
    public var message = ""
    /// Set when the user asked to quit (the program exits).
    public var wantsToQuit = false
    /// The key waiting to be pressed again to confirm throwing unsaved edits away (q, Tab, R).
    public var pendingConfirmation: Key?
    /// The folder `s` (save) and `t` (export) write into (`--save-dir`; default the current folder).
    public var saveFolder = "."
    /// Terminal size last reported.
    public var size = (width: 120, height: 40)
    /// The lessons and the quiz (Lessons/).
    public var lessons = LessonsState()
    /// Where the left button went down (a drag ends where it comes up).
    var pressedAt: (x: Int, y: Int)?
}
