/// Which implementation of SDMGrad's inner solver to reproduce.
///
/// Code asks a variant for its `rules` (how it scales A, how it projects, its defaults) instead of
/// comparing variants by identity, so a new variant is one new case and one new `VariantRules` value.
public enum Variant: String, CaseIterable, Sendable {
    /// torchjd 0.18.0 `SDMGradWeighting` (the reference).
    case torchjd
    /// LibMTL's `SDMGrad` weighting.
    case libmtl
    /// The authors' code (OptMN-Lab/sdmgrad).
    case official

    /// Everything that distinguishes this variant (SPEC section 1's variants table).
    public var rules: VariantRules {
        switch self {
        case .torchjd: return .torchjd
        case .libmtl: return .libmtl
        case .official: return .official
        }
    }

    /// Every variant's name, listed for a message: "torchjd, libmtl or official".
    public static func names(conjunction: String) -> String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " \(conjunction) " + names.last!
    }

    /// The learning rate each implementation uses by default.
    public var defaultLearningRate: Double { rules.defaultLearningRate }

    /// Whether a user-given preference vector is honoured (only torchjd has one).
    public var acceptsPreference: Bool { rules.acceptsPreference }

    /// The variant after this one, cycling.
    public var next: Variant {
        let all = Variant.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// How a variant computes the scale s and the normalized matrix Â.
public enum ScaleRule: String, Sendable {
    /// s = mean sqrt(max(A_ii, 0)), Â = A / (s^2 + 1e-8) (torchjd, LibMTL).
    case clampedDiagonalPlusEpsilon
    /// s = mean sqrt(A_ii + 1e-4), Â = A / s^2; undefined when some A_ii < -1e-4 (the official code).
    case shiftedDiagonal
}

/// How a variant finds the projection threshold tau.
public enum ProjectionRule: String, Sendable {
    /// torchjd: sort descending, stop at the first t_i = (u_1 + ... + u_i - 1) / i with t_i > u_{i+1}.
    case firstExceedingNext
    /// Duchi et al. 2008 (LibMTL, official): y unchanged when already on the simplex, else the last
    /// rho with u_rho * rho > (u_1 + ... + u_rho) - 1.
    case duchi

    /// Whether a y already on the simplex is returned untouched (no threshold search).
    public var keepsPointsOnSimplex: Bool { self == .duchi }

    /// Whether t_i is compared with the next entry u_{i+1} (torchjd) rather than with u_i (Duchi).
    public var comparesWithNextEntry: Bool { self == .firstExceedingNext }

    /// A few words naming the rule, for tables.
    public var summary: String {
        switch self {
        case .firstExceedingNext: return "sort, first t_i > u_i+1"
        case .duchi: return "Duchi (skips y on simplex)"
        }
    }
}

/// A variant described as data: its scale and projection rules, defaults and formula text.
public struct VariantRules: Equatable, Sendable {
    /// How s and Â are computed.
    public let scale: ScaleRule
    /// How tau is found.
    public let projection: ProjectionRule
    /// The learning rate the implementation uses by default.
    public let defaultLearningRate: Double
    /// Whether a user-given preference vector w~ is honoured (else uniform only).
    public let acceptsPreference: Bool

    /// torchjd 0.18.0.
    public static let torchjd = VariantRules(
        scale: .clampedDiagonalPlusEpsilon, projection: .firstExceedingNext,
        defaultLearningRate: 10, acceptsPreference: true)
    /// LibMTL.
    public static let libmtl = VariantRules(
        scale: .clampedDiagonalPlusEpsilon, projection: .duchi,
        defaultLearningRate: 5, acceptsPreference: false)
    /// OptMN-Lab/sdmgrad.
    public static let official = VariantRules(
        scale: .shiftedDiagonal, projection: .duchi,
        defaultLearningRate: 10, acceptsPreference: false)

    /// The scale's formula, e.g. "mean sqrt(max(A_ii, 0))".
    public var scaleFormula: String {
        switch scale {
        case .clampedDiagonalPlusEpsilon: return "mean sqrt(max(A_ii, 0))"
        case .shiftedDiagonal: return "mean sqrt(A_ii + 1e-4)"
        }
    }

    /// The divisor of Â = A / divisor, with `squared` standing for the exponent (e.g. "²" or "^2").
    public func divisorFormula(squared: String = "^2") -> String {
        switch scale {
        case .clampedDiagonalPlusEpsilon: return "(s\(squared) + 1e-8)"
        case .shiftedDiagonal: return "s\(squared)"
        }
    }
}
