import Foundation
import Testing

@Suite struct InterchangeCommandTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-export-\(UUID().uuidString)")

    /// The schemas and their check travel with the tests (Tests/Schemas/refi).
    static let validator = CLI.repository.appendingPathComponent("Tests/Schemas/refi/validate.sh")
    static let canValidate =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip")

    @Test(
        .enabled(
            if: canValidate,
            """
            SKIPPED: xmllint or unzip is missing, the exports were NOT checked against the REFI-QDA schemas (apt-get \
            install libxml2-utils unzip; .ci/run does)
            """
        ))
    func exportsValidateWithXmllintAndRepeatIdentically() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws").path
        _ = try CLI.run([
            "coding", "set", "--excerpt", "ex-5.3-02", "--codes", "ppt,statped", "--coder", "anna", "--workspace", ws
        ])
        _ = try CLI.run([
            "coding", "memo", "--excerpt", "ex-5.3-02", "--text", "æøå & <>", "--coder", "anna", "--workspace", ws
        ])
        let a = dir.appendingPathComponent("a.qdpx").path, b = dir.appendingPathComponent("b.qdpx").path,
            c = dir.appendingPathComponent("k.qdc").path
        #expect(try CLI.run(["export", "qdpx", "-o", a, "--workspace", ws]).status == 0)
        #expect(try CLI.run(["export", "qdpx", "-o", b, "--workspace", ws]).status == 0)
        #expect(try CLI.run(["export", "qdc", "-o", c]).status == 0)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)),
            "exporting twice is identical")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [Self.validator.path, a, c]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "xmllint --schema rejected the export")
    }

    @Test func everyFormatWritesAndNothingIsOverwrittenUnasked() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (args, name) in [
            (["export", "csv", "--what", "excerpts"], "e.csv"), (["export", "csv", "--what", "codebook"], "c.csv"),
            (["export", "csv", "--what", "coding"], "k.csv"), (["export", "markdown", "--county", "3"], "r.md")
        ] {
            let path = dir.appendingPathComponent(name).path
            let r = try CLI.run(args + ["-o", path])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stdout.hasPrefix("wrote \(path)"))
            let again = try CLI.run(args + ["-o", path])
            #expect(again.status == 73)
            #expect(again.stderr.contains("exists; nothing was written (use --force"))
            #expect(try CLI.run(args + ["-o", path, "--force"]).status == 0)
        }
        let csv = try String(contentsOf: dir.appendingPathComponent("c.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("tag,description\r\n"))
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.contains("## Casefylke 3"))
        #expect(
            try CLI.run(["export", "markdown", "--county", "9", "-o", dir.appendingPathComponent("x.md").path]).status
                == 64)
    }

    @Test func importsACodebookReportsMatchesAndWritesALoadableFile() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let qdc = dir.appendingPathComponent("k.qdc").path
        _ = try CLI.run(["export", "qdc", "-o", qdc])
        let into = dir.appendingPathComponent("data")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("Cases"), to: into)
        try FileManager.default.removeItem(at: into.appendingPathComponent("codebook.json"))
        let r = try CLI.run(["import", "qdc", qdc, "--into", into.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("27 of 27 match codes of this project by name."))
        // The written codebook replaces the removed one, and the folder validates again.
        let v = try CLI.run(["validate", "--cases", into.path])
        #expect(v.status == 0, "\(v.stderr)")
        let hostile = dir.appendingPathComponent("bad.qdc")
        try Data(#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><CodeBook/>"#.utf8).write(to: hostile)
        let bad = try CLI.run(["import", "qdc", hostile.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("declares a DTD"))
        #expect(try CLI.run(["import", "qdc", "/nonexistent.qdc"]).status == 66)
    }
}

@Suite struct DemoCommandTests {
    @Test func aBadScriptIsRefusedWithItsLineNumberBeforeTheTourStarts() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).tour")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# min omvisning\n2 | j | Første steg\n1,5 | Entr | Andre steg\n".write(
            to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["demo", "--script", file.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(file.path):3: unknown key name \"Entr\" in the keys; the tour did not start."))
        #expect(try CLI.run(["demo", "--speed", "-1"]).status == 64)
        #expect(try CLI.run(["demo", "--script", "/nonexistent.tour"]).status == 66)
        let printed = try CLI.run(["demo", "--print-script", "--lang", "en"])
        #expect(printed.stdout.hasPrefix("# The built-in tour"))
    }
}
