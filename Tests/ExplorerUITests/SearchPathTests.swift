import Foundation
import Testing
import CaseCore
@testable import ExplorerUI

/// The explorer's filter and search hits are the core's: for random filters and queries on the
/// bundled data, the listed excerpts, the marked hits and their highlighted stretches are those
/// of `Dataset.excerptIndices` and `Dataset.search`.
@Suite struct SearchPathTests {
    @Test func theExplorerListsAndMarksWhatTheCommandLineFinds() {
        let d = UIFixtures.data
        var rng = SeededGenerator(seed: 4)
        let words = d.excerpts.flatMap { $0.text.split(separator: " ").prefix(3).map(String.init) }
        for _ in 0..<80 {
            var state = AppState(data: d, language: .nb, width: 100, height: 30)
            var f = ExcerptFilter()
            if rng.next() % 2 == 0 { f.county = d.counties.randomElement(using: &rng)?.id }
            if rng.next() % 3 == 0 { f.code = d.codes.randomElement(using: &rng)?.id }
            if rng.next() % 3 == 0 { f.level = Int(rng.next() % 4) + 1 }
            let word = String(words[Int(rng.next() % UInt64(words.count))].prefix(1 + Int(rng.next() % 6)))
            let fold = rng.next() % 2 == 0
            state.filter = f
            state.search = SearchState(query: word, fold: fold)
            let query = SearchQuery(word, foldNordic: fold)
            #expect(state.listedExcerpts.positions == d.excerptIndices(matching: f))
            let ranked = d.search(query, filter: f)
            let marked = state.listedExcerpts.positions.filter { state.hits.contains(position: $0) }
            #expect(marked == ranked.map(\.position).sorted(), "\(word) \(f.summary)")
            for hit in ranked.prefix(3) { #expect(state.hits[hit.excerpt.id] == hit.matches) }
        }
    }
}

/// One line asks one question: `/kapasitet kind:ppt`, and `/` on an actor starts with its kind.
@Suite struct SearchWithFiltersTests {
    func state(_ keys: String) -> AppState { UIFixtures.state(keys, language: .en) }

    @Test func slashOnAnActorStartsWithItsKindAndTheWordsAreSearchedWithin() {
        var s = state("j j j")
        guard case let .chains(c) = s.screen, let node = c.node, let kind = UIFixtures.data.actor(node)?.kind else {
            Issue.record("no actor selected on the chains screen"); return
        }
        s.handle(.char("/"))
        #expect(s.prompt?.text == "kind:\(kind.rawValue) ")
        #expect(s.filter.actorKind == kind)
        for ch in "det" { s.handle(.char(ch)) }
        #expect(s.search.query == "det")
        s.handle(.enter)
        #expect(s.prompt == nil && s.filter.actorKind == kind && s.search.query == "det")
        #expect(!s.listedExcerpts.isEmpty && s.listedExcerpts.allSatisfy { UIFixtures.data.actorKind(of: $0) == kind })
        #expect(Frame.render(s).text.contains("Actor kind " + FilterDimension.kindName(kind, .en)))
    }

    /// USER-GUIDE's example of the one-line question (`j j j`, `/`, a word, `Enter`) finds what
    /// it promises: PP staff, among them one the report ties to no county. Its word was
    /// "kapasitet", which no PP excerpt holds (0 hits).
    @Test func theGuidesExampleFindsWhatItPromises() {
        let s = state("j j j / v e i l e d e r Enter")
        #expect(s.filter.actorKind == .ppt && s.search.query == "veileder")
        let hits = s.listedExcerpts.filter { s.hits[$0.id] != nil }
        #expect(hits.map(\.id) == ["ex-7.2-02"])
        #expect(hits.allSatisfy { $0.attribution.county == nil })
    }

    @Test func escRestoresTheFilterAndTheSearchAsTheyWere() {
        var s = state("e f l Esc")
        let before = s.filter
        #expect(before.county != nil)
        for key in [Key.char("/")] + "kap kind:ppt".map({ Key.char($0) }) { s.handle(key) }
        #expect(s.filter.actorKind == .ppt && s.filter.county == before.county, "narrows the filter it started from")
        s.handle(.escape)
        #expect(s.filter == before && s.search.query.isEmpty)
    }

    @Test func aFilterThatNamesNothingIsSaidOnEnter() {
        var s = state("e")
        for key in [Key.char("/")] + "kap kind:pp".map({ Key.char($0) }) { s.handle(key) }
        #expect(s.filter.actorKind == nil, "an unfinished value narrows nothing while typing")
        s.handle(.enter)
        #expect(s.message?.hasPrefix("kind:pp — the kinds are") == true, "\(s.message ?? "")")
    }

    @Test func aSearchFromTheExcerptListStartsEmpty() {
        var s = state("e")
        s.handle(.char("/"))
        #expect(s.prompt?.text == "")
    }
}

/// The actor page offers what speakers of its kind said when the report ties it to no actor.
@Suite struct UnattributedOfKindTests {
    @Test func thePPTjenesteOffersThePPStaffTheReportDoesNotAttributeMarkedSo() throws {
        var s = UIFixtures.state("j j j Enter", language: .en)
        guard case let .node(n) = s.screen, let actor = UIFixtures.data.actor(n.actor) else {
            Issue.record("no actor page"); return
        }
        #expect(actor.kind == .ppt && UIFixtures.data.excerpts(ofActor: actor.id).isEmpty)
        let offered = UIFixtures.data.unattributedExcerpts(likeActor: actor.id)
        #expect(!offered.isEmpty)
        #expect(
            offered.allSatisfy {
                $0.attribution.actor == nil && $0.speaker.kind == .ppt
                    && ($0.attribution.county ?? actor.county) == actor.county
            })
        let text = Frame.render(s).text
        #expect(text.contains("Said by ppt informants the report ties to no actor (\(offered.count) excerpts)"))
        #expect(text.contains("\(offered[0].id)   [not attributed]"), "marked in words, not only by colour")
        s.handle(.enter)
        guard case let .reader(r) = s.screen else { Issue.record("Enter did not open the reader"); return }
        #expect(r.list == offered.map(\.id) && r.index == 0)
    }

    @Test func anotherCountysUnattributedExcerptIsNeverOffered() {
        let d = UIFixtures.data
        for actor in d.actors {
            for e in d.unattributedExcerpts(likeActor: actor.id) {
                #expect(
                    e.attribution.county == nil || e.attribution.county == actor.county,
                    "\(e.id) offered on \(actor.id)")
            }
        }
    }
}

/// Counts open what they count: a research question's "N excerpts bear on it".
@Suite struct QuestionCountsOpenTests {
    @Test func enterOnAResearchQuestionListsTheExcerptsItsCountCounts() {
        var s = UIFixtures.state("i j j", language: .en)
        let q = UIFixtures.data.researchQuestions[2]
        #expect(Frame.render(s).text.contains("▶" + String(format: "%2d. ", q.id)))
        #expect(Frame.render(s).text.contains("Enter lists them"))
        s.handle(.enter)
        #expect(s.screen.kind == .excerpts && s.filter.researchQuestion == q.id)
        #expect(s.listedExcerpts.count == UIFixtures.data.excerptCount(question: q.id))
        s.handle(.escape)
        guard case let .context(c) = s.screen else { Issue.record("Esc did not return to the questions"); return }
        #expect(c.question == 2)
    }

    @Test func theLastQuestionStaysInViewAtEverySize() {
        for (w, h) in [(60, 16), (80, 24)] {
            let s = UIFixtures.state("i G", width: w, height: h, language: .en)
            let last = UIFixtures.data.researchQuestions.last!
            #expect(Frame.render(s).text.contains("▶\(String(format: "%2d", last.id))."), "at \(w)×\(h)")
        }
    }
}

/// n and N step through the hits in the reader too, and the list follows the reader.
@Suite struct ReaderHitsTests {
    @Test func nInTheReaderGoesToTheNextHitAndTheListFollows() throws {
        var s = UIFixtures.state("e / d e t Enter", language: .en)
        let hits = s.hits
        let hitIDs = s.listedExcerpts.filter { e in
            UIFixtures.data.index(ofExcerpt: e.id).map(hits.contains(position:)) ?? false
        }.map(\.id)
        #expect(hitIDs.count >= 3)
        s.handle(.enter)
        guard case let .reader(r0) = s.screen else { Issue.record("no reader"); return }
        #expect(r0.list[r0.index] == hitIDs[0])
        s.handle(.char("n"))
        guard case let .reader(r1) = s.screen else { Issue.record("no reader"); return }
        #expect(r1.list[r1.index] == hitIDs[1], "n goes to the next hit, not the next excerpt")
        s.handle(.char("n"))
        s.handle(.char("N"))
        guard case let .reader(r2) = s.screen else { Issue.record("no reader"); return }
        #expect(r2.list[r2.index] == hitIDs[1])
        s.handle(.escape)
        guard case let .excerpts(list) = s.screen else { Issue.record("Esc did not return to the list"); return }
        #expect(s.listedExcerpts[list.selection].id == hitIDs[1], "the list's cursor is on the excerpt last read")
    }

    @Test func withoutASearchNStillGoesToTheNextExcerpt() {
        var s = UIFixtures.state("e Enter", language: .en)
        s.handle(.char("n"))
        guard case let .reader(r) = s.screen else { Issue.record("no reader"); return }
        #expect(r.index == 1)
    }
}
