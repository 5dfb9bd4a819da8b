import Foundation

/// A minimal JSON reader for checking `solve` output. Numbers become Double via `Double(String)`, which rounds
/// correctly; Foundation's JSONSerialization on Linux does not always (it read 0.07692307692307691 as
/// 0.0769230769230769), so it cannot judge round-trip exactness. Objects are [String: Any], arrays [Any],
/// null is NSNull, and duplicate keys or trailing text are errors.
enum StrictJSON {
    struct ParseError: Error, CustomStringConvertible { let description: String }

    static func parse(_ text: String) throws -> Any {
        var p = Parser(bytes: Array(text.utf8))
        p.skip()
        let value = try p.value()
        p.skip()
        guard p.i == p.bytes.count else {
            throw ParseError(description: "trailing text at \(p.i) in \(text.prefix(80))")
        }
        return value
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0
        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skip() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }

        func fail(_ what: String) -> ParseError { ParseError(description: "\(what) at byte \(i)") }

        mutating func expect(_ c: Character) throws {
            guard i < bytes.count, bytes[i] == c.asciiValue! else { throw fail("expected '\(c)'") }
            i += 1
        }

        mutating func value() throws -> Any {
            guard i < bytes.count else { throw fail("unexpected end") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1; skip()
                var object: [String: Any] = [:]
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return object }
                while true {
                    skip()
                    guard case let key as String = try value() else { throw fail("object key is not a string") }
                    guard object[key] == nil else { throw fail("duplicate key \(key)") }
                    skip(); try expect(":"); skip()
                    object[key] = try value()
                    skip()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect("}")
                    return object
                }
            case UInt8(ascii: "["):
                i += 1; skip()
                var array: [Any] = []
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return array }
                while true {
                    skip()
                    array.append(try value())
                    skip()
                    if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    try expect("]")
                    return array
                }
            case UInt8(ascii: "\""):
                i += 1
                let start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    guard bytes[i] != UInt8(ascii: "\\") else { throw fail("escapes are not expected in solve output") }
                    i += 1
                }
                guard i < bytes.count else { throw fail("unterminated string") }
                defer { i += 1 }
                return String(decoding: bytes[start..<i], as: UTF8.self)
            case UInt8(ascii: "t"): i += 4; return true
            case UInt8(ascii: "f"): i += 5; return false
            case UInt8(ascii: "n"): i += 4; return NSNull()
            default:
                let start = i
                while i < bytes.count, "+-.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
                let text = String(decoding: bytes[start..<i], as: UTF8.self)
                guard let x = Double(text) else { throw fail("bad number '\(text)'") }
                return x
            }
        }
    }
}
