import Foundation
import Testing
@testable import CaseCore

/// The dataset the index holds (what `show`, `matrix`, `agreement` and the explorer start from)
/// is the dataset the JSON gives: every entity, every field, the lookups and the search.
@Suite struct DatasetSnapshotTests {
    /// Every collection and the derived tables compared field by field (the entities are Hashable).
    static func expectSame(_ a: Dataset, _ b: Dataset, _ what: String) {
        #expect(a.study == b.study, "\(what): study")
        #expect(a.counties == b.counties, "\(what): counties")
        #expect(a.chains == b.chains, "\(what): chains")
        #expect(a.actors == b.actors, "\(what): actors")
        #expect(a.informants == b.informants, "\(what): informants")
        #expect(a.excerpts == b.excerpts, "\(what): excerpts")
        #expect(a.codes == b.codes, "\(what): codes")
        #expect(a.codings == b.codings, "\(what): codings")
        #expect(a.researchQuestions == b.researchQuestions, "\(what): research questions")
        #expect(a.attentionPoints == b.attentionPoints, "\(what): attention points")
        #expect(a.surveyTables == b.surveyTables, "\(what): survey tables")
        #expect(a.sources == b.sources, "\(what): sources")
        #expect(a.relatedReports == b.relatedReports, "\(what): related reports")
        // LocalizedText's == compares its flag too; the bilingual flag must survive.
        #expect(a.counties.map(\.organisation.isBilingual) == b.counties.map(\.organisation.isBilingual))
        #expect(a.vocabulary == b.vocabulary, "\(what): vocabulary")
        #expect(a.facets.referenceCodes == b.facets.referenceCodes, "\(what): facets")
        for i in Swift.stride(from: 0, to: a.excerpts.count, by: max(1, a.excerpts.count / 50)) {
            #expect(a.index(ofExcerpt: a.excerpts[i].id) == i)
            #expect(a.referenceCodes(of: a.excerpts[i].id) == b.referenceCodes(of: b.excerpts[i].id))
        }
        for fold in [false, true] {
            let x = a.searchIndex.corpus(fold: fold), y = b.searchIndex.corpus(fold: fold)
            #expect(Array(x.bytes) == Array(y.bytes) && Array(x.starts) == Array(y.starts), "\(what): corpus")
        }
    }

    static func roundTrip(_ d: Dataset) throws -> Dataset {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).index")
        defer { try? FileManager.default.removeItem(at: file) }
        let fingerprint = DataFingerprint(folder: "/snapshot", files: [])
        try IndexCache.write(d, fingerprint: fingerprint, to: file)
        return try StudyIndex.open(file, expecting: fingerprint).dataset()
    }

    @Test func theBundledDataComesBackWhole() throws {
        let d = try DataFolder.load(Fixtures.cases)
        Self.expectSame(try Self.roundTrip(d), d, "Cases/")
    }

    /// A property over generated studies of several sizes and seeds (every optional field is
    /// drawn present and absent by the generator).
    @Test(arguments: [(1, 1), (40, 2), (333, 3), (1200, 4)])
    func generatedStudiesComeBackWhole(excerpts: Int, seed: UInt64) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: excerpts, coders: 0, seed: seed).write(to: root)
        let d = try DataFolder.load(root.appendingPathComponent("cases"))
        Self.expectSame(try Self.roundTrip(d), d, "\(excerpts) excerpts, seed \(seed)")
    }

    /// Through the cache as the commands use it: the first run loads the JSON and builds the
    /// index, the second reads the dataset from the index, and both are the same.
    @Test func theCommandsPathReadsTheIndexTheSecondTime() throws {
        let s = try StudyIndexTests.Scratch()
        defer { s.remove() }
        let loads = Counter()
        func load() throws -> Dataset { loads.add(); return try DataFolder.load(s.data) }
        let first = try IndexCache.dataset(dataFolder: s.data, cache: s.cache, load: load)
        #expect(loads.value == 1)
        let second = try IndexCache.dataset(dataFolder: s.data, cache: s.cache, load: load)
        #expect(loads.value == 1, "the second run parses no JSON")
        Self.expectSame(second, first, "cache")
        // Without a cache folder (--no-index, CASE_EXPLORER_NO_INDEX=1): the JSON every time.
        _ = try IndexCache.dataset(dataFolder: s.data, cache: nil, load: load)
        #expect(loads.value == 2)
    }

    /// A damaged dataset section passes the open's checks (it has a checksum of its own, read
    /// only when the dataset is): it is still never trusted, and the index is rebuilt whole.
    @Test func aDamagedDatasetIsRebuiltNeverTrusted() throws {
        let s = try StudyIndexTests.Scratch()
        defer { s.remove() }
        let good = try IndexCache.dataset(dataFolder: s.data, cache: s.cache, load: { try DataFolder.load(s.data) })
        let bytes = try Data(contentsOf: s.indexFile)
        let index = try StudyIndex.open(s.indexFile, expecting: DataFingerprint.of(folder: s.data))
        let range = try #require(index.sectionRange(.dataset))
        for offset in [
            range.lowerBound, range.lowerBound + 9, (range.lowerBound + range.upperBound) / 2, range.upperBound - 1
        ] {
            var damaged = bytes
            damaged[offset] ^= 0x41
            try damaged.write(to: s.indexFile)
            #expect(throws: IndexDamage.self) {
                try StudyIndex.open(s.indexFile, expecting: DataFingerprint.of(folder: s.data)).dataset()
            }
            let loads = Counter()
            let again = try IndexCache.dataset(
                dataFolder: s.data, cache: s.cache,
                load: {
                    loads.add(); return try DataFolder.load(s.data)
                })
            #expect(loads.value == 1, "byte \(offset): the JSON was read again")
            Self.expectSame(again, good, "byte \(offset)")
            #expect(try Data(contentsOf: s.indexFile) == bytes, "byte \(offset): the index is whole again")
        }
    }
}
