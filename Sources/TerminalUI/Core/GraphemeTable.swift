import Synchronization

/// Codes for the graphemes cells hold: a single scalar is its own value; a grapheme of several
/// scalars (a letter with marks, an emoji sequence) gets an id above every scalar, interned once.
enum GraphemeTable {
    /// The first id given to a grapheme of several scalars (just above the last Unicode scalar).
    static let firstID: UInt32 = 0x11_0000

    /// The interned graphemes, in id order, and their ids.
    private static let table = Mutex<(list: [Character], ids: [Character: UInt32])>(([], [:]))

    /// The code of `character`: its scalar's value when it has one scalar, else its interned id.
    static func code(_ character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if scalars.count == 1 { return scalars.first!.value }
        return table.withLock { table in
            if let id = table.ids[character] { return id }
            let id = firstID + UInt32(table.list.count)
            table.list.append(character)
            table.ids[character] = id
            return id
        }
    }

    /// The grapheme a code stands for.
    static func character(_ code: UInt32) -> Character {
        if code < firstID, let scalar = Unicode.Scalar(code) { return Character(scalar) }
        return table.withLock { $0.list[Int(code - firstID)] }
    }
}
