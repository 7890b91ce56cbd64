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
    }

    /// Files written and files read from other programs: the case says what happened, the
    /// message says it in one sentence naming the file.
    @Test func exportsAndImportsSayWhatKindOfFailureItWas() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.csv")
        func export(_ url: URL, overwrite: Bool = false) -> ExportError? {
            do { try AtomicFile.write(Array("b".utf8), to: url, overwrite: overwrite) } catch { return error }
            return nil
        }
        #expect(export(file) == nil)
        #expect(export(file) == .exists(path: file.path))
        #expect(export(dir.appendingPathComponent("no/such/folder.csv")) == .noFolder(path: dir.path + "/no/such"))
        #expect(export(dir, overwrite: true) == .notARegularFile(path: dir.path, what: "a folder"))
        for e in [ExportError.exists(path: "/p"), .noFolder(path: "/p"), .cannotWrite(path: "/p", reason: "r")] {
            #expect(e.message.hasSuffix(".") && !e.message.contains("\n") && e.message.contains("/p"))
        }
        func imported(_ body: () throws(InterchangeError) -> Void) -> InterchangeError? {
            do { try body() } catch { return error }
            return nil
        }
        let missing = dir.appendingPathComponent("none.qdc")
        #expect(
            imported { () throws(InterchangeError) in _ = try ImportedCodebook.read(missing) }
                == .unreadable(file: missing.path, reason: "no such file"))
        let dtd = Array("<!DOCTYPE x [<!ENTITY a \"b\">]><CodeBook/>".utf8)
        guard
            case .refused(file: "x.qdc", _)? = imported({ () throws(InterchangeError) in
                _ = try ImportedCodebook.parse(dtd, name: "x.qdc")
            })
        else { Issue.record("a DTD is refused"); return }
        guard
            case .notREFIQDA(file: "x.qdc", _)? = imported({ () throws(InterchangeError) in
                _ = try ImportedCodebook.parse(Array("<Project/>".utf8), name: "x.qdc")
            })
        else { Issue.record("a project is not a codebook"); return }
        try Data("not a zip".utf8).write(to: file)
        guard
            case .notREFIQDA(file: "x.csv", _)? = imported({ () throws(InterchangeError) in
                _ = try QDPXArchive.read(file)
            })
        else { Issue.record("a text file is not a project"); return }
        #expect(InterchangeError.folderNotEmpty(path: "/d").message.hasPrefix("/d is not empty"))
        #expect(InterchangeError.writing(.exists(path: "/f")).message == ExportError.exists(path: "/f").message)
    }

    @Test func theMissingDataFolderIsAKindOfProblem() {
        let (data, problems) = DataFolder.loadCollectingProblems(URL(fileURLWithPath: "/nonexistent/Cases"))
        #expect(data == nil && problems.count == 1 && problems[0].isMissingFolder)
    }
}
