import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Where indexes live and when they are (re)built. The cache folder is
/// `$XDG_CACHE_HOME/case-explorer/` (default `~/.cache/case-explorer/`); one file per data
/// folder, named after the folder and a hash of its absolute path. Deleting the folder is always
/// safe: the next command rebuilds what it needs.
public enum IndexCache {
    /// Set to 1 to read the JSON files every time (as `--no-index` does).
    public static let disableVariable = "CASE_EXPLORER_NO_INDEX"

    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let flag = environment[disableVariable], !flag.isEmpty, flag != "0" { return nil }
        return cacheRoot(environment: environment)
    }

    /// The program's folder in the user's cache (`$XDG_CACHE_HOME/case-explorer`, default
    /// `~/.cache/case-explorer`), whatever is switched off: the index and the journals'
    /// checkpoints live there.
    static func cacheRoot(environment: [String: String]) -> URL? {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("case-explorer")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/case-explorer")
    }

    /// The index file of a data folder inside a cache folder.
    public static func file(for fingerprint: DataFingerprint, in cache: URL) -> URL {
        let digest = SHA1.hash(Array(fingerprint.folder.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined()
        let name = URL(fileURLWithPath: fingerprint.folder).lastPathComponent.filter {
            $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_"
        }
        return cache.appendingPathComponent("\(name.prefix(40))-\(digest).index")
    }

    /// What a command reads: the index when it is fresh, else the data loaded (and validated) by
    /// `load`, from which a new index is written for next time. `index` is nil when there is no
    /// cache folder or it cannot be written; the caller then works from `dataset`.
    public struct Opened {
        public let index: StudyIndex?
        public let dataset: Dataset?
        /// Why an existing index was not used (nil when none was looked for or it was used).
        public let rebuiltBecause: String?
    }

    /// `givingBack`: see `StudyIndex.open` (the explorer's).
    public static func open(
        dataFolder: URL, cache: URL?, givingBack: Bool = false, load: () throws -> Dataset
    ) throws -> Opened {
        try open(dataFolder: dataFolder, cache: cache, givingBack: givingBack, building: { _ in try load() })
    }

    /// As `open`, with a load that writes the index aside while it checks the data (it passes
    /// the build to `DataFolder.loadCollectingProblems`); the index is renamed into place only
    /// after the load returned the data without a problem.
    public static func open(
        dataFolder: URL, cache: URL?, givingBack: Bool = false, building load: (IndexBuild?) throws -> Dataset
    ) throws -> Opened {
        guard let cache else { return Opened(index: nil, dataset: try load(nil), rebuiltBecause: nil) }
        let fingerprint = DataFingerprint.of(folder: dataFolder)
        let url = file(for: fingerprint, in: cache)
        var reason: String?
        let found = FileIdentity(url)
        do {
            return Opened(
                index: try StudyIndex.open(url, expecting: fingerprint, givingBack: givingBack), dataset: nil,
                rebuiltBecause: nil)
        } catch {
            reason = error.reason
        }
        // An index that is not used now is never used again (a reader rebuilds it either way):
        // it is removed before the data is read, so its pages in the page cache are free for
        // the load and the new index (on this virtual machine 180 MB went into pages just freed
        // in 0.04 s, into fresh ones in 0.5 s). Only the file found is removed, not one renamed
        // into place since by another builder.
        if let found, found == FileIdentity(url) { unlink(url.path) }
        // The fingerprint is taken before the data is read: if a file changes while it is being
        // read, the index carries the older fingerprint and is rebuilt next time.
        let build = IndexBuild(url, fingerprint: fingerprint)
        defer { build.discard() }
        let dataset = try load(build)
        guard build.commit(dataset) else { return Opened(index: nil, dataset: dataset, rebuiltBecause: reason) }
        removeOrphans(in: cache, keeping: url)
        return Opened(
            index: try? StudyIndex.open(url, expecting: fingerprint), dataset: dataset, rebuiltBecause: reason)
    }

    /// The whole dataset for a command that needs every entity (`show`, `matrix`, `agreement`,
    /// the explorer): from the index when it is fresh and whole, without reading the JSON; else
    /// loaded (and validated) by `load`, and the index rebuilt for next time.
    public static func dataset(dataFolder: URL, cache: URL?, load: () throws -> Dataset) throws -> Dataset {
        try dataset(dataFolder: dataFolder, cache: cache, building: { _ in try load() })
    }

    /// As `dataset`, with a load that writes the index aside while it checks (see `open`).
    public static func dataset(
        dataFolder: URL, cache: URL?, building load: (IndexBuild?) throws -> Dataset
    ) throws -> Dataset {
        let opened = try open(dataFolder: dataFolder, cache: cache, building: load)
        if let dataset = opened.dataset { return dataset }
        guard let index = opened.index else { return try load(nil) }
        do {
            return try index.dataset()
        } catch {
            // Damaged where the open's checks do not look: never trusted, rebuilt from the data.
            let dataset = try load(nil)
            if let cache {
                try? write(dataset, fingerprint: index.fingerprint, to: file(for: index.fingerprint, in: cache))
            }
            return dataset
        }
    }

    /// Writes an index beside its final place under a name no other process can guess or hold,
    /// then renames it into place: a reader sees the old index or the new one, never a part; two
    /// builders at once both succeed (the last rename wins, both files are whole); a kill leaves
    /// only a temporary file, removed by the next build.
    public static func write(_ d: Dataset, fingerprint: DataFingerprint, to url: URL) throws {
        let temporary = try writeAside(d, fingerprint: fingerprint, beside: url)
        guard rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw IndexDamage("cannot write \(url.path)")
        }
    }

    /// The index of a dataset written whole under a temporary name beside `url`: the file to
    /// rename into place (or to remove). Nothing is left behind when it throws.
    static func writeAside(_ d: Dataset, fingerprint: DataFingerprint, beside url: URL) throws -> URL {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        removeAbandoned(in: dir)
        // The dataset's section is encoded on another thread while the texts are written.
        var (meta, parts) = StudyIndex.sections(d, fingerprint: fingerprint)
        let snapshot = d.searchIndex.takeSnapshot() ?? SnapshotJob(d)
        var random = SystemRandomNumberGenerator()
        let temporary = dir.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(String(random.next(), radix: 36)).tmp")
        let fd = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw IndexDamage("cannot create \(temporary.path)") }
        var ok = true
        var written = 0
        func put(_ b: UnsafeRawBufferPointer) {
            var done = 0
            while ok && done < b.count {
                let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                done += n
            }
        }
        // Small runs (a text written from its string, the padding) are gathered into blocks.
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { block.deallocate() }
        var filled = 0
        func flush() {
            put(UnsafeRawBufferPointer(rebasing: block[0..<filled]))
            filled = 0
        }
        func emit(_ b: UnsafeRawBufferPointer) {
            written += b.count
            if filled + b.count > block.count || b.count >= block.count / 2 { flush() }
            if b.count >= block.count / 2 { return put(b) }
            if let from = b.baseAddress { (block.baseAddress! + filled).copyMemory(from: from, byteCount: b.count) }
            filled += b.count
        }
        let zeros = [UInt8](repeating: 0, count: 8)
        func align() {
            zeros.withUnsafeBytes { emit(UnsafeRawBufferPointer(rebasing: $0[0..<((8 - written % 8) % 8)])) }
        }
        // Section by section, straight from where they are in memory: no copy of the whole file.
        // The header goes in last, when the dataset's section is known; until then its place
        // is a hole (zeros), as the padding after it is.
        written = StudyIndex.firstSectionOffset(meta: meta)
        if lseek(fd, off_t(written), SEEK_SET) < 0 { ok = false }
        for k in parts.indices {
            if k == StudyIndex.Section.dataset.rawValue { parts[k] = .array(snapshot.wait()) }
            align()
            parts[k].forEachRun { emit($0) }
        }
        align()
        flush()
        StudyIndex.head(meta: meta, parts).withUnsafeBytes { head in
            var done = 0
            while ok && done < head.count {
                let n = pwrite(fd, head.baseAddress! + done, head.count - done, off_t(done))
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                done += n
            }
        }
        close(fd)
        guard ok else {
            unlink(temporary.path)
            throw IndexDamage("cannot write \(temporary.path)")
        }
        return temporary
    }

    /// Indexes of data folders that no longer exist (a study generated into a temporary folder,
    /// a folder moved or deleted): nothing can use them, and without this the cache grows by one
    /// index per folder ever opened. Only our own regular files of this format whose header
    /// names a folder that is gone are removed; anything else is left alone. Run after an index
    /// was written, which is rare, so reading a few bytes of each index costs nothing noticeable.
    static func removeOrphans(in cache: URL, keeping: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: cache.path) else { return }
        for name in names where name.hasSuffix(".index") && name != keeping.lastPathComponent {
            let path = cache.appendingPathComponent(name).path
            guard let folder = dataFolder(ofIndexAt: path) else { continue }
            var st = stat()
            if lstat(folder, &st) != 0 && errno == ENOENT { unlink(path) }
        }
    }

    /// The data folder an index file was built from, read from its header; nil when the file
    /// is not a regular file of ours or not an index of this format.
    static func dataFolder(ofIndexAt path: String) -> String? {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let st = SafeFile.fstatus(fd), (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == geteuid() else {
            return nil
        }
        // The header, then the metadata's first field: the folder's path (at most PATH_MAX).
        let want = min(Int(st.st_size), StudyIndex.headerSize + 8 + 4096)
        var bytes = [UInt8](repeating: 0, count: want)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, 0) }
        guard n == want else { return nil }
        return bytes.withUnsafeBytes { b -> String? in
            var r = IndexReader(b)
            guard (try? r.take(8)).map(Array.init) == StudyIndex.magic, (try? r.u32()) == StudyIndex.formatVersion,
                (try? r.u32()) != nil, (try? r.u64()) == UInt64(st.st_size), (try? r.u64()) != nil,
                (try? r.u64()) != nil, let folder = try? r.string(), folder.hasPrefix("/")
            else { return nil }
            return folder
        }
    }

    /// Temporary files of builders that are no longer running (killed mid-build).
    static func removeAbandoned(in dir: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            let parts = name.split(separator: ".")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(dir.appendingPathComponent(name).path) }
        }
    }
}

/// Work done on another thread (a queue of the caller's, or any); `wait` gives its result.
final class BackgroundJob<T>: @unchecked Sendable {
    private let group = DispatchGroup()
    // Written once on the other thread before `group` is left; read only after `wait`.
    private var result: T?

    init(on queue: DispatchQueue = .global(), _ body: @escaping @Sendable () -> T) {
        group.enter()
        queue.async {
            self.result = body()
            self.group.leave()
        }
    }

    func wait() -> T {
        group.wait()
        return result!
    }
}

/// The dataset's section of the index, encoded on another thread.
final class SnapshotJob: @unchecked Sendable {
    private let job: BackgroundJob<[UInt8]>

    init(_ d: some SnapshotSource, on queue: DispatchQueue = .global()) {
        job = BackgroundJob(on: queue) { DatasetSnapshot.encode(d) }
    }

    func wait() -> [UInt8] { job.wait() }
}

/// An index written while its data is still being checked (`DataFolder.loadCollectingProblems`
/// writes it aside on its own thread while the other core checks): it is renamed into place by
/// `commit` only once the load returned without a problem, and removed by `discard` otherwise, so
/// an index of data with problems is never where a reader looks.
public final class IndexBuild: @unchecked Sendable {
    let url: URL
    let fingerprint: DataFingerprint
    private let lock = NSLock()
    private var aside: URL?
    private var done = false
    /// Whether an index was written aside during the load (tests check the path was taken).
    private(set) var wroteAside = false

    init(_ url: URL, fingerprint: DataFingerprint) {
        self.url = url
        self.fingerprint = fingerprint
    }

    /// Writes the dataset's index under a temporary name (a failure to write leaves none).
    func writeAside(_ d: Dataset) {
        let temporary = try? IndexCache.writeAside(d, fingerprint: fingerprint, beside: url)
        lock.withLock {
            wroteAside = temporary != nil
            if done, let temporary { unlink(temporary.path) } else { aside = temporary }
        }
    }

    /// Puts the index of this dataset in place: the one written aside, else written now.
    /// False when it cannot be written.
    func commit(_ d: Dataset) -> Bool {
        let written = lock.withLock { () -> (URL?, Bool) in
            defer { done = true; aside = nil }
            return (aside, done)
        }
        if written.1 { return false }
        guard let temporary = written.0 else {
            return (try? IndexCache.write(d, fingerprint: fingerprint, to: url)) != nil
        }
        guard rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            return false
        }
        return true
    }

    /// Removes what was written aside and not put in place; nothing is put in place after.
    func discard() {
        lock.withLock {
            if let aside { unlink(aside.path) }
            aside = nil
            done = true
        }
    }
}

/// Which file a path names (device, inode, size and modification time), to remove only the
/// file that was found stale.
struct FileIdentity: Equatable {
    let device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int

    init?(_ url: URL) {
        var s = stat()
        guard lstat(url.path, &s) == 0, (s.st_mode & S_IFMT) == S_IFREG else { return nil }
        device = UInt64(s.st_dev)
        inode = UInt64(s.st_ino)
        size = Int64(s.st_size)
        seconds = s.st_mtim.tv_sec
        nanoseconds = s.st_mtim.tv_nsec
    }
}
