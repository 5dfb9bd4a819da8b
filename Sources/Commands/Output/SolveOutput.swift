import SDMGrad

#if canImport(Glibc)
    import Glibc
#endif

/// The JSON line `solve` prints for one call (SPEC section 2).
enum SolveOutput {
    /// Prints one compact JSON object and its newline as it is made (Â row by row, the trace entry by
    /// entry: memory never holds the whole line), then flushes it so a reader of the pipe sees each call
    /// at once. The direction from the call's third batch, when given; the normalized matrix unless
    /// `matrix` is false; `extra` fields (already JSON) last.
    static func emit(
        call: WeightingCall, index: Int, input: CallInput, analyze: Bool, matrix: Bool = true,
        extra: [(key: String, value: String)] = []
    ) {
        CallJSON.write(
            call: call, index: index, directionJacobian: input.j3, analyze: analyze, matrix: matrix,
            extra: extra
        ) { print($0, terminator: "") }
        print("")
        fflush(nil)  // every output stream; stdout itself is not concurrency-safe to name
    }
}
