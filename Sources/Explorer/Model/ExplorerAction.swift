/// What a key asks the explorer to do (the keymap binds keys to these).
public enum ExplorerAction: Sendable, Hashable {
    case nextIteration, previousIteration, firstIteration, lastIteration, togglePlay
    case lambdaUp, lambdaDown, lrUp, lrDown, momentumUp, momentumDown, itersUp, itersDown
    case nextVariant, nextPreset, previousPreset, startEditing
    case yawLeft, yawRight, pitchDown, pitchUp
    case outerStep, previousCall, nextCall, firstCall, lastCall, resample
    /// Scroll the open lower view by a row.
    case scrollUp, scrollDown
    /// Zoom the open lower view (else the next panel) to the whole screen and back.
    case zoom
    /// Ask for a task to follow (number or name).
    case followTask
    /// Open a lower view, or close it when it is open.
    case toggle(LowerView)
    case save, exportTrace, savePicture, reset, closeView, quit
    /// Open the training playground (the app does; the explorer alone only says so).
    case openPlayground
    /// Lessons (Lessons/): the list, the next step, quiz mode and its verdict guesses.
    case lessons, nextStep, quiz, guessConverges, guessOscillates, guessDiverges
}
