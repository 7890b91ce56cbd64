import Foundation
import Testing
@testable import CaseCore

/// How the index is written on the first run after a change: from the corpora built per file
/// while the data was read, the excerpts' own strings, and the dataset's section encoded on
/// another thread, the header last.
@Suite struct IndexWritingTests {
    /// The file written from the pieces is the index encoded whole from a dataset loaded
    /// without them, byte for byte.
    @Test func theIndexWrittenFromThePiecesIsTheIndexEncodedWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("writing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: 2_000, coders: 0, seed: 9).write(to: root)
        let cases = root.appendingPathComponent("cases")
        let (during, problems) = DataFolder.loadCollectingProblems(cases, preparingSearch: true, preparingIndex: true)
        #expect(problems.isEmpty)
        let d = try #require(during), plain = try DataFolder.load(cases)
        #expect(
            d.searchIndex.preparedPieces(fold: false) != nil && plain.searchIndex.preparedPieces(fold: false) == nil)
        // The dataset section encoded while the data was validated is the dataset's, and the
        // writer takes it.
        let job = try #require(d.searchIndex.takeSnapshot())
        #expect(job.wait() == DatasetSnapshot.encode(plain))
        d.searchIndex.adopt(snapshot: job)
        let fingerprint = DataFingerprint.of(folder: cases)
        let file = root.appendingPathComponent("written.index")
        try IndexCache.write(d, fingerprint: fingerprint, to: file)
        #expect(try Data(contentsOf: file) == Data(StudyIndex.encode(plain, fingerprint: fingerprint)))
        let index = try StudyIndex.open(file, expecting: fingerprint)
        DatasetSnapshotTests.expectSame(try index.dataset(), plain, "from the pieces")
    }

    /// Two spellings of one text — å as one scalar, and as a and a combining ring — are equal
    /// `String`s, but the data holds them as written: the dataset from the index keeps each.
    @Test func canonicallyEqualSpellingsStayAsWritten() throws {
        let folder = try Fixtures.scratchCopy()
        defer { Fixtures.remove(folder) }
        let composed = "rektor på Skåla", decomposed = "rektor pa\u{030A} Ska\u{030A}la"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        try Fixtures.edit(folder, "excerpts.json") { object in
            var excerpts = object["excerpts"] as! [[String: Any]]
            for (k, role) in [(0, composed), (1, decomposed), (2, composed)] {
                var speaker = excerpts[k]["speaker"] as! [String: Any]
                speaker["role"] = role
                excerpts[k]["speaker"] = speaker
            }
            object["excerpts"] = excerpts
        }
        let d = try DataFolder.load(folder)
        #expect(Array(d.excerpts[1].speaker.role.utf8) == Array(decomposed.utf8))
        let back = try DatasetSnapshotTests.roundTrip(d)
        for k in 0..<3 {
            #expect(Array(back.excerpts[k].speaker.role.utf8) == Array(d.excerpts[k].speaker.role.utf8), "excerpt \(k)")
        }
    }

    /// The vectorised substring search finds what a plain scan finds: texts of few letters (so
    /// that partial matches abound), needles of 1 to 40 bytes, lengths around its 16-byte steps.
    @Test func theSubstringSearchFindsTheLeftmostMatch() {
        var random = SeededRandom(seed: 42)
        func naive(_ needle: [UInt8], _ text: [UInt8], from: Int) -> Int? {
            guard needle.count <= text.count - from else { return nil }
            for i in from...(text.count - needle.count) where Array(text[i..<(i + needle.count)]) == needle {
                return i
            }
            return nil
        }
        var checked = 0
        for _ in 0..<20_000 {
            let letters = 1 + Int(random.next() % 3)
            let text = (0..<Int(random.next() % 100)).map { _ in UInt8(0x61 + random.next() % UInt64(letters)) }
            let needle = (0..<(1 + Int(random.next() % 40))).map { _ in UInt8(0x61 + random.next() % UInt64(letters)) }
            let from = text.isEmpty ? 0 : Int(random.next() % UInt64(text.count))
            text.withUnsafeBytes { t in
                #expect(Matcher.find(needle, in: t, from: from) == naive(needle, text, from: from))
            }
            checked += 1
        }
        #expect(checked == 20_000)
    }

    /// The same, with each text ending where an unreadable page begins: the filter's 16-byte
    /// loads must stay inside the text. In an array, a load past the end reads the allocation's
    /// slack unnoticed (only the address sanitizer sees it); here it ends the test process.
    @Test func theSubstringSearchReadsNothingPastTheText() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapped = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        let base = try #require(mapped == MAP_FAILED ? nil : mapped)
        defer { munmap(base, 2 * page) }
        try #require(mprotect(base + page, page, PROT_NONE) == 0)
        var random = SeededRandom(seed: 9)
        for _ in 0..<20_000 {
            let letters = UInt64(1 + random.next() % 3)
            let count = Int(random.next() % 120)
            let start = base + page - count
            let text = (0..<count).map { _ in UInt8(0x61 + random.next() % letters) }
            let needle = (0..<(1 + Int(random.next() % 40))).map { _ in UInt8(0x61 + random.next() % letters) }
            UnsafeMutableRawBufferPointer(start: start, count: count).copyBytes(from: text)
            let from = count == 0 ? 0 : Int(random.next() % UInt64(count))
            let found = Matcher.find(needle, in: UnsafeRawBufferPointer(start: start, count: count), from: from)
            let expected =
                needle.count > count - from
                ? nil
                : (from...(count - needle.count)).first {
                    Array(text[$0..<($0 + needle.count)]) == needle
                }
            #expect(found == expected)
        }
    }
}

/// A small deterministic generator (SplitMix64) for the property above.
private struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
