import Foundation
import Testing
@testable import CaseCore

/// Callers branch on what kind of failure it was, never on its wording.
@Suite struct ErrorKindTests {
    func reason(_ body: () throws(JournalError) -> Void) -> JournalError.Reason? {
        do { try body(); return nil } catch { return error.reason }
    }

    @Test func eachFailureSaysWhatKindItIs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.csv")
        try AtomicFile.write(Array("a".utf8), to: file, overwrite: false)
        #expect(
            reason { () throws(JournalError) in try AtomicFile.write(Array("b".utf8), to: file, overwrite: false) }
                == .exists)
        #expect(reason { () throws(JournalError) in try Workspace.checkCoderName("no/slash") } == .badRequest)
        #expect(
            reason { () throws(JournalError) in try Workspace.checkCoderName(Dataset.referenceCoder) } == .badRequest)
        let ws = Workspace(root: dir.appendingPathComponent("ws"))
        let first = try Journal(workspace: ws, coder: "anna")
        #expect(reason { () throws(JournalError) in _ = try Journal(workspace: ws, coder: "anna") } == .locked)
        let session = CodingSession(journal: first, data: Fixtures.dataset)
        #expect(
            reason { () throws(JournalError) in
                _ = try session.record(CodingEvent(coder: "anna", excerpt: "ex-99", action: .apply, code: "ppt"))
            } == .badRequest)
        #expect(
            reason { () throws(JournalError) in
                try AtomicFile.write([], to: dir.appendingPathComponent("no/such/folder.csv"), overwrite: false)
            } == .failed)
    }

    @Test func theMissingDataFolderIsAKindOfProblem() {
        let (data, problems) = DataFolder.loadCollectingProblems(URL(fileURLWithPath: "/nonexistent/Cases"))
        #expect(data == nil && problems.count == 1 && problems[0].isMissingFolder)
    }
}
