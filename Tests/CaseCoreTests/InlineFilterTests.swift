import CaseCore
import Foundation
import Testing

/// `key:value` words in a search line: the same filter as the command line's options.
@Suite struct InlineFilterTests {
    let data = Fixtures.dataset

    @Test func filtersNarrowAndTheRestIsSearchedFor() {
        let p = InlineFilter.parse("kapasitet kind:ppt county:3 \"hav av\"", data: data)
        #expect(p.text == "kapasitet \"hav av\"")
        #expect(p.filter.actorKind == .ppt && p.filter.county == 3)
        #expect(p.problems.isEmpty && p.hasFilters)
    }

    @Test func bokmalKeysCaseInsensitiveIdsAndQuotedValues() {
        let p = InlineFilter.parse(
            "fylke:1 TYPE:PPT kode:PPT rolle:\"leder i PP\" nivå:4 sikkerhet:inferred problemstilling:5", data: data)
        #expect(p.problems.isEmpty, "\(p.problems)")
        #expect(p.filter.county == 1 && p.filter.actorKind == .ppt && p.filter.code == "ppt" && p.filter.level == 4)
        #expect(p.filter.speakerRole == "leder i PP" && !p.filter.speakerRoleExact, "typed roles match as a part")
        #expect(p.filter.confidence == .inferred && p.filter.researchQuestion == 5)
        #expect(p.text.isEmpty)
    }

    @Test func aQuotedKeyValueAndAnUnknownKeyAreText() {
        let p = InlineFilter.parse("\"kind:ppt\" klokka:12", data: data)
        #expect(p.text == "\"kind:ppt\" klokka:12")
        #expect(p.filter.isEmpty && !p.hasFilters)
    }

    @Test(arguments: [
        ("kind:x", "the kinds are"), ("county:9", "the counties are 1, 2, 3"), ("chain:nope", "no chain has that id"),
        ("code:", "give a value"), ("level:5", "the levels are"), ("question:0", "the research questions are"),
        ("confidence:sure", "the confidences are"), ("actor:nobody", "no actor has that id")
    ])
    func aValueThatNamesNothingIsASentenceAndTheRestStillApplies(_ word: String, _ says: String) {
        let p = InlineFilter.parse("søknad kind:ppt \(word)", data: data)
        #expect(p.problems.count == 1)
        #expect(p.problems.first?.hasPrefix(word + " — ") == true)
        #expect(p.problems.first?.contains(says) == true, "\(p.problems)")
        #expect(p.filter.actorKind == .ppt && p.text == "søknad")
    }

    @Test func narrowsTheFilterItStartsFromAndListsWhatTheOptionsList() {
        var base = ExcerptFilter()
        base.county = 3
        let p = InlineFilter.parse("kind:ppt", base: base, data: data)
        let options = ExcerptFilter(county: 3, actorKind: .ppt)
        #expect(p.filter == options)
        #expect(data.excerptIndices(matching: p.filter) == data.excerptIndices(matching: options))
        #expect(!data.excerptIndices(matching: p.filter).isEmpty)
    }

    @Test func wordsKeepQuotedSpacesTogether() {
        let p = InlineFilter.parse(words: ["det", "role:en ansatt i PP"], data: data)
        #expect(p.text == "det" && p.filter.speakerRole == "en ansatt i PP")
    }
}
