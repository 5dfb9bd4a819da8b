/// Bounds that keep hostile or mistaken input from exhausting memory or time.
public enum Limits {
    /// Largest input file read, in bytes (256 MiB).
    public static let maxFileBytes = 256 << 20
    /// Largest JSON or CSV file read, in bytes (64 MiB): text costs far more memory per number than .npy.
    public static let maxTextFileBytes = 64 << 20
    /// Largest number of tasks m.
    public static let maxTasks = 4096
    /// Largest number of entries in one matrix or Jacobian (32 M doubles = 256 MiB).
    public static let maxEntries = 32 << 20
    /// Largest number of inner iterations.
    public static let maxIterations = 100_000
    /// Deepest JSON nesting accepted.
    public static let maxJSONDepth = 64
}
