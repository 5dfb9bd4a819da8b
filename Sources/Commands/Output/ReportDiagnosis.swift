import Explorer
import SDMGrad
import TerminalUI

/// The diagnosis of a report (SPEC section 7.2): sentences that each rest on a number of the map, the
/// replay or the recorded weights. No sentence says a call settles, lands or converges unless it reached w*.
enum ReportDiagnosis {
    static func sentences(_ report: RunReport) -> [String] {
        let s = report.summary, p = report.parameters, map = report.map
        let n = s.calls
        var out: [String] = []
        // What training got.
        let off = report.calls.filter(\.recorded.offSimplex)
        if !off.isEmpty {
            let sums = off.map(\.recorded.sum).filter(\.isFinite).sorted()
            let sumText =
                sums.isEmpty
                ? "that are not finite"
                : (sums.first.map(short) == sums.last.map(short)
                    ? "that sum to \(short(sums[0]))"
                    : "that sum to between \(short(sums.first!)) and \(short(sums.last!))")
            var sentence = "On \(off.count) of \(n) steps torchjd returned weights \(sumText), not a convex combination"
            let zero = off.filter { $0.recorded.cause == .scaleZero }.count
            let rounding = off.filter { $0.recorded.cause == .rounding }.count
            var causes: [String] = []
            if zero > 0 {
                causes.append(
                    "on \(zero) of them every A_ii <= 0, so s = 0 and Â = A / 1e-8, and the projection "
                        + "lost the -1 in \(off.first { $0.recorded.cause == .scaleZero }!.dtype.rawValue)")
            }
            if rounding > 0 {
                causes.append(
                    "on \(rounding) the pre-projection point grew beyond 2^24 (float32) or 2^53 (float64), "
                        + "where the projection cannot keep the sum at 1")
            }
            if !causes.isEmpty { sentence += ": " + causes.joined(separator: "; ") }
            out.append(sentence + "; those training steps were scaled by that sum.")
        }
        if s.diverged > 0 {
            out.append(
                "The replay at lambda \(plain(p.lambda)), lr \(plain(p.lr)) is not finite on \(s.diverged) of \(n) "
                    + "calls: these parameters overflow, nothing is reached and no verdict is stated there.")
        }
        // Today's setting.
        out.append(
            "At your lr \(plain(p.lr)) with \(p.iters) iterations the inner solver reaches its fixed point "
                + "(r(w) <= 1e-3) on \(s.reached) of \(n) calls.")
        let short_ = report.calls.filter { !$0.reach.reached && $0.reach.iterationsNeeded != nil }
        if !short_.isEmpty {
            let needed = short_.compactMap(\.reach.iterationsNeeded).sorted()
            let count =
                needed.count == 1
                ? "it needs \(needed[0])"
                : needed.first == needed.last
                    ? "they need \(needed[0])" : "they need \(needed[needed.count / 2]) (median) to \(needed.last!)"
            out.append(
                "Of the \(n - s.reached) calls not reached, on \(short_.count) w* attracts at lr \(plain(p.lr)) but "
                    + "\(p.iters) iterations stop short: " + count + " iterations.")
        }
        if s.unverified > s.diverged {
            out.append(
                "On \(calls(s.unverified - s.diverged)) no fixed point could be verified (KKT residual above 1e-8), "
                    + "so no verdict is stated for them.")
        }
        let repelling = report.calls.filter { $0.verdict == .diverges }
        if !repelling.isEmpty {
            let facts = repelling.filter { $0.fact.isFact && $0.lrMax == 0 }.count
            var sentence = "On \(calls(repelling.count)) the verified fixed point repels at lr \(plain(p.lr))"
            if facts > 0 { sentence += " (on \(facts) of them at every lr: Â is not positive on its face)" }
            if repelling.count > facts {
                sentence += "; \(repelling.count - facts) of these verdicts rest on estimated eigenvalues"
            }
            out.append(sentence + ".")
        }
        if s.oscillates > 0 {
            let limits = report.calls.filter { $0.verdict == .oscillates }.map(\.lrMax)
            out.append(
                "On \(calls(s.oscillates)) lr \(plain(p.lr)) is above the limit where w* attracts ("
                    + (limits.count == 1 ? "lr_max \(short(limits[0]))" : "lr_max, median \(short(median(limits)))")
                    + ").")
        }
        // The map.
        let mappedText = map.mapped.count == n ? "\(n)" : "\(map.mapped.count) mapped"
        if let safe = s.safeLR {
            out.append(
                "With \(p.iters) iterations the largest grid lr that reaches every \(map.mapped.count == n ? "" : "mapped ")"
                    + "call is \(lr(safe)) (\(mappedText) of \(mappedText)).")
        } else if let row = map.iters.firstIndex(of: p.iters), let best = map.reached[row].max() {
            let j = map.reached[row].firstIndex(of: best)!
            out.append(
                "With \(p.iters) iterations no grid lr reaches every \(map.mapped.count == n ? "" : "mapped ")call: "
                    + "the best, lr \(lr(map.lrs[j])), reaches \(best) of \(map.mapped.count).")
        }
        if let r = s.recommendation {
            out.append(
                "lr \(lr(r.lr)) with \(r.iters) iterations reaches the fixed point on \(r.reached) of "
                    + "\(map.mapped.count)\(map.mapped.count == n ? "" : " mapped") calls; replayed over the whole run "
                    + "with warm starts carried it reaches \(r.replayed) of \(n) (yours: \(s.reached)).")
            if r.replayed > s.reached {
                out.append("Set SDMGradWeighting(lr=\(lr(r.lr)), n_iter=\(r.iters)).")
            } else {
                out.append("Nothing in the map does better than your setting.")
            }
        } else {
            out.append("No lr and budget of the map reaches the fixed point on any call.")
        }
        if s.flips > 0 {
            out.append(
                "The winning task (argmax of the recorded weights) changed \(s.flips) time\(s.flips == 1 ? "" : "s") "
                    + "in \(n) calls.")
        }
        let onSimplex = report.calls.filter { !$0.recorded.offSimplex }.map(\.replayDifference)
        var replay =
            "Replayed in float64 from the recorded warm starts, the weights differ from the recorded ones by at "
            + "most \(scientific(onSimplex.max() ?? 0))"
            + (off.isEmpty ? "" : " on the \(onSimplex.count) calls on the simplex")
        if s.float32Calls > 0 { replay += " (float32 rounding is about 1e-7)" }
        out.append(replay + "; the winning task agrees on \(s.winnerAgreements) of \(n) calls.")
        return out
    }

    /// An lr with three significant digits, trailing zeros dropped: 0.1 -> "0.1", 0.5623 -> "0.562", 3.162 -> "3.16".
    static func lr(_ x: Double) -> String {
        guard x.isFinite, x > 0, x >= 1e-4, x < 1e5 else { return short(x) }
        var digits = 2, scaled = x
        while scaled >= 10 && digits > 0 { scaled /= 10; digits -= 1 }
        while scaled < 1 { scaled *= 10; digits += 1 }
        var text = NumberText.fixed(x, decimals: digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// "1 call" / "3 calls".
    static func calls(_ n: Int) -> String { n == 1 ? "1 call" : "\(n) calls" }

    static func median(_ xs: [Double]) -> Double {
        let sorted = xs.filter(\.isFinite).sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// A parameter as given: 10 -> "10", 0.3 -> "0.3" (shortest round-trip form).
    static func plain(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
    }

    static func short(_ x: Double) -> String { x.isFinite ? NumberText.short(x) : (x.isNaN ? "NaN" : "inf") }

    static func scientific(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : "inf" }
        return x == 0 ? "0" : NumberText.scientific(x, decimals: 1, compact: false)
    }
}
