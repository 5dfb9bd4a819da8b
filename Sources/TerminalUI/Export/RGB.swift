/// An exact colour as 8-bit red, green and blue, for pictures of a frame (SVG, HTML).
public struct RGB: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8

    /// Creates the colour (r, g, b).
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `#rrggbb`, lower case: the form SVG and CSS read everywhere.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + String([r >> 4, r & 15, g >> 4, g & 15, b >> 4, b & 15].map { digits[Int($0)] })
    }
}
