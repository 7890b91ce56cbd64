import Foundation
import Testing
@testable import CaseCore

@Suite struct JournalTests {
    func workspace() -> Workspace {
        Workspace(
            root: FileManager.default.temporaryDirectory.appendingPathComponent("journal-test-\(UUID().uuidString)"))
    }

    func clock() -> () -> Date {
        var t = Date(timeIntervalSince1970: 1_700_000_000)
        return {
            t = t.addingTimeInterval(1); return t
        }
    }

    @Test func appendsOneJSONObjectPerLineAndReplaysDeterministically() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let session = CodingSession(
            journal: try Journal(workspace: ws, coder: "anna", now: clock()), data: Fixtures.dataset)
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .set, codes: ["ordninger", "ppt"]))
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "statped"))
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .remove, code: "ppt"))
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-03", action: .status, status: .discuss))
        try session.record(
            CodingEvent(coder: "anna", excerpt: "ex-5.3-03", action: .memo, memo: "Linje én\nlinje to – æøå"))
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-03", action: .memo, code: "ppt", memo: "om ppt"))
        let text = try String(contentsOf: ws.journal(of: "anna"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 6)
        let sid = session.journal.session
        #expect(
            lines[0] == #"{"seq":1,"id":""# + sid
                + #"-1","time":"2023-11-14T22:13:21.000Z","coder":"anna","excerpt":"ex-5.3-02","action":"set","#
                + #""codes":["ordninger","ppt"],"replaced":{"codes":[],"status":"unreviewed"}}"#
        )
        #expect(
            lines[2].contains(#""action":"remove","code":"ppt","replaced":{"codes":["ordninger","ppt","statped"]}"#))
        #expect(lines[4].contains(#""memo":"Linje én\nlinje to – æøå""#))

        let reloaded = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reloaded.damage.isEmpty)
        #expect(reloaded.state == session.state)
        #expect(CodingState(replaying: reloaded.events) == CodingState(replaying: reloaded.events))
        let a = reloaded.state["ex-5.3-02"], b = reloaded.state["ex-5.3-03"]
        #expect(a.codes == ["ordninger", "statped"])
        #expect(a.status == .reviewed, "set counts as reviewed")
        #expect(b.status == .discuss)
        #expect(b.memo == "Linje én\nlinje to – æøå")
        #expect(b.codeMemos == ["ppt": "om ppt"])
        #expect(b.codes.isEmpty)
    }

    @Test func anEmptySetIsReviewedWithNoCodes() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let session = CodingSession(journal: try Journal(workspace: ws, coder: "bo"), data: Fixtures.dataset)
        try session.record(CodingEvent(coder: "bo", excerpt: "ex-5.3-02", action: .set, codes: []))
        #expect(session.state["ex-5.3-02"].status == .reviewed)
        #expect(session.state["ex-5.3-02"].codes.isEmpty)
        #expect(session.state["ex-5.3-02"].touched)
        #expect(!session.state["ex-5.3-04"].touched)
    }

    @Test func undoAndRedoGoBackToTheSessionStartAndAreJournalled() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let session = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: Fixtures.dataset)
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "ppt"))
        let states = [session.state]
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "statped"))
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .status, status: .disputed))
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .memo, memo: "hvorfor"))
        let full = session.state
        for _ in 0..<3 { try #require(try session.undo() != nil) }
        #expect(session.state["ex-5.3-02"] == states[0]["ex-5.3-02"])
        let u = try #require(try session.undo())
        #expect(u.undoes == session.journal.session + "-1")
        #expect(!session.state["ex-5.3-02"].codes.contains("ppt"))
        #expect(session.state["ex-5.3-02"].status == .unreviewed)
        #expect(try session.undo() == nil, "not past the session start")
        for _ in 0..<4 { try #require(try session.redo() != nil) }
        #expect(session.state["ex-5.3-02"] == full["ex-5.3-02"])
        #expect(try session.redo() == nil)
        // A new decision after an undo drops the redo history.
        try session.undo()
        try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "uh-rolle"))
        #expect(!session.canRedo)
        // Everything, undo and redo included, is in the journal and replays to the same state.
        let reloaded = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reloaded.state == session.state)
        #expect(reloaded.events.count == 4 + 4 + 4 + 1 + 1)
    }

    @Test func aSecondWriterIsRefusedWithASentenceAndMayReadOnly() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let first = try Journal(workspace: ws, coder: "anna")
        _ = try first.append(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "ppt"))
        #expect(throws: JournalError.self) { _ = try Journal(workspace: ws, coder: "anna") }
        do { _ = try Journal(workspace: ws, coder: "anna") } catch {
            #expect(error.message.contains("being written by another process (pid \(getpid()))"))
        }
        let reader = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(reader.events.count == 1)
        #expect(throws: JournalError.self) {
            _ = try reader.append(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .apply, code: "uh-rolle"))
        }
        // Another coder is not blocked.
        _ = try Journal(workspace: ws, coder: "bo")
    }

    func writeJournal(_ ws: Workspace, _ text: String) throws {
        try FileManager.default.createDirectory(at: ws.journals, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: ws.journal(of: "anna"))
    }

    let good1 =
        #"{"seq":1,"time":"2026-01-01T10:00:00.000Z","coder":"anna","excerpt":"ex-5.3-02","action":"apply","#
        + #""code":"ppt"}"#
    let good2 =
        #"{"seq":2,"time":"2026-01-01T10:00:01.000Z","coder":"anna","excerpt":"ex-5.3-02","action":"apply","#
        + #""code":"statped"}"#
    let good3 =
        #"{"seq":3,"time":"2026-01-01T10:00:02.000Z","coder":"anna","excerpt":"ex-5.3-03","action":"status","#
        + #""status":"reviewed"}"#

    @Test func aTornTailIsReportedMovedAsideAndTheRestKept() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        try writeJournal(ws, good1 + "\n" + good2 + "\n" + #"{"seq":3,"time":"2026-01-01T1"#)
        let j = try Journal(workspace: ws, coder: "anna")
        #expect(j.events.map(\.sequence) == [1, 2])
        #expect(j.damage.count == 1)
        #expect(j.damage[0].line == 3)
        #expect(j.damage[0].message.contains("incomplete last line"))
        let moved = try #require(j.damage[0].movedTo)
        let aside = try String(contentsOf: ws.journals.appendingPathComponent(moved), encoding: .utf8)
        #expect(aside == #"{"seq":3,"time":"2026-01-01T1"#, "the damaged tail is kept, not deleted")
        #expect(try String(contentsOf: ws.journal(of: "anna"), encoding: .utf8) == good1 + "\n" + good2 + "\n")
        // Appending continues cleanly after the cut.
        let e = try j.append(CodingEvent(coder: "anna", excerpt: "ex-5.3-04", action: .apply, code: "ppt"))
        #expect(e.sequence == 3)
        #expect(try Journal(workspace: ws, coder: "anna", mode: .readOnly).damage.isEmpty)
    }

    @Test func garbageInTheMiddleIsReportedAndEverythingElseKept() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        try writeJournal(
            ws, good1 + "\nthis is not json\n" + #"{"seq":9,"action":"apply"}"# + "\n" + good2 + "\n" + good3 + "\n")
        let j = try Journal(workspace: ws, coder: "anna")
        #expect(j.events.map(\.sequence) == [1, 2, 3])
        #expect(j.damage.map(\.line) == [2, 3])
        #expect(j.damage.allSatisfy { $0.movedTo == nil && $0.message.contains("skipped") })
        #expect(j.state["ex-5.3-02"].codes == ["ppt", "statped"])
    }

    @Test func aReadOnlyLoadReportsATornTailButLeavesTheFileAlone() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let text = good1 + "\n" + "{\"seq\":2,"
        try writeJournal(ws, text)
        let j = try Journal(workspace: ws, coder: "anna", mode: .readOnly)
        #expect(j.events.count == 1)
        #expect(j.damage.first?.message.contains("read-only") == true)
        #expect(try String(contentsOf: ws.journal(of: "anna"), encoding: .utf8) == text)
    }

    @Test func invalidUTF8AndForeignCodersAreReported() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        try FileManager.default.createDirectory(at: ws.journals, withIntermediateDirectories: true)
        var bytes = Array((good1 + "\n").utf8) + [0xFF, 0xFE, 0x0A]
        bytes += Array((good2.replacingOccurrences(of: "\"anna\"", with: "\"bo\"") + "\n" + good3 + "\n").utf8)
        try Data(bytes).write(to: ws.journal(of: "anna"))
        let j = try Journal(workspace: ws, coder: "anna")
        #expect(j.events.map(\.sequence) == [1, 3])
        #expect(j.damage.contains { $0.line == 2 && $0.message.contains("UTF-8") })
        #expect(j.damage.contains { $0.line == 3 && $0.message.contains("coder \"bo\"") })
    }

    @Test func coderNamesAndWorkspacePlacesAreChecked() throws {
        #expect(throws: JournalError.self) { try Workspace.checkCoderName("rapport") }
        #expect(throws: JournalError.self) { try Workspace.checkCoderName("../etc") }
        #expect(throws: JournalError.self) { try Workspace.checkCoderName("") }
        try Workspace.checkCoderName("anne-marie.berg_2")
        try Workspace.checkCoderName("Åse")
        let inside = Workspace(root: Fixtures.cases.appendingPathComponent("ws"))
        #expect(throws: JournalError.self) { try inside.check(notInside: Fixtures.cases) }
        try Workspace(root: URL(fileURLWithPath: "/tmp/elsewhere")).check(notInside: Fixtures.cases)
        #expect(
            Workspace.default(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/a"]).root.path
                == "/x/data/case-explorer")
        #expect(Workspace.default(environment: ["HOME": "/home/a"]).root.path == "/home/a/.local/share/case-explorer")
    }

    @Test func unknownIdsAreRefusedBeforeAnythingIsWritten() throws {
        let ws = workspace()
        defer { try? FileManager.default.removeItem(at: ws.root) }
        let session = CodingSession(journal: try Journal(workspace: ws, coder: "anna"), data: Fixtures.dataset)
        #expect(throws: JournalError.self) {
            try session.record(CodingEvent(coder: "anna", excerpt: "ex-0", action: .apply, code: "ppt"))
        }
        #expect(throws: JournalError.self) {
            try session.record(CodingEvent(coder: "anna", excerpt: "ex-5.3-02", action: .set, codes: ["ppt", "nope"]))
        }
        #expect(session.journal.events.isEmpty)
        #expect(try String(contentsOf: ws.journal(of: "anna"), encoding: .utf8).isEmpty)
    }
}
