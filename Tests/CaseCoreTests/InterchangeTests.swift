import Foundation
import Testing
@testable import CaseCore
import Presentation

@Suite struct InterchangeTests {
    let d = Fixtures.dataset

    func reference() -> CodingState {
        var s = CodingState()
        for (i, c) in d.codings.enumerated() {
            s.apply(
                CodingEvent(
                    sequence: i + 1, time: "", coder: "rapport", excerpt: c.excerpt, action: .set, codes: c.codes,
                    status: .reviewed))
        }
        return s
    }

    func anna() -> CodingState {
        var s = CodingState()
        s.apply(
            CodingEvent(
                sequence: 1, time: "", coder: "anna", excerpt: "ex-5.3-02", action: .set, codes: ["ppt", "statped"]))
        s.apply(
            CodingEvent(
                sequence: 2, time: "", coder: "anna", excerpt: "ex-5.3-02", action: .memo,
                memo: "Memo med «sitat» & <tegn>\nny linje"))
        s.apply(
            CodingEvent(
                sequence: 3, time: "", coder: "anna", excerpt: "ex-5.3-02", action: .memo, code: "ppt", memo: "om ppt"))
        return s
    }

    static let tmp = FileManager.default.temporaryDirectory

    func run(_ tool: String, _ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let xmllint = FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")
    /// The REFI-QDA schemas travel with the tests (Tests/Schemas/refi), so a clone checks too.
    static let schemas = Fixtures.repository.appendingPathComponent("Tests/Schemas/refi")

    @Test(
        .enabled(
            if: xmllint,
            """
            SKIPPED: /usr/bin/xmllint is missing, the export was NOT checked against the REFI-QDA schemas (apt-get \
            install libxml2-utils; .ci/run does)
            """
        ))
    func theProjectAndCodebookValidateAgainstTheSchemas() throws {
        let export = RefiExport(data: d, codings: [("rapport", reference()), ("anna", anna())])
        let qde = Self.tmp.appendingPathComponent("test-\(UUID().uuidString).qde")
        let qdc = Self.tmp.appendingPathComponent("test-\(UUID().uuidString).qdc")
        defer { try? FileManager.default.removeItem(at: qde); try? FileManager.default.removeItem(at: qdc) }
        try Data(export.projectXML().utf8).write(to: qde)
        try Data(export.codebook().utf8).write(to: qdc)
        let (s1, o1) = try run(
            "/usr/bin/xmllint",
            ["--noout", "--schema", Self.schemas.appendingPathComponent("Project-mrt2019.xsd").path, qde.path])
        #expect(s1 == 0, "\(o1)")
        let (s2, o2) = try run(
            "/usr/bin/xmllint",
            ["--noout", "--schema", Self.schemas.appendingPathComponent("Codebook-v1.0.xsd").path, qdc.path])
        #expect(s2 == 0, "\(o2)")
    }

    @Test func everySelectionSlicesExactlyTheExcerptOutOfItsSource() throws {
        let export = RefiExport(data: d, codings: [("rapport", reference())])
        let xml = export.projectXML()
        var checked = 0
        for e in export.codedExcerpts {
            let (text, range) = export.source(of: e)
            let scalars = Array(text.unicodeScalars)
            var sliced = String.UnicodeScalarView()
            sliced.append(contentsOf: scalars[range])
            #expect(String(sliced) == e.text, "\(e.id)")
            #expect(
                xml.contains(
                    "name=\"\(e.id)\" startPosition=\"\(range.lowerBound)\" endPosition=\"\(range.upperBound)\""))
            #expect(!text.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
            checked += 1
        }
        #expect(checked == d.excerpts.count)
        // Code points, not bytes or grapheme clusters: æøå count one each, and an excerpt after
        // a lead-in with æøå starts at the code-point offset.
        let sample = d.excerpts.first { $0.leadIn?.text.contains("ø") == true }!
        let (text, range) = export.source(of: sample)
        #expect(
            range.lowerBound
                != text.utf8.distance(
                    from: text.utf8.startIndex, to: text.range(of: sample.text)!.lowerBound.samePosition(in: text.utf8)!
                ))
    }

    @Test func exportingTwiceGivesTheSameBytesAndGUIDsAreStable() {
        let a = RefiExport(data: d, codings: [("rapport", reference()), ("anna", anna())]).qdpx()
        let b = RefiExport(data: d, codings: [("rapport", reference()), ("anna", anna())]).qdpx()
        #expect(a == b)
        #expect(StableGUID.make("code:ppt") == StableGUID.make("code:ppt"))
        #expect(StableGUID.make("code:ppt") != StableGUID.make("code:statped"))
        let g = StableGUID.make("x")
        #expect(g.count == 36 && Array(g)[14] == "5")
    }

    @Test func theArchiveOpensWithTheRealUnzipAndHoldsTheSources() throws {
        let zip = Self.tmp.appendingPathComponent("test-\(UUID().uuidString).qdpx")
        defer { try? FileManager.default.removeItem(at: zip) }
        let export = RefiExport(data: d, codings: [("rapport", reference())])
        try Data(export.qdpx()).write(to: zip)
        try #require(
            FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip"),
            "/usr/bin/unzip is missing: the archive cannot be checked (apt-get install unzip; .ci/run does)")
        let (status, listing) = try run("/usr/bin/unzip", ["-l", zip.path])
        #expect(status == 0)
        #expect(listing.contains("project.qde"))
        #expect(listing.contains("sources/\(StableGUID.make("source:ex-5.3-02")).txt"))
        let (_, text) = try run(
            "/usr/bin/unzip", ["-p", zip.path, "sources/\(StableGUID.make("source:ex-5.3-02")).txt"])
        #expect(text == export.source(of: d.excerpt("ex-5.3-02")!).text)
        let (test, _) = try run("/usr/bin/unzip", ["-t", zip.path])
        #expect(test == 0, "CRCs check out")
    }

    @Test func memosTravelAsNotes() {
        let xml = RefiExport(data: d, codings: [("anna", anna())]).projectXML()
        #expect(xml.contains("<PlainTextContent>Memo med «sitat» &amp; &lt;tegn&gt;\nny linje</PlainTextContent>"))
        #expect(xml.contains("<NoteRef targetGUID=\"\(StableGUID.make("note:anna/ex-5.3-02/ppt"))\"/>"))
    }

    // MARK: import

    func parse(_ text: String, bom: Bool = false) throws(InterchangeError) -> ImportedCodebook {
        try ImportedCodebook.parse((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8), name: "test.qdc")
    }

    @Test func roundTripLosesNoCodeDescriptionColourOrHierarchy() throws {
        let xml = RefiExport(data: d, codings: []).codebook()
        let imported = try parse(xml)
        let flat = imported.flattened
        #expect(flat.count == d.codes.count)
        for (node, parent, _) in flat {
            let code = try #require(d.codes.first { $0.name == node.name })
            #expect(node.description == code.description)
            #expect(node.color == code.color)
            #expect(parent == code.parent.flatMap { d.code($0)?.name })
        }
        #expect(imported.matches(in: d).count == d.codes.count)
        // Written back in the project's format, it loads as a codebook with the same ids.
        let file = imported.codebookFile(for: d, source: "test.qdc")
        guard case let .array(codes)? = file["codes"] else { Issue.record("no codes"); return }
        #expect(
            codes.compactMap { if case let .string(s)? = $0["id"] { return s } else { return nil } }
                == flat.map { n in d.codes.first { $0.name == n.node.name }!.id })
    }

    @Test func readsWhatRealProgramsWrite() throws {
        // Taguette: an empty <Sets/>; ATLAS.ti 9: the 0:4 namespace; QualCoder: a byte-order mark.
        let taguette =
            ##"<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette "##
            + ##"1.5.2"><Codes><Code guid="0f0e1a3c-1111-4222-8333-444455556666" name="Søknad" isCodable="true" "##
            + ##"color="#7f7f7f"><Description>Søknader og rapporter</Description></Code></Codes><Sets/>"##
            + ##"</CodeBook>"##
        let t = try parse(taguette)
        #expect(t.codes.map(\.name) == ["Søknad"])
        #expect(t.warnings.contains { $0.contains("empty <Sets/>") })
        let atlas =
            ##"<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:0:4"><Codes><Code "##
            + ##"guid="0f0e1a3c-1111-4222-8333-444455556666" name="A" isCodable="true"><Code "##
            + ##"guid="0f0e1a3c-1111-4222-8333-444455556667" name="A.1" isCodable="true"/></Code></Codes>"##
            + ##"</CodeBook>"##
        let a = try parse(atlas, bom: true)
        #expect(a.flattened.map(\.parent) == [nil, "A"])
        #expect(a.warnings.contains { $0.contains("byte-order mark") } && a.warnings.contains { $0.contains("0:4") })
        let short = try parse(
            ##"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0f0e1a3c-1111-4222-8333-444455556666" "##
                + ##"name="K" isCodable="true" color="#3c3"/></Codes></CodeBook>"##
        )
        let file = short.codebookFile(for: d, source: "x")
        #expect(JSONWriter.write(file).contains("\"#33cc33\""))
    }

    @Test(arguments: [
        (
            "billion laughs",
            ##"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">"##
                + ##"<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>"##
                + ##"<Code guid="0f0e1a3c-1111-4222-8333-444455556666" name="&lol3;" isCodable="true"/></Codes>"##
                + ##"</CodeBook>"##,
            "DTD"
        ),
        (
            "external entity",
            ##"<?xml version="1.0"?><!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CodeBook "##
                + ##"xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0f0e1a3c-1111-4222-8333-444455556666" "##
                + ##"name="&xxe;" isCodable="true"/></Codes></CodeBook>"##,
            "DTD"
        ),
        ("not XML", "this is not xml", "not a well-formed XML file"),
        (
            "truncated",
            ##"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0f0e1a3c-1111-4222-8333-444455556666" "##
                + ##"name="A" isCodable="true">"##,
            "line "
        ),
        (
            "no name",
            ##"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0f0e1a3c-1111-4222-8333-444455556666" "##
                + ##"isCodable="true"/></Codes></CodeBook>"##,
            "has no name"
        ),
        (
            "duplicate guid",
            ##"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0f0e1a3c-1111-4222-8333-444455556666" "##
                + ##"name="A" isCodable="true"/><Code guid="0f0e1a3c-1111-4222-8333-444455556666" name="B" "##
                + ##"isCodable="true"/></Codes></CodeBook>"##,
            "used by two codes"
        ),
        (
            "wrong namespace",
            ##"<CodeBook xmlns="urn:something:else"><Codes><Code guid="0f0e1a3c-1111-4222-8333-444455556666" "##
                + ##"name="A" isCodable="true"/></Codes></CodeBook>"##,
            "namespace"
        ),
        ("a project, not a codebook", ##"<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>"##, "no CodeBook element"),
        ("no codes", ##"<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>"##, "no codes")
    ])
    func refusesHostileAndBrokenCodebooksWithASentence(_ name: String, _ text: String, _ fragment: String) {
        do {
            _ = try parse(text)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.message.hasPrefix("test.qdc: "))
            #expect(error.message.contains(fragment), "\(name): \(error.message)")
        }
    }

    @Test func refusesAHugeFile() throws {
        let url = Self.tmp.appendingPathComponent("huge-\(UUID().uuidString).qdc")
        defer { try? FileManager.default.removeItem(at: url) }
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        try h.truncate(atOffset: UInt64(ImportedCodebook.maximumSize + 1))
        try h.close()
        #expect(throws: InterchangeError.self) { _ = try ImportedCodebook.read(url) }
    }

    // MARK: CSV, Markdown, atomic files

    @Test func csvQuotesByRFC4180AndTheCodebookUsesTaguettesColumns() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("si \"ja\"") == "\"si \"\"ja\"\"\"")
        #expect(CSV.field("to\nlinjer") == "\"to\nlinjer\"")
        let book = CSV.codebook(d)
        #expect(book.hasPrefix("tag,description\r\n"))
        #expect(book.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == d.codes.count + 1)
        let excerpts = CSV.excerpts(d)
        #expect(excerpts.hasPrefix("id,kind,form,county,chain,actor,confidence,"))
        #expect(excerpts.contains("ex-5.3-02,interview,block,"))
    }

    @Test func theMarkdownReportWalksCountiesChainsActorsAndExcerpts() {
        let md = MarkdownReport.render(d)
        #expect(md.contains("## Casefylke 1"))
        #expect(md.contains("### Tilskuddskjede 1 (kommune A)"))
        #expect(md.contains("#### UH-sektoren (casefylke 1)"))
        #expect(md.contains("> «[...] Men hele inkluderingsanalysen"))
        #expect(md.contains("`ex-6.4-01`"))
        #expect(md.contains("## Utdrag rapporten ikke knytter til et casefylke"))
        for e in d.excerpts { #expect(md.contains("`\(e.id)`"), "\(e.id) is missing from the report") }
        let one = MarkdownReport.render(d, county: 2)
        #expect(!one.contains("## Casefylke 1") && one.contains("## Casefylke 2"))
    }

    /// An ESC or BEL in the data went into the Markdown report as it was: `cat report.md` ran it
    /// (a colour, a window title). It is written as its sign, as the terminal shows it.
    @Test func theMarkdownReportHoldsNoLiveControlCharacter() {
        var excerpts = d.excerpts
        excerpts[0].text = "evil \u{1B}]0;title\u{07} \u{1B}[31mRED\u{7F}"
        let md = MarkdownReport.render(d.with(excerpts: excerpts))
        #expect(!md.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F })
        #expect(md.contains("evil ␛]0;title␇ ␛[31mRED␡"), "the signs, in place")
        #expect(MarkdownReport.render(d) == MarkdownReport.render(d.with(excerpts: d.excerpts)), "plain data unchanged")
    }

    @Test func filesAreWrittenAtomicallyAndNeverReplacedUnasked() throws {
        let url = Self.tmp.appendingPathComponent("atomic-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        try AtomicFile.write(Array("én".utf8), to: url, overwrite: false)
        #expect(throws: ExportError.exists(path: url.path)) {
            try AtomicFile.write(Array("to".utf8), to: url, overwrite: false)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "én")
        try AtomicFile.write(Array("to".utf8), to: url, overwrite: true)
        #expect(try String(contentsOf: url, encoding: .utf8) == "to")
        #expect(throws: ExportError.noFolder(path: "/nonexistent-dir")) {
            try AtomicFile.write([], to: URL(fileURLWithPath: "/nonexistent-dir/x.txt"), overwrite: false)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: Self.tmp.path).filter {
            $0.contains(url.lastPathComponent + ".tmp")
        }
        #expect(leftovers.isEmpty)
    }
}
