/// Dense linear systems by Gaussian elimination with partial pivoting.
enum LinearSolve {
    /// Solves M x = b for a k x k row-major M; nil when M is (numerically) singular.
    static func solve(_ m: [Double], _ b: [Double], k: Int) -> [Double]? {
        solve(m, columns: [b], k: k)?.first
    }

    /// Solves M X = B for every column b of B with one elimination; nil when M is (numerically) singular.
    static func solve(_ m: [Double], columns: [[Double]], k: Int) -> [[Double]]? {
        let r = columns.count
        var a = m
        var x = [Double](repeating: 0, count: k * r)  // x[row * r + column]
        for (c, b) in columns.enumerated() { for i in 0..<k { x[i * r + c] = b[i] } }
        let scale = a.reduce(0) { max($0, abs($1)) }
        guard scale > 0, scale.isFinite else { return nil }
        let regular = a.withUnsafeMutableBufferPointer { a -> Bool in
            x.withUnsafeMutableBufferPointer { x -> Bool in
                let a = a.baseAddress!, x = x.baseAddress!
                for col in 0..<k {
                    var pivot = col
                    for candidate in col + 1..<k where abs(a[candidate * k + col]) > abs(a[pivot * k + col]) {
                        pivot = candidate
                    }
                    guard abs(a[pivot * k + col]) > 1e-13 * scale else { return false }
                    if pivot != col {
                        for j in 0..<k { swap(&a[col * k + j], &a[pivot * k + j]) }
                        for c in 0..<r { swap(&x[col * r + c], &x[pivot * r + c]) }
                    }
                    let pivotRow = a + col * k
                    for rowIndex in col + 1..<k {
                        let row = a + rowIndex * k
                        let f = row[col] / pivotRow[col]
                        if f == 0 { continue }
                        for j in col..<k { row[j] -= f * pivotRow[j] }
                        for c in 0..<r { x[rowIndex * r + c] -= f * x[col * r + c] }
                    }
                }
                for i in stride(from: k - 1, through: 0, by: -1) {
                    for c in 0..<r {
                        var s = x[i * r + c]
                        for j in i + 1..<k { s -= a[i * k + j] * x[j * r + c] }
                        x[i * r + c] = s / a[i * k + i]
                    }
                }
                return true
            }
        }
        guard regular, x.allSatisfy(\.isFinite) else { return nil }
        return (0..<r).map { c in (0..<k).map { x[$0 * r + c] } }
    }
}
