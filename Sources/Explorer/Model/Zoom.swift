/// The panel `z` shows on the whole screen (between the header and the status line). With a lower view open,
/// `z` zooms it and back; without, `z` steps through the panels in this order and back to the frame.
public enum Zoom: String, Sendable, CaseIterable {
    case geometry, simplex, matrix, state, convergence
    /// The open lower view (explain, variants, sweep, calls).
    case lower

    /// The panel after this one for `z` without a lower view; nil: back to the whole frame.
    var next: Zoom? {
        switch self {
        case .geometry: .simplex
        case .simplex: .matrix
        case .matrix: .state
        case .state: .convergence
        case .convergence, .lower: nil
        }
    }
}
