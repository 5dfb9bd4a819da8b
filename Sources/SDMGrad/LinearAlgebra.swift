/// Small dense kernels on raw buffers, used by the solver's hot loop.
public enum LinearAlgebra {
    /// out = A x for a row-major rows x columns matrix A.
    @inlinable
    public static func multiply(_ a: UnsafePointer<Double>, rows: Int, columns: Int,
                                _ x: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        for i in 0..<rows {
            out[i] = dot(a + i * columns, x, count: columns)
        }
    }

    /// The dot product of two vectors of length `count`, four lanes at a time.
    @inlinable
    public static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        if count < 8 {
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
            acc0 = acc0.addingProduct(a0, b0)
            acc1 = acc1.addingProduct(a1, b1)
            j += 8
        }
        var s = (acc0 + acc1).sum()
        while j < count { s += a[j] * b[j]; j += 1 }
        return s
    }
}
