import Foundation
import Testing
@testable import CaseCore

/// The explorer's searches give back the pages of the index's corpus they have scanned, chunk by
/// chunk: the same hits as a scan that keeps them, search after search (the pages read from the
/// file again), and the corpus no longer resident in the process afterwards.
@Suite struct GivingBackTests {
    /// The index of a dataset in a file of its own, and the dataset read back from it (its corpora
    /// read in place from the mapping, as the explorer reads them).
    static func indexed(_ d: Dataset) throws -> (StudyIndex, Dataset, URL) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giving-back-\(UUID().uuidString).index")
        let fingerprint = DataFingerprint(folder: "/giving-back", files: [])
        try IndexCache.write(d, fingerprint: fingerprint, to: file)
        let index = try StudyIndex.open(file, expecting: fingerprint)
        return (index, try index.dataset(), file)
    }

    /// The resident kilobytes of this process's mappings of a file (`/proc/self/smaps`).
    static func residentKB(of file: URL) throws -> Int {
        // Read to its end by `getline` (Foundation reads a /proc file only up to its first block).
        guard let f = fopen("/proc/self/smaps", "r") else { throw CocoaError(.fileReadNoPermission) }
        defer { fclose(f) }
        var lines: [String] = []
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        defer { free(buffer) }
        while getline(&buffer, &size, f) > 0, let buffer { lines.append(String(cString: buffer)) }
        var inFile = false
        var total = 0
        for raw in lines {
            let line = raw.trimmingCharacters(in: .newlines)
            if let first = line.first, first.isHexDigit, line.contains("-") {
                inFile = line.hasSuffix("/" + file.lastPathComponent)
            } else if inFile, line.hasPrefix("Rss:") {
                total += Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
            }
        }
        return total
    }

    @Test func theSameHitsSearchAfterSearchWithAnyChunk() throws {
        let memory = MatcherPropertyTests.study
        let (index, d, file) = try Self.indexed(memory)
        defer { try? FileManager.default.removeItem(at: file) }
        var rng = SeededGenerator(seed: 41)
        var nonEmpty = 0
        let fixed = ["inkludering", "kompetanse løftet", "\"laget rundt\"", "e", "ø", "skole barn", "zzzz"]
        let queries =
            fixed.flatMap { [SearchQuery($0), SearchQuery($0, foldNordic: true)] }
            + (0..<MatcherPropertyTests.iterations).map { _ in MatcherPropertyTests.randomQuery(memory, &rng) }
        for q in queries {
            let kept = Matcher.positions(q, in: memory.searchIndex)
            // Three searches in a row: each reads the pages the one before gave back.
            for chunk in [1, 4096, 100_000, Matcher.givingBackChunk] {
                #expect(Matcher.positions(q, in: d.searchIndex, givingBackEvery: chunk) == kept, "\(q.text) \(chunk)")
                #expect(Matcher.positions(q, in: index, givingBackEvery: chunk) == kept, "\(q.text) \(chunk)")
            }
            #expect(d.searchIndex.matching(q, givingBack: true) == kept, "\(q.text)")
            #expect(d.searchIndex.matching(q) == kept, "\(q.text), pages kept after")
            // Owned memory (the data read without the index) keeps its bytes: the same hits.
            #expect(memory.searchIndex.matching(q, givingBack: true) == kept, "\(q.text), in memory")
            if !kept.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > queries.count / 3)
        // The ranked hits read the texts afterwards: the same as from the data in memory.
        for q in queries.prefix(20) {
            #expect(Matcher.rank(q, in: d.searchIndex) == Matcher.rank(q, in: memory.searchIndex), "\(q.text)")
        }
    }

    @Test func aSearchGivingBackLeavesTheCorpusNotResident() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("giving-back-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: 6000, coders: 0, seed: 5).write(to: root)
        let (index, d, file) = try Self.indexed(try DataFolder.load(root.appendingPathComponent("cases")))
        defer { try? FileManager.default.removeItem(at: file) }
        let corpusKB = index.corpus(fold: false).bytes.count / 1024
        #expect(corpusKB > 2000, "a corpus of several chunks")
        // "e" is in every text: a scan that keeps its pages leaves the whole corpus resident.
        let q = SearchQuery("e")
        let hits = d.searchIndex.matching(q)
        let keptKB = try Self.residentKB(of: file)
        #expect(d.searchIndex.matching(q, givingBack: true) == hits)
        let givenBackKB = try Self.residentKB(of: file)
        #expect(keptKB - givenBackKB >= corpusKB * 9 / 10, "kept \(keptKB) KB, given back to \(givenBackKB) KB")
        // And the next search reads them again, with the same hits, and gives them back again.
        #expect(d.searchIndex.matching(q, givingBack: true) == hits)
        #expect(try Self.residentKB(of: file) <= givenBackKB + 8)
    }
}
