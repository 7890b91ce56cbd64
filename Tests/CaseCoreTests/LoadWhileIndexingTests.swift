import Foundation
import Testing
@testable import CaseCore

/// The search corpora built on another thread while the files are read are the same, byte for
/// byte, as those built from the loaded dataset afterwards: the index written from either is
/// identical.
@Suite struct LoadWhileIndexingTests {
    @Test(arguments: [false, true])
    func theIndexBuiltWhileLoadingIsTheIndexBuiltAfter(bundled: Bool) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("load-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // Generated: several files of excerpts, with æøå and the hostile texts the generator mixes in.
        let cases = try Fixtures.cases(
            bundled: bundled, orGenerate: SyntheticCorpus(excerpts: 3_000, coders: 1, seed: 7), in: root)
        let (during, duringProblems) = DataFolder.loadCollectingProblems(cases, preparingSearch: true)
        let (after, afterProblems) = DataFolder.loadCollectingProblems(cases)
        #expect(duringProblems.isEmpty && afterProblems.isEmpty)
        let d = try #require(during), a = try #require(after)
        let fingerprint = DataFingerprint.of(folder: cases)
        #expect(StudyIndex.encode(d, fingerprint: fingerprint) == StudyIndex.encode(a, fingerprint: fingerprint))
        for fold in [false, true] {
            let x = d.searchIndex.corpus(fold: fold), y = a.searchIndex.corpus(fold: fold)
            #expect(x.count == a.excerpts.count)
            #expect(Array(x.bytes) == Array(y.bytes) && Array(x.starts) == Array(y.starts))
        }
    }

    /// A file with problems still gives the corpora of the excerpts that were decoded, in order.
    @Test func aFolderWithProblemsKeepsTheCorporaInStep() throws {
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        try Data(#"{"excerpts": [{"id": "broken"}]}"#.utf8).write(to: folder.appendingPathComponent("a-broken.json"))
        let (d, problems) = DataFolder.loadCollectingProblems(folder, preparingSearch: true)
        #expect(!problems.isEmpty)
        let data = try #require(d)
        let corpus = data.searchIndex.corpus(fold: false)
        #expect(corpus.count == data.excerpts.count)
        for i in data.excerpts.indices {
            #expect(Array(corpus.text(i)) == TextNormalizer.normalize(data.excerpts[i].text, fold: false))
        }
    }
}
