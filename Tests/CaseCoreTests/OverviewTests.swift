import Foundation
import Testing
@testable import CaseCore

/// The overview the explorer's first screen is drawn from while the whole dataset is built: the
/// same counties, chains, actors and informants, and the same excerpt counts per county, chain
/// and actor as the whole dataset; never trusted from a damaged index.
@Suite struct OverviewTests {
    static func expectOverviewOf(_ o: Dataset, _ d: Dataset, _ what: String) {
        #expect(o.isOverview && !d.isOverview, "\(what)")
        #expect(o.excerpts.isEmpty && o.excerptTotal == d.excerpts.count && d.excerptTotal == d.excerpts.count)
        #expect(o.study == d.study, "\(what): study")
        #expect(o.counties == d.counties, "\(what): counties")
        #expect(o.chains == d.chains, "\(what): chains")
        #expect(o.actors == d.actors, "\(what): actors")
        #expect(o.informants == d.informants, "\(what): informants")
        for c in d.counties { #expect(o.excerptCount(county: c.id) == d.excerptCount(county: c.id), "\(what)") }
        for c in d.chains { #expect(o.excerptCount(chain: c.id) == d.excerptCount(chain: c.id), "\(what)") }
        for a in d.actors {
            #expect(o.excerptCount(actor: a.id) == d.excerpts(ofActor: a.id).count, "\(what): \(a.id)")
            #expect(d.excerptCount(actor: a.id) == d.excerpts(ofActor: a.id).count, "\(what): \(a.id)")
        }
    }

    static func index(_ d: Dataset) throws -> (StudyIndex, URL) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("overview-\(UUID().uuidString).index")
        let fingerprint = DataFingerprint(folder: "/overview", files: [])
        try IndexCache.write(d, fingerprint: fingerprint, to: file)
        return (try StudyIndex.open(file, expecting: fingerprint), file)
    }

    @Test func theBundledStudysOverviewCountsWhatTheDatasetHolds() throws {
        let d = try DataFolder.load(Fixtures.cases)
        let (index, file) = try Self.index(d)
        defer { try? FileManager.default.removeItem(at: file) }
        Self.expectOverviewOf(try index.overview(), d, "Cases/")
        // The whole dataset read after the overview (its checksum then not compared again) is whole.
        DatasetSnapshotTests.expectSame(try index.dataset(), d, "after the overview")
    }

    @Test(arguments: [(1, 1), (333, 3), (1200, 4)])
    func generatedStudiesOverviewsCountWhatTheyHold(excerpts: Int, seed: UInt64) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("overview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: excerpts, coders: 0, seed: seed).write(to: root)
        let d = try DataFolder.load(root.appendingPathComponent("cases"))
        let (index, file) = try Self.index(d)
        defer { try? FileManager.default.removeItem(at: file) }
        Self.expectOverviewOf(try index.overview(), d, "\(excerpts) excerpts, seed \(seed)")
    }

    /// The overview compares the dataset section's checksum: a flipped byte anywhere in it
    /// (in the excerpts too, which the overview does not read) is refused, never shown.
    @Test func aDamagedDatasetSectionGivesNoOverview() throws {
        let s = try StudyIndexTests.Scratch()
        defer { s.remove() }
        _ = try IndexCache.dataset(dataFolder: s.data, cache: s.cache, load: { try DataFolder.load(s.data) })
        let bytes = try Data(contentsOf: s.indexFile)
        let range = try #require(
            try StudyIndex.open(s.indexFile, expecting: DataFingerprint.of(folder: s.data)).sectionRange(.dataset))
        for offset in [range.lowerBound + 9, (range.lowerBound + range.upperBound) / 2, range.upperBound - 1] {
            var damaged = bytes
            damaged[offset] ^= 0x41
            try damaged.write(to: s.indexFile)
            #expect(throws: IndexDamage.self, "byte \(offset)") {
                try StudyIndex.open(s.indexFile, expecting: DataFingerprint.of(folder: s.data)).overview()
            }
        }
    }
}
