/// The products Â x of the solver's large path, reading Â_ij as entries_ij / divisor.
///
/// Full passes over the matrix (Â w~, and Â w while w is dense) divide each row's sum once,
/// <A_i, x> / d, instead of every entry: a division per entry would cost more than reading the matrix.
/// That rounds differently from <Â_i, x> in the last bits, as torch's own summation order does.
/// The support-only sums divide each entry they read (few), so they are the same bits as on a built Â.
struct ScaledProduct {
    /// Row-major m x m entries (A, or Â itself when the divisor is 1).
    let a: UnsafePointer<Double>
    /// Number of rows and columns.
    let m: Int
    /// What every entry is divided by.
    let divisor: Double

    /// First iteration: preferred = lambda Â w~ (one pass over Â) and out = Â w + preferred; when w is
    /// dense both come from the same pass. Returns whether every stored entry is finite (the pass reads
    /// them all: a row is inspected only when its sum with w~ is not finite).
    func firstPass(
        preference p: UnsafePointer<Double>, lambda: Double, w: UnsafePointer<Double>,
        support: UnsafeMutablePointer<Int>, preferred: UnsafeMutablePointer<Double>,
        into out: UnsafeMutablePointer<Double>
    ) -> Bool {
        if divisor == 1 {
            firstPass(
                Unscaled(), preference: p, lambda: lambda, w: w, support: support, preferred: preferred, into: out)
        } else {
            firstPass(
                Divided(divisor: divisor), preference: p, lambda: lambda, w: w, support: support,
                preferred: preferred, into: out)
        }
    }

    /// out = Â x + b, reading only the columns where x is non-zero when those are a quarter of m or fewer.
    func sparse(
        _ x: UnsafePointer<Double>, support: UnsafeMutablePointer<Int>, plus b: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>
    ) {
        if divisor == 1 {
            sparse(Unscaled(), x, support: support, plus: b, into: out)
        } else {
            sparse(Divided(divisor: divisor), x, support: support, plus: b, into: out)
        }
    }

    private func firstPass<S: EntryScale>(
        _ scale: S, preference p: UnsafePointer<Double>, lambda: Double,
        w: UnsafePointer<Double>, support: UnsafeMutablePointer<Int>,
        preferred: UnsafeMutablePointer<Double>, into out: UnsafeMutablePointer<Double>
    ) -> Bool {
        var finite = true
        // A non-finite entry makes its row's sum with w~ NaN or infinite (0 * inf is NaN); a finite row
        // whose sum overflows is told apart by looking at its entries.
        func check(_ sum: Double, row i: Int) {
            if !sum.isFinite && finite { finite = (0..<m).allSatisfy { a[i * m + $0].isFinite } }
        }
        let count = ScaledProduct.collectSupport(w, m: m, into: support)
        if count * 4 > m && (0..<m).allSatisfy({ w[$0] == p[$0] }) {
            // The first call from uniform with the uniform preference: Â w = Â w~, one sum per row.
            for i in 0..<m {
                let sum = LinearAlgebra.dot(a + i * m, p, count: m)
                check(sum, row: i)
                let product = scale.apply(sum)
                preferred[i] = product * lambda
                out[i] = product + preferred[i]
            }
            return finite
        }
        if count * 4 > m {
            for i in 0..<m {
                let (dp, dw) = ScaledProduct.dots(a + i * m, p, w, count: m)
                check(dp, row: i)
                preferred[i] = scale.apply(dp) * lambda
                out[i] = scale.apply(dw) + preferred[i]
            }
            return finite
        }
        for i in 0..<m {
            let sum = LinearAlgebra.dot(a + i * m, p, count: m)
            check(sum, row: i)
            preferred[i] = scale.apply(sum) * lambda
        }
        sparseRows(scale, w, support: support, count: count, plus: preferred, into: out)
        return finite
    }

    private func sparse<S: EntryScale>(
        _ scale: S, _ x: UnsafePointer<Double>, support: UnsafeMutablePointer<Int>,
        plus b: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>
    ) {
        let count = ScaledProduct.collectSupport(x, m: m, into: support)
        if count * 4 > m {
            for i in 0..<m { out[i] = scale.apply(LinearAlgebra.dot(a + i * m, x, count: m)) + b[i] }
            return
        }
        sparseRows(scale, x, support: support, count: count, plus: b, into: out)
    }

    /// out_i = sum over the support (ascending) of Â_ij x_j, plus b_i; four rows at a time so their
    /// scattered loads overlap (each row still sums in its own order).
    private func sparseRows<S: EntryScale>(
        _ scale: S, _ x: UnsafePointer<Double>, support: UnsafeMutablePointer<Int>,
        count: Int, plus b: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>
    ) {
        var i = 0
        while i + 4 <= m {
            let r0 = a + i * m, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            for t in 0..<count {
                let j = support[t], xj = x[j]
                s0 += scale.apply(r0[j]) * xj
                s1 += scale.apply(r1[j]) * xj
                s2 += scale.apply(r2[j]) * xj
                s3 += scale.apply(r3[j]) * xj
            }
            out[i] = s0 + b[i]
            out[i + 1] = s1 + b[i + 1]
            out[i + 2] = s2 + b[i + 2]
            out[i + 3] = s3 + b[i + 3]
            i += 4
        }
        while i < m {
            let row = a + i * m
            var s = 0.0
            for t in 0..<count { let j = support[t]; s += scale.apply(row[j]) * x[j] }
            out[i] = s + b[i]
            i += 1
        }
    }

    /// The indices where x is non-zero, ascending; returns how many.
    static func collectSupport(_ x: UnsafePointer<Double>, m: Int, into support: UnsafeMutablePointer<Int>) -> Int {
        var count = 0
        for j in 0..<m where x[j] != 0 {
            support[count] = j
            count += 1
        }
        return count
    }

    /// (<row, x>, <row, y>) in one pass over the row, each summed exactly as `LinearAlgebra.dot` sums.
    @inline(__always)
    static func dots(
        _ row: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
        _ y: UnsafePointer<Double>, count: Int
    ) -> (Double, Double) {
        if count < 16 {
            var sx = 0.0, sy = 0.0
            for j in 0..<count {
                let r = row[j]
                sx += r * x[j]
                sy += r * y[j]
            }
            return (sx, sy)
        }
        var x0 = SIMD4<Double>(), x1 = SIMD4<Double>(), y0 = SIMD4<Double>(), y1 = SIMD4<Double>()
        let rawRow = UnsafeRawPointer(row), rawX = UnsafeRawPointer(x), rawY = UnsafeRawPointer(y)
        var j = 0
        while j + 8 <= count {
            let a0 = rawRow.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
            let a1 = rawRow.loadUnaligned(fromByteOffset: (j + 4) * 8, as: SIMD4<Double>.self)
            x0 += a0 * rawX.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
            x1 += a1 * rawX.loadUnaligned(fromByteOffset: (j + 4) * 8, as: SIMD4<Double>.self)
            y0 += a0 * rawY.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
            y1 += a1 * rawY.loadUnaligned(fromByteOffset: (j + 4) * 8, as: SIMD4<Double>.self)
            j += 8
        }
        var sx = (x0 + x1).sum(), sy = (y0 + y1).sum()
        while j < count {
            let r = row[j]
            sx += r * x[j]
            sy += r * y[j]
            j += 1
        }
        return (sx, sy)
    }
}

/// How a stored entry (or a row's sum of them) becomes one of Â.
protocol EntryScale {
    /// One entry.
    func apply(_ x: Double) -> Double
}

/// The entries are Â itself.
struct Unscaled: EntryScale {
    @inline(__always) func apply(_ x: Double) -> Double { x }
}

/// The entries are A; Â = A / divisor.
struct Divided: EntryScale {
    let divisor: Double
    @inline(__always) func apply(_ x: Double) -> Double { x / divisor }
}
