/// Reads 2-D float64/float32/float16 arrays from NumPy `.npy` files (format versions 1.0, 2.0, 3.0).
public enum NPYReader {
    /// The six bytes every `.npy` file starts with.
    public static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The parsed header dictionary.
    struct Header {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]
    }

    /// Parses a whole `.npy` file into a matrix.
    public static func parse(_ bytes: [UInt8]) throws -> Matrix {
        try parseWithDescr(bytes).matrix
    }

    /// Parses a whole `.npy` file into a matrix and the dtype it was stored in (`<f8`, `<f4`, `<f2`).
    public static func parseWithDescr(_ bytes: [UInt8]) throws -> (matrix: Matrix, descr: String) {
        guard bytes.count >= 10, bytes.starts(with: magic) else {
            throw InputError(
                bytes.starts(with: magic) ? "truncated .npy header" : "not a NumPy .npy file (wrong magic string)")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw InputError("truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw InputError("unsupported .npy format version \(major).\(bytes[7]) (supported: 1.0, 2.0, 3.0)")
        }
        guard headerStart + headerLength <= bytes.count else { throw InputError("truncated .npy header") }
        guard let text = String(validating: bytes[headerStart..<headerStart + headerLength], as: UTF8.self) else {
            throw InputError("the .npy header is not text")
        }
        let header = try parseHeader(text)
        let itemSize: Int
        switch header.descr {
        case "<f8": itemSize = 8
        case "<f4": itemSize = 4
        case "<f2": itemSize = 2
        default: throw InputError("unsupported dtype '\(header.descr.quotedForMessage())' (supported: <f8, <f4, <f2)")
        }
        guard header.shape.count == 2 else {
            let shape = "(" + header.shape.map(String.init).joined(separator: ", ") + ")"
            throw InputError("\(header.shape.count)-D array of shape \(shape); expected a 2-D matrix")
        }
        let rows = header.shape[0], columns = header.shape[1]
        guard rows > 0, columns > 0 else { throw InputError("the matrix is empty (\(rows) x \(columns))") }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count <= Limits.maxEntries else {
            throw InputError("\(rows) x \(columns) is above the limit of \(Limits.maxEntries) entries")
        }
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart >= count * itemSize else {
            throw InputError(
                "truncated .npy data: \(bytes.count - dataStart) bytes for \(count) values of \(itemSize) bytes")
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress! + dataStart
            for k in 0..<count {
                if itemSize == 8 {
                    values[k] = Double(
                        bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)))
                } else if itemSize == 2 {
                    values[k] = halfToDouble(
                        UInt16(littleEndian: base.loadUnaligned(fromByteOffset: k * 2, as: UInt16.self)))
                } else {
                    values[k] = Double(
                        Float(
                            bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self))
                        ))
                }
            }
        }
        if header.fortranOrder {
            // Column-major on disk: entry (i, j) is at j * rows + i.
            var storage = values
            for i in 0..<rows { for j in 0..<columns { storage[i * columns + j] = values[j * rows + i] } }
            values = storage
        }
        return (Matrix(rows: rows, columns: columns, storage: values), header.descr)
    }

    /// An IEEE 754 half-precision number, widened exactly (Float16 is not on every platform).
    public static func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int(bits >> 10 & 0x1F), fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24  // zero and subnormals
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// Parses the Python dict literal of the header, e.g. `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
    static func parseHeader(_ text: String) throws -> Header {
        func value(after key: String) throws -> Substring {
            guard let keyRange = text.firstRange(of: "'\(key)'") ?? text.firstRange(of: "\"\(key)\""),
                let colon = text[keyRange.upperBound...].firstIndex(of: ":")
            else {
                throw InputError("the .npy header has no '\(key)'")
            }
            return text[text.index(after: colon)...].drop(while: { $0 == " " })
        }
        let descrText = try value(after: "descr")
        guard let quote = descrText.first, quote == "'" || quote == "\"",
            let end = descrText.dropFirst().firstIndex(of: quote)
        else {
            throw InputError("the .npy header's descr is not a simple dtype string (structured dtypes are unsupported)")
        }
        let descr = String(descrText[descrText.index(after: descrText.startIndex)..<end])
        let orderText = try value(after: "fortran_order")
        let fortran: Bool
        if orderText.hasPrefix("True") {
            fortran = true
        } else if orderText.hasPrefix("False") {
            fortran = false
        } else {
            throw InputError("the .npy header's fortran_order is neither True nor False")
        }
        let shapeText = try value(after: "shape")
        guard shapeText.first == "(", let close = shapeText.firstIndex(of: ")") else {
            throw InputError("the .npy header's shape is not a tuple")
        }
        // "(3, 4)", "(3,)" or "()": whole numbers (an old Python 2 "3L" too) split by commas, one
        // trailing comma allowed; "(2 2, 2)" or "(L2, 2)" is refused, never read as 22 or 2.
        var shape: [Int] = []
        let parts = shapeText[shapeText.index(after: shapeText.startIndex)..<close].split(
            separator: ",", omittingEmptySubsequences: false)
        for (k, part) in parts.enumerated() {
            let entry = part.trimmingWhitespace()
            if entry.isEmpty && k == parts.count - 1 && (k > 0 || parts.count == 1) { continue }
            let digits = entry.hasSuffix("L") ? entry.dropLast() : entry
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 18,
                let n = Int(digits)
            else {
                throw InputError("the .npy header's shape has a bad entry '\(part.quotedForMessage())'")
            }
            shape.append(n)
        }
        return Header(descr: descr, fortranOrder: fortran, shape: shape)
    }
}
