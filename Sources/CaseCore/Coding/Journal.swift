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
/// Durable before acknowledged: `append` returns only after the line is written and `fsync`ed.
/// One writer at a time: opening for writing takes an exclusive `flock` on a lock file beside the
/// journal; a second writer gets a clear sentence and may open read-only. Damage never stops a
/// load: every complete event is kept, bad lines are reported, and a damaged tail (a torn last
/// line after a power cut or a kill) is moved to a `.damaged-…` file beside the journal.
public final class Journal {
    public let coder: String
    public let url: URL
    public let readOnly: Bool
    public private(set) var events: [CodingEvent] = []
    public private(set) var state = CodingState()
    public private(set) var damage: [JournalDamage] = []
    private var fd: Int32 = -1
    private var lockFD: Int32 = -1
    private let now: () -> Date

    public enum Mode: Sendable { case write, readOnly }

    public init(workspace: Workspace, coder: String, mode: Mode = .write, now: @escaping () -> Date = Date.init) throws(JournalError) {
        self.coder = coder
        self.url = workspace.journal(of: coder)
        self.readOnly = mode == .readOnly
        self.now = now
        if mode == .write {
            try Journal.createDirectory(workspace.journals)
            try takeLock(workspace.lock(of: coder))
            fd = open(url.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw JournalError("cannot open \(url.path) for writing (\(String(cString: strerror(errno)))).") }
            try Journal.syncDirectory(workspace.journals)
        }
        try load()
    }

    deinit {
        if fd >= 0 { close(fd) }
        if lockFD >= 0 { close(lockFD) }
    }

    public var nextSequence: Int { state.lastSequence + 1 }

    // MARK: writing

    /// Writes a decision and returns it with its sequence number and time, once it is on disk.
    @discardableResult
    public func append(_ proposed: CodingEvent) throws(JournalError) -> CodingEvent {
        guard !readOnly, fd >= 0 else { throw JournalError("\(coder)'s journal is open read-only; nothing was saved.") }
        var event = proposed
        event.coder = coder
        event.sequence = nextSequence
        event.time = Journal.timestamp(now())
        let bytes = Array((event.jsonLine + "\n").utf8)
        let size = lseek(fd, 0, SEEK_END)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                _ = ftruncate(fd, size)
                throw JournalError("cannot write to \(url.path) (\(reason)); the decision was not saved.")
            }
            written += n
        }
        guard fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = ftruncate(fd, size)
            throw JournalError("cannot flush \(url.path) to disk (\(reason)); the decision was not saved.")
        }
        events.append(event)
        state.apply(event)
        return event
    }

    // MARK: loading

    private func load() throws(JournalError) {
        let data: [UInt8]
        if FileManager.default.fileExists(atPath: url.path) {
            do { data = Array(try Data(contentsOf: url)) } catch { throw JournalError("cannot read \(url.path) (\(error.localizedDescription)).") }
        } else {
            data = []
        }
        // Split into lines, remembering where each ends (to cut a damaged tail off exactly).
        var lines: [(text: [UInt8], end: Int, complete: Bool)] = []
        var start = 0
        for (i, b) in data.enumerated() where b == 0x0A {
            lines.append((Array(data[start..<i]), i + 1, true))
            start = i + 1
        }
        if start < data.count { lines.append((Array(data[start...]), data.count, false)) }

        var parsed: [(line: Int, result: Result<CodingEvent, EventParseError>)] = []
        for (n, line) in lines.enumerated() {
            if line.text.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) && line.complete { continue }
            guard let text = String(validating: line.text, as: UTF8.self) else {
                parsed.append((n + 1, .failure(EventParseError(message: "not valid UTF-8"))))
                continue
            }
            if !line.complete {
                parsed.append((n + 1, .failure(EventParseError(message: "incomplete last line (the write was cut off)"))))
                continue
            }
            parsed.append((n + 1, CodingEvent.parse(text)))
        }
        // The damaged tail: the bad lines after the last good one.
        var tailStart = parsed.count
        while tailStart > 0, case .failure = parsed[tailStart - 1].result { tailStart -= 1 }
        var seen = Set<Int>()
        for (i, p) in parsed.enumerated() {
            switch p.result {
            case let .success(event):
                if event.coder != coder {
                    damage.append(JournalDamage(line: p.line, message: "an event of coder \"\(event.coder)\" in \(coder)'s journal; skipped", movedTo: nil))
                    continue
                }
                if !seen.insert(event.sequence).inserted || event.sequence <= state.lastSequence {
                    damage.append(JournalDamage(line: p.line, message: "sequence number \(event.sequence) out of order; kept", movedTo: nil))
                }
                events.append(event)
                state.apply(event)
            case let .failure(error):
                if i < tailStart {
                    damage.append(JournalDamage(line: p.line, message: "\(error.message); skipped, the events after it are kept", movedTo: nil))
                }
            }
        }
        if tailStart < parsed.count {
            let firstBad = parsed[tailStart].line
            let cut = firstBad >= 2 ? lines[firstBad - 2].end : 0
            let moved = readOnly ? nil : try moveAside(data, from: cut)
            for p in parsed[tailStart...] {
                if case let .failure(error) = p.result {
                    damage.append(JournalDamage(line: p.line, message: error.message + (readOnly ? " (read-only: left in place)" : ""), movedTo: moved))
                }
            }
        }
    }

    /// Copies the bytes from `offset` to a `.damaged-<time>` file beside the journal (durably),
    /// then cuts the journal back to `offset`.
    private func moveAside(_ data: [UInt8], from offset: Int) throws(JournalError) -> String {
        let stamp = Journal.timestamp(now()).replacingOccurrences(of: ":", with: "")
        var target = url.deletingLastPathComponent().appendingPathComponent("\(coder).jsonl.damaged-\(stamp)")
        var n = 1
        while FileManager.default.fileExists(atPath: target.path) { n += 1; target = url.deletingLastPathComponent().appendingPathComponent("\(coder).jsonl.damaged-\(stamp)-\(n)") }
        let out = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard out >= 0 else { throw JournalError("cannot move the damaged end of \(url.path) aside (\(String(cString: strerror(errno)))).") }
        defer { close(out) }
        let tail = Array(data[offset...])
        let ok = tail.withUnsafeBytes { write(out, $0.baseAddress, $0.count) } == tail.count && fsync(out) == 0
        guard ok, ftruncate(fd, off_t(offset)) == 0, fsync(fd) == 0 else {
            throw JournalError("cannot move the damaged end of \(url.path) aside (\(String(cString: strerror(errno)))).")
        }
        return target.lastPathComponent
    }

    private func takeLock(_ lockURL: URL) throws(JournalError) {
        lockFD = open(lockURL.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else { throw JournalError("cannot create the lock \(lockURL.path) (\(String(cString: strerror(errno)))).") }
        if flock(lockFD, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(lockFD, &buffer, 31, 0)
            let pid = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            close(lockFD)
            lockFD = -1
            throw JournalError("\(coder)'s journal is being written by another process (pid \(pid)); only one may write at a time — open it read-only instead.")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(lockFD, 0)
        _ = pid.withUnsafeBytes { pwrite(lockFD, $0.baseAddress, $0.count, 0) }
    }

    static func createDirectory(_ dir: URL) throws(JournalError) {
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw JournalError("cannot create the workspace folder \(dir.path) (\(error.localizedDescription)).")
        }
    }

    /// Makes a new file's directory entry durable too.
    static func syncDirectory(_ dir: URL) throws(JournalError) {
        let d = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard d >= 0 else { return }
        defer { close(d) }
        _ = fsync(d)
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
