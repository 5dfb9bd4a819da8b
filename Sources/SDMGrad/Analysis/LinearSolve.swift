/// Dense linear systems by Gaussian elimination with partial pivoting.
enum LinearSolve {
    /// Solves M x = b for a k x k row-major M; nil when M is (numerically) singular.
    static func solve(_ m: [Double], _ b: [Double], k: Int) -> [Double]? {
        var a = m, x = b
        let scale = a.reduce(0) { max($0, abs($1)) }
        guard scale > 0, scale.isFinite else { return nil }
        let regular = a.withUnsafeMutableBufferPointer { a -> Bool in
            x.withUnsafeMutableBufferPointer { x -> Bool in
                let a = a.baseAddress!, x = x.baseAddress!
                for col in 0..<k {
                    var pivot = col
                    for r in col + 1..<k where abs(a[r * k + col]) > abs(a[pivot * k + col]) { pivot = r }
                    guard abs(a[pivot * k + col]) > 1e-13 * scale else { return false }
                    if pivot != col {
                        for j in 0..<k { swap(&a[col * k + j], &a[pivot * k + j]) }
                        swap(&x[col], &x[pivot])
                    }
                    let pivotRow = a + col * k
                    for r in col + 1..<k {
                        let row = a + r * k
                        let f = row[col] / pivotRow[col]
                        if f == 0 { continue }
                        for j in col..<k { row[j] -= f * pivotRow[j] }
                        x[r] -= f * x[col]
                    }
                }
                for r in stride(from: k - 1, through: 0, by: -1) {
                    var s = x[r]
                    for j in r + 1..<k { s -= a[r * k + j] * x[j] }
                    x[r] = s / a[r * k + r]
                }
                return true
            }
        }
        return regular && x.allSatisfy(\.isFinite) ? x : nil
    }
}
