import FuzzSupport
import SDMGrad

/// JSONValue.parse on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzCheck.bytes(data, size)
    if let value = FuzzCheck.run("JSONValue.parse", { try JSONValue.parse(bytes) }) {
        // Equality must be reflexive (no NaN can get in) and total on any parsed value.
        FuzzCheck.require(value == value, "JSONValue.parse returned a value not equal to itself")
        // A parsed value read as a matrix follows the same contract.
        if let m = FuzzCheck.run("MatrixReader.fromJSON", { try MatrixReader.fromJSON(value) }) {
            FuzzCheck.checkShape(m, "MatrixReader.fromJSON")
        }
    }
    return 0
}
