#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so that a crash never leaves a half-written one. On Linux the data goes to an
/// unnamed file (O_TMPFILE) that is linked into place only when complete, so no exit path, not even
/// kill -9, leaves a temporary file behind; elsewhere (or where the file system has no O_TMPFILE) a
/// named temporary `NAME.tmp-PID` is used and `sweepStaleTemporaries` removes those of dead processes.
public enum AtomicFile {
    /// Writes `text` as UTF-8 to `path`; refuses to replace an existing file unless `overwrite` is true.
    public static func write(_ text: String, to path: String, overwrite: Bool = false) throws {
        try write(bytes: Array(text.utf8), to: path, overwrite: overwrite)
    }

    /// Writes `bytes` to `path`; refuses to replace an existing file unless `overwrite` is true.
    public static func write(bytes: [UInt8], to path: String, overwrite: Bool = false) throws {
        if !overwrite && FileSystem.exists(path) { throw InputError("\(path) already exists; not overwriting it") }
        let temporary = path + ".tmp-\(getpid())"
        var unnamed = false
        var fd = openUnnamed(folder: folder(of: path))
        if fd >= 0 {
            unnamed = true
        } else {
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw InputError("cannot create \(temporary): \(FileBytes.describeErrno(errno))") }
        var ok = true
        var done = 0
        while done < bytes.count && ok {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ok = false } else { done += n }
        }
        var error = errno
        ok = ok && fsync(fd) == 0
        if ok && unnamed {
            // The unnamed file gets the temporary name only now, complete, for the rename or link below.
            ok = linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0
            error = errno
        }
        close(fd)
        guard ok else {
            if !unnamed { unlink(temporary) }
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
                throw InputError(
                    e == EEXIST
                        ? "\(path) already exists; not overwriting it"
                        : "cannot write \(path): \(FileBytes.describeErrno(e))")
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

    /// Removes the `NAME.tmp-PID` files in `folder` whose process is gone (left by a crash or kill -9
    /// of a program that could not use an unnamed file) and whose NAME `isOurs` (so a user's own
    /// `notes.tmp-12` is never touched); returns how many were removed.
    @discardableResult
    public static func sweepStaleTemporaries(in folder: String, isOurs: (Substring) -> Bool) -> Int {
        var removed = 0
        for name in FileSystem.list(folder) {
            guard let marker = name.ranges(of: ".tmp-").last, isOurs(name[..<marker.lowerBound]) else { continue }
            let digits = name[marker.upperBound...]
            guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let pid = Int32(digits), pid > 0, !processIsAlive(pid)
            else { continue }
            if unlink("\(folder)/\(name)") == 0 { removed += 1 }
        }
        return removed
    }

    /// Whether a process with this id exists (kill with signal 0 only asks).
    static func processIsAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// The folder a path is in ("." for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// An unnamed file in `folder` (Linux O_TMPFILE), or -1 where that is not available.
    static func openUnnamed(folder: String) -> Int32 {
        #if os(Linux)
            // O_TMPFILE is __O_TMPFILE | O_DIRECTORY; the C macro is not imported into Swift.
            let tmpfile: Int32 = 0o20000000 | O_DIRECTORY
            return open(folder, tmpfile | O_WRONLY | O_CLOEXEC, 0o644)
        #else
            return -1
        #endif
    }
}
