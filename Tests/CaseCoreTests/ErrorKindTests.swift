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
        #expect(data == nil && problems.count == 1 && problems[0].kind == .missingFolder)
    }

    /// Every kind of loading problem is its own case, and the case gives the sentence users see.
    @Test func eachLoadingProblemSaysWhatKindItIs() throws {
        func kinds(_ change: (URL) throws -> Void) throws -> [LoadError] {
            let folder = try Fixtures.scratchCopy()
            defer { Fixtures.remove(folder) }
            try change(folder)
            return DataFolder.loadCollectingProblems(folder).1.map(\.kind)
        }
        let missing = DataFolder.loadCollectingProblems(URL(fileURLWithPath: "/nonexistent/Cases")).1
        #expect(missing.map(\.kind) == [.missingFolder] && missing[0].message == "no such data folder")
        let file = DataFolder.loadCollectingProblems(Fixtures.cases.appendingPathComponent("study.json")).1
        #expect(file.map(\.kind) == [.notAFolder] && file[0].message == "is a file, not a data folder")
        #expect(
            try kinds { folder in
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                    try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
                }
            } == [.noDataFiles])
        #expect(
            try kinds { try FileManager.default.removeItem(at: $0.appendingPathComponent("study.json")) }
                .contains(.noStudy))
        let truncated = try kinds { try Data("{\"codes\": [".utf8).write(to: $0.appendingPathComponent("x.json")) }
        guard case let .notJSON(parse)? = truncated.first(where: { if case .notJSON = $0 { true } else { false } })
        else {
            Issue.record("no notJSON in \(truncated)")
            return
        }
        #expect(parse.line == 1 && parse.column == 12)
        #expect(
            try kinds { folder in
                try FileManager.default.copyItem(
                    at: folder.appendingPathComponent("study.json"), to: folder.appendingPathComponent("study-2.json"))
            }.contains { if case .secondStudy = $0 { true } else { false } })
        #expect(
            try kinds { try Data("{\"codez\": []}".utf8).write(to: $0.appendingPathComponent("x.json")) }
                == [
                    .malformed(
                        "unknown member \"codez\" (known: \(DataFolder.collections.sorted().joined(separator: ", ")))")
                ])
        let dangling = try kinds { folder in
            try Data(#"{"codings": [{"coder": "rapport", "excerpt": "no-such-excerpt", "codes": []}]}"#.utf8)
                .write(to: folder.appendingPathComponent("x.json"))
        }
        #expect(dangling.contains(.inconsistent("unknown excerpt \"no-such-excerpt\"")))
        // A file too large to be data is refused before it is read (a sparse file: no disk used).
        let large = try kinds { folder in
            let url = folder.appendingPathComponent("huge.json")
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: UInt64(DataFolder.maximumFileSize) + 1_048_576)
            try handle.close()
        }
        #expect(large == [.fileTooLarge(mebibytes: 513, limit: 512)])
        #expect(
            LoadError.fileTooLarge(mebibytes: 513, limit: 512).description
                == "the file is 513 MiB, more than the 512 MiB a data file may have")
    }
}
