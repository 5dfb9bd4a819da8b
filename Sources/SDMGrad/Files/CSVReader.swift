/// Reads a matrix from CSV text: one row per line, numbers split by commas and/or white space, `#` comments.
public enum CSVReader {
    /// Parses CSV bytes into a matrix.
    public static func parse(_ bytes: [UInt8]) throws -> Matrix {
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw InputError("the file is not UTF-8 text") }
        // A UTF-8 byte order mark (as spreadsheet programs write) is not part of the first number.
        let text = decoded.hasPrefix("\u{FEFF}") ? String(decoded.dropFirst()) : decoded
        var storage: [Double] = []
        var columns = -1, rows = 0, firstRowLine = 0
        // "\r\n" is one Character in Swift, so CRLF line ends must be named explicitly; a lone "\r"
        // ends a line too (old Mac files), or the whole file would be one row.
        // Lines are walked one at a time, not split into an array: a file of blank lines stays cheap.
        var lineStart = text.startIndex
        var lineNumber = 0
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) ?? text.endIndex
            let line = text[lineStart..<lineEnd].trimmingWhitespace()
            lineNumber += 1
            lineStart = lineEnd == text.endIndex ? lineEnd : text.index(after: lineEnd)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\r" })
            // "1,,2" has an empty field between two commas.
            if line.contains(",") {
                let commaFields = line.split(separator: ",", omittingEmptySubsequences: false)
                if commaFields.contains(where: { $0.trimmingWhitespace().isEmpty }) {
                    throw InputError("line \(lineNumber): empty field between commas")
                }
            }
            if columns < 0 { columns = fields.count; firstRowLine = lineNumber }
            guard fields.count == columns else {
                throw InputError("line \(lineNumber) has \(fields.count) numbers but line \(firstRowLine) has \(columns) (ragged rows)")
            }
            for (f, field) in fields.enumerated() {
                storage.append(try number(String(field), line: lineNumber, field: f + 1))
            }
            rows += 1
            guard storage.count <= Limits.maxEntries else { throw InputError("more than \(Limits.maxEntries) entries") }
        }
        guard rows > 0 else { throw InputError("the file has no numbers (0 x 0)") }
        return Matrix(rows: rows, columns: columns, storage: storage)
    }

    /// One decimal number; NaN, infinities and anything but plain decimal notation are refused.
    static func number(_ field: String, line: Int, field index: Int) throws -> Double {
        let lower = field.lowercased()
        if lower.contains("nan") { throw InputError("line \(line), field \(index) is NaN; entries must be finite") }
        if lower.contains("inf") { throw InputError("line \(line), field \(index) is infinite; entries must be finite") }
        let allowed = field.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || "+-.eE".utf8.contains($0) }
        guard allowed, let value = Double(field) else {
            throw InputError("line \(line), field \(index): '\(field.quotedForMessage())' is not a number")
        }
        guard value.isFinite else { throw InputError("line \(line), field \(index): '\(field.quotedForMessage())' is too large for a double") }
        return value
    }
}

extension Substring {
    /// The substring without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
