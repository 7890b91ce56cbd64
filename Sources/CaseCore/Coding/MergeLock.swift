import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Keeps journal writers and readers out while `sync` lets git rewrite the journals: git writes a
/// merged journal as a new file, and a `coding` command that opened it half-written would take
/// its end for damage. `journals/.merge.lock` (git ignores it) is held shared around every load
/// and every write of a journal, and exclusive by a sync while it commits and merges. Waiting is
/// bounded: a writer that cannot get in says so and saves nothing.
enum MergeLock {
    static let name = ".merge.lock"
    /// How long a writer waits for a sync's merge (the pull may fetch over the network).
    static let patience: UInt64 = 60_000_000_000

    /// The lock file's descriptor with the lock taken; nil when there is nothing to protect: no
    /// journals folder, or — for a reader, which never creates files — no lock file (no sync has
    /// run here).
    static func take(_ journals: URL, exclusive: Bool, create: Bool = true) throws(JournalError) -> Int32? {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: journals.path, isDirectory: &isDir), isDir.boolValue else {
            return nil
        }
        let path = journals.appendingPathComponent(name).path
        if !create && SafeFile.lstatus(path) == nil { return nil }
        let fd = try SafeFile.open(path, purpose: "merge lock", write: create)
        let deadline = DispatchTime.now().uptimeNanoseconds + patience
        while flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, DispatchTime.now().uptimeNanoseconds < deadline else {
                close(fd)
                throw JournalError(
                    "a sync has been merging the journals in \(journals.path) for a minute; nothing was saved — try "
                        + "again when it is done."
                )
            }
            usleep(10_000)
        }
        return fd
    }

    /// Runs `body` with the lock held shared (a journal's load or write; a reader passes
    /// `create: false`).
    static func shared<T>(_ journals: URL, create: Bool = true, _ body: () throws(JournalError) -> T)
        throws(JournalError) -> T
    {
        let fd = try take(journals, exclusive: false, create: create)
        defer { if let fd { SafeFile.unlockAndClose(fd) } }
        return try body()
    }
}
