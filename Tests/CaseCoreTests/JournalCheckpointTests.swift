import Foundation
import Testing
@testable import CaseCore
#if canImport(Glibc)
    import Glibc
#endif

/// Journal checkpoints (a cache of a journal's replay in the user's cache folder) on the real
/// file system: a replay that starts from one is the same as a full replay, whatever happened
/// to the journal or to the checkpoint file since.
@Suite struct JournalCheckpointTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("journal-checkpoint-\(UUID().uuidString)")
    var ws: Workspace { Workspace(root: root.appendingPathComponent("workspace")) }
    var cache: URL { root.appendingPathComponent("cache/case-explorer/journals") }
    /// Every replay leaves a checkpoint, however short (the default waits for 1 MiB).
    var eager: JournalCheckpoints { JournalCheckpoints(folder: cache, minimumBytes: 0) }
    var journalURL: URL { ws.journal(of: "anna") }

    // MARK: helpers

    func place(_ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(at: ws.journals, withIntermediateDirectories: true)
        try Data(bytes).write(to: journalURL)
    }

    func appendRaw(_ bytes: [UInt8]) throws {
        let h = try FileHandle(forWritingTo: journalURL)
        try h.seekToEnd()
        try h.write(contentsOf: Data(bytes))
        try h.close()
    }

    func open(_ mode: Journal.Mode = .readOnly, _ checkpoints: JournalCheckpoints? = nil) throws -> Journal {
        try Journal(workspace: ws, coder: "anna", mode: mode, checkpoints: checkpoints ?? eager)
    }

    /// Everything a replay gives: the state's every member (encoded in a fixed order) and the
    /// reports (whether a tail was moved aside, not the time in the name it was moved to).
    func outcome(_ j: Journal) -> [UInt8] {
        var w = IndexWriter()
        JournalCheckpoint.encode(j.state, &w)
        for d in j.damage { w.string("line \(d.line): \(d.message) moved: \(d.movedTo != nil)") }
        return w.bytes
    }

    func fullReplay(_ mode: Journal.Mode = .readOnly) throws -> [UInt8] { outcome(try open(mode, .disabled)) }

    func checkpointFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter {
            $0.hasSuffix(".checkpoint")
        }
    }

    func line(_ seq: Int, _ code: String, excerpt: String = "ex-1", time: Int? = nil, id: String? = nil) -> [UInt8] {
        var e = CodingEvent(
            sequence: seq, time: Journal.timestamp(milliseconds: Int64(time ?? seq) * 1000), coder: "anna",
            excerpt: excerpt, action: .apply, code: code)
        e.id = id ?? "sess0001-\(seq)"
        return Array((e.jsonLine + "\n").utf8)
    }

    func lines(_ range: ClosedRange<Int>) -> [UInt8] {
        range.flatMap { line($0, "kode-\($0 % 7)", excerpt: "ex-\($0 % 5)") }
    }

    // MARK: the encoding covers every member

    @Test func theComparisonCoversEveryMemberOfTheState() {
        // A member added to the state must be added to the checkpoint (and so to this comparison).
        #expect(Mirror(reflecting: ExcerptCoding()).children.count == 15)
        #expect(Mirror(reflecting: CodingState()).children.count == 5)
    }

    @Test func sipHashMatchesTheReferenceAndStreamsInAnyPieces() {
        // The reference implementation's 128-bit vectors (key 00 01 … 0f; messages 00 … len-1).
        let key = (UInt64(0x0706_0504_0302_0100), UInt64(0x0f0e_0d0c_0b0a_0908))
        let vectors: [[UInt8]] = [
            [0xa3, 0x81, 0x7f, 0x04, 0xba, 0x25, 0xa8, 0xe6, 0x6d, 0xf6, 0x72, 0x14, 0xc7, 0x55, 0x02, 0x93],
            [0xda, 0x87, 0xc1, 0xd8, 0x6b, 0x99, 0xaf, 0x44, 0x34, 0x76, 0x59, 0x11, 0x9b, 0x22, 0xfc, 0x45],
            [0x81, 0x77, 0x22, 0x8d, 0xa4, 0xa4, 0x5d, 0xc7, 0xfc, 0xa3, 0x8b, 0xde, 0xf6, 0x0a, 0xff, 0xe4]
        ]
        for (n, expected) in vectors.enumerated() {
            var h = SipHash128(key: key)
            h.absorb((0..<n).map { UInt8($0) })
            #expect(h.digest == expected, "vector \(n)")
        }
        var rng = SeededGenerator(seed: 7)
        let bytes = (0..<1000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var whole = SipHash128(key: key)
        whole.absorb(bytes)
        for _ in 0..<50 {
            var pieces = SipHash128(key: key)
            var i = 0
            while i < bytes.count {
                let n = min(bytes.count - i, Int(rng.next() % 20))
                pieces.absorb(Array(bytes[i..<(i + n)]))
                i += n
            }
            #expect(pieces.digest == whole.digest)
        }
        var other = SipHash128(key: (key.0 ^ 1, key.1))
        other.absorb(bytes)
        #expect(other.digest != whole.digest, "another key, another hash")
    }

    // MARK: the property: with a checkpoint, the same as a full replay

    /// Random journals — events in and out of time order, the same id twice (same and different
    /// event), other coders' lines, bad lines, blank lines, memos, sets, resolutions, a torn end —
    /// cut at a random byte where a checkpoint is made, the rest written after it.
    @Test func aReplayFromACheckpointIsTheFullReplayForRandomJournalsAndCutPoints() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        var rng = SeededGenerator(seed: 2026)
        var usedCheckpoint = 0
        var fellBack = 0
        for round in 0..<120 {
            // Half the journals only go forward in time (as one machine writes them), half are
            // merged histories with events out of order.
            let bytes = randomJournal(&rng, events: 5 + Int(rng.next() % 60), backwards: round % 2 == 0 ? 0 : 2)
            let cut = Int(rng.next() % UInt64(bytes.count + 1))
            try? FileManager.default.removeItem(at: root)
            try place(Array(bytes[0..<cut]))
            _ = try open() // leaves a checkpoint of what there is
            try appendRaw(Array(bytes[cut...]))
            let expected = try fullReplay()
            let resumed = try open()
            #expect(outcome(resumed) == expected, "round \(round), cut at \(cut) of \(bytes.count)")
            if resumed.replayedFrom > 0 { usedCheckpoint += 1 } else { fellBack += 1 }
            // And a writer (which moves a damaged tail aside) agrees with a full replay by a writer.
            if round % 4 == 0 {
                let copy = root.appendingPathComponent("copy.jsonl")
                try FileManager.default.copyItem(at: journalURL, to: copy)
                let writer = try outcome(open(.write))
                try? FileManager.default.removeItem(at: journalURL)
                try FileManager.default.moveItem(at: copy, to: journalURL)
                #expect(
                    writer == (try fullReplay(.write)),
                    "round \(round): a writer from a checkpoint and a writer from the start")
            }
        }
        #expect(usedCheckpoint > 50, "most rounds resumed from the checkpoint (\(usedCheckpoint), \(fellBack) not)")
    }

    func randomJournal(_ rng: inout SeededGenerator, events: Int, backwards: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var t = 1000
        for i in 1...events {
            let r = rng.next() % 100
            switch r {
            case 0..<3: out += Array("{\"seq\": oops\n".utf8)
            case 3..<5: out += Array("\n".utf8)
            case 5..<8:
                out += Array(
                    (CodingEvent(
                        sequence: i, time: Journal.timestamp(milliseconds: Int64(t)), coder: "bo", excerpt: "ex-1",
                        action: .apply, code: "x"
                    ).jsonLine + "\n").utf8)
            default:
                // Mostly forward in time; sometimes back (a merge), sometimes a tie.
                t += Int(rng.next() % 10 < backwards ? -Int(rng.next() % 3000) : Int(rng.next() % 2000))
                let excerpt = "ex-\(rng.next() % 6)"
                let code = "kode-\(rng.next() % 5)"
                var e: CodingEvent
                switch rng.next() % 6 {
                case 0: e = CodingEvent(coder: "anna", excerpt: excerpt, action: .remove, code: code)
                case 1: e = CodingEvent(coder: "anna", excerpt: excerpt, action: .set, codes: [code, "kode-9"])
                case 2: e = CodingEvent(coder: "anna", excerpt: excerpt, action: .status, status: .disputed)
                case 3:
                    e = CodingEvent(
                        coder: "anna", excerpt: excerpt, action: .memo, code: rng.next() % 2 == 0 ? code : nil,
                        memo: rng.next() % 3 == 0 ? "" : "notat æøå \(i)")
                case 4:
                    e = CodingEvent(coder: "anna", excerpt: excerpt, action: .set, codes: [code])
                    e.resolution = CodingEvent.Resolution(
                        by: "anna", choice: "a",
                        sources: [.init(coder: "bo", sequence: i, id: "bo-\(i)", codes: [code])],
                        after: rng.next() % 2 == 0 ? "s-\(rng.next() % 4)" : nil)
                default: e = CodingEvent(coder: "anna", excerpt: excerpt, action: .apply, code: code)
                }
                e.sequence = i
                e.time = Journal.timestamp(milliseconds: Int64(max(0, t)))
                // Now and then an id used before: the same event again, or a different one.
                e.id = rng.next() % 12 == 0 ? "s-\(rng.next() % 4)" : "s-\(i)"
                out += Array((e.jsonLine + "\n").utf8)
            }
        }
        if rng.next() % 4 == 0 { out += Array("{\"seq\":999,\"id\":\"torn".utf8) }
        return out
    }

    // MARK: what happens to the journal

    @Test func aJournalAppendedByAnotherProcessIsReplayedFromTheCheckpoint() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(lines(1...200))
        _ = try open(.write)
        #expect(checkpointFiles().count == 1)
        // Another process appends two decisions (as a sync tool or a second program would).
        let more = line(201, "ny") + line(202, "ny2", excerpt: "ex-3")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "cat >> \"$1\"", "sh", journalURL.path]
        let pipe = Pipe()
        shell.standardInput = pipe
        try shell.run()
        try pipe.fileHandleForWriting.write(contentsOf: Data(more))
        try pipe.fileHandleForWriting.close()
        shell.waitUntilExit()
        let writer = try open(.write)
        let size = try Data(contentsOf: journalURL).count
        #expect(writer.replayedFrom > 0 && writer.replayedFrom < size)
        #expect(outcome(writer) == (try fullReplay()))
        #expect(writer.state["ex-1"].codes.contains("ny"))
        let saved = try writer.append(CodingEvent(coder: "anna", excerpt: "ex-2", action: .apply, code: "z"))
        #expect(saved.sequence == 203, "numbered on from the last event, the appended ones included")
    }

    @Test func aJournalReplacedByACopyWithOtherContentIsReplayedInFull() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(lines(1...100))
        _ = try open()
        // The same length, other decisions, a new file renamed over it (git, a sync tool).
        let other = lines(1...100).map { $0 == UInt8(ascii: "4") ? UInt8(ascii: "3") : $0 }
        let copy = ws.journals.appendingPathComponent(".incoming")
        try Data(other).write(to: copy)
        #expect(rename(copy.path, journalURL.path) == 0)
        let j = try open()
        #expect(j.replayedFrom == 0)
        #expect(outcome(j) == (try fullReplay()))
        // The same bytes in a new file (new inode) are replayed in full too: only this file counts.
        _ = try open()
        try Data(other).write(to: copy)
        #expect(rename(copy.path, journalURL.path) == 0)
        #expect(try open().replayedFrom == 0)
    }

    @Test func aTruncatedJournalIsReplayedInFull() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let bytes = lines(1...100)
        try place(bytes)
        _ = try open()
        #expect(truncate(journalURL.path, off_t(bytes.count / 2)) == 0)
        let j = try open()
        #expect(j.replayedFrom == 0)
        #expect(outcome(j) == (try fullReplay()))
        // Cut, then grown back past the checkpoint's length with other decisions.
        _ = try open()
        let covered = try Data(contentsOf: journalURL).count
        let h = try FileHandle(forWritingTo: journalURL)
        try h.truncate(atOffset: UInt64(covered - 200))
        try h.seekToEnd()
        try h.write(contentsOf: Data(lines(300...310)))
        try h.close()
        let regrown = try open()
        #expect(regrown.replayedFrom == 0)
        #expect(outcome(regrown) == (try fullReplay()))
    }

    @Test func aJournalEditedInPlaceWithTheSameSizeAndTimeIsReplayedInFull() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(lines(1...100))
        _ = try open()
        var s = stat()
        #expect(stat(journalURL.path, &s) == 0)
        // One digit of an excerpt id changed in place (same inode, same size), and the
        // modification time put back as `rsync --inplace -t` or a careful editor would.
        let fd = Glibc.open(journalURL.path, O_RDWR)
        let text = try Data(contentsOf: journalURL)
        let at = text.range(of: Data("\"excerpt\":\"ex-1\"".utf8))!.upperBound - 2
        var nine = UInt8(ascii: "9")
        #expect(pwrite(fd, &nine, 1, off_t(at)) == 1)
        close(fd)
        var times = [s.st_atim, s.st_mtim]
        #expect(utimensat(AT_FDCWD, journalURL.path, &times, 0) == 0)
        let j = try open()
        #expect(j.replayedFrom == 0)
        #expect(outcome(j) == (try fullReplay()))
        #expect(j.state["ex-9"].touched, "the edited line is what counts")
    }

    @Test func aTornEndIsNeverCoveredAndTheCompletedLineIsReplayed() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let whole = lines(1...50)
        let last = line(51, "siste")
        try place(whole + Array(last[0..<20]))
        let reader = try open()
        #expect(reader.damage.count == 1, "the torn line reported (left in place: read-only)")
        // The write completes: the checkpoint ends before the torn line, which is replayed whole.
        try appendRaw(Array(last[20...]))
        let j = try open()
        #expect(j.replayedFrom == whole.count)
        #expect(j.damage.isEmpty)
        #expect(outcome(j) == (try fullReplay()))
        // A writer moves a torn end aside and its checkpoint stays good for what is left.
        try appendRaw(Array(line(52, "x")[0..<30]))
        let writer = try open(.write)
        #expect(writer.damage.first?.movedTo != nil)
        #expect(try Data(contentsOf: journalURL).count == whole.count + last.count)
        #expect(try open().replayedFrom == whole.count + last.count)
    }

    // MARK: what happens to the checkpoint

    @Test func aCorruptTruncatedOrForeignCheckpointIsIgnoredAndReplaced() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(lines(1...100))
        _ = try open()
        let name = try #require(checkpointFiles().first)
        let file = cache.appendingPathComponent(name)
        let good = try Data(contentsOf: file)
        let expected = try fullReplay()
        var corruptions: [Data] = [Data(), Data("not a checkpoint".utf8), good.prefix(good.count / 2), good + Data([0])]
        for k in stride(from: 0, to: good.count, by: max(1, good.count / 40)) {
            var flipped = good
            flipped[k] ^= 0x10
            corruptions.append(flipped)
        }
        // Another journal's checkpoint (another coder's, whole and valid) under this name.
        let bo = Workspace(root: root.appendingPathComponent("other"))
        try FileManager.default.createDirectory(at: bo.journals, withIntermediateDirectories: true)
        try Data(lines(1...100)).write(to: bo.journal(of: "anna"))
        _ = try Journal(workspace: bo, coder: "anna", mode: .readOnly, checkpoints: eager)
        let foreignName = try #require(checkpointFiles().first { $0 != name })
        corruptions.append(try Data(contentsOf: cache.appendingPathComponent(foreignName)))
        // A whole, well-formed checkpoint of this very journal made by another build of the
        // program (which may read a line differently) is not used.
        var otherBuild = try #require(JournalCheckpoint.decode(Array(good)))
        #expect(otherBuild.program == JournalCheckpoint.thisProgram)
        otherBuild.program += "-older"
        corruptions.append(Data(otherBuild.encoded()))
        // A checkpoint others may write is not trusted, however good.
        try good.write(to: file)
        #expect(chmod(file.path, 0o622) == 0)
        #expect(try open().replayedFrom == 0, "a checkpoint others may write is not used")
        for (k, bad) in corruptions.enumerated() {
            try bad.write(to: file)
            let j = try open()
            #expect(j.replayedFrom == 0, "corruption \(k) not used")
            #expect(outcome(j) == expected, "corruption \(k)")
            #expect(try Data(contentsOf: file) != bad, "corruption \(k) replaced")
            #expect(try open().replayedFrom > 0, "the replacement is used")
        }
    }

    @Test func aCheckpointPathThatIsASymbolicLinkIsNeverFollowed() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(lines(1...100))
        _ = try open()
        let name = try #require(checkpointFiles().first)
        let file = cache.appendingPathComponent(name)
        let target = root.appendingPathComponent("precious.txt")
        try Data("keep me".utf8).write(to: target)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: target)
        let j = try open()
        #expect(j.replayedFrom == 0, "a link is not read")
        #expect(outcome(j) == (try fullReplay()))
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep me", "nothing written through it")
        #expect(SafeFile.lstatus(file.path).map { ($0.st_mode & S_IFMT) == S_IFREG } == true, "replaced by a file")
        // A cache folder that is a link leads nowhere: nothing is written there.
        try FileManager.default.removeItem(at: cache)
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: cache, withDestinationURL: elsewhere)
        _ = try open()
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func checkpointsStayInTheCacheFolderAndAKilledWritersLeftoverIsRemoved() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(lines(1...100))
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        // What a checkpoint writer killed mid-write leaves: its temporary file, named with the
        // pid of a process that has ended.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let leftover = cache.appendingPathComponent(".anna-0.checkpoint.\(ended.processIdentifier).abc.tmp")
        try Data("half".utf8).write(to: leftover)
        _ = try open()
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(checkpointFiles().count == 1)
        let inWorkspace = try FileManager.default.subpathsOfDirectory(atPath: ws.root.path)
        #expect(!inWorkspace.contains { $0.contains("checkpoint") || $0.hasSuffix(".tmp") }, "\(inWorkspace)")
        // The checkpoint of a journal that is gone (its workspace deleted) is removed when the
        // next checkpoint is written.
        let gone = Workspace(root: root.appendingPathComponent("deleted"))
        try FileManager.default.createDirectory(at: gone.journals, withIntermediateDirectories: true)
        try Data(lines(1...100)).write(to: gone.journal(of: "anna"))
        _ = try Journal(workspace: gone, coder: "anna", mode: .readOnly, checkpoints: eager)
        #expect(checkpointFiles().count == 2)
        try FileManager.default.removeItem(at: gone.root)
        try appendRaw(lines(101...102))
        _ = try open()
        #expect(checkpointFiles().count == 1, "only the checkpoint of the journal still there")
        #expect(try open().replayedFrom > 0)
        // Deleting the cache loses nothing.
        let before = outcome(try open())
        try FileManager.default.removeItem(at: root.appendingPathComponent("cache"))
        #expect(outcome(try open()) == before)
    }

    @Test func twoWritersOneAfterTheOtherAndReadersAtOnceAgreeWithAFullReplay() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(lines(1...300))
        for round in 0..<6 {
            let writer = try open(.write)
            // A second writer is refused while the first holds the journal.
            #expect(throws: JournalError.self) { try open(.write) }
            for k in 0..<5 {
                try writer.append(CodingEvent(coder: "anna", excerpt: "ex-\(k)", action: .apply, code: "r\(round)"))
            }
            // Readers replaying (and writing checkpoints) at the same time as each other.
            let results = SharedBox<[[UInt8]]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                if let j = try? Journal(workspace: ws, coder: "anna", mode: .readOnly, checkpoints: eager) {
                    let o = outcome(j)
                    results.withLock { $0.append(o) }
                }
            }
            let expected = try fullReplay()
            #expect(results.withLock { $0 }.count == 4)
            #expect(results.withLock { $0 }.allSatisfy { $0 == expected })
            #expect(writer.state == (try open(.readOnly, .disabled)).state)
        }
        let last = try open(.write)
        #expect(last.nextSequence == 331)
        #expect(checkpointFiles().count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}

/// A value shared between test threads.
final class SharedBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&value) } }
}
