import Foundation
import Testing
@testable import CaseCore

/// `export qdpx` written to a file as it is made gives the same archive as the one made in
/// memory, and its cases list exactly the excerpts the filters give (one grouping pass now,
/// instead of a scan of every excerpt per county, chain and actor).
@Suite struct ExportStreamingTests {
    static func study(_ excerpts: Int) throws -> (Dataset, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try SyntheticCorpus(excerpts: excerpts, coders: 2, seed: 5).write(to: root)
        return (try DataFolder.load(root.appendingPathComponent("cases")), root)
    }

    @Test(arguments: [0, 700])
    func theFileWrittenAsItIsMadeIsTheArchiveMadeInMemory(excerpts: Int) throws {
        let (d, root) =
            excerpts == 0 ? (Fixtures.dataset, FileManager.default.temporaryDirectory) : try Self.study(excerpts)
        defer { if excerpts > 0 { try? FileManager.default.removeItem(at: root) } }
        let ws = Workspace(root: root.appendingPathComponent("workspace"))
        var codings: [(coder: String, state: CodingState)] = []
        for name in [Dataset.referenceCoder] + ws.coders() { codings.append((name, try ws.coding(of: name, data: d))) }
        let export = RefiExport(data: d, codings: codings)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).qdpx")
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try export.writeQDPX(to: url, overwrite: false)
        let written = try Data(contentsOf: url)
        #expect(written.count == size)
        #expect(written == Data(export.qdpx()))
        // Nothing but the archive is left in the folder (the scratch files are gone).
        let left = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(!left.contains { $0.hasPrefix(".case-explorer-scratch-") || $0.hasPrefix(".\(url.lastPathComponent)") })
        // Not replaced without being asked to.
        #expect(throws: ExportError.self) { try export.writeQDPX(to: url, overwrite: false) }
        let missing = url.deletingLastPathComponent().appendingPathComponent("no-such-folder-\(UUID().uuidString)")
        do {
            try export.writeQDPX(to: missing.appendingPathComponent("x.qdpx"), overwrite: true)
            Issue.record("written into a folder that does not exist")
        } catch {
            #expect(error.message == "the folder \(missing.path) does not exist; nothing was written.")
        }
    }

    @Test func everyCaseListsTheExcerptsItsFilterGives() throws {
        let (d, root) = try Self.study(600)
        defer { try? FileManager.default.removeItem(at: root) }
        let xml = RefiExport(data: d, codings: []).projectXML()
        func refs(ofCase guid: String) -> [String] {
            guard let start = xml.range(of: "<Case guid=\"\(guid)\"") else { return ["missing"] }
            let end = xml.range(of: "</Case>", range: start.upperBound..<xml.endIndex)!
            return xml[start.upperBound..<end.lowerBound].components(separatedBy: "<SourceRef targetGUID=\"")
                .dropFirst()
                .map { String($0.prefix(36)) }
        }
        func expected(_ f: ExcerptFilter) -> [String] {
            d.excerpts(matching: f).map { RefiExport.guid("source", $0.id) }
        }
        var nonEmpty = 0
        for c in d.counties {
            #expect(refs(ofCase: RefiExport.guid("case", "county-\(c.id)")) == expected(ExcerptFilter(county: c.id)))
        }
        for c in d.chains {
            let e = expected(ExcerptFilter(chain: c.id))
            #expect(refs(ofCase: RefiExport.guid("case", c.id)) == e)
            if !e.isEmpty { nonEmpty += 1 }
        }
        for a in d.actors {
            #expect(refs(ofCase: RefiExport.guid("case", a.id)) == expected(ExcerptFilter(actor: a.id)))
        }
        #expect(nonEmpty > 0)
    }
}
