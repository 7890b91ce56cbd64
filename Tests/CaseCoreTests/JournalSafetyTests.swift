import Foundation
import Testing
@testable import CaseCore
#if canImport(Glibc)
    import Glibc
#endif

/// The attacks of issue 12 on journals and written files, on the real file system: limits
/// the reader would reject, a journal replaced or deleted while open, symbolic links, FIFOs,
/// folders and hard links where a journal or an export goes, and the two forms of "å".
@Suite struct JournalSafetyTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("journal-safety-\(UUID().uuidString)")
    var ws: Workspace { Workspace(root: root) }

    func apply(_ code: String, _ excerpt: String = "ex-5.3-02", coder: String = "anna") -> CodingEvent {
        CodingEvent(coder: coder, excerpt: excerpt, action: .apply, code: code)
    }

    func line(seq: Int, id: String, code: String, excerpt: String = "ex-5.3-02") -> String {
        #"{"seq":\#(seq),"id":"\#(id)","time":"2026-01-01T10:00:00.000Z","coder":"anna","excerpt":"\#(excerpt)","#
            + #""action":"apply","code":"\#(code)"}"#
            + "\n"
    }

    func journalText() throws -> String { try String(contentsOf: ws.journal(of: "anna"), encoding: .utf8) }

    func place(_ text: String) throws {
        try FileManager.default.createDirectory(at: ws.journals, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: ws.journal(of: "anna"))
    }

    // MARK: item 5 — writer and reader agree on limits

    @Test func aSequenceNumberPastInt32IsWrittenAndReadBackAndTheLimitIsRefusedBeforeWriting() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try place(line(seq: 2_147_483_647, id: "x-2147483647", code: "ppt"))
        do {
            let writer = try Journal(workspace: ws, coder: "anna")
            let saved = try writer.append(apply("statped"))
            #expect(saved.sequence == 2_147_483_648)
        }
        let reader = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reader.damage.isEmpty, "the reader accepts what the writer wrote: \(reader.damage)")
        #expect(reader.events.map(\.sequence) == [2_147_483_647, 2_147_483_648])
        #expect(reader.state["ex-5.3-02"].codes == ["ppt", "statped"])

        // At the reader's limit the writer refuses, and nothing is written.
        try place(line(seq: JournalLimits.maxSequence, id: "x-max", code: "ppt"))
        let full = try Journal(workspace: ws, coder: "anna")
        let before = try journalText()
        #expect { try full.append(apply("statped")) } throws: {
            ($0 as? JournalError)?.message.contains("highest sequence number") == true
        }
        #expect(try journalText() == before)
        let past = CodingEvent.parse(
            String(line(seq: JournalLimits.maxSequence + 1, id: "x-1", code: "ppt").dropLast()))
        #expect((try? past.get()) == nil, "one past the limit is what the reader refuses")
    }

    @Test func aDecisionTooLongForTheReaderIsRefusedBeforeWriting() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try Journal(workspace: ws, coder: "anna")
        _ = try writer.append(apply("ppt"))
        let before = try journalText()
        let memo = String(repeating: "æ", count: JournalLimits.maxLineBytes / 2)
        #expect {
            try writer.append(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .memo, memo: memo))
        } throws: {
            ($0 as? JournalError)?.message.contains("too long for one journal line") == true
        }
        #expect(try journalText() == before)
        // Just under the limit it is written and read back whole.
        let fits = String(repeating: "a", count: JournalLimits.maxLineBytes - 400)
        _ = try writer.append(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .memo, memo: fits))
        let reader = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reader.damage.isEmpty)
        #expect(reader.state["ex-5.3-02"].memo == fits)
    }

    // MARK: item 6 — a journal replaced on disk while open

    @Test func aJournalReplacedOnDiskIsReopenedAndNothingAcknowledgedIsLost() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try Journal(workspace: ws, coder: "anna")
        let first = try writer.append(apply("ppt"))
        // `git pull` / a sync tool: a new file renamed over the path, holding a colleague
        // machine's event but not the one just acknowledged here.
        let pulled = root.appendingPathComponent("pulled.jsonl")
        try Data(line(seq: 1, id: "laptop2-1", code: "statped", excerpt: "ex-5.3-04").utf8).write(to: pulled)
        #expect(rename(pulled.path, ws.journal(of: "anna").path) == 0)
        let second = try writer.append(apply("uh-rolle"))
        let text = try journalText()
        for id in ["laptop2-1", first.id, second.id] {
            #expect(text.contains("\"id\":\"\(id)\""), "\(id) is in the file at the path")
        }
        #expect(writer.notes.contains { $0.contains("was replaced on disk") })
        let reader = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reader.state["ex-5.3-02"].codes == ["ppt", "uh-rolle"])
        #expect(reader.state["ex-5.3-04"].codes == ["statped"])
    }

    /// A sync tool in a loop: copies the journal as it reads it (perhaps without the line just
    /// written) to a new file and renames that over the path, every millisecond.
    final class Replacer: @unchecked Sendable {
        private let lock = NSLock()
        private var stopped = false
        private var replaced = 0
        var replacements: Int { lock.withLock { replaced } }
        var isStopped: Bool { lock.withLock { stopped } }
        func stop() { lock.withLock { stopped = true } }

        func run(_ path: String) {
            let thread = Thread { [self] in
                var n = 0
                while !isStopped {
                    n += 1
                    if let bytes = FileManager.default.contents(atPath: path) {
                        let temp = path + ".sync-\(n)"
                        if FileManager.default.createFile(atPath: temp, contents: bytes), rename(temp, path) == 0 {
                            lock.withLock { replaced += 1 }
                        }
                    }
                    usleep(1000)
                }
            }
            thread.start()
        }
    }

    @Test func underAToolReplacingTheJournalEveryMillisecondEveryAcknowledgedDecisionIsAtThePath() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try Journal(workspace: ws, coder: "anna")
        _ = try writer.append(apply("ppt"))
        let replacer = Replacer()
        replacer.run(ws.journal(of: "anna").path)
        var acknowledged: [String] = []
        var refused = 0
        let codes = ["ppt", "statped", "uh-rolle", "ordninger"]
        // Enough decisions to overlap at least 20 replacements, however loaded the machine (a
        // fixed count let a starved replacer thread replace the file only a few times).
        var i = 0
        while i < 60 || (replacer.replacements <= 20 && i < 5_000) {
            defer { i += 1 }
            do {
                acknowledged.append(
                    try writer.append(apply(codes[i % codes.count], i % 2 == 0 ? "ex-5.3-02" : "ex-5.3-04")).id)
            } catch {
                #expect(error.message.contains("keeps being replaced"), "\(error.message)")
                refused += 1
            }
        }
        replacer.stop()
        usleep(20_000)
        acknowledged.append(try writer.append(apply("ppt", "ex-5.3-05")).id)
        #expect(
            replacer.replacements > 20,
            "the journal was replaced while decisions were written: \(replacer.replacements)")
        let text = try journalText()
        let missing = acknowledged.filter { !text.contains("\"id\":\"\($0)\"") }
        #expect(
            missing.isEmpty,
            "acknowledged, not in the journal: \(missing.count) of \(acknowledged.count) (\(refused) refused)"
        )
        #expect(try journalFiles(ws.journals) == ["anna.jsonl"], "nothing moved aside")
        #expect(writer.damage.isEmpty, "\(writer.damage)")
    }

    /// A sync tool that copies the journal while a line is being written can put in its place a
    /// copy that ends in part of that line. The part is a copy of bytes the writer has whole: it
    /// is cut, the whole line written again, and no later line is glued to it.
    @Test func aReplacingCopyEndingInPartOfOurLastLineIsCutAndTheLineWrittenWhole() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try Journal(workspace: ws, coder: "anna")
        let first = try writer.append(apply("ppt")).id
        let second = try writer.append(apply("statped", "ex-5.3-04")).id
        let path = ws.journal(of: "anna").path
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let temp = path + ".sync"
        #expect(FileManager.default.createFile(atPath: temp, contents: bytes.dropLast(17)))
        #expect(rename(temp, path) == 0)
        let third = try writer.append(apply("uh-rolle")).id
        #expect(writer.damage.isEmpty, "\(writer.damage)")
        let reader = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reader.damage.isEmpty, "\(reader.damage)")
        #expect(reader.events.map(\.id) == [first, second, third])
        #expect(try journalText().hasSuffix("\n"))
        #expect(try journalFiles(ws.journals) == ["anna.jsonl"], "nothing moved aside")
    }

    /// A tail that is not part of anything this writer wrote is not ours to cut: it is moved
    /// aside and reported, as on opening.
    @Test func aReplacingCopyEndingInForeignBytesKeepsThemAsideAndReportsThem() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try Journal(workspace: ws, coder: "anna")
        let first = try writer.append(apply("ppt")).id
        let path = ws.journal(of: "anna").path
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes.append(contentsOf: Array(#"{"seq":7,"id":"other-7","ti"#.utf8))
        let temp = path + ".sync"
        #expect(FileManager.default.createFile(atPath: temp, contents: bytes))
        #expect(rename(temp, path) == 0)
        let second = try writer.append(apply("statped")).id
        #expect(writer.damage.count == 1, "\(writer.damage)")
        let reader = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reader.events.map(\.id) == [first, second])
        #expect(try journalFiles(ws.journals).count == 2, "the foreign tail kept beside the journal")
    }

    @Test func aJournalDeletedWhileOpenIsRefusedNotWrittenIntoTheVoid() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try Journal(workspace: ws, coder: "anna")
        _ = try writer.append(apply("ppt"))
        try FileManager.default.removeItem(at: ws.journal(of: "anna"))
        #expect { try writer.append(apply("statped")) } throws: {
            ($0 as? JournalError)?.message.contains("was removed while it was open") == true
        }
    }

    // MARK: item 7 — the lock cannot be deleted from under the writer

    @Test func deletingEveryOtherFileDoesNotLetASecondWriterIn() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try Journal(workspace: ws, coder: "anna")
        _ = try first.append(apply("ppt"))
        // `git clean`, a stale-lock clean-up: everything in journals/ but the journal goes.
        for name in try FileManager.default.contentsOfDirectory(atPath: ws.journals.path) where name != "anna.jsonl" {
            try FileManager.default.removeItem(at: ws.journals.appendingPathComponent(name))
        }
        #expect { _ = try Journal(workspace: ws, coder: "anna") } throws: {
            ($0 as? JournalError)?.message.contains("being written by another process") == true
        }
        // The journal itself deleted and recreated: a second writer gets the new file, and
        // the first, on its next decision, finds it locked and refuses — never two writers.
        try FileManager.default.removeItem(at: ws.journal(of: "anna"))
        let second = try Journal(workspace: ws, coder: "anna")
        _ = try second.append(apply("statped"))
        #expect { try first.append(apply("uh-rolle")) } throws: {
            ($0 as? JournalError)?.message.contains("being written by another process") == true
        }
        let events = try Journal(workspace: ws, coder: "anna", mode: .readOnly).events
        #expect(events.count == 1 && events[0].code == "statped")
        #expect(Set(events.map(\.sequence)).count == events.count, "no two events with one number")
    }

    // MARK: item 8 — never through a link, never anything but a regular file

    @Test func aJournalThatIsASymbolicLinkIsNeverWrittenThrough() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: ws.journals, withIntermediateDirectories: true)
        let data = try Fixtures.scratchCopy()
        defer { Fixtures.remove(data) }
        let codebook = data.appendingPathComponent("codebook.json")
        let original = try Data(contentsOf: codebook)
        try FileManager.default.createSymbolicLink(
            atPath: ws.journal(of: "anna").path, withDestinationPath: codebook.path)
        for mode in [Journal.Mode.write, .readOnly] {
            #expect { _ = try Journal(workspace: ws, coder: "anna", mode: mode) } throws: {
                ($0 as? JournalError)?.message.contains("is a symbolic link") == true
            }
        }
        #expect(try Data(contentsOf: codebook) == original, "the link's target is untouched")
    }

    @Test func journalsLinkedIntoTheDataFolderOrOutOfTheWorkspaceAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let data = try Fixtures.scratchCopy()
        defer { Fixtures.remove(data) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: ws.journals.path, withDestinationPath: data.path)
        #expect { try ws.check(notInside: data) } throws: {
            ($0 as? JournalError)?.message.contains("leads into the data folder") == true
        }
        #expect { _ = try Journal(workspace: ws, coder: "anna") } throws: {
            ($0 as? JournalError)?.message.contains("leads out of the workspace") == true
        }
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("anna.jsonl").path))
    }

    @Test func aFolderFIFOOrHardLinkAsJournalIsOneSentenceAndNoHang() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: ws.journal(of: "anna"), withIntermediateDirectories: true)
        #expect { _ = try Journal(workspace: ws, coder: "anna") } throws: {
            ($0 as? JournalError)?.message.hasSuffix("is a folder, not a journal file; move it out of the way.") == true
        }
        try FileManager.default.removeItem(at: ws.journal(of: "anna"))
        #expect(mkfifo(ws.journal(of: "anna").path, 0o644) == 0)
        for mode in [Journal.Mode.write, .readOnly] {
            #expect { _ = try Journal(workspace: ws, coder: "anna", mode: mode) } throws: {
                ($0 as? JournalError)?.message.contains("is a named pipe (FIFO), not a journal file") == true
            }
        }
        try FileManager.default.removeItem(at: ws.journal(of: "anna"))
        let other = root.appendingPathComponent("other.txt")
        try Data("keep\n".utf8).write(to: other)
        #expect(link(other.path, ws.journal(of: "anna").path) == 0)
        #expect { _ = try Journal(workspace: ws, coder: "anna") } throws: {
            ($0 as? JournalError)?.message.contains("hard link") == true
        }
        #expect(try String(contentsOf: other, encoding: .utf8) == "keep\n")
    }

    @Test func anExportNeverWritesThroughALinkOrIntoAFIFOOrDeviceEvenWithForce() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let victim = root.appendingPathComponent("victim")
        try Data("victim\n".utf8).write(to: victim)
        let target = root.appendingPathComponent("out.qdc")
        // Temporary names an attacker could predict (pid, counters) are all links to the victim.
        for n in [Int(getpid())] + Array(0..<50) {
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent(".out.qdc.tmp-\(n)").path, withDestinationPath: victim.path)
        }
        try AtomicFile.write(Array("new\n".utf8), to: target, overwrite: false)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new\n")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "victim\n")
        let link = root.appendingPathComponent("link.qdc")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: victim.path)
        let fifo = root.appendingPathComponent("fifo.qdc")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        for (url, what) in [
            (link, "a symbolic link"), (fifo, "a named pipe (FIFO)"), (URL(fileURLWithPath: "/dev/null"), "a device"),
            (root, "a folder")
        ] {
            #expect { try AtomicFile.write(Array("x".utf8), to: url, overwrite: true) } throws: {
                ($0 as? ExportError)?.message
                    == "\(url.path) is \(what), not a regular file; nothing was written (it is never replaced, not "
                    + "even with --force)."
            }
        }
        #expect(try String(contentsOf: victim, encoding: .utf8) == "victim\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.contains(".tmp-") }.count == 51,
            "no temporary file left")
    }

    // MARK: item 20 — one coder, whichever form of "å"

    @Test func bothUnicodeFormsOfACoderNameAreOneCoderAndOneJournal() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let composed = "\u{E5}se", decomposed = "a\u{30A}se"
        #expect(Array(composed.unicodeScalars) != Array(decomposed.unicodeScalars), "two different byte sequences")
        let one = try Journal(workspace: ws, coder: decomposed)
        _ = try one.append(apply("ppt", coder: decomposed))
        #expect { _ = try Journal(workspace: ws, coder: composed) } throws: {
            ($0 as? JournalError)?.message.contains("being written by another process") == true
        }
        #expect(try journalFiles(ws.journals) == ["\u{E5}se.jsonl"])
        #expect(ws.coders() == [composed])
        #expect(try ws.coding(of: decomposed, data: Fixtures.dataset)["ex-5.3-02"].codes == ["ppt"])
    }

    // MARK: item 14 — parent-link cycles in linear time

    @Test func cycleEntriesAreFoundWithOneLookUpPerNode() {
        // A 20 000-deep chain under a cycle of three, plus a self-parent and a clean chain.
        var parents: [String: String] = ["c0": "c1", "c1": "c2", "c2": "c0", "self": "self", "ok1": "ok0"]
        let depth = 20_000
        for i in 0..<depth { parents["d\(i)"] = i == 0 ? "c0" : "d\(i - 1)" }
        var lookUps = 0
        let nodes = (0..<depth).reversed().map { "d\($0)" } + ["c0", "c1", "c2", "self", "ok0", "ok1"]
        let entries = ParentLinks.cycleEntries(nodes) {
            lookUps += 1; return parents[$0]
        }
        #expect(lookUps <= nodes.count, "each node's parent looked up once, not once per descendant: \(lookUps)")
        #expect(
            entries["c0"] == "c0" && entries["c1"] == "c1" && entries["c2"] == "c2", "a node on a cycle names itself")
        #expect(entries["d0"] == "c0" && entries["d\(depth - 1)"] == "c0", "a node above leads into the cycle at c0")
        #expect(entries["self"] == "self")
        #expect(entries["ok0"] == nil && entries["ok1"] == nil)
    }
}

/// The files of a journals folder, apart from the merge lock (`.merge.lock`, held during a sync),
/// which must stay empty: nothing the program says may land in it.
func journalFiles(_ folder: URL) throws -> [String] {
    let lock = folder.appendingPathComponent(".merge.lock")
    if let size = try? FileManager.default.attributesOfItem(atPath: lock.path)[.size] as? Int, size > 0 {
        Issue.record("the merge lock holds \(size) bytes")
    }
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".merge.lock" }.sorted()
}

/// A sync lets git write merged journals as new files; no journal is opened half-written meanwhile.
@Suite struct MergeLockTests {
    @Test func aReaderNeverCreatesTheLockFile() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("merge-lock-read-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        do {
            try Journal(workspace: ws, coder: "anna").append(
                CodingEvent(coder: "anna", excerpt: "ex-4-01", action: .apply, code: "ppt"))
        }
        // A journal that came from elsewhere (a colleague's, an example): no sync has run here.
        try FileManager.default.removeItem(at: ws.journals.appendingPathComponent(".merge.lock"))
        let read = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(read.state.excerpts.count == 1)
        _ = try read.refresh()
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: ws.journals.path) == ["anna.jsonl"],
            "reading wrote nothing")
    }

    @Test func aWriterWaitsForTheMergeAndNeverSeesAHalfWrittenJournal() throws {
        let ws = Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("merge-lock-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: ws.root) }
        do {
            let j = try Journal(workspace: ws, coder: "anna")
            for e in ["ex-4-01", "ex-4-02", "ex-5.2-01"] {
                try j.append(CodingEvent(coder: "anna", excerpt: e, action: .apply, code: "ppt"))
            }
        }
        let path = ws.journal(of: "anna").path
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        // "git": under the exclusive lock, the journal is replaced by a new file written in two halves.
        let half = DispatchSemaphore(value: 0)
        let merging = Thread {
            guard let fd = try? MergeLock.take(ws.journals, exclusive: true) else { half.signal(); return }
            unlink(path)
            FileManager.default.createFile(atPath: path, contents: whole.prefix(whole.count / 2 + 7))
            half.signal()
            usleep(300_000)
            FileManager.default.createFile(atPath: path + ".new", contents: whole)
            rename(path + ".new", path)
            close(fd)
        }
        merging.start()
        half.wait()
        let j = try Journal(workspace: ws, coder: "anna")
        #expect(j.damage.isEmpty, "opened mid-merge: \(j.damage)")
        #expect(j.state.excerpts.count == 3)
        try j.append(CodingEvent(coder: "anna", excerpt: "ex-5.2-02", action: .apply, code: "ppt"))
        let read = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(read.damage.isEmpty && read.state.excerpts.count == 4)
        #expect(try journalFiles(ws.journals) == ["anna.jsonl"], "nothing moved aside")
    }
}
