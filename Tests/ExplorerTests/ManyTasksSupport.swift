import Explorer
import Foundation
import Runtime
import SDMGrad
import TerminalUI

/// Explorers on A matrices made for the tests: a closed-form A where one task clearly wins, and seeded
/// random Gramians of any size.
enum ManyTasks {
    /// A diagonal A (orthogonal gradients) whose task `winner` (0-based) has by far the smallest norm, so
    /// the minimum-norm weighting puts most of its weight there: a_ii = 1 + 0.3 sin(i), a_ww = 0.02.
    static func clearWinner(m: Int, winner: Int) -> Matrix {
        Matrix(
            (0..<m).map { i in
                (0..<m).map { j in i != j ? 0 : (i == winner ? 0.02 : 1 + 0.3 * sin(Double(i))) }
            })
    }

    /// A = G Gᵀ for an m x 3 Gaussian-ish G drawn from `seed` (a Gramian, so the picture is exact).
    static func randomGramian(m: Int, seed: UInt64) -> Matrix {
        var state = seed
        func next() -> Double {
            // SplitMix64, then a uniform in (-1, 1).
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53) * 2 - 1
        }
        let g = (0..<m).map { _ in (0..<3).map { _ in next() } }
        return Matrix((0..<m).map { i in (0..<m).map { j in zip(g[i], g[j]).reduce(0) { $0 + $1.0 * $1.1 } } })
    }

    /// Orthogonal gradients (task i along axis i) of norms sqrt(a_ii) of `clearWinner`, with batch noise 0.01, so
    /// each outer step (o) is a new call that task `winner` still wins.
    static func noisyWinner(m: Int, winner: Int) -> Scenario {
        let a = clearWinner(m: m, winner: winner)
        let g = Matrix((0..<m).map { i in (0..<m).map { j in i == j ? a[i, i].squareRoot() : 0 } })
        return Scenario(name: "noisy winner", title: "task \(winner + 1) wins", gradients: g, noise: 0.01)
    }

    /// The explorer on `scenario` after `keys`, every analysis done.
    static func explorer(_ scenario: Scenario, keys: String = "", width: Int = 120, height: Int = 40) throws
        -> ExplorerState
    {
        let driver = HeadlessDriver(model: ExplorerState(scenario: scenario), width: width, height: height)
        driver.settle()
        driver.input(try InputEvent.parseSequence(keys))
        return driver.model
    }

    /// The explorer on `a` after `keys`, every analysis done.
    static func explorer(_ a: Matrix, name: String, keys: String = "", width: Int = 120, height: Int = 40) throws
        -> ExplorerState
    {
        let driver = HeadlessDriver(
            model: ExplorerState(scenario: Scenario(name: name, matrix: a)), width: width, height: height)
        driver.settle()
        driver.input(try InputEvent.parseSequence(keys))
        return driver.model
    }
}
