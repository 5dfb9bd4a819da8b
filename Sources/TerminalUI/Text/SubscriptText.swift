/// Matrix entries named with their indices readable at any size: "A₁₅,₁₅" in Unicode, "A[15,15]" in ASCII,
/// never the ambiguous "A1515".
public enum SubscriptText {
    /// `n` in subscript digits ("₁₅"); a minus sign as "₋".
    public static func digits(_ n: Int) -> String {
        let small: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(n).map { $0 == "-" ? "₋" : small[$0.wholeNumberValue!] })
    }

    /// Entry (`row`, `column`) of matrix `name`, indices as given (1-based for people): "A₁₅,₁₅" or "A[15,15]".
    public static func entry(_ name: String, row: Int, column: Int, unicode: Bool) -> String {
        unicode ? name + digits(row) + "," + digits(column) : name + "[\(row),\(column)]"
    }
}
