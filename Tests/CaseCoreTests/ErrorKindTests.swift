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
        // An entry named *.json that is not a regular file is reported, never skipped in silence
        // (data would go missing unseen) nor followed or read (a link out, a pipe that blocks).
        let odd = try kinds { folder in
            let fm = FileManager.default
            try fm.createSymbolicLink(
                atPath: folder.appendingPathComponent("a.json").path, withDestinationPath: "/etc/passwd")
            try fm.createSymbolicLink(
                atPath: folder.appendingPathComponent("b.json").path, withDestinationPath: "/nowhere")
            #expect(mkfifo(folder.appendingPathComponent("c.json").path, 0o644) == 0)
            try fm.createDirectory(at: folder.appendingPathComponent("d.json"), withIntermediateDirectories: false)
        }
        #expect(
            odd == [
                .notARegularFile(what: "a symbolic link"), .notARegularFile(what: "a symbolic link"),
                .notARegularFile(what: "a named pipe")
            ], "a folder named d.json is a folder, not a file")
        // An id is typed and read: one with an ESC, a NUL, a bidi override or a space at an end
        // was accepted (and shown as ␛…, or looking like another id).
        for (id, message) in [
            (#"a\u001b[31mb"#, "holds an invisible or control character (U+001B at character 2); "),
            (#"a\u0000b"#, "holds an invisible or control character (U+0000 at character 2); "),
            (#"ex\u202e-1"#, "holds an invisible or control character (U+202E at character 3); "),
            ("ppt ", "begins or ends with a space; an id may not")
        ] {
            let found = try kinds { folder in
                try Data(
                    ##"{"codes": [{"id": "\##(id)", "name": "x", "description": "d", "color": "#112233"}]}"##.utf8
                ).write(to: folder.appendingPathComponent("x.json"))
            }
            let expected = message.hasSuffix("; ") ? message + "an id may hold only visible characters" : message
            #expect(found == [.malformed(expected)], "\(id): \(found)")
        }
        #expect(
            try kinds { folder in
                try Data(
                    ##"{"codes": [{"id": "æøå-kode", "name": "x", "description": "d", "color": "#112233"}]}"##.utf8
                ).write(to: folder.appendingPathComponent("x.json"))
            }.isEmpty, "Norwegian letters are visible")
        #expect(
            LoadError.fileTooLarge(mebibytes: 513, limit: 512).description
                == "the file is 513 MiB, more than the 512 MiB a data file may have")
    }
}
