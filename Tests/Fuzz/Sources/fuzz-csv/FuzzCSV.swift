import FuzzSupport
import SDMGrad

/// CSVReader.parse on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    if let m = FuzzCheck.run("CSVReader.parse", { try CSVReader.parse(bytes) }) {
        FuzzCheck.checkShape(m, "CSVReader.parse")
        FuzzCheck.require(m.storage.allSatisfy(\.isFinite), "CSVReader.parse returned a non-finite entry")
    }
    return 0
}
