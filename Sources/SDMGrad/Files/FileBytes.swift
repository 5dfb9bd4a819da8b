#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading whole files as bytes, with one-line errors and a size limit.
public enum FileBytes {
    /// Called with the path just before each file is opened; only tests and the fuzz target set it,
    /// to change files between the reads of one folder scan. Never set while readers run in parallel.
    nonisolated(unsafe) public static var beforeOpen: ((String) -> Void)?

    /// The bytes of the regular file at `path`; throws when it is missing, unreadable, not a
    /// regular file (a FIFO or device is refused before it is opened) or larger than `limit`.
    public static func read(_ path: String, limit: Int = Limits.maxFileBytes) throws -> [UInt8] {
        try read(path, from: 0, limit: limit) ?? { throw InputError("cannot open: no such file or directory") }()
    }

    /// The bytes of `path` from `offset` on; nil when the file does not exist. Throws when it is
    /// shorter than `offset` (it was truncated), not a regular file, or has more than `limit` bytes to read.
    static func read(_ path: String, from offset: Int, limit: Int) throws -> [UInt8]? {
        beforeOpen?(path)
        switch FileSystem.kind(path) {
        case .regularFile: break
        case .missing: return nil
        case .folder: throw InputError("a folder, not a regular file")
        case .special(let what): throw InputError("\(what), not a regular file; refusing to open it")
        case .unreachable(let why): throw InputError("cannot be read (\(why))")
        }
        // O_NONBLOCK: a FIFO swapped in after the stat above still cannot block the open.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw InputError("cannot open: \(describeErrno(errno))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("cannot read: \(describeErrno(errno))") }
        guard case .regularFile = FileSystem.kind(mode: info.st_mode) else {
            throw InputError("not a regular file (it changed while being opened); refusing to read it")
        }
        let size = Int(info.st_size)
        guard size >= offset else { throw InputError("truncated (now \(size) bytes, \(offset) had been read)") }
        guard size - offset <= limit else {
            throw InputError("file is \(size - offset) bytes, above the limit of \(limit) bytes")
        }
        var bytes = [UInt8](repeating: 0, count: size - offset)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("cannot read: \(describeErrno(errno))")
            }
            if n == 0 { break }  // the file shrank while read: keep what was there
            done += n
        }
        return done == bytes.count ? bytes : Array(bytes[0..<done])
    }

    /// The C library's text for an errno value.
    public static func describeErrno(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}
