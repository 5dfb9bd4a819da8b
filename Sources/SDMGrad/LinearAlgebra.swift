/// Small dense kernels on raw buffers, used by the solver's hot loop.
public enum LinearAlgebra {
    /// out = A x for a row-major rows x columns matrix A.
    @inlinable
    public static func multiply(
        _ a: UnsafePointer<Double>, rows: Int, columns: Int,
        _ x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<rows {
            out[i] = dot(a + i * columns, x, count: columns)
        }
    }

    /// The dot product of two vectors of length `count`, four lanes at a time.
    @inlinable
    public static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        if count < 16 {
            var s = 0.0
            for j in 0..<count { s += a[j] * b[j] }
            return s
        }
        var acc0 = SIMD4<Double>(), acc1 = SIMD4<Double>()
        var j = 0
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        while j + 8 <= count {
            let a0 = rawA.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
            let b0 = rawB.loadUnaligned(fromByteOffset: j * 8, as: SIMD4<Double>.self)
            let a1 = rawA.loadUnaligned(fromByteOffset: (j + 4) * 8, as: SIMD4<Double>.self)
            let b1 = rawB.loadUnaligned(fromByteOffset: (j + 4) * 8, as: SIMD4<Double>.self)
            acc0 += a0 * b0  // not addingProduct: without FMA hardware flags that calls libm fma per lane
            acc1 += a1 * b1
            j += 8
        }
        var s = (acc0 + acc1).sum()
        while j < count { s += a[j] * b[j]; j += 1 }
        return s
    }

    /// out = A x + b for a square m x m row-major A, reading only the columns where x is non-zero
    /// when those are few (a quarter of m or less); `support` is scratch room for m indices.
    @inlinable
    public static func multiplySparse(
        _ a: UnsafePointer<Double>, m: Int, _ x: UnsafePointer<Double>,
        support: UnsafeMutablePointer<Int>, plus b: UnsafePointer<Double>,
        into out: UnsafeMutablePointer<Double>
    ) {
        var count = 0
        for j in 0..<m where x[j] != 0 {
            support[count] = j
            count += 1
        }
        if count * 4 > m {
            for i in 0..<m { out[i] = dot(a + i * m, x, count: m) + b[i] }
            return
        }
        for i in 0..<m {
            let row = a + i * m
            var s = 0.0
            for t in 0..<count { let j = support[t]; s += row[j] * x[j] }
            out[i] = s + b[i]
        }
    }
}
