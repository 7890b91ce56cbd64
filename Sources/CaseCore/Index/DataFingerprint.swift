import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// What the index was built from: every data file's path, size, modification and change times
/// (nanoseconds) and inode. Any edit, touch, replacement, new or removed file changes it; the
/// change time catches an edit whose modification time was set back.
public struct DataFingerprint: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var path: String
        public var size: Int64
        public var modified: Int64
        public var changed: Int64
        public var inode: UInt64
    }
    /// The data folder's absolute path.
    public var folder: String
    public var files: [File]

    /// The fingerprint of the data files now (the same files `DataFolder` loads).
    public static func of(folder: URL) -> DataFingerprint {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let files = DataFolder.jsonFiles(in: root).map { url -> File in
            var st = stat()
            guard stat(url.path, &st) == 0 else {
                return File(path: url.path, size: -1, modified: 0, changed: 0, inode: 0)
            }
            return File(
                path: DataFolder.relativePath(of: url, in: root), size: Int64(st.st_size),
                modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                changed: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec),
                inode: UInt64(st.st_ino))
        }
        return DataFingerprint(folder: root.path, files: files)
    }

    func write(_ w: inout IndexWriter) {
        w.string(folder)
        w.u32(UInt32(files.count))
        for f in files {
            w.string(f.path); w.i64(f.size); w.i64(f.modified); w.i64(f.changed); w.u64(f.inode)
        }
    }

    static func read(_ r: inout IndexReader) throws(IndexDamage) -> DataFingerprint {
        let folder = try r.string()
        let n = try r.count(unit: 36)
        var files: [File] = []
        files.reserveCapacity(n)
        for _ in 0..<n {
            files.append(
                File(
                    path: try r.string(), size: try r.i64(), modified: try r.i64(), changed: try r.i64(),
                    inode: try r.u64()))
        }
        return DataFingerprint(folder: folder, files: files)
    }
}
