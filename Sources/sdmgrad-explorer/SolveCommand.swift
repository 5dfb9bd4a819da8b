import ArgumentParser
import SDMGrad

/// `solve`: runs the weighting on each file in order (state carried) and prints one JSON object per call.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Run SDMGrad's weighting on matrix files; one JSON line per call, state carried between calls.",
        discussion: """
        Each argument is one call: a square matrix file A (JSON, CSV or .npy), or a Jacobian pair \
        J1FILE,J2FILE (A = J1 J2^T), optionally with a third batch J1FILE,J2FILE,J3FILE, which adds \
        "direction" = J3^T weights to the output.
        """)

    @OptionGroup var solver: SolverOptions

    @Flag(help: "Add every inner iteration (grad, velocity, y, tau, w, weights).")
    var trace = false

    @Flag(help: "Add the fixed point w*, its KKT residual and the stability verdict.")
    var analyze = false

    @Argument(help: "Matrix files (or J1FILE,J2FILE[,J3FILE]), one per call, in order.")
    var files: [String] = []

    func run() throws {
        guard !files.isEmpty else { throw InputError("solve: give at least one MATRIX_FILE") }
        let parameters = try solver.applied(to: SolverParameters())
        let inputs = try files.map(CallInput.load(argument:))
        var weighting = SDMGradWeighting(parameters: parameters)
        var lines: [String] = []
        for (index, input) in inputs.enumerated() {
            let call: WeightingCall
            do {
                call = try weighting(input.a, trace: trace)
            } catch let error as InputError {
                throw error.prefixed(input.label)
            }
            lines.append(SolveOutput.line(call: call, index: index + 1, input: input, analyze: analyze))
        }
        print(lines.joined(separator: "\n"))
    }
}
