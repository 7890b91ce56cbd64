import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Where journal checkpoints are kept and when one is written. A checkpoint is a cache of a
/// journal's replay, never a record: it lives in the user's cache folder
/// (`$XDG_CACHE_HOME/case-explorer/journals/`, default `~/.cache/case-explorer/journals/`), not
/// in the workspace that laptops sync, and deleting it at any time loses nothing.
public struct JournalCheckpoints: Sendable {
    /// Set to 1 to replay every journal from its first line (measuring, suspicion).
    public static let disableVariable = "CASE_EXPLORER_NO_CHECKPOINT"

    /// The folder checkpoints are read from and written to; nil: none are used.
    public var folder: URL?
    /// A new checkpoint is written only when the replay read at least this many bytes past the
    /// one it started from (below that, replaying is cheaper than the file).
    public var minimumBytes: Int

    public init(folder: URL?, minimumBytes: Int = 1 << 20) {
        self.folder = folder
        self.minimumBytes = minimumBytes
    }

    public static let disabled = JournalCheckpoints(folder: nil)

    /// From the environment: the cache folder, unless `CASE_EXPLORER_NO_CHECKPOINT` is set.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> JournalCheckpoints
    {
        if let flag = environment[disableVariable], !flag.isEmpty, flag != "0" { return .disabled }
        return JournalCheckpoints(
            folder: IndexCache.cacheRoot(environment: environment)?.appendingPathComponent("journals"))
    }

    /// The checkpoint file of a journal: one per journal path (its name a hash of the path).
    func file(for journal: URL) -> URL? {
        guard let folder else { return nil }
        var h = SipHash128(key: (0, 0))
        h.absorb(Array(journal.path.utf8))
        let name = journal.deletingPathExtension().lastPathComponent.filter {
            $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_"
        }
        let digest = h.digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        return folder.appendingPathComponent("\(name.prefix(40))-\(digest).checkpoint")
    }
}

/// The replayed state of a journal's first `covered` bytes (ending with a whole line), with the
/// proof of which bytes those were: the journal's device and inode, and a keyed hash of the
/// bytes (a random key per journal, kept only in the cache folder). It is used only when the
/// journal at its path is the same file, at least as long, and its first `covered` bytes hash
/// to the same value; then only what follows is replayed, with the same result as a full replay.
struct JournalCheckpoint {
    static let magic = Array("case-explorer journal checkpoint 1\n".utf8)

    /// This program's build (see `program`); nil where it cannot be told (then no checkpoints).
    static let thisProgram: String? = {
        var s = stat()
        guard stat("/proc/self/exe", &s) == 0 else { return nil }
        return "\(s.st_dev)-\(s.st_ino)-\(s.st_size)-\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec)"
    }()

    /// The program that replayed (its executable's inode, size and modification time): a
    /// checkpoint is used only by the very build that made it, so a newer version that reads a
    /// line differently never starts from an older version's replay.
    var program: String
    var journal: String
    var coder: String
    var device: UInt64
    var inode: UInt64
    var covered: Int
    var lines: Int
    var key: (UInt64, UInt64)
    var digest: [UInt8]
    var state: CodingState
    /// Excerpts whose events came out of order (replayed apart, sorted): a later event on one of
    /// them needs a full replay.
    var disordered: Set<String>
    /// The replay's reports on the covered lines: from the pass in file order, and from the
    /// sorted replay of the disordered excerpts (kept apart to keep a full replay's order).
    var skipped: [JournalDamage]
    var duplicates: [JournalDamage]

    // MARK: encoding

    func encoded() -> [UInt8] {
        var w = IndexWriter()
        w.bytes = JournalCheckpoint.magic
        w.string(program)
        w.string(journal)
        w.string(coder)
        w.u64(device)
        w.u64(inode)
        w.u64(UInt64(covered))
        w.u64(UInt64(lines))
        w.u64(key.0)
        w.u64(key.1)
        w.bytes += digest
        JournalCheckpoint.encode(state, &w)
        w.u32(UInt32(disordered.count))
        for e in disordered.sorted() { w.string(e) }
        for list in [skipped, duplicates] {
            w.u32(UInt32(list.count))
            for d in list {
                w.u64(UInt64(d.line))
                w.string(d.message)
                w.u8(d.movedTo == nil ? 0 : 1)
                if let m = d.movedTo { w.string(m) }
            }
        }
        // A checksum of the whole file: a torn or damaged checkpoint is never read as a state.
        var check = SipHash128(key: (0x6a6f_7572_6e61_6c73, 0x636b_7074_0000_0001))
        check.absorb(w.bytes)
        w.bytes += check.digest
        return w.bytes
    }

    /// The state's every member, excerpts in sorted order: two states with the same encoding are
    /// the same replay (the tests compare replays this way).
    static func encode(_ s: CodingState, _ w: inout IndexWriter) {
        w.i64(Int64(s.lastSequence))
        w.string(s.lastTime)
        w.i64(Int64(s.decisions))
        w.i64(Int64(s.memos))
        w.u32(UInt32(s.excerpts.count))
        for (id, c) in s.excerpts.sorted(by: { $0.key < $1.key }) {
            w.string(id)
            strings(c.codes.sorted(), &w)
            w.string(c.status.rawValue)
            w.string(c.memo)
            w.u32(UInt32(c.codeMemos.count))
            for (k, v) in c.codeMemos.sorted(by: { $0.key < $1.key }) { w.string(k); w.string(v) }
            w.u8(c.touched ? 1 : 0)
            optional(c.lastSequence, &w) { $1.i64(Int64($0)) }
            optional(c.lastID, &w) { $1.string($0) }
            optional(c.lastKey, &w) {
                $1.string($0.time); $1.string($0.id)
            }
            optional(c.resolution, &w) { r, w in
                w.string(r.by)
                w.string(r.choice)
                sources(r.sources, &w)
                optional(r.after, &w) { $1.string($0) }
            }
            optional(c.resolutionID, &w) { $1.string($0) }
            strings(c.resolvedCodes, &w)
            optional(c.resolvedFrom, &w) { sources($0, &$1) }
            w.u32(UInt32(c.conflict.count))
            for a in c.conflict { w.string(a.id); w.string(a.by); strings(a.codes, &w) }
            w.i64(Int64(c.decisions))
            w.i64(Int64(c.memos))
        }
    }

    private static func strings(_ list: [String], _ w: inout IndexWriter) {
        w.u32(UInt32(list.count))
        for s in list { w.string(s) }
    }

    private static func optional<T>(_ v: T?, _ w: inout IndexWriter, _ body: (T, inout IndexWriter) -> Void) {
        w.u8(v == nil ? 0 : 1)
        if let v { body(v, &w) }
    }

    private static func sources(_ list: [CodingEvent.Resolution.Source], _ w: inout IndexWriter) {
        w.u32(UInt32(list.count))
        for s in list {
            w.string(s.coder)
            optional(s.sequence, &w) { $1.i64(Int64($0)) }
            optional(s.id, &w) { $1.string($0) }
            strings(s.codes, &w)
        }
    }

    // MARK: decoding (every read bounds-checked: a damaged file is ignored, never a crash)

    static func decode(_ bytes: [UInt8]) -> JournalCheckpoint? {
        guard bytes.count >= magic.count + 16, bytes.starts(with: magic) else { return nil }
        var check = SipHash128(key: (0x6a6f_7572_6e61_6c73, 0x636b_7074_0000_0001))
        bytes.withUnsafeBytes { check.absorb(UnsafeRawBufferPointer(rebasing: $0[0..<(bytes.count - 16)])) }
        guard check.digest[...] == bytes[(bytes.count - 16)...] else { return nil }
        return bytes.withUnsafeBytes { all -> JournalCheckpoint? in
            var r = IndexReader(UnsafeRawBufferPointer(rebasing: all[0..<(bytes.count - 16)]), at: magic.count)
            return try? decode(&r)
        }
    }

    private static func decode(_ r: inout IndexReader) throws(IndexDamage) -> JournalCheckpoint {
        let program = try r.string()
        let journal = try r.string()
        let coder = try r.string()
        let device = try r.u64()
        let inode = try r.u64()
        let covered = try r.u64()
        let lines = try r.u64()
        guard covered <= UInt64(Int.max), lines <= covered else { throw IndexDamage("bad extent") }
        let key = (try r.u64(), try r.u64())
        let digest = Array(try r.take(16))
        let state = try decodeState(&r)
        var disordered = Set<String>()
        for _ in 0..<(try r.count(unit: 4)) { disordered.insert(try r.string()) }
        var lists: [[JournalDamage]] = []
        for _ in 0..<2 {
            var list: [JournalDamage] = []
            for _ in 0..<(try r.count(unit: 13)) {
                let line = try r.u64()
                let message = try r.string()
                let moved = try r.u8() == 1 ? try r.string() : nil
                guard line <= UInt64(Int.max) else { throw IndexDamage("bad line") }
                list.append(JournalDamage(line: Int(line), message: message, movedTo: moved))
            }
            lists.append(list)
        }
        guard r.at == r.buffer.count else { throw IndexDamage("trailing bytes") }
        return JournalCheckpoint(
            program: program, journal: journal, coder: coder, device: device, inode: inode, covered: Int(covered),
            lines: Int(lines),
            key: key, digest: digest, state: state, disordered: disordered, skipped: lists[0], duplicates: lists[1])
    }

    private static func decodeState(_ r: inout IndexReader) throws(IndexDamage) -> CodingState {
        let lastSequence = try int(&r)
        let lastTime = try r.string()
        let decisions = try int(&r)
        let memos = try int(&r)
        var excerpts: [String: ExcerptCoding] = [:]
        let count = try r.count(unit: 8)
        excerpts.reserveCapacity(count)
        for _ in 0..<count {
            let id = try r.string()
            var c = ExcerptCoding()
            c.codes = Set(try strings(&r))
            guard let status = ReviewStatus(rawValue: try r.string()) else { throw IndexDamage("bad status") }
            c.status = status
            c.memo = try r.string()
            for _ in 0..<(try r.count(unit: 8)) {
                let k = try r.string()
                c.codeMemos[k] = try r.string()
            }
            c.touched = try r.u8() == 1
            if try r.u8() == 1 { c.lastSequence = try int(&r) }
            if try r.u8() == 1 { c.lastID = try r.string() }
            if try r.u8() == 1 { c.lastKey = ReplayKey(time: try r.string(), id: try r.string()) }
            if try r.u8() == 1 {
                let by = try r.string()
                let choice = try r.string()
                let sources = try self.sources(&r)
                let after = try r.u8() == 1 ? try r.string() : nil
                c.resolution = CodingEvent.Resolution(by: by, choice: choice, sources: sources, after: after)
            }
            if try r.u8() == 1 { c.resolutionID = try r.string() }
            c.resolvedCodes = try strings(&r)
            if try r.u8() == 1 { c.resolvedFrom = try sources(&r) }
            for _ in 0..<(try r.count(unit: 12)) {
                let id = try r.string()
                let by = try r.string()
                c.conflict.append(ExcerptCoding.Alternative(id: id, by: by, codes: try strings(&r)))
            }
            c.decisions = try int(&r)
            c.memos = try int(&r)
            guard excerpts.updateValue(c, forKey: id) == nil else { throw IndexDamage("an excerpt twice") }
        }
        return CodingState(
            restoring: excerpts, lastSequence: lastSequence, lastTime: lastTime, decisions: decisions, memos: memos)
    }

    private static func int(_ r: inout IndexReader) throws(IndexDamage) -> Int { Int(try r.i64()) }

    private static func strings(_ r: inout IndexReader) throws(IndexDamage) -> [String] {
        var list: [String] = []
        for _ in 0..<(try r.count(unit: 4)) { list.append(try r.string()) }
        return list
    }

    private static func sources(_ r: inout IndexReader) throws(IndexDamage) -> [CodingEvent.Resolution.Source] {
        var list: [CodingEvent.Resolution.Source] = []
        for _ in 0..<(try r.count(unit: 9)) {
            let coder = try r.string()
            let sequence = try r.u8() == 1 ? try int(&r) : nil
            let id = try r.u8() == 1 ? try r.string() : nil
            list.append(CodingEvent.Resolution.Source(coder: coder, sequence: sequence, id: id, codes: try strings(&r)))
        }
        return list
    }
}

/// A keyed hash fed with a journal's bytes in file order as they are read, so the bytes a
/// checkpoint proves are exactly the bytes that were replayed (a class: the reader feeds it
/// while the replay, in a closure, takes copies at line ends).
final class JournalDigest {
    let key: (UInt64, UInt64)
    private(set) var hash: SipHash128

    init(key: (UInt64, UInt64), hash: SipHash128? = nil) {
        self.key = key
        self.hash = hash ?? SipHash128(key: key)
    }

    /// A new random key (a fresh lineage of checkpoints).
    static func fresh() -> JournalDigest {
        var rng = SystemRandomNumberGenerator()
        return JournalDigest(key: (rng.next(), rng.next()))
    }

    func absorb(_ bytes: UnsafeRawBufferPointer) { hash.absorb(bytes) }
}

extension JournalCheckpoints {
    /// A checkpoint for the journal open as `fd` (at `journal`, of `coder`) that provably covers
    /// the journal's first bytes, with the digest of those bytes to hash on from; nil when there
    /// is none or it does not match (then the journal is replayed from its first line).
    func restore(for journal: URL, coder: String, fd: Int32) -> (JournalCheckpoint, JournalDigest)? {
        guard let folder, let url = file(for: journal), let there = SafeFile.fstatus(fd) else { return nil }
        let f = Glibc.open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard f >= 0 else { return nil }
        defer { close(f) }
        // Only a file of ours in a folder of ours that nobody else may write: anyone who could
        // write one could also compute the hash of a journal they can read.
        guard let s = SafeFile.fstatus(f), SafeFile.kind(s) == nil, s.st_size > 0, s.st_size < 1 << 32,
            JournalCheckpoints.private(s), let d = SafeFile.lstatus(folder.path), JournalCheckpoints.private(d)
        else { return nil }
        let bytes = JournalCheckpoints.readAll(f, count: Int(s.st_size))
        guard bytes.count == Int(s.st_size), let cp = JournalCheckpoint.decode(bytes),
            cp.program == JournalCheckpoint.thisProgram, cp.journal == journal.path,
            cp.coder == coder, cp.device == UInt64(there.st_dev), cp.inode == UInt64(there.st_ino),
            cp.covered <= Int(there.st_size)
        else { return nil }
        // The covered bytes themselves, hashed with the checkpoint's key: a journal replaced,
        // cut, edited in place or torn does not give the same value.
        let digest = JournalDigest(key: cp.key)
        let block = 1 << 20
        var buffer = [UInt8](repeating: 0, count: block)
        var offset = 0
        while offset < cp.covered {
            let want = min(block, cp.covered - offset)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer.withUnsafeBytes { digest.absorb(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            offset += n
        }
        guard digest.hash.digest == cp.digest else { return nil }
        return (cp, digest)
    }

    /// Writes a checkpoint beside its place under a name nobody can guess, then renames it into
    /// place: a kill leaves the old checkpoint or the new one, never a part, and a symbolic link
    /// at its name is replaced, never followed. Any failure leaves no checkpoint: it is a cache.
    func save(_ cp: JournalCheckpoint, for journal: URL) {
        guard let folder, let url = file(for: journal), cp.program == JournalCheckpoint.thisProgram, prepare(folder)
        else { return }
        // Temporary files of writers killed mid-write (named as the index builder names its own).
        IndexCache.removeAbandoned(in: folder)
        removeOrphans(in: folder)
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(SafeFile.randomName(10)).tmp")
        let fd = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = SafeFile.writeAll(fd, cp.encoded())
        close(fd)
        guard ok, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            return
        }
    }

    /// The cache folder and its `journals` folder exist and are real folders (not links), made
    /// private when new.
    private func prepare(_ folder: URL) -> Bool {
        for dir in [folder.deletingLastPathComponent(), folder] {
            if let s = SafeFile.lstatus(dir.path) {
                guard (s.st_mode & S_IFMT) == S_IFDIR else { return false }
            } else {
                try? FileManager.default.createDirectory(
                    at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                guard let s = SafeFile.lstatus(dir.path), (s.st_mode & S_IFMT) == S_IFDIR else { return false }
            }
        }
        return true
    }

    /// Owned by this user, and writable by nobody else.
    private static func `private`(_ s: stat) -> Bool { s.st_uid == geteuid() && s.st_mode & 0o022 == 0 }

    /// Whether a file's status is the same at two moments: nobody wrote to it in between.
    static func unchanged(_ a: stat, _ b: stat) -> Bool {
        a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size
            && a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec
            && a.st_ctim.tv_sec == b.st_ctim.tv_sec && a.st_ctim.tv_nsec == b.st_ctim.tv_nsec
    }

    /// Checkpoints of journals that are gone (a workspace deleted or moved): they would never
    /// be used again. Only the journal's path is read, from the start of each file.
    private func removeOrphans(in dir: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names where name.hasSuffix(".checkpoint") {
            let path = dir.appendingPathComponent(name).path
            let f = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard f >= 0 else { continue }
            let head = JournalCheckpoints.readAll(f, count: 8192)
            close(f)
            guard head.starts(with: JournalCheckpoint.magic) else { continue }
            let journal: String? = head.withUnsafeBytes { all in
                var r = IndexReader(all, at: JournalCheckpoint.magic.count)
                _ = try? r.string()
                return try? r.string()
            }
            if let journal, journal.hasPrefix("/"), SafeFile.lstatus(journal) == nil, errno == ENOENT {
                unlink(path)
            }
        }
    }

    private static func readAll(_ fd: Int32, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        return Array(bytes.prefix(done))
    }
}
