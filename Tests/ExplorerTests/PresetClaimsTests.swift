import Explorer
import SDMGrad
import TerminalUI
import XCTest

/// Every preset's description against its own numbers. A preset's JSON carries `claims` (a small
/// vocabulary, below); each claim is checked against the solver and the analysis at the preset's
/// own parameters, each claim must be said in the description with its number, and the
/// description may not use a claim's wording without the claim (so "inside the triangle" cannot
/// come back for a w* on an edge).
final class PresetClaimsTests: XCTestCase {
    /// A claim's wording: one of `phrases` must appear when the claim is made, and none may appear without it.
    struct Wording {
        let phrases: [String]
    }

    static let vocabulary: [String: Wording] = [
        "angle": Wording(phrases: ["degrees"]),
        "length_ratio": Wording(phrases: ["times longer"]),
        "conflict": Wording(phrases: ["disagree", "against each other", " agree"]),
        "dimension": Wording(phrases: ["in 2-D", "in three dimensions"]),
        "parameters": Wording(phrases: ["shared parameters"]),
        "fixed_point": Wording(phrases: [
            "w* is interior", "w* lies on an edge", "w* is a vertex", "inside the triangle", "lies inside",
        ]),
        "verdict": Wording(phrases: ["never settles", "converges to w*"]),
        "vertex_jumps": Wording(phrases: ["jumps from one vertex", "jump between its corners"]),
        "ends_on_vertex": Wording(phrases: ["ends on a vertex"]),
        "settles_below_lr_max": Wording(phrases: ["below lr_max"]),
        "lr_max": Wording(phrases: ["lr_max is only"]),
        "min_norm": Wording(phrases: ["min-norm"]),
        "lambda_acts_from": Wording(phrases: ["until lambda"]),
        "lambda_always_acts": Wording(phrases: ["lambda always moves"]),
        "not_symmetric": Wording(phrases: ["not symmetric", "neither symmetric"]),
        "not_psd": Wording(phrases: ["nor PSD", "not PSD"]),
        "mean_closest_to": Wording(phrases: ["dominated by"]),
    ]

    func testEveryPresetDescriptionMatchesItsNumbers() throws {
        let folder = String(#filePath[..<#filePath.range(of: "/Tests/")!.lowerBound]) + "/assets/scenarios"
        var checked = 0
        for scenario in presetLibrary.scenarios {
            let json = try JSONValue.parse(
                Array(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(scenario.name).json"))))
            guard case .object(let members)? = json["claims"] else {
                XCTFail("\(scenario.name) has no claims"); continue
            }
            let claims = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            let text = scenario.description
            for (key, value) in claims {
                guard let wording = Self.vocabulary[key] else {
                    XCTFail("\(scenario.name): unknown claim \(key)"); continue
                }
                XCTAssertTrue(
                    wording.phrases.contains { text.contains($0) },
                    "\(scenario.name): claim \(key) is not said in the description")
                try check(key, value, scenario: scenario, description: text)
                checked += 1
            }
            for (key, wording) in Self.vocabulary where claims[key] == nil {
                for phrase in wording.phrases where text.contains(phrase) {
                    XCTFail("\(scenario.name): the description says '\(phrase)' without the claim \(key)")
                }
            }
            // Every "lr = X" is the preset's own lr.
            for part in text.components(separatedBy: "lr = ").dropFirst() {
                let number = Double(
                    String(part.prefix { "0123456789.".contains($0) }).trimmingCharacters(
                        in: CharacterSet(charactersIn: ".")))
                XCTAssertEqual(number, scenario.parameters.lr, "\(scenario.name): 'lr = \(part.prefix(6))'")
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 25)
    }

    /// Checks one claim at the preset's own parameters.
    func check(_ key: String, _ value: JSONValue, scenario: Scenario, description: String) throws {
        let name = scenario.name
        let state = try explorer(preset: name)
        let call = try XCTUnwrap(state.computation.call), analysis = try XCTUnwrap(state.analysis)
        let m = call.m, lambda = state.parameters.lambda
        let g = scenario.gradients?.rowArrays ?? []
        func number(_ v: JSONValue) -> Double {
            if case .number(let x) = v { return x }; XCTFail("\(name): \(key) needs numbers"); return .nan
        }
        func numbers(_ v: JSONValue) -> [Double] {
            if case .array(let xs) = v { return xs.map(number) }; return [number(v)]
        }
        func said(_ x: Double, digits: Int) {
            let shown = NumberText.fixed(x, decimals: digits)
            XCTAssertTrue(description.contains(shown), "\(name): the description should give \(key) as \(shown)")
        }
        switch key {
        case "angle":
            let v = numbers(value), i = Int(v[0]) - 1, j = Int(v[1]) - 1
            let degrees = acos(dot(g[i], g[j]) / (norm(g[i]) * norm(g[j]))) * 180 / .pi
            XCTAssertEqual(degrees, v[2], accuracy: 3, "\(name): angle")
            XCTAssertTrue(description.contains("\(Int(v[2])) degrees"), name)
        case "length_ratio":
            let v = numbers(value)
            XCTAssertEqual(
                norm(g[Int(v[0]) - 1]) / norm(g[Int(v[1]) - 1]), v[2], accuracy: 0.1 * v[2], "\(name): length ratio")
        case "conflict":
            let pairs = (0..<m).flatMap { i in (i + 1..<m).map { dot(g[i], g[$0]) } }
            XCTAssertEqual(pairs.contains { $0 < 0 }, value == .bool(true), "\(name): conflict")
            let words = value == .bool(true) ? ["disagree", "against each other"] : [" agree"]
            XCTAssertTrue(
                words.contains { description.contains($0) } && (value == .bool(true)) != description.contains(" agree"),
                "\(name): conflict wording")
        case "dimension":
            XCTAssertEqual(Double(g.first?.count ?? -1), number(value), name)
        case "parameters":
            XCTAssertEqual(Double(try XCTUnwrap(scenario.j1).columns), number(value), name)
        case "fixed_point":
            let support = analysis.fixedPoint.support.count
            let kind = support == m ? "interior" : support == 1 ? "vertex" : "edge"
            XCTAssertEqual(.string(kind), value, "\(name): w* = \(analysis.fixedPoint.w) at lambda \(lambda)")
            let phrase = ["interior": "w* is interior", "edge": "w* lies on an edge", "vertex": "w* is a vertex"][kind]!
            XCTAssertTrue(description.contains(phrase), "\(name): the description should say '\(phrase)'")
            for other in [
                "w* is interior", "w* lies on an edge", "w* is a vertex", "inside the triangle", "lies inside",
            ] where other != phrase {
                XCTAssertFalse(
                    description.contains(other) && !(kind == "interior" && other.contains("inside")),
                    "\(name): '\(other)' but w* is \(kind)")
            }
            XCTAssertTrue(analysis.fixedPoint.isVerified, name)
        case "verdict":
            XCTAssertEqual(.string(analysis.stability.verdict.rawValue), value, name)
            if value != .string("converges") {
                XCTAssertGreaterThan(residual(call, w: call.w), 1e-3, "\(name): never settles, yet reached")
            }
        case "vertex_jumps":
            // From iteration k on (the claim's number; 1: at every iteration), each iterate is a vertex other than the last.
            let k = Int(number(value))
            XCTAssertTrue(
                k == 1 ? description.contains("at every iteration") : description.contains("from iteration \(k) on"),
                name)
            let ws = Array(try XCTUnwrap(call.trace).steps.map(\.w).dropFirst(k - 1))
            XCTAssertTrue(ws.allSatisfy(isVertex), "\(name): every iterate a vertex")
            XCTAssertTrue(zip(ws, ws.dropFirst()).allSatisfy { $0 != $1 }, "\(name): a different vertex each time")
        case "ends_on_vertex":
            XCTAssertTrue(isVertex(call.w), "\(name): ends at \(call.w)")
        case "settles_below_lr_max":
            var lowered = state
            while let a = lowered.analysis, lowered.parameters.lr >= a.stability.lrMax {
                apply(.key(.character("l")), to: &lowered)
            }
            let c = try XCTUnwrap(lowered.computation.call)
            XCTAssertLessThanOrEqual(
                residual(c, w: c.w), 1e-3, "\(name): at lr \(lowered.parameters.lr) the call reaches w*")
        case "lr_max":
            XCTAssertEqual(analysis.stability.lrMax, number(value), accuracy: 0.02 * number(value), name)
            said(number(value), digits: 3)
        case "min_norm":
            // At lambda = 0, w* holds the min-norm weights: {"task": i, "at_most"/"at_least": x} or {"d_norm": x}.
            guard case .object(let members) = value else { return XCTFail(name) }
            let o = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
            let w0 = FixedPointSolver.solve(
                normalized: call.normalization.matrix, preference: call.preference, lambda: 0
            ).w
            if let t = o["task"] {
                let i = Int(number(t)) - 1
                if let most = o["at_most"] {
                    XCTAssertLessThanOrEqual(w0[i], number(most), "\(name): min-norm weight \(w0)");
                    said(w0[i], digits: 3)
                }
                if let least = o["at_least"] {
                    XCTAssertGreaterThanOrEqual(w0[i], number(least), "\(name): min-norm weight \(w0)")
                }
            }
            if let d = o["d_norm"] {
                let direction = try XCTUnwrap(state.computation.input.directionJacobian).transposeTimes(w0)
                XCTAssertEqual(norm(direction), number(d), accuracy: 5e-4, "\(name): min-norm |d|")
                said(number(d), digits: 3)
            }
        case "lambda_acts_from":
            let x = number(value)
            let invariance = try XCTUnwrap(LambdaInvariance.compute(call: call), name)
            XCTAssertEqual(invariance.interiorBelow, x, accuracy: 0.01, name)
            XCTAssertTrue(invariance.isInterior(lambda: lambda), "\(name): interior at its own lambda")
            // The solver agrees on both sides of the boundary.
            let a = call.normalization.matrix
            XCTAssertEqual(
                FixedPointSolver.solve(normalized: a, preference: call.preference, lambda: 0.97 * x).support.count, m,
                name)
            XCTAssertLessThan(
                FixedPointSolver.solve(normalized: a, preference: call.preference, lambda: 1.03 * x).support.count, m,
                name)
            XCTAssertTrue(description.contains("until lambda \(NumberText.fixed(x, decimals: 2))"), name)
        case "lambda_always_acts":
            let below = LambdaInvariance.compute(call: call)?.interiorBelow ?? 0
            XCTAssertEqual(below, 0, "\(name): no lambda leaves the weights alone")
        case "not_symmetric":
            let a = state.computation.input.a
            XCTAssertTrue((0..<m).contains { i in (0..<m).contains { a[i, $0] != a[$0, i] } }, name)
        case "not_psd":
            // Sylvester: a symmetric matrix is PSD iff every principal minor is >= 0.
            let a = state.computation.input.a
            let s = (0..<m).map { i in (0..<m).map { (a[i, $0] + a[$0, i]) / 2 } }
            let subsets = (1..<(1 << m)).map { bits in (0..<m).filter { bits & (1 << $0) != 0 } }
            XCTAssertTrue(
                subsets.contains { idx in determinant(idx.map { i in idx.map { s[i][$0] } }) < -1e-12 },
                "\(name): PSD after all")
        case "mean_closest_to":
            let mean = (0..<g[0].count).map { j in g.reduce(0) { $0 + $1[j] } / Double(m) }
            let cosines = g.map { dot($0, mean) / (norm($0) * norm(mean)) }
            XCTAssertEqual(Double(cosines.indices.max { cosines[$0] < cosines[$1] }! + 1), number(value), name)
        default:
            XCTFail("\(name): no check for \(key)")
        }
    }

    /// The natural residual max_i |w_i − P(w − Â(w + λw̃))_i| (SPEC 7.1), with a projection written out here.
    func residual(_ call: WeightingCall, w: [Double]) -> Double {
        let a = call.normalization.matrix, lambda = call.parameters.lambda
        let g = (0..<call.m).map { i in
            (0..<call.m).reduce(0) { $0 + a[i, $1] * (w[$1] + lambda * call.preference[$1]) }
        }
        let y = zip(w, g).map { $0 - $1 }
        let u = y.sorted(by: >)
        var total = 0.0, tau = 0.0
        for (i, x) in u.enumerated() { total += x; let t = (total - 1) / Double(i + 1); if x > t { tau = t } }
        return zip(w, y).map { abs($0 - max($1 - tau, 0)) }.max() ?? 0
    }

    func isVertex(_ w: [Double]) -> Bool { w.filter { $0 == 0 }.count == w.count - 1 }
    func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }
    func norm(_ x: [Double]) -> Double { dot(x, x).squareRoot() }
    func determinant(_ a: [[Double]]) -> Double {
        guard a.count > 1 else { return a.first?.first ?? 1 }
        return a[0].indices.reduce(0) { sum, j in
            let minor = a.dropFirst().map { row in row.enumerated().filter { $0.offset != j }.map(\.element) }
            return sum + (j % 2 == 0 ? 1 : -1) * a[0][j] * determinant(minor)
        }
    }
}
