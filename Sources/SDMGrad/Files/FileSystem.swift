#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What is at a path, as far as the readers care (found with one `stat`, symlinks followed).
public enum PathKind: Equatable, Sendable {
    /// Nothing there (or a parent is not a folder).
    case missing
    /// A regular file, safe to open and read.
    case regularFile
    /// A folder.
    case folder
    /// Something that must never be opened for reading: a FIFO, a device or a socket (named).
    case special(String)
    /// The path cannot be looked at: permission denied, a symlink loop, a name too long (the reason).
    case unreachable(String)
}

/// The few file-system questions the readers ask.
public enum FileSystem {
    /// What is at `path` (one stat; never opens it).
    public static func kind(_ path: String) -> PathKind {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .missing }
            return .unreachable(code == ELOOP ? "a symbolic link loop" : FileBytes.describeErrno(code))
        }
        return kind(mode: info.st_mode)
    }

    /// The kind of a `stat` mode.
    static func kind(mode: mode_t) -> PathKind {
        switch mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .folder
        case S_IFIFO: return .special("a FIFO (named pipe)")
        case S_IFCHR: return .special("a character device")
        case S_IFBLK: return .special("a block device")
        case S_IFSOCK: return .special("a socket")
        default: return .special("not a regular file")
        }
    }

    /// Throws one line naming `path` unless it is a regular file (checked before opening, so a
    /// FIFO or device never blocks a reader).
    public static func requireRegularFile(_ path: String) throws {
        switch kind(path) {
        case .regularFile: return
        case .missing: throw InputError("\(path.quotedForMessage(limit: 200)): cannot open: no such file or directory")
        case .folder: throw InputError("\(path.quotedForMessage(limit: 200)): a folder, not a regular file")
        case .special(let what):
            throw InputError("\(path.quotedForMessage(limit: 200)): \(what), not a regular file; refusing to open it")
        case .unreachable(let why): throw InputError("\(path.quotedForMessage(limit: 200)): cannot be read (\(why))")
        }
    }

    /// Whether something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        kind(path) != .missing
    }

    /// Whether `path` is a folder.
    public static func isDirectory(_ path: String) -> Bool {
        kind(path) == .folder
    }

    /// The names in a folder, sorted; empty when it cannot be read.
    public static func list(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }
}
