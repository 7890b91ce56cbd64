import Foundation
import Testing
@testable import CaseCore

/// A dataset read from the index keeps no copy of the excerpt texts: each is read from the
/// index's memory-mapped original texts when asked for, and is the JSON's text byte for byte.
@Suite struct MappedTextTests {
    /// Texts that strings would compare equal to others (å as one scalar or as a and a ring),
    /// and others that are easy to get wrong in bytes.
    static let awkward = [
        "Vi må ha æøå og ÆØÅ på plass.", "Vi ma\u{030A} ha decomposed a\u{030A} her.",
        "Fire byte: 👩‍🔬 og 👍🏽.",
        "CR LF\r\nog tab\tog hardt\u{00A0}mellomrom", "", "e\u{0301} og é", "\u{FEFF}BOM midt i\u{200B}teksten"
    ]

    static func expectSameBytes(_ a: Dataset, _ b: Dataset, _ what: String) {
        #expect(a.excerpts.count == b.excerpts.count, "\(what): count")
        var differ: [String] = []
        for (x, y) in zip(a.excerpts, b.excerpts) where !x.text.utf8.elementsEqual(y.text.utf8) { differ.append(x.id) }
        #expect(differ.isEmpty, "\(what): texts not byte for byte: \(differ.prefix(5))")
        // Compared and hashed as the text: a set or a dictionary of excerpts holds the same.
        #expect(a.excerpts == b.excerpts, "\(what): excerpts")
        #expect(a.excerpts.map(\.hashValue) == b.excerpts.map(\.hashValue), "\(what): hashes")
    }

    @Test func everyTextFromTheIndexIsTheJSONsByteForByte() throws {
        let bundled = try DataFolder.load(Fixtures.cases)
        Self.expectSameBytes(try DatasetSnapshotTests.roundTrip(bundled), bundled, "Cases/")
        // The awkward texts in place of the first excerpts' (decomposed å stays decomposed).
        var changed = bundled.excerpts
        for (k, t) in Self.awkward.enumerated() { changed[k].text = t }
        let d = bundled.with(excerpts: changed)
        let back = try DatasetSnapshotTests.roundTrip(d)
        Self.expectSameBytes(back, d, "awkward texts")
        #expect(Array(back.excerpts[1].text.unicodeScalars).contains("\u{030A}"))
        #expect(!back.excerpts[1].text.unicodeScalars.contains("å"))
        // A generated study read from JSON, then from the index through the cache as the commands do.
        let s = try StudyIndexTests.Scratch(excerpts: 1200)
        defer { s.remove() }
        let json = try DataFolder.load(s.data)
        _ = try IndexCache.dataset(dataFolder: s.data, cache: s.cache, load: { json })
        let fromIndex = try IndexCache.dataset(
            dataFolder: s.data, cache: s.cache, load: { throw CocoaError(.fileReadUnknown) })
        Self.expectSameBytes(fromIndex, json, "1 200 generated excerpts")
        // The search reads the same original texts: snippets and ranking as from the JSON.
        for q in ["inkludering", "ø", "skole barn"].map({ SearchQuery($0) }) {
            #expect(fromIndex.search(q).map(\.byteMatches) == json.search(q).map(\.byteMatches), "\(q.text)")
        }
    }

    /// A text changed in a dataset read from the index is the new text (the index is not
    /// touched), and a dataset made of a part of its excerpts searches their own texts.
    @Test func changedAndFilteredExcerptsKeepTheirOwnTexts() throws {
        let d = try DatasetSnapshotTests.roundTrip(try DataFolder.load(Fixtures.cases))
        var e = d.excerpts[3]
        let old = e.text
        e.text = "ny tekst med å"
        #expect(e.text == "ny tekst med å" && d.excerpts[3].text == old)
        let part = Array(d.excerpts.suffix(5).reversed())
        let p = d.with(excerpts: part)
        for (k, x) in part.enumerated() {
            p.searchIndex.withOriginal(k) { #expect($0.elementsEqual(x.text.utf8), "\(x.id)") }
        }
    }

    /// Reading the texts reads the index's mapping: nothing of them is resident after the
    /// dataset is built, and asking for every text brings the section's pages in (before, the
    /// texts were copied into strings and the mapping was never read again).
    @Test func theTextsAreReadFromTheIndexWhenAskedFor() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-text-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: 6000, coders: 0, seed: 7).write(to: root)
        let (index, d, file) = try GivingBackTests.indexed(try DataFolder.load(root.appendingPathComponent("cases")))
        defer { try? FileManager.default.removeItem(at: file) }
        let sectionKB = (index.sectionRange(.originalBytes)?.count ?? 0) / 1024
        #expect(sectionKB > 2000, "texts of many pages")
        let before = try GivingBackTests.residentKB(of: file)
        var bytes = 0
        for e in d.excerpts { bytes += e.text.utf8.count + 1 }
        #expect(bytes / 1024 == sectionKB)
        let after = try GivingBackTests.residentKB(of: file)
        #expect(after - before >= sectionKB * 9 / 10, "resident \(before) KB, after reading the texts \(after) KB")
    }

    /// The explorer's open checks that every text ends in its 0 byte, as every open does, and
    /// gives each stretch of pages back once checked: the texts are not resident after it (an
    /// open that keeps them, for `search`, which scans them next, leaves all three corpora in).
    @Test func theExplorersOpenLeavesTheTextsNotResident() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mapped-open-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: 6000, coders: 0, seed: 8).write(to: root)
        let (_, _, file) = try GivingBackTests.indexed(try DataFolder.load(root.appendingPathComponent("cases")))
        defer { try? FileManager.default.removeItem(at: file) }
        let fingerprint = DataFingerprint(folder: "/giving-back", files: [])
        func residentAfterOpen(givingBack: Bool) throws -> (resident: Int, textsKB: Int) {
            let index = try StudyIndex.open(file, expecting: fingerprint, givingBack: givingBack)
            let texts = [StudyIndex.Section.originalBytes, .plainBytes, .foldedBytes].reduce(0) {
                $0 + (index.sectionRange($1)?.count ?? 0)
            }
            let resident = try GivingBackTests.residentKB(of: file)
            // Still a working index: the dataset and a search from it.
            #expect(try index.dataset().search(SearchQuery("e")).count == index.excerptCount)
            return (resident, texts / 1024)
        }
        let kept = try residentAfterOpen(givingBack: false)
        let givenBack = try residentAfterOpen(givingBack: true)
        #expect(kept.textsKB > 6000)
        #expect(kept.resident >= kept.textsKB * 9 / 10, "kept: \(kept.resident) KB of \(kept.textsKB) KB")
        #expect(givenBack.resident <= kept.textsKB / 10, "given back: \(givenBack.resident) KB")
    }

    /// The report's codes by excerpt, kept as codebook positions, are given back as the codings
    /// wrote them, also where positions cannot say it: a code not in the codebook, a code id in
    /// other bytes (decomposed å), a coding of no excerpt of the study, two codings of one excerpt.
    @Test func theReportsCodesComeBackAsWritten() throws {
        let d = try DataFolder.load(Fixtures.cases)
        let ids = d.excerpts.map(\.id)
        let code = Code(id: "på-vei", name: "På vei", description: "", color: "#000000", researchQuestions: [2, 3])
        let extra = [
            Coding(coder: Dataset.referenceCoder, excerpt: ids[0], codes: ["finnes-ikke", d.codes[0].id]),
            Coding(coder: Dataset.referenceCoder, excerpt: ids[1], codes: ["pa\u{030A}-vei"]),
            Coding(coder: Dataset.referenceCoder, excerpt: ids[1], codes: [d.codes[1].id]),
            Coding(coder: Dataset.referenceCoder, excerpt: ids[2], codes: ["på-vei", d.codes[2].id]),
            Coding(coder: Dataset.referenceCoder, excerpt: ids[2], codes: []),
            Coding(coder: Dataset.referenceCoder, excerpt: "ikke-i-studien", codes: ["på-vei"]),
            Coding(coder: "annen", excerpt: ids[3], codes: ["på-vei"])
        ]
        let x = d.with(codes: d.codes + [code], codings: extra + d.codings)
        let reference = x.codings.filter { $0.coder == Dataset.referenceCoder }
        func written(_ id: String) -> [String] { reference.filter { $0.excerpt == id }.flatMap(\.codes) }
        for id in ids + ["ikke-i-studien", "ingen"] {
            let got = x.referenceCodes(of: id), want = written(id)
            #expect(got.map { Array($0.utf8) } == want.map { Array($0.utf8) }, "\(id)")
        }
        let position = Dictionary(x.codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (i, id) in ids.enumerated() {
            let want: [Int]? = reference.contains { $0.excerpt == id } ? written(id).compactMap { position[$0] } : nil
            #expect(x.facets.referenceCodes[i] == want, "\(id)")
        }
        // Each question once per excerpt coded with a code serving it (the coding of no excerpt too).
        for q in 1...10 {
            let want = Set(reference.map(\.excerpt)).filter { id in
                written(id).contains { position[$0].map { x.codes[$0].researchQuestions.contains(q) } ?? false }
            }.count
            #expect(x.excerptCount(question: q) == want, "question \(q)")
        }
    }
}
