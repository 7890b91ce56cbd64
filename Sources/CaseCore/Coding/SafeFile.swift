import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Opening files for writing without being tricked: never through a symbolic link
/// (`O_NOFOLLOW`), new files only as new (`O_EXCL`), temporary names nobody can guess, and
/// only regular files — a FIFO, a device, a folder or a hard link to another file is refused
/// with one sentence.
enum SafeFile {
    /// A file's identity: what stays the same while it is the same file.
    struct Identity: Equatable {
        let device: UInt64
        let inode: UInt64
        init(_ s: stat) { device = UInt64(s.st_dev); inode = UInt64(s.st_ino) }
    }

    static func lstatus(_ path: String) -> stat? {
        var s = stat()
        return lstat(path, &s) == 0 ? s : nil
    }

    /// Creates a folder and the missing folders above it, as `mkdir -p` does; nil, or why not in
    /// the system's words ("Not a directory") — Foundation says "NSCocoaErrorDomain error 512".
    static func makeFolders(_ path: String) -> String? {
        var s = stat()
        if stat(path, &s) == 0 { return s.st_mode & S_IFMT == S_IFDIR ? nil : reason(ENOTDIR) }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path, let why = makeFolders(parent) { return why }
        if mkdir(path, 0o755) != 0, errno != EEXIST { return reason() }
        return nil
    }

    static func fstatus(_ fd: Int32) -> stat? {
        var s = stat()
        return fstat(fd, &s) == 0 ? s : nil
    }

    /// What a file that is not a regular file is, in words; nil for a regular file.
    static func kind(_ s: stat) -> String? {
        switch s.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    static func reason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// Opens an existing or new regular file; `purpose` names it in messages ("journal").
    /// Writing: read-write, appending, created if missing, one name only (no hard links).
    static func open(_ path: String, purpose: String, write: Bool) throws(JournalError) -> Int32 {
        let flags = (write ? O_RDWR | O_CREAT | O_APPEND : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC
        let fd = Glibc.open(path, flags, 0o644)
        if fd < 0 {
            let code = errno
            if code == ELOOP {
                throw JournalError(
                    "\(path) is a symbolic link; a \(purpose) is never read or written through a link (replace it with "
                        + "the file itself)."
                )
            }
            if code == EISDIR {
                throw JournalError("\(path) is a folder, not a \(purpose) file; move it out of the way.")
            }
            throw JournalError("cannot open \(path) for \(write ? "writing" : "reading") (\(reason(code))).")
        }
        guard let s = fstatus(fd) else { close(fd); throw JournalError("cannot open \(path) (\(reason())).") }
        if let what = kind(s) {
            close(fd)
            throw JournalError(
                "\(path) is \(what), not a \(purpose) file; nothing was \(write ? "written" : "read") (move it out of "
                    + "the way)."
            )
        }
        if write && s.st_nlink > 1 {
            close(fd)
            throw JournalError(
                "\(path) has another name (a hard link to another file); a \(purpose) is only written when it is a "
                    + "file of its own."
            )
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Creates a new file that did not exist (never follows or reuses a name).
    static func create(_ path: String) -> Int32 {
        Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    }

    /// Gives up a `flock` and closes the descriptor. The lock belongs to the open file, which a
    /// child process started by another thread shares until it runs its program (`O_CLOEXEC`
    /// closes our descriptors only then): a `close` alone would leave the lock held by that copy
    /// for a moment, and the next writer — in this process or another — would be refused.
    static func unlockAndClose(_ fd: Int32) {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Random letters and digits for names nobody can predict (and session ids).
    static func randomName(_ count: Int) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var rng = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(rng.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// Writes all bytes (retrying short writes and interruptions); false with errno set on failure.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return false }
            if n == 0 { errno = EIO; return false }
            written += n
        }
        return true
    }

    /// Makes a new file's directory entry durable too.
    static func syncDirectory(_ dir: String) {
        let d = Glibc.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard d >= 0 else { return }
        _ = fsync(d)
        close(d)
    }

    /// The real path of an existing file or folder (symbolic links resolved).
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    /// The pid holding an flock on the file with this inode, from /proc/locks (Linux).
    static func lockHolder(inode: UInt64) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where !line.contains("->") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            guard f.count >= 6, f[1] == "FLOCK", f[5].split(separator: ":").last.map(String.init) == String(inode)
            else { continue }
            return String(f[4])
        }
        return nil
    }
}
