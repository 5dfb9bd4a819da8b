import SDMGrad

/// The JSON line `solve` prints for one call (SPEC section 2).
enum SolveOutput {
    /// One compact JSON object (the direction from the call's third batch, when given; the normalized
    /// matrix unless `matrix` is false).
    static func line(call: WeightingCall, index: Int, input: CallInput, analyze: Bool, matrix: Bool = true) -> String {
        CallJSON.line(call: call, index: index, directionJacobian: input.j3, analyze: analyze, matrix: matrix)
    }
}
