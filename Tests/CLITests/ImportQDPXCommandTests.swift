import CaseCore
import Foundation
import Testing

/// `case-explorer import qdpx` from the user's side: the real binary, real files, real journals.
@Suite struct ImportQDPXCommandTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-qdpx-\(UUID().uuidString)")
    static let qualcoder = CLI.repository.appendingPathComponent("Tests/Interop/qualcoder-4.0/ce_kari.qdpx").path

    @Test func ourExportComesBackAsTheSameJournalsAndTwiceAddsNothing() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path, other = dir.appendingPathComponent("other").path
        _ = try CLI.run([
            "coding", "set", "--excerpt", "ex-5.3-02", "--codes", "ppt,statped", "--coder", "anna", "--workspace", ws
        ])
        _ = try CLI.run([
            "coding", "memo", "--excerpt", "ex-5.3-02", "--text", "æøå & <>", "--coder", "anna", "--workspace", ws
        ])
        _ = try CLI.run([
            "coding", "status", "--excerpt", "ex-5.3-02", "--status", "disputed", "--coder", "anna", "--workspace", ws
        ])
        _ = try CLI.run(["coding", "set", "--excerpt", "ex-4-01", "--codes", "", "--coder", "anna", "--workspace", ws])
        _ = try CLI.run([
            "coding", "set", "--excerpt", "ex-5.3-02", "--codes", "ppt", "--coder", "bo", "--workspace", ws
        ])
        let file = dir.appendingPathComponent("p.qdpx").path
        #expect(try CLI.run(["export", "qdpx", "-o", file, "--workspace", ws]).status == 0)
        let first = try CLI.run(["import", "qdpx", file, "--workspace", other])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("anna: wrote 2 decision(s) and 1 memo(s) on 2 excerpt(s)"), "\(first.stdout)")
        for coder in ["anna", "bo"] {
            let mine = try CLI.run(["coding", "export", "--coder", coder, "--workspace", ws]).stdout
            let back = try CLI.run(["coding", "export", "--coder", coder, "--workspace", other]).stdout
            #expect(mine == back, "\(coder)")
        }
        let journal = try String(contentsOfFile: other + "/journals/anna.jsonl", encoding: .utf8)
        #expect(journal.contains("\"imported\":\"p.qdpx\""))
        let again = try CLI.run(["import", "qdpx", file, "--workspace", other])
        #expect(again.stdout.contains("anna: nothing new"))
        #expect(try String(contentsOfFile: other + "/journals/anna.jsonl", encoding: .utf8) == journal)
        // Into the workspace it came from: nothing new either.
        #expect(try CLI.run(["import", "qdpx", file, "--workspace", ws]).stdout.contains("bo: nothing new"))
        #expect(try CLI.run(["agreement", "--coders", "anna,bo", "--workspace", other]).status == 0)
    }

    @Test func karisCodingsInQualCoderBecomeKarisJournalAndAgreementRuns() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        _ = try CLI.run([
            "coding", "set", "--excerpt", "ex-5.3-02", "--codes", "samarbeidsforum,ppt", "--coder", "anna",
            "--workspace", ws
        ])
        let r = try CLI.run(["import", "qdpx", Self.qualcoder, "--workspace", ws, "--users", "kari"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "from QualCoder 4.0 Beta, 2 user(s), 27 codes, 62 sources (0 matched by GUID, 62 by name)."))
        #expect(r.stdout.contains("kari: wrote 3 decision(s) and 3 memo(s) on 3 excerpt(s)"))
        let log = try CLI.run(["coding", "export", "--coder", "kari", "--workspace", ws])
        #expect(log.stdout.contains("ex-5.4-03"))
        #expect(try CLI.run(["agreement", "--coders", "anna,kari", "--workspace", ws]).status == 0)
    }

    @Test func badInputGetsOneSentenceAndANonZeroExit() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        let onQDC = try CLI.run(["import", "qdc", Self.qualcoder])
        #expect(onQDC.status == 65)
        #expect(onQDC.stderr.contains("this is a ZIP archive, not a codebook"))
        #expect(!onQDC.stderr.contains("UTF-8"))
        let text = dir.appendingPathComponent("x.qdpx")
        try Data("hei".utf8).write(to: text)
        let notZip = try CLI.run(["import", "qdpx", text.path, "--workspace", ws])
        #expect(notZip.status == 65)
        #expect(notZip.stderr.contains("not a .qdpx"))
        #expect(try CLI.run(["import", "qdpx", "/nonexistent.qdpx", "--workspace", ws]).status == 66)
        // Hostile archives: a path out of the folder, a DTD. One line on stderr each, exit 65.
        let project = #"<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"/>"#
        for (entries, expected) in [
            ([("project.qde", project), ("../../evil.txt", "x")], "leads out of the folder"),
            ([("project.qde", #"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "a">]><Project/>"#)], "declares a DTD")
        ] {
            var zip = ZipWriter()
            for (name, text) in entries { zip.add(name, Array(text.utf8)) }
            let file = dir.appendingPathComponent("hostile.qdpx")
            try Data(zip.finish()).write(to: file)
            let r = try CLI.run(["import", "qdpx", file.path, "--workspace", ws])
            #expect(r.status == 65)
            #expect(r.stderr.contains(expected) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: ws + "/journals"), "nothing written for bad input")
    }

    /// The whole path at 70 000 excerpts (over the 65 535 a plain ZIP holds): generate, export,
    /// read back. Minutes in a debug build, so only with QDPX_LONG=1.
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["QDPX_LONG"] == "1", "set QDPX_LONG=1 for the 70 000-excerpt export"
        ))
    func seventyThousandExcerptsExportAndOpen() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("g")
        #expect(try CLI.run(["generate", "--excerpts", "70000", "--coders", "1", "-o", out.path]).status == 0)
        let file = dir.appendingPathComponent("g.qdpx").path
        let r = try CLI.run([
            "export", "qdpx", "--cases", out.appendingPathComponent("cases").path, "--workspace",
            out.appendingPathComponent("workspace").path, "-o", file
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let back = try CLI.run([
            "import", "qdpx", file, "--cases", out.appendingPathComponent("cases").path, "--workspace",
            out.appendingPathComponent("workspace").path, "--dry-run"
        ])
        #expect(back.stdout.contains("70000 sources (70000 matched by GUID"), "\(back.stdout)")
    }
}

@Suite struct ImportQDPXNewProjectTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-qdpx-new-\(UUID().uuidString)")

    /// A project made elsewhere (here QualCoder's) becomes a data folder that validates and
    /// opens, with its cases as chains and each user's codings as a journal.
    @Test func aForeignProjectBecomesADataFolderWithJournals() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("new")
        let r = try CLI.run(["import", "qdpx", ImportQDPXCommandTests.qualcoder, "--new", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("62 excerpts (coded text selections), 27 codes, 49 cases"), "\(r.stdout)")
        #expect(r.stdout.contains("kari: 3 coding(s) and 3 memo(s)"))
        let cases = out.appendingPathComponent("cases").path, ws = out.appendingPathComponent("workspace").path
        let v = try CLI.run(["validate", "--cases", cases])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let list = try CLI.run(["list", "excerpts", "--cases", cases])
        #expect(list.status == 0 && list.stdout.contains("ex-5-3-02"), "\(list.stdout.prefix(400))")
        #expect(try CLI.run(["agreement", "--coders", "default,kari", "--cases", cases, "--workspace", ws]).status == 0)
        // Never into a folder that holds something.
        let again = try CLI.run(["import", "qdpx", ImportQDPXCommandTests.qualcoder, "--new", out.path])
        #expect(again.status == 73)
    }

    @Test func ourOwnExportAsAForeignProjectKeepsCasesAsChains() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("p.qdpx").path
        #expect(try CLI.run(["export", "qdpx", "-o", file, "--coders", "rapport"]).status == 0)
        let out = dir.appendingPathComponent("new")
        let r = try CLI.run(["import", "qdpx", file, "--new", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let v = try CLI.run(["validate", "--cases", out.appendingPathComponent("cases").path])
        #expect(v.status == 0)
        #expect(!v.stdout.contains("[0 stated"), "cases link their sources: excerpts are attributed (\(v.stdout))")
        #expect(
            try CLI.run(["matrix", "cases", "--by", "chain", "--cases", out.appendingPathComponent("cases").path])
                .status == 0)
    }
}
