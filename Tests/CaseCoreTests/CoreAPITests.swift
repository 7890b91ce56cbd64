@testable import CaseCore
import Foundation
import Testing

/// The core as another Swift tool uses it: the README's example compiles and runs here, and a
/// dataset's lookups can never disagree with its contents.
@Suite struct CoreAPITests {
    @Test func theReadmeExampleRunsAndIsTheOneInTheReadme() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("api-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let journal = try Journal(workspace: Workspace(root: workspace), coder: "anna")
        try CodingSession(journal: journal, data: Fixtures.dataset).record(
            CodingEvent(coder: "anna", excerpt: "ex-7.2-02", action: .apply, code: "ppt"))
        let cases = Fixtures.cases
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        // README example begins
        let data = try DataFolder.load(cases)
        let anna = try Workspace(root: workspace).coding(of: "anna", data: data)
        for e in data.excerpts(matching: ExcerptFilter(actorKind: .ppt)) where anna[e.id].codes.contains("ppt") {
            print(e.id, e.source.section, e.source.lines, e.text)
        }
        // README example ends

        #expect(printed.count == 1 && printed[0].hasPrefix("ex-7.2-02 "))
        let readme = try String(contentsOf: Fixtures.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let me = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let example = me.components(separatedBy: "// README example begins\n")[1].components(
            separatedBy: "        // README example ends")[0]
            .split(separator: "\n", omittingEmptySubsequences: false).map { $0.dropFirst(8) }.joined(separator: "\n")
        #expect(readme.contains(example), "README.md's example differs from this test's; copy it over:\n\(example)")
    }

    @Test func aChangedCollectionComesWithItsIndexesRebuilt() throws {
        let d = Fixtures.dataset
        let first = d.excerpts[0], second = d.excerpts[1]
        let one = d.with(excerpts: [first])
        #expect(one.excerpt(first.id) != nil && one.excerpt(second.id) == nil)
        #expect(one.facets.ids == [first.id])
        #expect(one.excerptIndices(matching: ExcerptFilter()) == [0])
    }
}

@Suite struct LinkedDataFolderTests {
    @Test func aDataFolderGivenAsASymbolicLinkIsReadWhereItPoints() throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("cases-link-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: Fixtures.cases)
        defer { try? FileManager.default.removeItem(at: link) }
        let (data, problems) = DataFolder.loadCollectingProblems(link)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(data?.excerpts.count == Fixtures.dataset.excerpts.count)
        #expect(
            DataFolder.jsonFiles(in: link).allSatisfy { $0.path.hasPrefix(link.path + "/") },
            "files are named under the folder as given")
    }
}
