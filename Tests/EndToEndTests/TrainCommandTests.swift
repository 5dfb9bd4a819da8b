import Foundation
import XCTest

/// Runs the real `sdmgrad-explorer train` binary (SPEC section 8).
final class TrainCommandTests: XCTestCase {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs `train` and expects success; returns the JSON objects, one per line.
    func train(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        let r = try BinaryLocator.run(["train"] + arguments)
        XCTAssertFalse(r.timedOut, file: file, line: line)
        XCTAssertEqual(r.status, 0, "train \(arguments): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderr, "", file: file, line: line)
        XCTAssert(r.stdout.hasSuffix("\n"), file: file, line: line)
        return try r.lines.map { text in
            guard let object = try StrictJSON.parse(text) as? [String: Any] else {
                throw Failure("not a JSON object: \(text)")
            }
            XCTAssertEqual(Set(object.keys), ["step", "x", "losses", "direction", "weights"], file: file, line: line)
            return object
        }
    }

    func pair(_ any: Any?) throws -> [Double] {
        guard let array = any as? [Any], array.count == 2 else {
            throw Failure("expected two numbers, found \(String(describing: any))")
        }
        return try array.map { value in
            if let n = value as? NSNumber { return n.doubleValue }
            throw Failure("expected a number, found \(value)")
        }
    }

    func step(_ object: [String: Any]) throws -> Int {
        guard let n = object["step"] as? NSNumber else { throw Failure("no step in \(object)") }
        return n.intValue
    }

    /// SPEC section 8's losses, written out independently of the core.
    func losses(_ x1: Double, _ x2: Double) -> [Double] {
        let f1 = log(max(abs(0.5 * (-x1 - 7) - tanh(-x2)), 5e-6)) + 6
        let f2 = log(max(abs(0.5 * (-x1 + 3) + tanh(-x2) + 2), 5e-6)) + 6
        let g1 = (pow(-x1 + 7, 2) + 0.1 * pow(-x2 - 8, 2)) / 10 - 20
        let g2 = (pow(-x1 - 7, 2) + 0.1 * pow(-x2 - 8, 2)) / 10 - 20
        let c1 = max(tanh(0.5 * x2), 0), c2 = max(tanh(-0.5 * x2), 0)
        return [c1 * f1 + c2 * g1, c1 * f2 + c2 * g2]
    }

    /// Central-difference gradients of the losses above.
    func gradients(_ x1: Double, _ x2: Double) -> (g1: [Double], g2: [Double]) {
        let h = 1e-6
        let dx1 = zip(losses(x1 + h, x2), losses(x1 - h, x2)).map { ($0 - $1) / (2 * h) }
        let dx2 = zip(losses(x1, x2 + h), losses(x1, x2 - h)).map { ($0 - $1) / (2 * h) }
        return ([dx1[0], dx2[0]], [dx1[1], dx2[1]])
    }

    /// Defaults: sdmgrad from (-8.5, 7.5), 70000 steps, a line for 0, 1000, ..., 69000 and 69999.
    func testDefaultsPrintEveryThousandthStepAndTheLast() throws {
        let lines = try train([])
        XCTAssertEqual(try lines.map(step), Array(stride(from: 0, through: 69_000, by: 1000)) + [69_999])
        XCTAssertEqual(try pair(lines[0]["x"]), [-8.5, 7.5])
        for object in lines {
            let x = try pair(object["x"])
            let expected = losses(x[0], x[1])
            let got = try pair(object["losses"])
            XCTAssertEqual(got[0], expected[0], accuracy: 1e-9 * max(1, abs(expected[0])))
            XCTAssertEqual(got[1], expected[1], accuracy: 1e-9 * max(1, abs(expected[1])))
            let w = try pair(object["weights"])
            XCTAssertEqual(
                w[0] + w[1], 1, accuracy: 1e-12, "sdmgrad's weights are (w + lambda/2)/(1 + lambda), w on the simplex")
        }
    }

    /// Without noise: x is the point before the update, direction = a1 g1 + a2 g2 with the exact gradients at x,
    /// and x_{k+1} is torch's Adam step (lr 0.01) on that direction, computed here by hand.
    func testEachLineIsTheStateBeforeAnAdamStep() throws {
        for method in ["mean", "mgda", "pcgrad", "cagrad", "sdmgrad-toy", "sdmgrad"] {
            let lines = try train([
                "--method", method, "--noise", "0", "--lr", "0.01", "--steps", "25", "--every", "1",
                "--start=-2,-3",
            ])
            XCTAssertEqual(try lines.map(step), Array(0..<25))
            var m = [0.0, 0.0], v = [0.0, 0.0]
            var x = [-2.0, -3.0]
            for (k, object) in lines.enumerated() {
                let got = try pair(object["x"])
                XCTAssertEqual(got[0], x[0], accuracy: 1e-12, "\(method) step \(k)")
                XCTAssertEqual(got[1], x[1], accuracy: 1e-12, "\(method) step \(k)")
                let d = try pair(object["direction"]), a = try pair(object["weights"])
                let g = gradients(got[0], got[1])
                for i in 0..<2 {
                    XCTAssertEqual(
                        d[i], a[0] * g.g1[i] + a[1] * g.g2[i], accuracy: 1e-6 * max(1, abs(d[i])), "\(method) step \(k)"
                    )
                }
                let t = Double(k + 1)
                for i in 0..<2 {
                    m[i] = 0.9 * m[i] + 0.1 * d[i]
                    v[i] = 0.999 * v[i] + 0.001 * d[i] * d[i]
                    x[i] =
                        got[i] - 0.01 * (m[i] / (1 - pow(0.9, t))) / ((v[i] / (1 - pow(0.999, t))).squareRoot() + 1e-8)
                }
            }
        }
    }

    /// The same seed gives the same run; another seed another run; noise 0 ignores the seed.
    func testSeedFixesTheNoise() throws {
        let a = try train(["--method", "mean", "--steps", "300", "--every", "100"])
        let b = try train(["--method", "mean", "--steps", "300", "--every", "100"])
        let c = try train(["--method", "mean", "--steps", "300", "--every", "100", "--seed", "2"])
        XCTAssertEqual(try a.map { try pair($0["x"]) }, try b.map { try pair($0["x"]) })
        XCTAssertNotEqual(try a.last.map { try pair($0["x"]) }, try c.last.map { try pair($0["x"]) })
        let d = try train(["--method", "mean", "--steps", "300", "--every", "100", "--noise", "0", "--seed", "7"])
        let e = try train(["--method", "mean", "--steps", "300", "--every", "100", "--noise", "0"])
        XCTAssertEqual(try d.map { try pair($0["x"]) }, try e.map { try pair($0["x"]) })
    }

    /// lambda reaches sdmgrad-toy: at lambda 1e6 its weights are those of the mean.
    func testLambdaAndCReachTheirMethods() throws {
        let toy = try train(["--method", "sdmgrad-toy", "--lambda", "1e6", "--steps", "3", "--every", "1"])
        for object in toy {
            let w = try pair(object["weights"])
            XCTAssertEqual(w[0], 0.5, accuracy: 1e-6)
            XCTAssertEqual(w[1], 0.5, accuracy: 1e-6)
        }
        let cagrad = try train(["--method", "cagrad", "--c", "0", "--steps", "3", "--every", "1"])
        XCTAssertEqual(try cagrad.map { try pair($0["weights"]) }, [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])
    }

    func testTextFormatIsATable() throws {
        let r = try BinaryLocator.run([
            "train", "--format", "text", "--method", "mgda", "--steps", "2001", "--every", "1000",
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.lines
        XCTAssert(lines[0].contains("mgda"), lines[0])
        XCTAssertEqual(
            lines[1].split(separator: " ").map(String.init), ["step", "x1", "x2", "L1", "L2", "d1", "d2", "a1", "a2"])
        XCTAssertEqual(lines[2...4].map { $0.split(separator: " ").first.map(String.init) }, ["0", "1000", "2000"])
        XCTAssertEqual(lines[2].split(separator: " ")[1], "-8.5000")
        XCTAssert(lines.last!.hasPrefix("end point"), lines.last!)
    }

    /// Bad input: one line on stderr naming the problem, exit status 2, nothing on stdout.
    func testBadInput() throws {
        let cases: [([String], String)] = [
            (["--method", "adam"], "--method"), (["--steps", "0"], "--steps"), (["--steps=-5"], "--steps"),
            (["--steps", "many"], "--steps"), (["--start", "1"], "--start"), (["--start=1,nan"], "--start"),
            (["--start=inf,2"], "--start"), (["--start", "1,2,3"], "--start"), (["--noise=-0.1"], "--noise"),
            (["--lr=-0.002"], "--lr"), (["--lr", "nan"], "--lr"), (["--lambda=-1"], "--lambda"),
            (["--lambda", "inf"], "--lambda"),
            (["--c", "nan"], "--c"), (["--every", "0"], "--every"), (["--format", "csv"], "--format"),
            (["--seed=-1"], "--seed"), (["--bogus"], "--bogus"), (["--variant", "x"], "--variant"),
            (["--momentum", "1"], "--momentum"),
            (["--steps", "2000000", "--every", "1"], "--every"), (["--steps", "20000001"], "--steps"),
            (["--steps"], "--steps"), (["--method"], "--method"),
        ]
        for (arguments, word) in cases {
            let r = try BinaryLocator.run(["train"] + arguments)
            let context = "train \(arguments)"
            XCTAssertEqual(r.status, 2, context)
            XCTAssertFalse(r.signaled, context)
            XCTAssertEqual(r.stdout, "", context)
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, "\(context): \(r.stderr)")
            XCTAssert(r.stderr.contains(word), "\(context): \(r.stderr)")
        }
    }

    /// The official variant's scale is undefined on a noisy A with A_ii < -1e-4: said in one line, exit 2, no NaN printed.
    func testOfficialVariantFailureIsOneLine() throws {
        let r = try BinaryLocator.run(["train", "--variant", "official", "--noise", "1", "--start=0,-8.3552"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssert(r.stderr.contains("official"), r.stderr)
        XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
    }
}
