/// What a key asks the playground to do (the keymap binds keys to these).
public enum PlaygroundAction: Sendable, Equatable {
    case nextStep, previousStep, oneStepForward, oneStepBack, jumpForward, jumpBack, firstStep, lastStep, togglePlay
    case lambdaUp, lambdaDown, lrUp, lrDown, noiseUp, noiseDown, reseed, cUp, cDown
    case toggleMethod(Int)
    case nextMap, nextStart, previousStart, openInner, resetStarts
    case help, leave, quit
}
