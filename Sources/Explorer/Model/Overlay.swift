/// Which view fills the lower part of the screen.
public enum Overlay: String, Equatable, Sendable {
    /// The state panel and the convergence panel.
    case none
    /// The key table.
    case help
    /// The shown iteration narrated formula by formula.
    case explain
    /// torchjd, libmtl and official side by side.
    case variants
    /// Weights at the solver's output and at w* as lambda sweeps.
    case sweep
    /// The weights call after call.
    case calls
}
