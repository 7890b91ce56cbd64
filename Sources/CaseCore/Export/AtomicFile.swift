import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file atomically (a temporary file beside it, then rename), never replacing an
/// existing file unless asked, and never anything but a regular file: a symbolic link, FIFO,
/// device or folder at the target is refused even when asked to replace. The temporary file
/// gets an unpredictable name and is created new (`O_EXCL`, `O_NOFOLLOW`), so nothing placed
/// there beforehand is written through.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL, overwrite: Bool) throws(ExportError) {
        try write(to: url, overwrite: overwrite) { fd throws(ExportError) in
            guard SafeFile.writeAll(fd, bytes) else {
                throw ExportError.cannotWrite(path: url.path, reason: SafeFile.reason())
            }
        }
    }

    /// The same, for content written piece by piece by `body` into the open temporary file
    /// (an export too large to hold in memory); what `body` throws leaves nothing behind.
    public static func write(
        to url: URL, overwrite: Bool, _ body: (Int32) throws(ExportError) -> Void
    ) throws(ExportError) {
        let path = url.path
        try check(url, overwrite: overwrite)
        let dir = url.deletingLastPathComponent()
        var temp = ""
        var fd: Int32 = -1
        for _ in 0..<10 where fd < 0 {
            temp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(SafeFile.randomName(12))").path
            fd = SafeFile.create(temp)
            if fd < 0 && errno != EEXIST { break }
        }
        guard fd >= 0 else { throw ExportError.cannotWrite(path: path, reason: SafeFile.reason()) }
        // Write and flush a temporary file, then rename it over the target: readers see the old
        // file or the new one, never half of one.
        do { try body(fd) } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        let ok = fsync(fd) == 0
        let reason = SafeFile.reason()
        close(fd)
        guard ok else {
            unlink(temp)
            throw ExportError.cannotWrite(path: path, reason: reason)
        }
        if overwrite {
            // rename replaces the name itself: a link put there meanwhile is replaced, not followed.
            guard rename(temp, path) == 0 else {
                let reason = SafeFile.reason()
                unlink(temp)
                throw ExportError.cannotWrite(path: path, reason: reason)
            }
        } else {
            // link fails if the name exists by now: never replaces what appeared meanwhile.
            guard link(temp, path) == 0 else {
                let code = errno
                unlink(temp)
                throw code == EEXIST
                    ? ExportError.exists(path: path)
                    : ExportError.cannotWrite(path: path, reason: SafeFile.reason(code))
            }
            unlink(temp)
        }
        SafeFile.syncDirectory(dir.path)
    }

    /// Why `url` cannot be written, before any work is done: not a regular file, there without
    /// `overwrite`, or in a folder that does not exist.
    public static func check(_ url: URL, overwrite: Bool) throws(ExportError) {
        let path = url.path
        if let s = SafeFile.lstatus(path) {
            if let what = SafeFile.kind(s) {
                throw ExportError.notARegularFile(path: path, what: what)
            }
            if !overwrite {
                throw ExportError.exists(path: path)
            }
        }
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir) else {
            throw ExportError.noFolder(path: dir.path)
        }
        guard isDir.boolValue else { throw ExportError.notAFolder(path: dir.path) }
    }
}
