#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole files as bytes, with one-line errors and a size limit.
public enum FileBytes {
    /// The bytes of the regular file at `path`; throws when it is missing, unreadable, a folder or too large.
    public static func read(_ path: String, limit: Int = Limits.maxFileBytes) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError("cannot open: \(describeErrno(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputError("cannot read: \(describeErrno(errno))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw InputError("not a regular file (a folder or device?)") }
        let size = Int(info.st_size)
        guard size <= limit else { throw InputError("file is \(size) bytes, above the limit of \(limit) bytes") }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(fd, buffer.baseAddress! + done, size - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("cannot read: \(describeErrno(errno))")
            }
            if n == 0 { break }
            done += n
        }
        return Array(bytes[0..<done])
    }

    /// The C library's text for an errno value.
    public static func describeErrno(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}
