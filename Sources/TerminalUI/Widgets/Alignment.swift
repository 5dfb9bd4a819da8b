/// Where text sits inside a wider field.
public enum Alignment: Hashable, Sendable {
    case left, center, right

    /// Column offset of text `textWidth` wide inside a field `fieldWidth` wide (0 when it overflows).
    public func offset(textWidth: Int, fieldWidth: Int) -> Int {
        let slack = max(0, fieldWidth - textWidth)
        switch self {
        case .left: return 0
        case .center: return slack / 2
        case .right: return slack
        }
    }
}
