/// Writes a matrix as a NumPy `.npy` file (format 1.0, `<f8`, C order), as `numpy.save` would.
public enum NPYWriter {
    /// The file's bytes.
    public static func bytes(_ m: Matrix) -> [UInt8] {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(m.rows), \(m.columns)), }"
        // Magic (6) + version (2) + length (2) + header + newline is padded to a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = header.utf8.count
        var out = NPYReader.magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(header.utf8)
        out.reserveCapacity(out.count + m.storage.count * 8)
        for x in m.storage {
            withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }
}
