/// The values the playground's parameter keys step through.
enum PlaygroundLadder {
    static let lr: [Double] = [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.02, 0.05, 0.1]
    static let noise: [Double] = [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2]
    static let c: [Double] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 5]
}
