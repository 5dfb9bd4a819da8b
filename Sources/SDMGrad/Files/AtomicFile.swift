#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a crash never leaves a half-written one: temporary file, fsync, rename.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`; refuses to replace an existing file unless `overwrite` is true.
    public static func write(_ text: String, to path: String, overwrite: Bool = false) throws {
        try write(bytes: Array(text.utf8), to: path, overwrite: overwrite)
    }

    /// Writes `bytes` to `path`; refuses to replace an existing file unless `overwrite` is true.
    public static func write(bytes: [UInt8], to path: String, overwrite: Bool = false) throws {
        if !overwrite && FileSystem.exists(path) { throw InputError("\(path) already exists; not overwriting it") }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw InputError("cannot create \(temporary): \(FileBytes.describeErrno(errno))") }
        var ok = true
        var done = 0
        while done < bytes.count && ok {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { done += n }
        }
        let error = errno
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok else {
            unlink(temporary)
            throw InputError("cannot write \(path): \(FileBytes.describeErrno(error))")
        }
        // link() fails if the target appeared meanwhile, so a file created by someone else is never replaced.
        if overwrite {
            guard rename(temporary, path) == 0 else {
                let e = errno
                unlink(temporary)
                throw InputError("cannot write \(path): \(FileBytes.describeErrno(e))")
            }
        } else {
            guard link(temporary, path) == 0 else {
                let e = errno
                unlink(temporary)
                throw InputError(e == EEXIST ? "\(path) already exists; not overwriting it" : "cannot write \(path): \(FileBytes.describeErrno(e))")
            }
            unlink(temporary)
        }
    }

    /// `base` + `suffix`, or with -2, -3, ... before the suffix when that name is taken.
    public static func freshName(base: String, suffix: String) -> String {
        if !FileSystem.exists(base + suffix) { return base + suffix }
        var k = 2
        while FileSystem.exists("\(base)-\(k)\(suffix)") { k += 1 }
        return "\(base)-\(k)\(suffix)"
    }
}
