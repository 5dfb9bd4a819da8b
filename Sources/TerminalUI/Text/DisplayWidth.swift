/// Columns a grapheme takes in a terminal: 0 (combining marks, format and control
/// characters), 2 (East Asian wide/fullwidth and emoji presentation) or 1.
///
/// A grapheme takes the width of its first scalar, as `wcwidth` (and so ncurses) does.
public func displayWidth(of character: Character) -> Int {
    // Printable ASCII, by far the most common, without walking the scalar view.
    if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
    guard let first = character.unicodeScalars.first else { return 0 }
    return displayWidth(of: first)
}

/// Total columns of a string drawn grapheme by grapheme.
public func displayWidth(of text: String) -> Int {
    // Printable ASCII (most text): one column a byte, without breaking the text into graphemes.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
    var total = 0
    for character in text {
        total += displayWidth(of: character)
    }
    return total
}

/// Columns a single scalar takes (0, 1 or 2).
public func displayWidth(of scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }  // Latin fast path: nothing below U+0300 is wide or combining.
    // Greek, box drawing, blocks and most geometric shapes, and braille: one column, no property lookup.
    if (0x370...0x3FF).contains(value) || (0x2500...0x25FC).contains(value) || (0x2800...0x28FF).contains(value) {
        return 1
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format:
        return 0
    default:
        break
    }
    // Hangul medial vowels and final consonants join the leading consonant.
    if (0x1160...0x11FF).contains(value) { return 0 }
    if scalar.properties.isEmojiPresentation { return 2 }
    return isEastAsianWide(value) ? 2 : 1
}

/// East Asian Wide and Fullwidth ranges (Unicode 15, emoji handled separately), sorted.
private let eastAsianWideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF,
    0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
]

/// Binary search in the wide table.
private func isEastAsianWide(_ value: UInt32) -> Bool {
    var low = 0
    var high = eastAsianWideRanges.count - 1
    while low <= high {
        let mid = (low + high) / 2
        let range = eastAsianWideRanges[mid]
        if value < range.lowerBound {
            high = mid - 1
        } else if value > range.upperBound {
            low = mid + 1
        } else {
            return true
        }
    }
    return false
}

/// `text` right-aligned in a field of `width` terminal columns (by display width; unchanged when wider):
/// the one padding function of every screen and table.
public func pad(_ text: String, to width: Int) -> String {
    let w = displayWidth(of: text)
    return w >= width ? text : String(repeating: " ", count: width - w) + text
}
