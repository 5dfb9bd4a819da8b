import SDMGrad

extension ToyMethod {
    /// The digit that shows or hides the method in the playground: its place in `allCases`, from 1.
    var key: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
}
