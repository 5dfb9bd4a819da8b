import FuzzSupport
import SDMGrad

/// MatrixReader.parse (format sniffing: .npy magic, JSON, CSV) on arbitrary bytes, with no hint and
/// with a ".npy" file name; a matrix it returns must survive JSONWriter and NPYWriter bit-identically.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    for hint in ["", "input.npy"] {
        guard let m = FuzzCheck.run("MatrixReader.parse(hint: \(hint))", { try MatrixReader.parse(bytes, hint: hint) })
        else { continue }
        FuzzCheck.checkShape(m, "MatrixReader.parse")
        FuzzCheck.require(
            m.rows <= Limits.maxTasks && m.storage.count <= Limits.maxEntries, "MatrixReader.parse exceeded the limits")
        FuzzCheck.require(m.storage.allSatisfy(\.isFinite), "MatrixReader.parse returned a non-finite entry")
        let json = FuzzCheck.run(
            "MatrixReader.parse(JSONWriter.matrix)", { try MatrixReader.parse(Array(JSONWriter.matrix(m).utf8)) })
        FuzzCheck.require(
            json.map { FuzzCheck.identical($0, m) } ?? false,
            "JSONWriter.matrix then MatrixReader.parse does not give the matrix back")
        let npy = FuzzCheck.run(
            "MatrixReader.parse(NPYWriter.bytes)", { try MatrixReader.parse(NPYWriter.bytes(m), hint: "x.npy") })
        FuzzCheck.require(
            npy.map { FuzzCheck.identical($0, m) } ?? false,
            "NPYWriter.bytes then MatrixReader.parse does not give the matrix back")
    }
    return 0
}
