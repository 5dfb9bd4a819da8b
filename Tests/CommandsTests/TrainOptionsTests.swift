import ArgumentParser
import Commands
import SDMGrad
import XCTest

/// `train`'s typed options, parsed in process: values reach the settings, bad ones are refused with the option named.
final class TrainOptionsTests: XCTestCase {
    func settings(_ arguments: [String]) throws -> ToyRunSettings { try TrainCommand.parse(arguments).settings() }

    func testDefaultsAreSPECSection8s() throws {
        let s = try settings([])
        XCTAssertEqual(s, ToyRunSettings(method: .sdmgrad).with { $0.recordEvery = 1000 })
    }

    func testEveryOptionReachesTheSettings() throws {
        let s = try settings([
            "--method", "sdmgrad", "--start=-2,3.5", "--steps", "12", "--lr", "0.01", "--noise", "0",
            "--seed", "9", "--lambda", "0.7", "--every", "3", "--variant", "libmtl", "--inner-lr", "2",
            "--momentum", "0.25", "--iters", "7",
        ])
        XCTAssertEqual(s.start, SIMD2(-2, 3.5))
        XCTAssertEqual([s.steps, s.recordEvery, s.solver.iters], [12, 3, 7])
        XCTAssertEqual([s.lr, s.noise, s.lambda, s.solver.lr, s.solver.momentum], [0.01, 0, 0.7, 2, 0.25])
        XCTAssertEqual(s.seed, 9)
        XCTAssertEqual(s.solver.variant, .libmtl)
        XCTAssertEqual(try settings(["--method", "cagrad", "--c", "0.125"]).c, 0.125)
        XCTAssertEqual(try settings(["--pref", "0.2,0.8"]).solver.pref, [0.2, 0.8])
    }

    func testMethodNamesComeFromToyMethod() {
        for method in ToyMethod.allCases {
            XCTAssertNil(parseFailure(["train", "--method", method.rawValue]), method.rawValue)
        }
        let message = parseFailure(["train", "--method", "adam"]) ?? ""
        for method in ToyMethod.allCases { XCTAssert(message.contains(method.rawValue), message) }
    }

    func testBadValuesNameTheirOption() {
        let cases: [([String], String)] = [
            (["--steps", "0"], "--steps"), (["--steps=-5"], "--steps"), (["--steps", "many"], "--steps"),
            (["--start", "1"], "--start"), (["--start=1,nan"], "--start"), (["--start=inf,2"], "--start"),
            (["--noise=-0.1"], "--noise"), (["--lr", "nan"], "--lr"), (["--lambda", "inf"], "--lambda"),
            (["--method", "cagrad", "--c", "nan"], "--c"), (["--every", "0"], "--every"),
            (["--format", "csv"], "--format"),
            (["--seed=-1"], "--seed"), (["--variant", "x"], "--variant"), (["--momentum", "1"], "--momentum"),
            (["--pref", "1,2,3"], "--pref"), (["--pref=-1,2"], "--pref"), (["--bogus"], "--bogus"),
        ]
        for (arguments, word) in cases { assertRefused(["train"] + arguments, [word]) }
    }

    /// An option the chosen method never reads is refused, naming the option and the methods that read it.
    func testAnOptionWithoutEffectIsRefused() {
        assertRefused(["train", "--method", "mean", "--pref", "0.5,0.5"], ["--pref", "mean", "sdmgrad"])
        assertRefused(["train", "--method", "mgda", "--lambda", "1"], ["--lambda", "mgda"])
        assertRefused(["train", "--method", "sdmgrad", "--c", "1"], ["--c", "cagrad"])
        assertRefused(["train", "--method", "sdmgrad-toy", "--iters", "5"], ["--iters", "sdmgrad"])
        XCTAssertNil(parseFailure(["train", "--method", "sdmgrad-toy", "--lambda", "1"]))
        XCTAssertNil(
            parseFailure(["train", "--method", "mean", "--noise", "0", "--seed", "3"]),
            "noise and seed act on every method")
    }

    /// A value that is finite but overflows the run (SPEC: never print null) is refused when the run leaves float64.
    func testAValueThatOverflowsIsRefused() throws {
        let message = try runFailure(["train", "--method", "cagrad", "--c", "1e308", "--steps", "5", "--every", "1"])
        XCTAssert(message?.contains("--c") == true && message?.contains("not a finite") == true, message ?? "accepted")
        let lr = try runFailure(["train", "--method", "mean", "--lr", "1e308", "--steps", "50", "--every", "1"])
        XCTAssert(lr?.contains("--lr") == true, lr ?? "accepted")
    }
}

extension ToyRunSettings {
    /// A copy changed by `change`.
    func with(_ change: (inout ToyRunSettings) -> Void) -> ToyRunSettings {
        var copy = self
        change(&copy)
        return copy
    }
}
