/// Reads a matrix from CSV text: one row per line, numbers split by commas and/or white space, `#` comments.
public enum CSVReader {
    /// Parses CSV bytes into a matrix. Works on the bytes (UTF-8 checked first): a 60 MB file is
    /// parsed in about a second, not the 48 s a walk over Swift Characters took.
    public static func parse(_ bytes: [UInt8]) throws -> Matrix {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw InputError("the file is not UTF-8 text") }
        // A UTF-8 byte order mark (as spreadsheet programs write) is not part of the first number.
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var storage: [Double] = []
        var columns = -1, rows = 0, firstRowLine = 0
        var lineNumber = 0
        var lineStart = start
        return try bytes.withUnsafeBufferPointer { text -> Matrix in
            while lineStart < text.count {
                // A line ends at "\n", "\r\n" or a lone "\r" (old Mac files), or the whole file would be one row.
                var lineEnd = lineStart
                while lineEnd < text.count, text[lineEnd] != 0x0A, text[lineEnd] != 0x0D { lineEnd += 1 }
                var next = lineEnd + 1
                if lineEnd < text.count, text[lineEnd] == 0x0D, next < text.count, text[next] == 0x0A { next += 1 }
                lineNumber += 1
                defer { lineStart = next }
                var first = lineStart, last = lineEnd
                while first < last, isSpace(text[first]) { first += 1 }
                while last > first, isSpace(text[last - 1]) { last -= 1 }
                if first == last || text[first] == UInt8(ascii: "#") { continue }
                let line = UnsafeBufferPointer(rebasing: text[first..<last])
                // "1,,2" has an empty field between two commas.
                if line.contains(UInt8(ascii: ",")) {
                    var fieldHasText = false
                    for byte in line {
                        if byte == UInt8(ascii: ",") {
                            if !fieldHasText { throw InputError("line \(lineNumber): empty field between commas") }
                            fieldHasText = false
                        } else if !isSpace(byte) {
                            fieldHasText = true
                        }
                    }
                    if !fieldHasText { throw InputError("line \(lineNumber): empty field between commas") }
                }
                var fields = 0
                var i = 0
                let rowStart = storage.count
                while i < line.count {
                    while i < line.count, isSeparator(line[i]) { i += 1 }
                    guard i < line.count else { break }
                    var j = i
                    while j < line.count, !isSeparator(line[j]) { j += 1 }
                    fields += 1
                    storage.append(
                        try number(UnsafeBufferPointer(rebasing: line[i..<j]), line: lineNumber, field: fields))
                    i = j
                }
                if columns < 0 { columns = fields; firstRowLine = lineNumber }
                guard fields == columns else {
                    storage.removeSubrange(rowStart...)
                    throw InputError(
                        "line \(lineNumber) has \(fields) numbers but line \(firstRowLine) has \(columns) (ragged rows)"
                    )
                }
                rows += 1
                guard storage.count <= Limits.maxEntries else {
                    throw InputError("more than \(Limits.maxEntries) entries")
                }
            }
            guard rows > 0 else { throw InputError("the file has no numbers (0 x 0)") }
            return Matrix(rows: rows, columns: columns, storage: storage)
        }
    }

    /// Space, tab or carriage return (trimmed from the ends of a line).
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// What splits two fields: a comma or white space.
    static func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ",") || isSpace(byte) }

    /// One decimal number; NaN, infinities and anything but plain decimal notation are refused.
    static func number(_ field: UnsafeBufferPointer<UInt8>, line: Int, field index: Int) throws -> Double {
        let plain = field.allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || "+-.eE".utf8.contains($0)
        }
        let text = String(decoding: field, as: UTF8.self)
        if !plain {
            let lower = text.lowercased()
            if lower.contains("nan") { throw InputError("line \(line), field \(index) is NaN; entries must be finite") }
            if lower.contains("inf") {
                throw InputError("line \(line), field \(index) is infinite; entries must be finite")
            }
        }
        guard plain, let value = Double(text) else {
            throw InputError("line \(line), field \(index): '\(text.quotedForMessage())' is not a number")
        }
        guard value.isFinite else {
            throw InputError("line \(line), field \(index): '\(text.quotedForMessage())' is too large for a double")
        }
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
