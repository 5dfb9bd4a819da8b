/// A cheap look at a text matrix before it is parsed whole: too many rows is refused at once,
/// not after seconds of parsing and gigabytes of parsed values.
enum TextShape {
    /// Throws when `bytes` (CSV or JSON) plainly holds more rows than `Limits.maxTasks`, or a CSV
    /// more entries than `Limits.maxEntries` (estimated from its first row).
    static func refuseOversized(_ bytes: [UInt8], format: MatrixFormat) throws {
        let rows = format == .json ? jsonRows(bytes) : csvShape(bytes).rows
        guard rows <= Limits.maxTasks else {
            throw InputError("more than \(Limits.maxTasks) rows (the limit of tasks); refused before parsing")
        }
        if format == .csv {
            let (rows, columns) = csvShape(bytes)
            let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
            guard !overflow, count <= Limits.maxEntries else {
                throw InputError(
                    "\(rows) rows of \(columns) numbers is above the limit of \(Limits.maxEntries) entries; refused before parsing"
                )
            }
        }
    }

    /// An upper bound on the rows of a JSON matrix: the arrays opened at depth 2 or 3 outside strings
    /// (a bare array of rows, or an object holding one).
    static func jsonRows(_ bytes: [UInt8]) -> Int {
        var depth = 0, rows = 0, inString = false, escaped = false
        for b in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if b == UInt8(ascii: "[") && (depth == 2 || depth == 3) { rows += 1 }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
            if rows > Limits.maxTasks + 1 { break }
        }
        return rows
    }

    /// The number of lines that hold something other than a comment, and the fields of the first one.
    static func csvShape(_ bytes: [UInt8]) -> (rows: Int, columns: Int) {
        var rows = 0, columns = 0, lineStart = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 0x0A || bytes[i] == 0x0D {
                let line = bytes[lineStart..<i].drop(while: { $0 == 0x20 || $0 == 0x09 })
                if let first = line.first, first != UInt8(ascii: "#") {
                    rows += 1
                    if rows == 1 { columns = fields(line) }
                    if rows > Limits.maxTasks { break }
                }
                lineStart = i + 1
            }
            i += 1
        }
        return (rows, columns)
    }

    /// The number of fields in a line split by commas and/or white space.
    static func fields(_ line: ArraySlice<UInt8>) -> Int {
        var count = 0, inField = false
        for b in line {
            let separator = b == UInt8(ascii: ",") || b == 0x20 || b == 0x09
            if !separator && !inField { count += 1 }
            inField = !separator
        }
        return count
    }
}
