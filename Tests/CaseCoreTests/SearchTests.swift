import Testing
@testable import CaseCore
import Presentation

@Suite struct SearchTests {
    let d = Fixtures.dataset

    @Test func isCaseInsensitive() {
        let lower = d.search(SearchQuery("statped")).map(\.excerpt.id)
        let upper = d.search(SearchQuery("STATPED")).map(\.excerpt.id)
        #expect(!lower.isEmpty)
        #expect(lower == upper)
    }

    @Test func matchesNorwegianLettersExactlyUnlessAskedToFold() {
        let exact = d.search(SearchQuery("søknader"))
        #expect(!exact.isEmpty)
        #expect(d.search(SearchQuery("soknader")).isEmpty, "o must not match ø unless --fold")
        let folded = d.search(SearchQuery("soknader", foldNordic: true))
        #expect(Set(folded.map(\.excerpt.id)) == Set(exact.map(\.excerpt.id)))
    }

    @Test func foldsÆToAeAndÅToA() {
        let text = "Lærerne på skolen får økt kompetanse"
        struct Hit { let matches: [Range<Int>] }
        func hit(_ q: String, fold: Bool) -> Hit? {
            Matcher.ranges(SearchQuery(q, foldNordic: fold), position: 0, in: SingleText(text)).map {
                Hit(matches: text.characterRanges($0))
            }
        }
        #expect(hit("laererne", fold: true) != nil)
        #expect(hit("laererne", fold: false) == nil)
        #expect(hit("pa skolen", fold: true) != nil)
        #expect(hit("okt", fold: true) != nil)
        #expect(hit("LÆRERNE", fold: false) != nil)
        // Highlighting refers to the original characters: "økt" is 3 characters at offset 22.
        #expect(hit("okt", fold: true)?.matches == [22..<25])
        // "ae" covers the one original character "æ".
        #expect(hit("laer", fold: true)?.matches == [0..<3])
    }

    @Test func requiresEveryWordAndKeepsQuotedPhrasesWhole() {
        let both = d.search(SearchQuery("hav søknader"))
        #expect(both.map(\.excerpt.id).contains("ex-5.3-02"))
        #expect(d.search(SearchQuery("\"hav av søknader\"")).map(\.excerpt.id) == ["ex-5.3-02"])
        #expect(d.search(SearchQuery("\"søknader hav\"")).isEmpty)
        #expect(d.search(SearchQuery("   ")).isEmpty)
    }

    @Test func ranksWholeWordsAboveFragments() {
        let hits = d.search(SearchQuery("for"))
        #expect(hits.count > 2)
        let scores = hits.map(\.score)
        #expect(scores == scores.sorted(by: >))
        let top = hits[0]
        let chars = Array(top.excerpt.text)
        let firstMatch = top.matches[0]
        #expect(String(chars[firstMatch]).lowercased() == "for")
    }

    @Test func appliesFilters() {
        let all = d.search(SearchQuery("analyse"))
        let county1 = d.search(SearchQuery("analyse"), filter: ExcerptFilter(county: 1))
        #expect(!county1.isEmpty && county1.count < all.count)
        #expect(county1.allSatisfy { $0.excerpt.attribution.county == 1 })
    }
}

@Suite struct FilterTests {
    let d = Fixtures.dataset

    @Test func eachFilterNarrowsAndTheyCombine() {
        #expect(d.excerpts(matching: ExcerptFilter()).count == d.excerpts.count)
        #expect(d.excerpts(matching: ExcerptFilter(county: 3)).allSatisfy { $0.attribution.county == 3 })
        #expect(d.excerpts(matching: ExcerptFilter(chain: "cf3-pp1")).allSatisfy { $0.attribution.chain == "cf3-pp1" })
        #expect(d.excerpts(matching: ExcerptFilter(actorKind: .uh)).allSatisfy { d.actorKind(of: $0) == .uh })
        #expect(
            d.excerpts(matching: ExcerptFilter(level: 4)).allSatisfy {
                [.ppt, .skole, .barnehage].contains(d.actorKind(of: $0))
            })
        #expect(
            d.excerpts(matching: ExcerptFilter(code: "statped")).allSatisfy {
                d.referenceCodes(of: $0.id).contains("statped")
            })
        #expect(d.excerpts(matching: ExcerptFilter(confidence: .unknown)).allSatisfy { $0.attribution.county == nil })
        #expect(
            d.excerpts(matching: ExcerptFilter(speakerRole: "ppt")).isEmpty
                == d.excerpts.allSatisfy { !$0.speaker.role.lowercased().contains("ppt") })
        let q5 = d.excerpts(matching: ExcerptFilter(researchQuestion: 5))
        #expect(!q5.isEmpty)
        #expect(q5.allSatisfy { d.researchQuestions(of: $0).contains(5) })
        let both = d.excerpts(matching: ExcerptFilter(county: 1, actorKind: .uh))
        #expect(both.count <= d.excerpts(matching: ExcerptFilter(county: 1)).count)
        #expect(ExcerptFilter(county: 1, code: "ppt").summary == "county 1, code ppt")
        #expect(ExcerptFilter().summary == "all excerpts")
    }
}

@Suite struct DisplayWidthTests {
    @Test func countsCellsNotCharacters() {
        #expect(DisplayWidth.of("Kompetanseløftet") == 16)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("表") == 2)
        #expect(DisplayWidth.of("😀") == 2)
    }

    @Test func wrapsAtSpacesWithinTheWidth() {
        let lines = DisplayWidth.wrap("Det å få snudd skuta på et annet spor er viktig", width: 16)
        #expect(lines == ["Det å få snudd", "skuta på et", "annet spor er", "viktig"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 16 })
        #expect(DisplayWidth.wrap("Kompetanseløftet", width: 6) == ["Kompet", "anselø", "ftet"])
    }

    @Test func truncatesAndPadsByCells() {
        #expect(DisplayWidth.truncate("æøåæøå", to: 4) == "æøå…")
        #expect(DisplayWidth.pad("æø", to: 4) == "æø  ")
        #expect(DisplayWidth.truncate("kort", to: 10) == "kort")
    }
}
