import SDMGrad
import XCTest

/// Large m: Â is built only when asked for, the solver divides A on the fly, and A's finiteness is
/// checked in the solver's first pass.
final class LazyNormalizationTests: XCTestCase {
    /// Â is not built by a call at large m; asked for, it is A / (s^2 + 1e-8) entry by entry, exactly.
    func testNormalizedMatrixIsBuiltOnDemandAndExact() throws {
        var rng = SplitMix64(seed: 61)
        let m = 90
        let a = Plain.timesTranspose(Plain.random(m, 40, &rng), Plain.random(m, 40, &rng))
        var weighting = SDMGradWeighting()
        let call = try weighting(a)
        XCTAssertNil(call.normalization.builtMatrix, "a call does not write Â")
        XCTAssertEqual(call.normalization.matrix, Plain.normalize(a), "bit for bit")
        XCTAssertNotNil(call.normalization.builtMatrix, "kept once built")
        // Small matrices are divided at once.
        let small = try Normalization(Matrix([[4, 1], [1, 9]]), variant: .torchjd)
        XCTAssertEqual(small.builtMatrix, Plain.normalize(Matrix([[4, 1], [1, 9]])))
    }

    /// A NaN or infinity anywhere in A is an input error at every m, found by the first pass at large m;
    /// a finite A whose Â overflows (s = 0 and entries near the largest double) is not.
    func testNonFiniteEntriesFoundByTheFirstPass() throws {
        for m in [5, 64, 65, 200] {
            for bad in [Double.nan, .infinity, -.infinity] {
                for (i, j) in [(0, m - 1), (m - 1, 0), (m / 2, m / 3)] {
                    var a = Matrix.zeros(rows: m, columns: m)
                    for k in 0..<m { a[k, k] = 1 }
                    a[i, j] = bad
                    var weighting = SDMGradWeighting()
                    XCTAssertThrowsError(try weighting(a), "m \(m), \(bad) at (\(i), \(j))") { error in
                        XCTAssertEqual("\(error)", "A has NaN or infinite entries")
                    }
                    XCTAssertNil(weighting.state, "a rejected call leaves no state")
                }
            }
            var huge = Matrix.zeros(rows: m, columns: m)
            for k in 0..<m { huge[k, k] = -1; huge[k, (k + 1) % m] = 1e305 }
            var weighting = SDMGradWeighting()
            XCTAssertNoThrow(try weighting(huge), "m \(m): finite A, overflowing Â")
        }
    }
}
