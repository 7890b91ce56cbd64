import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Something wrong found while loading a journal; the journal still loads.
public struct JournalDamage: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    /// Where a damaged tail was moved, if it was.
    public let movedTo: String?
    public var description: String { "line \(line): \(message)" + (movedTo.map { " (moved aside to \($0))" } ?? "") }
}

/// One coder's append-only journal of decisions, one JSON object per line.
///
/// Durable before acknowledged: `append` returns only after the line is written and `fsync`ed
/// to the file that is at the journal's path (a journal replaced on disk — `git pull`, a sync
/// tool — is reopened, what came in replayed, and the decision written again there). One
/// writer at a time: the journal's own open file is `flock`ed, which no clean-up can delete.
/// Never through a symbolic link, never a FIFO, device or hard link. Damage never stops a
/// load: every complete event is kept, bad lines are reported, and a damaged tail is moved to
/// a `.damaged-…` file beside the journal. Reading streams: memory does not grow with the
/// history, only with the excerpts coded.
public final class Journal {
    public let coder: String
    public let url: URL
    public let readOnly: Bool
    /// The random part of the ids this writer gives its events (`<session>-<seq>`).
    public let session: String
    public private(set) var state = CodingState()
    public private(set) var damage: [JournalDamage] = []
    /// Said once after the journal was found replaced on disk and reopened.
    public private(set) var notes: [String] = []
    private var fd: Int32 = -1
    private var identity: SafeFile.Identity?
    /// The size the file had when last read or written by us (a change means someone else wrote).
    private var knownSize: off_t = 0
    private var knownTime = timespec()
    private let now: () -> Date
    private let workspace: Workspace
    private let checkpoints: JournalCheckpoints

    public enum Mode: Sendable { case write, readOnly }

    /// `checkpoints`: where replays are cached (the user's cache folder unless the environment
    /// says otherwise); they only ever save time, never change a result.
    public init(
        workspace: Workspace, coder: String, mode: Mode = .write, now: @escaping () -> Date = Date.init,
        checkpoints: JournalCheckpoints = .standard()
    ) throws(JournalError) {
        self.checkpoints = checkpoints
        self.coder = Workspace.canonical(coder)
        self.workspace = workspace
        self.url = workspace.journal(of: self.coder)
        self.readOnly = mode == .readOnly
        self.now = now
        self.session = SafeFile.randomName(8)
        if mode == .write { try workspace.prepare(workspace.journals) }
        // Never while a sync lets git rewrite the journals (MergeLock).
        try MergeLock.shared(workspace.journals, create: mode == .write) { () throws(JournalError) in
            if mode == .write {
                try openForWriting()
            } else if SafeFile.lstatus(url.path) != nil {
                fd = try SafeFile.open(url.path, purpose: "journal", write: false)
                identity = SafeFile.fstatus(fd).map(SafeFile.Identity.init)
            }
            try load()
        }
    }

    deinit {
        guard fd >= 0 else { return }
        // The writer's lock ends with the writer, whatever child holds a copy of the file.
        if readOnly { close(fd) } else { SafeFile.unlockAndClose(fd) }
    }

    public var nextSequence: Int { state.lastSequence + 1 }

    // MARK: opening and locking

    /// Opens the journal for appending and locks that very file; makes sure the file locked is
    /// the one at the path (it may be replaced between the open and the lock).
    private func openForWriting() throws(JournalError) {
        for _ in 0..<3 {
            let f = try SafeFile.open(url.path, purpose: "journal", write: true)
            if flock(f, LOCK_EX | LOCK_NB) != 0 {
                let pid = SafeFile.fstatus(f).flatMap { SafeFile.lockHolder(inode: UInt64($0.st_ino)) } ?? "?"
                close(f)
                throw JournalError(
                    .locked,
                    "\(coder)'s journal is being written by another process (pid \(pid)); only one may write at a time "
                        + "— open it read-only instead."
                )
            }
            guard let mine = SafeFile.fstatus(f), let there = SafeFile.lstatus(url.path),
                SafeFile.Identity(mine) == SafeFile.Identity(there)
            else {
                SafeFile.unlockAndClose(f)
                continue
            }
            fd = f
            identity = SafeFile.Identity(mine)
            SafeFile.syncDirectory(url.deletingLastPathComponent().path)
            return
        }
        throw JournalError("\(url.path) keeps being replaced while it is opened; nothing was written.")
    }

    /// Whether the file open is still the one at the journal's path.
    private var isCurrent: Bool {
        guard let identity, let there = SafeFile.lstatus(url.path) else { return false }
        return SafeFile.Identity(there) == identity
    }

    /// Catches up with the file on disk: a journal replaced at its path (git, a sync tool) is
    /// reopened — locked, and its events replayed; decisions of ours it lacks are written to it
    /// again — and a journal grown or cut by someone else is replayed again. Returns whether
    /// the state may have changed.
    @discardableResult
    public func refresh() throws(JournalError) -> Bool {
        try MergeLock.shared(workspace.journals, create: !readOnly) { () throws(JournalError) in try catchUp() }
    }

    private func catchUp() throws(JournalError) -> Bool {
        if readOnly {
            guard let there = SafeFile.lstatus(url.path) else { return false }
            if fd >= 0, isCurrent, there.st_size == knownSize, there.st_mtim.tv_sec == knownTime.tv_sec,
                there.st_mtim.tv_nsec == knownTime.tv_nsec
            {
                return false
            }
            if fd >= 0 { close(fd); fd = -1 }
            fd = try SafeFile.open(url.path, purpose: "journal", write: false)
            identity = SafeFile.fstatus(fd).map(SafeFile.Identity.init)
            try load()
            return true
        }
        guard fd >= 0 else {
            throw JournalError("\(coder)'s journal is no longer open; nothing was saved (open it again).")
        }
        if !isCurrent {
            try reopenReplaced()
            return true
        }
        if let s = SafeFile.fstatus(fd), s.st_size != knownSize {
            try load()
            return true
        }
        return false
    }

    private func reopenReplaced() throws(JournalError) {
        let old = fd
        fd = -1
        defer { SafeFile.unlockAndClose(old) }
        guard SafeFile.lstatus(url.path) != nil else {
            throw JournalError(
                "\(url.path) was removed while it was open; nothing more is saved — open the journal again.")
        }
        try openForWriting()
        // A copy made while a line was being written ends in part of it: those bytes are ours,
        // whole in the old file, so they are cut (the line is written again below). Any other
        // damaged tail is moved aside by the replay, before anything is appended after it.
        try cutTornCopy(comparedWith: old)
        try load()
        let movedAside = damage.filter { $0.movedTo != nil }
        // Events of the old file the new one lacks (acknowledged here, not yet in the copy that
        // replaced it) are written to it again; the same event twice is applied once anyway.
        // Ids are compared by a keyed 128-bit hash, not kept whole (a replaced 1 GB journal holds
        // millions); two different ids hashing alike is not a chance worth weighing (it was a
        // 64-bit hash, about one in a million for six million events, and a decision lost).
        var rng = SystemRandomNumberGenerator()
        let key = (rng.next(), rng.next()) as (UInt64, UInt64)
        struct Fingerprint: Hashable { var high: UInt64, low: UInt64 }
        func fingerprint(_ id: String) -> Fingerprint {
            var h = SipHash128(key: key)
            h.absorb(Array(id.utf8))
            let d = h.digest
            let word = { (bytes: ArraySlice<UInt8>) in bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
            return Fingerprint(high: word(d[0..<8]), low: word(d[8..<16]))
        }
        var present = Set<Fingerprint>()
        try Journal.stream(fd, limit: nil) { _, result, _ in
            if case let .success(e) = result { present.insert(fingerprint(e.id)) }
        }
        var missing: [UInt8] = []
        var count = 0
        try Journal.stream(old, limit: nil) { _, result, _ in
            if case let .success(e) = result, e.coder == self.coder, !present.contains(fingerprint(e.id)) {
                missing += Array((e.jsonLine + "\n").utf8)
                count += 1
            }
        }
        if !missing.isEmpty { try writeDurably(missing) }
        try load()
        damage = movedAside + damage
        notes.append(
            "\(url.lastPathComponent) was replaced on disk; it was reopened and replayed"
                + (count > 0
                    ? ", and \(count) decision\(count == 1 ? "" : "s") of this session missing from it written to it "
                        + "again."
                    : "."))
    }

    /// Cuts the journal back to its last complete line when what follows is the start of a line
    /// this writer has whole in `old` (the file the journal was before it was replaced): a copy
    /// taken mid-write holds the old file's bytes up to where the copy stopped, so the old
    /// line at the same place is read — one line, not the whole journal.
    private func cutTornCopy(comparedWith old: Int32) throws(JournalError) {
        guard let size = SafeFile.fstatus(fd).map({ Int($0.st_size) }), size > 0 else { return }
        let window = min(size, JournalLimits.maxLineBytes + 1)
        let tail = Journal.read(fd, at: size - window, count: window)
        guard tail.count == window, tail.last != 0x0A else { return }
        let torn = tail.lastIndex(of: 0x0A).map { Array(tail[($0 + 1)...]) } ?? tail
        guard torn.count < window || size == window else { return }
        let start = size - torn.count
        let there = Journal.read(old, at: start, count: JournalLimits.maxLineBytes + 1)
        guard there.starts(with: torn), let end = there.firstIndex(of: 0x0A),
            case let .success(e) = CodingEvent.parse(String(decoding: there[..<end], as: UTF8.self)),
            e.coder == coder
        else { return }
        guard ftruncate(fd, off_t(start)) == 0, fsync(fd) == 0 else {
            throw JournalError("cannot cut the incomplete copy of a line from \(url.path) (\(SafeFile.reason())).")
        }
    }

    /// Up to `count` bytes of the file from `offset` (fewer at its end or on an error).
    private static func read(_ fd: Int32, at offset: Int, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return Array(bytes.prefix(max(0, n)))
    }

    // MARK: writing

    /// Writes a decision and returns it with its sequence number, id and time, once it is on
    /// disk in the file at the journal's path.
    @discardableResult
    public func append(_ proposed: CodingEvent) throws(JournalError) -> CodingEvent {
        guard !readOnly else { throw JournalError("\(coder)'s journal is open read-only; nothing was saved.") }
        return try MergeLock.shared(workspace.journals) { () throws(JournalError) -> CodingEvent in
            _ = try catchUp()
            var event = proposed
            event.time = nextTime()
            let line = try stamp(&event)
            try writeDurably(line)
            try acknowledge(line)
            if state.inOrder(event) { state.apply(event) } else { try load() }
            return event
        }
    }

    /// Writes events from elsewhere (an import) with the times they carry and an "imported
    /// from" note, in one write and one flush; returns them as written.
    @discardableResult
    public func appendImported(_ proposed: [CodingEvent], from source: String) throws(JournalError) -> [CodingEvent] {
        guard !readOnly else { throw JournalError("\(coder)'s journal is open read-only; nothing was saved.") }
        return try MergeLock.shared(workspace.journals) { () throws(JournalError) -> [CodingEvent] in
            try writeImported(proposed, from: source)
        }
    }

    private func writeImported(_ proposed: [CodingEvent], from source: String) throws(JournalError) -> [CodingEvent] {
        _ = try catchUp()
        var bytes: [UInt8] = []
        var written: [CodingEvent] = []
        var sequence = state.lastSequence
        for p in proposed {
            var e = p
            e.imported = source
            if e.time.isEmpty {
                e.time = nextTime()
            } else {
                guard let ms = Journal.milliseconds(e.time) else {
                    throw JournalError("\"\(e.time)\" is not a time in ISO 8601 (UTC); nothing was imported.")
                }
                e.time = Journal.timestamp(milliseconds: ms)
            }
            sequence += 1
            bytes += try stamp(&e, sequence: sequence)
            written.append(e)
        }
        guard !bytes.isEmpty else { return [] }
        try writeDurably(bytes)
        try acknowledge(bytes)
        try load()
        return written
    }

    /// Gives the event its coder, number and id; returns its line, refused when the reader
    /// would not read it back as the same event.
    private func stamp(_ event: inout CodingEvent, sequence: Int? = nil) throws(JournalError) -> [UInt8] {
        let seq = sequence ?? nextSequence
        guard seq <= JournalLimits.maxSequence else {
            throw JournalError(
                "\(coder)'s journal has reached the highest sequence number a journal can hold "
                    + "(\(JournalLimits.maxSequence)); nothing was saved."
            )
        }
        event.coder = coder
        event.sequence = seq
        event.id = "\(session)-\(seq)"
        let line = event.jsonLine
        guard line.utf8.count < JournalLimits.maxLineBytes else {
            throw JournalError(
                "the decision is too long for one journal line (at most \(JournalLimits.maxLineBytes / 1024) KiB, memo "
                    + "included); nothing was saved."
            )
        }
        guard case let .success(back) = CodingEvent.parse(line), back == event else {
            throw JournalError("the decision could not be written so that it reads back the same; nothing was saved.")
        }
        return Array((line + "\n").utf8)
    }

    /// Before a write is acknowledged the file written must still be the one at the path; if
    /// it was replaced meanwhile, reopen (replaying what came in) and write it there again.
    private func acknowledge(_ bytes: [UInt8]) throws(JournalError) {
        var attempts = 0
        while !isCurrent {
            attempts += 1
            guard attempts <= 3 else {
                throw JournalError("\(url.path) keeps being replaced; the decision was not saved.")
            }
            try reopenReplaced()
            try writeDurably(bytes)
        }
    }

    /// One write and an fsync; on failure the file is cut back to where it was.
    private func writeDurably(_ bytes: [UInt8]) throws(JournalError) {
        guard fd >= 0 else { throw JournalError("\(coder)'s journal is not open for writing; nothing was saved.") }
        let size = lseek(fd, 0, SEEK_END)
        guard SafeFile.writeAll(fd, bytes) else {
            let reason = SafeFile.reason()
            _ = ftruncate(fd, size)
            throw JournalError("cannot write to \(url.path) (\(reason)); the decision was not saved.")
        }
        guard fsync(fd) == 0 else {
            let reason = SafeFile.reason()
            _ = ftruncate(fd, size)
            throw JournalError("cannot flush \(url.path) to disk (\(reason)); the decision was not saved.")
        }
        remember()
    }

    private func remember() {
        guard let s = SafeFile.fstatus(fd) else { return }
        knownSize = s.st_size
        knownTime = s.st_mtim
    }

    /// Now, but always after the latest event known (a clock behind another machine's must not
    /// put a new decision before the one it replaces).
    private func nextTime() -> String {
        var ms = Int64((now().timeIntervalSince1970 * 1000).rounded(.down))
        if let last = Journal.milliseconds(state.lastTime), ms <= last { ms = last + 1 }
        return Journal.timestamp(milliseconds: ms)
    }

    // MARK: reading

    /// Every event in the journal, in the order written, streamed (read-only use: logs).
    public func forEachEvent(_ body: (CodingEvent) -> Void) throws(JournalError) {
        guard fd >= 0 else { return }
        try Journal.stream(fd, limit: nil) { _, result, _ in
            if case let .success(e) = result, e.coder == self.coder { body(e) }
        }
    }

    /// All events in the order written (small journals, tests).
    public var events: [CodingEvent] {
        var all: [CodingEvent] = []
        try? forEachEvent { all.append($0) }
        return all
    }

    /// What a replay of the file found: the state, its reports, and the last place where every
    /// line before it was read whole (a checkpoint may end there).
    private struct Replay {
        var state = CodingState()
        var skipped: [JournalDamage] = []
        var duplicates: [JournalDamage] = []
        var disordered = Set<String>()
        var pending: [(line: Int, offset: Int, message: String)] = []
        var length = 0
        var clean = (offset: 0, line: 0)
        var cleanHash: SipHash128?
    }

    /// Replays the file, from a checkpoint of its first bytes when one provably matches them
    /// (`JournalCheckpoints`), else from the first line: both give the same state and reports.
    /// A damaged tail is moved aside (when writing); a new checkpoint is left for next time when
    /// enough was replayed.
    private func load() throws(JournalError) {
        guard fd >= 0 else { state = CodingState(); damage = []; replayedFrom = 0; return }
        let before = SafeFile.fstatus(fd)
        var replay: (Replay, JournalDigest?)?
        if let (cp, continuing) = checkpoints.restore(for: url, coder: coder, fd: fd),
            let r = try replayAfter(cp, digest: continuing)
        {
            replay = (r, continuing)
        }
        if replay == nil {
            // Without a cache folder nothing is hashed: no checkpoint will be written.
            let digest = checkpoints.folder == nil ? nil : JournalDigest.fresh()
            replay = (try replayAll(digest: digest), digest)
        }
        guard let (r, digest) = replay else { return }
        var found = r.skipped + r.duplicates
        let after = SafeFile.fstatus(fd)
        if let first = r.pending.first {
            let moved = readOnly ? nil : try moveAside(from: first.offset, to: r.length)
            for p in r.pending {
                found.append(
                    JournalDamage(
                        line: p.line, message: p.message + (readOnly ? " (read-only: left in place)" : ""),
                        movedTo: moved))
            }
        }
        state = r.state
        damage = found
        remember()
        // A checkpoint only of a file nobody changed while it was read (so the state is the
        // replay of exactly the bytes hashed), and only when it saves real work next time.
        guard let digest, let hash = r.cleanHash, r.clean.offset - replayedFrom >= max(1, checkpoints.minimumBytes),
            let before, let after, JournalCheckpoints.unchanged(before, after),
            let there = SafeFile.fstatus(fd)
        else { return }
        checkpoints.save(
            JournalCheckpoint(
                program: JournalCheckpoint.thisProgram ?? "", journal: url.path, coder: coder,
                device: UInt64(there.st_dev), inode: UInt64(there.st_ino),
                covered: r.clean.offset, lines: r.clean.line, key: digest.key, digest: hash.digest, state: r.state,
                disordered: r.disordered, skipped: r.skipped, duplicates: r.duplicates),
            for: url)
    }

    /// Where the last replay began: 0 when it read the whole journal, else the end of the
    /// checkpoint it started from.
    public private(set) var replayedFrom = 0

    /// The whole file: in one streaming pass every event that sorts after what its excerpt has
    /// is applied in place; excerpts that get an event out of order (a merge) are replayed
    /// again from a second pass over just their events, sorted and each id once.
    private func replayAll(digest: JournalDigest?) throws(JournalError) -> Replay {
        var r = Replay()
        replayedFrom = 0
        try pass(&r, from: 0, line: 0, digest: digest) { _ in false }
        if !r.disordered.isEmpty {
            var groups: [String: [(CodingEvent, Int)]] = [:]
            try Journal.stream(fd, limit: r.length) { line, result, _ in
                if case let .success(e)? = result, e.coder == self.coder, r.disordered.contains(e.excerpt) {
                    groups[e.excerpt, default: []].append((e, line))
                }
            }
            for (excerpt, events) in groups.sorted(by: { $0.key < $1.key }) {
                r.state.reset(excerpt)
                var seen: [String: CodingEvent] = [:]
                for (e, line) in events.sorted(by: { ($0.0.replayKey, $0.1) < ($1.0.replayKey, $1.1) }) {
                    if let earlier = seen[e.id] {
                        if earlier != e {
                            r.duplicates.append(
                                JournalDamage(
                                    line: line, message: "a second, different event with id \(e.id); the first is kept",
                                    movedTo: nil))
                        }
                        continue
                    }
                    seen[e.id] = e
                    r.state.apply(e)
                }
            }
        }
        return r
    }

    /// What follows a checkpoint, replayed onto its state; nil when an event there is out of
    /// order for its excerpt (or for one the checkpoint replayed apart): then only a full
    /// replay gives the full replay's result, and it is done instead.
    private func replayAfter(_ cp: JournalCheckpoint, digest: JournalDigest) throws(JournalError) -> Replay? {
        var r = Replay()
        r.state = cp.state
        r.skipped = cp.skipped
        r.duplicates = cp.duplicates
        r.disordered = cp.disordered
        r.clean = (cp.covered, cp.lines)
        r.cleanHash = digest.hash
        r.length = cp.covered
        replayedFrom = cp.covered
        var outOfOrder = false
        try pass(&r, from: cp.covered, line: cp.lines, digest: digest) { _ in
            outOfOrder = true; return true
        }
        return outOfOrder ? nil : r
    }

    /// The pass in file order from `offset` (line numbers on from `line`). An event out of
    /// order for its excerpt is handed to `disorder`, which says whether to ignore it (true)
    /// or to keep it for the sorted replay of its excerpt (false).
    private func pass(
        _ r: inout Replay, from offset: Int, line first: Int, digest: JournalDigest?,
        disorder: (CodingEvent) -> Bool
    ) throws(JournalError) {
        try Journal.stream(fd, limit: nil, from: offset, firstLine: first, digest: digest) { line, result, offsets in
            r.length = offsets.end
            switch result {
            case .none: break
            case let .failure(error)?: r.pending.append((line, offsets.start, error.message))
            case let .success(e)?:
                for p in r.pending {
                    r.skipped.append(
                        JournalDamage(
                            line: p.line, message: "\(p.message); skipped, the events after it are kept", movedTo: nil))
                }
                r.pending = []
                if e.coder != self.coder {
                    r.skipped.append(
                        JournalDamage(
                            line: line, message: "an event of coder \"\(e.coder)\" in \(self.coder)'s journal; skipped",
                            movedTo: nil))
                } else if r.state.inOrder(e) && !r.disordered.contains(e.excerpt) {
                    r.state.apply(e)
                } else if !disorder(e) {
                    r.disordered.insert(e.excerpt)
                }
            }
            if r.pending.isEmpty {
                r.clean = (offsets.end, line)
                r.cleanHash = digest?.hash
            }
        }
    }

    /// Copies the bytes from `offset` to a new `.damaged-<time>` file beside the journal
    /// (durably), then cuts the journal back to `offset`. If the copy fails nothing is left
    /// behind and the journal is not cut.
    private func moveAside(from offset: Int, to end: Int) throws(JournalError) -> String {
        let stamp = Journal.timestamp(milliseconds: Int64((now().timeIntervalSince1970 * 1000).rounded(.down)))
            .replacingOccurrences(of: ":", with: "")
        let dir = url.deletingLastPathComponent()
        var target = dir.appendingPathComponent("\(coder).jsonl.damaged-\(stamp)")
        var out = SafeFile.create(target.path)
        var n = 1
        while out < 0 && errno == EEXIST && n < 100 {
            n += 1
            target = dir.appendingPathComponent("\(coder).jsonl.damaged-\(stamp)-\(n)")
            out = SafeFile.create(target.path)
        }
        let fail = { (reason: String) -> JournalError in
            JournalError(
                "the damaged end of \(self.url.path) could not be moved aside (\(reason)); nothing was changed — free "
                    + "some space or fix the folder and try again."
            )
        }
        guard out >= 0 else { throw fail(SafeFile.reason()) }
        var position = offset
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var ok = true
        while ok && position < end {
            let r = pread(fd, &buffer, min(buffer.count, end - position), off_t(position))
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { ok = false; break }
            ok = SafeFile.writeAll(out, Array(buffer[0..<r]))
            position += r
        }
        ok = ok && fsync(out) == 0
        let reason = SafeFile.reason()
        close(out)
        guard ok else {
            unlink(target.path)
            throw fail(reason)
        }
        SafeFile.syncDirectory(dir.path)
        guard ftruncate(fd, off_t(offset)) == 0, fsync(fd) == 0 else { throw fail(SafeFile.reason()) }
        return target.lastPathComponent
    }

    // MARK: the line reader

    /// Reads a journal from the start (or up to `limit` bytes) in blocks, calling `body` for
    /// each line with its number, the event or why it is not one (nil for a blank line), and
    /// where it starts and ends. Memory is one block and one line (at most the line limit).
    static func stream(
        _ fd: Int32, limit: Int?, from start: Int = 0, firstLine: Int = 0, digest: JournalDigest? = nil,
        _ body: (Int, Result<CodingEvent, EventParseError>?, (start: Int, end: Int)) -> Void
    ) throws(JournalError) {
        let block = 1 << 20
        var buffer = [UInt8](repeating: 0, count: block)
        var carry: [UInt8] = []
        var carryStart = 0
        var overlong = false
        var offset = start
        var number = firstLine
        func emit(_ bytes: UnsafeBufferPointer<UInt8>?, start: Int, end: Int, complete: Bool) {
            number += 1
            guard let bytes else {
                body(
                    number, .failure(EventParseError(message: "longer than \(JournalLimits.maxLineBytes / 1024) KiB")),
                    (start, end))
                return
            }
            if complete && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) {
                body(number, nil, (start, end)); return
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                body(number, .failure(EventParseError(message: "not valid UTF-8")), (start, end))
                return
            }
            if !complete {
                body(
                    number, .failure(EventParseError(message: "incomplete last line (the write was cut off)")),
                    (start, end))
                return
            }
            body(number, CodingEvent.parse(text), (start, end))
        }
        while true {
            let want = limit.map { min(block, $0 - offset) } ?? block
            if want <= 0 { break }
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError("cannot read the journal (\(SafeFile.reason())).")
            }
            if n == 0 { break }
            buffer.withUnsafeBufferPointer { p in
                let base = p.baseAddress!
                var i = 0
                while i < n {
                    if let hit = memchr(base + i, 0x0A, n - i) {
                        let j = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                        // Hashed up to the line's end before it is handed on: at each line the
                        // digest is of exactly the bytes read so far.
                        digest?.absorb(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[i...j])))
                        if carry.isEmpty && !overlong {
                            emit(
                                UnsafeBufferPointer(rebasing: p[i..<j]), start: offset + i, end: offset + j + 1,
                                complete: true)
                        } else {
                            if !overlong && carry.count + (j - i) <= JournalLimits.maxLineBytes {
                                carry += p[i..<j]
                            } else {
                                overlong = true
                            }
                            if overlong {
                                emit(nil, start: carryStart, end: offset + j + 1, complete: true)
                            } else {
                                carry.withUnsafeBufferPointer {
                                    emit($0, start: carryStart, end: offset + j + 1, complete: true)
                                }
                            }
                            carry = []
                            overlong = false
                        }
                        i = j + 1
                    } else {
                        digest?.absorb(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: p[i..<n])))
                        if carry.isEmpty && !overlong { carryStart = offset + i }
                        if !overlong && carry.count + (n - i) <= JournalLimits.maxLineBytes {
                            carry += p[i..<n]
                        } else {
                            overlong = true; carry = []
                        }
                        i = n
                    }
                }
            }
            offset += n
        }
        if overlong {
            emit(nil, start: carryStart, end: offset, complete: false)
        } else if !carry.isEmpty {
            carry.withUnsafeBufferPointer { emit($0, start: carryStart, end: offset, complete: false) }
        }
    }

    // MARK: time

    /// ISO 8601 UTC with milliseconds, fixed width (so times compare as text).
    static func timestamp(_ date: Date) -> String {
        timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    static func timestamp(milliseconds ms: Int64) -> String {
        var seconds = time_t(ms >= 0 ? ms / 1000 : (ms - 999) / 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        let millis = Int((ms % 1000 + 1000) % 1000)
        func pad(_ v: Int32, _ width: Int) -> String {
            let s = String(v); return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let date = "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2))"
        return date + "T\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    /// Milliseconds since 1970 of `YYYY-MM-DDTHH:MM:SS[.fff]Z`; nil for anything else.
    static func milliseconds(_ s: String) -> Int64? {
        let b = Array(s.utf8)
        guard b.count >= 20, b.last == 0x5A, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A
        else { return nil }
        func num(_ r: Range<Int>) -> Int32? {
            var v: Int32 = 0
            for i in r { guard (0x30...0x39).contains(b[i]) else { return nil }; v = v * 10 + Int32(b[i] - 0x30) }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13), let mi = num(14..<16),
            let se = num(17..<19)
        else { return nil }
        var ms: Int64 = 0
        if b.count > 20 {
            guard b[19] == 0x2E, b.count - 21 >= 1, b.count - 21 <= 9, let f = num(20..<(b.count - 1)) else {
                return nil
            }
            ms = Int64(f)
            for _ in 0..<(3 - min(3, b.count - 21)) { ms *= 10 }
            for _ in 0..<max(0, b.count - 21 - 3) { ms /= 10 }
        } else if b.count != 20 {
            return nil
        }
        var t = tm()
        t.tm_year = y - 1900; t.tm_mon = mo - 1; t.tm_mday = d; t.tm_hour = h; t.tm_min = mi; t.tm_sec = se
        return Int64(timegm(&t)) * 1000 + ms
    }
}
