import FuzzSupport
import SDMGrad

/// NPYReader.parse on arbitrary bytes; a matrix read back from NPYWriter must be bit-identical.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    if let m = FuzzCheck.run("NPYReader.parse", { try NPYReader.parse(bytes) }) {
        FuzzCheck.checkShape(m, "NPYReader.parse")
        let again = FuzzCheck.run("NPYReader.parse(NPYWriter.bytes)", { try NPYReader.parse(NPYWriter.bytes(m)) })
        FuzzCheck.require(
            again.map { FuzzCheck.identical($0, m) } ?? false,
            "NPYWriter.bytes then NPYReader.parse does not give the matrix back")
    }
    return 0
}
