/// Which implementation of SDMGrad's inner solver to reproduce.
public enum Variant: String, CaseIterable, Sendable {
    /// torchjd 0.18.0 `SDMGradWeighting` (the reference).
    case torchjd
    /// LibMTL's `SDMGrad` weighting.
    case libmtl
    /// The authors' code (OptMN-Lab/sdmgrad).
    case official

    /// The learning rate each implementation uses by default.
    public var defaultLearningRate: Double {
        switch self {
        case .torchjd, .official: return 10
        case .libmtl: return 5
        }
    }

    /// Whether a user-given preference vector is honoured (only torchjd has one).
    public var acceptsPreference: Bool { self == .torchjd }

    /// The variant after this one, cycling.
    public var next: Variant {
        let all = Variant.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
