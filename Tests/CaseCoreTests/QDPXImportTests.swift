import Foundation
import Testing
@testable import CaseCore

/// `.qdpx` both ways: what our export carries comes back through our importer; what QualCoder
/// 4.0 wrote imports; hostile archives are refused with a sentence.
@Suite struct QDPXImportTests {
    let d = Fixtures.dataset
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qdpx-\(UUID().uuidString)")
    static let qualcoder = Fixtures.repository.appendingPathComponent("Tests/Interop/qualcoder-4.0/ce_kari.qdpx")

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

    func state(_ coder: String, _ events: [CodingEvent]) -> CodingState {
        var s = CodingState()
        for (i, e) in events.enumerated() {
            var e = e
            e.sequence = i + 1
            e.id = "t-\(i + 1)"
            e.coder = coder
            s.apply(e)
        }
        return s
    }

    func anna() -> CodingState {
        state(
            "anna",
            [
                CodingEvent(
                    time: "2026-03-01T10:00:00.000Z", coder: "anna", excerpt: "ex-5.3-02", action: .set,
                    codes: ["ppt", "statped"]),
                CodingEvent(
                    time: "2026-03-01T10:01:00.000Z", coder: "anna", excerpt: "ex-5.3-02", action: .memo,
                    memo: "Memo med «sitat» & <tegn>\nny linje"),
                CodingEvent(
                    time: "2026-03-01T10:02:00.000Z", coder: "anna", excerpt: "ex-5.3-02", action: .memo, code: "ppt",
                    memo: "om ppt"),
                CodingEvent(
                    time: "2026-03-01T10:03:00.000Z", coder: "anna", excerpt: "ex-5.3-02", action: .status,
                    status: .disputed),
                CodingEvent(
                    time: "2026-03-01T10:04:00.000Z", coder: "anna", excerpt: "ex-4-01", action: .set, codes: []),
                CodingEvent(
                    time: "2026-03-01T10:05:00.000Z", coder: "anna", excerpt: "ex-5.4-03", action: .set, codes: ["ppt"],
                    status: .discuss)
            ])
    }

    func bo() -> CodingState {
        state(
            "bo",
            [
                CodingEvent(
                    time: "2026-03-02T09:00:00.000Z", coder: "bo", excerpt: "ex-5.3-02", action: .set, codes: ["ppt"])
            ])
    }

    func write(_ bytes: [UInt8], _ name: String = "p.qdpx") throws -> URL {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// An archive of our export with the project XML changed by `edit` (and extra entries).
    func edited(
        _ edit: (String) -> String, extra: [(String, [UInt8])] = [],
        coders: [(coder: String, state: CodingState)]? = nil
    ) -> [UInt8] {
        let export = RefiExport(data: d, codings: coders ?? [("anna", anna())])
        var zip = ZipWriter()
        zip.add("project.qde", Array(edit(export.projectXML()).utf8))
        for e in d.excerpts {
            zip.add("sources/\(RefiExport.guid("source", e.id)).txt", Array(export.source(of: e).text.utf8))
        }
        for (n, b) in extra { zip.add(n, b) }
        return zip.finish()
    }

    func comparable(_ c: ExcerptCoding) -> String {
        "\(c.sortedCodes) \(c.status) \(c.memo) \(c.codeMemos.sorted { $0.key < $1.key })"
    }

    @Test func twoCodersWithMemosAndStatusesComeBackWhole() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try write(
            RefiExport(data: d, codings: [("rapport", reference()), ("anna", anna()), ("bo", bo())]).qdpx())
        let plan = QDPXImport.plan(try QDPXArchive.read(url), data: d)
        #expect(plan.byGUID == d.excerpts.count)
        #expect(plan.partial.isEmpty && plan.outside.isEmpty && plan.unmatched.isEmpty && plan.unknownCodes.isEmpty)
        #expect(plan.skippedUsers.count == 1 && plan.skippedUsers[0].hasPrefix("rapport"))
        #expect(plan.users.map(\.coder) == ["anna", "bo"])
        for (coder, original) in [("anna", anna()), ("bo", bo())] {
            let back = state(coder, plan.users.first { $0.coder == coder }!.events)
            for e in d.excerpts where original[e.id].touched {
                #expect(comparable(back[e.id]) == comparable(original[e.id]), "\(coder) \(e.id)")
            }
            #expect(Set(back.excerpts.keys) == Set(original.excerpts.keys))
        }
        // The other program's times travel: anna's latest event on ex-5.3-02 dates the import.
        let set = plan.users[0].events.first { $0.excerpt == "ex-5.3-02" && $0.action == .set }!
        #expect(set.time == "2026-03-01T10:03:00.000Z")
    }

    @Test func importingTheSameEventsTwiceAddsNothing() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try write(RefiExport(data: d, codings: [("anna", anna())]).qdpx())
        let plan = QDPXImport.plan(try QDPXArchive.read(url), data: d)
        let events = plan.users[0].events
        #expect(QDPXImport.fresh(events, state: CodingState(), existing: []).count == events.count)
        // Already as in the file: nothing; already imported once (same events): nothing.
        #expect(QDPXImport.fresh(events, state: anna(), existing: []).isEmpty)
        let imported = events.map { e -> CodingEvent in
            var e = e; e.imported = "p.qdpx"; return e
        }
        #expect(QDPXImport.fresh(events, state: CodingState(), existing: imported).isEmpty)
    }

    @Test func selectionsCarryTheCoderTimesAndMemoAndGUIDsArePinned() {
        let xml = RefiExport(data: d, codings: [("rapport", reference()), ("anna", anna())]).projectXML()
        // Pinned: a change here breaks every project another program has already imported.
        #expect(RefiExport.guid("source", "ex-5.3-02") == "4699c496-5675-5298-8712-e4a6ab1b7595")
        #expect(RefiExport.guid("user", "rapport") == "c0a85c21-cf94-5dfc-a0a3-65c4ebaee2f8")
        #expect(RefiExport.guid("code", "ppt") == StableGUID.make("code:ppt"))
        #expect(xml.contains("name=\"ex-5.3-02.txt\""))
        let user = RefiExport.guid("user", "anna")
        #expect(
            xml.contains(
                "creatingUser=\"\(user)\" creationDateTime=\"2026-03-01T10:03:00.000Z\">\n        <Description>Memo "
                    + "med «sitat» &amp; &lt;tegn&gt;\nny linje</Description>"
            ))
        #expect(
            xml.contains(
                "<Note guid=\"\(RefiExport.guid("note", "anna/ex-5.3-02"))\" name=\"Memo anna ex-5.3-02\" "
                    + "creatingUser=\"\(user)\" creationDateTime=\"2026-03-01T10:03:00.000Z\">"
            ))
        #expect(xml.contains("name=\"Review status: disputed (anna)\""))
        #expect(xml.contains("name=\"Review status: reviewed (anna)\""))
        #expect(xml.contains("<SourceRef targetGUID="))
        // One selection per excerpt and coder: rapport's and anna's on ex-5.3-02 are two.
        #expect(
            xml.components(separatedBy: "PlainTextSelection guid=\"\(RefiExport.guid("selection", "anna/ex-5.3-02"))\"")
                .count == 2)
        #expect(xml.contains("PlainTextSelection guid=\"\(RefiExport.guid("selection", "rapport/ex-5.3-02"))\""))
    }

    @Test func aNewCoderAddsGUIDsAndChangesNone() {
        func guids(_ xml: String) -> Set<String> {
            Set(xml.components(separatedBy: "guid=\"").dropFirst().map { String($0.prefix(36)) })
        }
        let before = guids(RefiExport(data: d, codings: [("rapport", reference()), ("anna", anna())]).projectXML())
        let after = guids(
            RefiExport(data: d, codings: [("rapport", reference()), ("anna", anna()), ("bo", bo())]).projectXML())
        #expect(before.isSubset(of: after))
        #expect(after.count > before.count)
    }

    @Test func theQualCoderExportImportsKarisThreeCodings() throws {
        let archive = try QDPXArchive.read(Self.qualcoder)
        #expect(archive.project.origin == "QualCoder 4.0 Beta")
        let plan = QDPXImport.plan(archive, data: d, users: ["kari"])
        // QualCoder made new GUIDs: every source is matched by name, with a byte-order mark.
        #expect(plan.byName == 62 && plan.byGUID == 0)
        #expect(plan.partial.isEmpty && plan.outside.isEmpty && plan.unknownCodes.isEmpty)
        let kari = try #require(plan.users.first)
        #expect(kari.coder == "kari")
        let sets = kari.events.filter { $0.action == .set }
        #expect(sets.map(\.excerpt) == ["ex-5.3-02", "ex-5.4-03", "ex-5.5-01"])
        #expect(sets.map { $0.codes ?? [] } == [["samarbeidsforum"], ["system-til-praksis"], ["spesifikk-generell"]])
        #expect(sets.allSatisfy { $0.time == "2026-11-29T14:00:00.000Z" })
        #expect(kari.events.filter { $0.action == .memo }.map(\.memo) == Array(repeating: "kari-memo æøå", count: 3))
        // Without a filter QualCoder's "default" user (its name for what it imported) comes too.
        #expect(QDPXImport.plan(archive, data: d).users.map(\.coder) == ["default", "kari"])
    }

    /// Our export with two coders through QualCoder 4.0 and back: the coders stay apart with
    /// their codes and excerpt memos (QualCoder drops statuses and memos on excerpt–code pairs).
    @Test func twoCodersThroughQualCoderComeBackApart() throws {
        let url = Fixtures.repository.appendingPathComponent("Tests/Interop/qualcoder-4.0/anna_bo.qdpx")
        let plan = QDPXImport.plan(try QDPXArchive.read(url), data: d)
        #expect(plan.partial.isEmpty && plan.outside.isEmpty && plan.unknownCodes.isEmpty && plan.byName == 62)
        #expect(plan.users.map(\.coder) == ["anna", "bo"])
        // QualCoder's own user, with nothing to bring, is named (the summary said "4 user(s)"
        // and then spoke of three).
        #expect(
            plan.skippedUsers.sorted() == [
                "default: no codings or memos on this project's excerpts",
                "rapport: the report's own coding (in the data already), not written to a journal"
            ], "\(plan.skippedUsers)")
        func codes(_ coder: String) -> [String: [String]] {
            Dictionary(
                uniqueKeysWithValues: plan.users.first { $0.coder == coder }!.events.filter { $0.action == .set }.map {
                    ($0.excerpt, $0.codes ?? [])
                })
        }
        #expect(
            codes("anna") == [
                "ex-5.3-02": ["ppt", "statped"], "ex-5.4-03": ["ppt"], "ex-5.5-01": ["samarbeidsforum"],
                "ex-6.1-01": ["ppt", "uh-rolle"]
            ])
        #expect(
            codes("bo") == ["ex-5.3-02": ["ppt"], "ex-5.4-03": ["ppt"], "ex-5.5-01": ["statped"], "ex-6.1-01": ["ppt"]])
        #expect(
            plan.users[1].events.contains { $0.action == .memo && $0.memo == "bo: memo" && $0.excerpt == "ex-5.5-01" })
    }

    @Test func aPartialSelectionIsReportedNotWidened() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = try #require(d.excerpt("ex-5.3-02"))
        let range = RefiExport(data: d, codings: []).source(of: e).selection
        let bytes = edited {
            $0.replacingOccurrences(
                of: "startPosition=\"\(range.lowerBound)\" endPosition=\"\(range.upperBound)\"",
                with: "startPosition=\"\(range.lowerBound + 5)\" endPosition=\"\(range.upperBound)\"")
        }
        let plan = QDPXImport.plan(try QDPXArchive.read(try write(bytes)), data: d)
        #expect(plan.partial.count == 1)
        #expect(plan.partial.first?.contains("ex-5.3-02") == true)
        // The status still travels, as a status (not a "set" that would clear the codes).
        #expect(plan.users[0].events.filter { $0.excerpt == "ex-5.3-02" }.map(\.action) == [.status])
    }

    @Test func crlfAndAByteOrderMarkInASourceAreCountedAsTheOtherProgramCounts() {
        let excerpt = "første linje\nandre linje"
        let source = "hode\r\n\r\nførste linje\r\nandre linje\r\n"
        let views = SpanViews(source: source, bom: true, excerpt: excerpt)!
        // CRLF as two code points, without and with the byte-order mark; CRLF as one.
        for span in [8..<33, 9..<34, 6..<30] {
            guard case .whole = views.classify(span) else { Issue.record("\(span) should cover the excerpt"); continue }
        }
        guard case .partial = views.classify(10..<20) else { Issue.record("a part should be partial"); return }
        guard case .outside = views.classify(0..<4) else { Issue.record("the head is outside"); return }
    }

    @Test func codingsWithoutAUserAreCountedNotGuessed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = edited {
            $0.replacingOccurrences(of: " creatingUser=\"[^\"]*\"", with: "", options: .regularExpression)
        }
        let plan = QDPXImport.plan(try QDPXArchive.read(try write(bytes)), data: d, users: ["anna", "nobody"])
        // Her statuses still travel, but never as "no codes" where codings were left out.
        let events = plan.users.flatMap(\.events)
        #expect(events.filter { $0.excerpt != "ex-4-01" }.allSatisfy { $0.action == .status }, "\(events)")
        #expect(events.contains { $0.excerpt == "ex-4-01" && $0.action == .set && $0.codes == [] })
        #expect(
            plan.notes.contains("3 coding(s) name no user (and the project no creating user); not imported"),
            "\(plan.notes)")
        #expect(plan.notes.contains { $0.hasPrefix("the file has no user \"nobody\"") })
    }

    @Test func unknownCodesAreListed() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = edited {
            $0.replacingOccurrences(
                of: "name=\"\(XMLBuilder.escape(d.code("ppt")!.name, attribute: true))\"", with: "name=\"Ukjent kode\""
            )
            .replacingOccurrences(of: RefiExport.guid("code", "ppt"), with: "11111111-2222-3333-4444-555555555555")
        }
        let plan = QDPXImport.plan(try QDPXArchive.read(try write(bytes)), data: d)
        #expect(plan.unknownCodes.map(\.name) == ["Ukjent kode"])
    }

    @Test(arguments: [
        ("dtd", "declares a DTD"),
        ("escape", "leads out of the folder"),
        ("absolute", "has an absolute path"),
        ("noproject", "has no project.qde"),
        ("notzip", "not a .qdpx"),
        ("badxml", "ends inside")
    ])
    func hostileArchivesAreRefusedWithASentence(_ kind: String, _ expected: String) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes: [UInt8]
        switch kind {
        case "dtd":
            bytes = edited {
                $0.replacingOccurrences(of: "<Project ", with: "<!DOCTYPE p [<!ENTITY a \"aaaa\">]>\n<Project ")
            }
        case "escape": bytes = edited({ $0 }, extra: [("sources/../../evil.txt", [65])])
        case "absolute": bytes = edited({ $0 }, extra: [("/etc/evil", [65])])
        case "noproject":
            var z = ZipWriter(); z.add("other.qde", [60]); bytes = z.finish()
        case "notzip": bytes = Array("<?xml version=\"1.0\"?><CodeBook/>".utf8)
        default: bytes = edited { String($0.prefix(5000)) }
        }
        #expect {
            _ = try QDPXArchive.read(try write(bytes))
        } throws: { error in
            let message = (error as? InterchangeError)?.message ?? ""
            return message.contains(expected) && !message.contains("\n")
        }
    }

    @Test func aZipBombStopsAtTheLimitEvenWhenItsHeadersLie() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var z = ZipWriter()
        z.add("project.qde", Array(repeating: 0x20, count: 4 << 20))
        var bytes = z.finish()
        // Claim 100 bytes uncompressed in the local and the central header.
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        var central = bytes.count - 4
        while central > 0 && Array(bytes[central..<(central + 4)]) != signature { central -= 1 }
        for offset in [22, central + 24] {
            bytes[offset] = 100; bytes[offset + 1] = 0; bytes[offset + 2] = 0; bytes[offset + 3] = 0
        }
        let url = try write(bytes)
        do {
            _ = try QDPXArchive.read(url, limits: .init(entryBytes: 1 << 20, totalBytes: 2 << 20))
            Issue.record("a 4 MiB entry claiming 100 bytes was read under a 1 MiB limit")
        } catch {
            #expect(
                error.message.contains("zip bomb") || error.message.contains("cannot be unpacked"), "\(error.message)")
        }
    }

    @Test func seventyThousandEntriesWriteAsZIP64AndReadBack() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        var z = ZipWriter()
        for i in 0..<70_000 { z.add("sources/\(i).txt", Array("kilde \(i)".utf8)) }
        let url = try write(z.finish(), "big.zip")
        let back = try ZipReader(url: url, name: "big.zip")
        #expect(back.files.count == 70_000)
        #expect(
            back.files.last.map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) } ?? ("", "") == (
                "sources/69999.txt", "kilde 69999"
            ))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            p.arguments = ["-tq", url.path]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(text)")
        }
    }
}
