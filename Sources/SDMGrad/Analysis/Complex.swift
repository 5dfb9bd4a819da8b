/// A minimal complex number for eigenvalue computations.
public struct Complex: Equatable, Sendable {
    /// Real part.
    public var re: Double
    /// Imaginary part.
    public var im: Double

    /// re + i im.
    public init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    /// |z|, computed without overflow.
    public var magnitude: Double { hypot2(re, im) }
    /// The complex conjugate.
    public var conjugate: Complex { Complex(re, -im) }

    /// Sum.
    public static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    /// Difference.
    public static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    /// Negation.
    public static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    /// Product.
    public static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    /// A real multiple.
    public static func * (a: Double, b: Complex) -> Complex { Complex(a * b.re, a * b.im) }
    /// Quotient.
    public static func / (a: Complex, b: Complex) -> Complex {
        // Smith's algorithm avoids needless overflow.
        if abs(b.re) >= abs(b.im) {
            let r = b.im / b.re, d = b.re + b.im * r
            return Complex((a.re + a.im * r) / d, (a.im - a.re * r) / d)
        } else {
            let r = b.re / b.im, d = b.re * r + b.im
            return Complex((a.re * r + a.im) / d, (a.im * r - a.re) / d)
        }
    }

    /// The principal square root.
    public var squareRoot: Complex {
        let m = magnitude
        if m == 0 { return Complex(0) }
        let r = ((m + abs(re)) / 2).squareRoot()
        if re >= 0 { return Complex(r, im / (2 * r)) }
        return Complex(abs(im) / (2 * r), im >= 0 ? r : -r)
    }
}

/// sqrt(x^2 + y^2) without overflow or underflow.
func hypot2(_ x: Double, _ y: Double) -> Double {
    let a = abs(x), b = abs(y)
    let big = max(a, b), small = min(a, b)
    if big == 0 || !big.isFinite { return big }
    let r = small / big
    return big * (1 + r * r).squareRoot()
}
