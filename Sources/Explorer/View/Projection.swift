#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Orthographic view of 1-, 2- or 3-D points; 3-D points are turned by yaw then pitch.
struct Projection {
    let dimensions: Int
    let yaw: Double, pitch: Double

    func callAsFunction(_ p: [Double]) -> (Double, Double) {
        switch p.count {
        case 0: return (0, 0)
        case 1: return (p[0], 0)
        case 2: return (p[0], p[1])
        default:
            let x1 = cos(yaw) * p[0] - sin(yaw) * p[1]
            let y1 = sin(yaw) * p[0] + cos(yaw) * p[1]
            let z = p[2]
            // Looking along y1 after tilting by pitch: screen x = x1, screen y = z cos - y1 sin.
            return (x1, z * cos(pitch) - y1 * sin(pitch))
        }
    }
}
