import Foundation
import Testing
import CaseCore
@testable import ExplorerUI

/// On large studies a key never waits for a scan: typing asks the runner for a search, the
/// screen says it is searching, the answer comes back as an action, and an older query's answer
/// is dropped. The hits are the same as those found in place.
@Suite struct BackgroundSearchTests {
    static func background(_ keys: String = "") -> AppState {
        var s = AppState(data: UIFixtures.data, language: .en, width: 100, height: 30)
        s.searchesInBackground = true
        for key in try! KeyNotation.parse(keys) { s.handle(key) }
        return s
    }

    static func matches(_ q: String) -> BitSet {
        BitSet(count: UIFixtures.data.excerpts.count, members: UIFixtures.data.searchIndex.matching(SearchQuery(q)))
    }

    @Test func typingAsksForSearchesAndTheAnswerOfTheQueryNowIsKept() {
        var s = Self.background("e / s")
        #expect(s.takeEffects() == [.search(SearchQuery("s"))])
        s.handle(.char("k"))
        #expect(s.takeEffects() == [.search(SearchQuery("sk"))])
        #expect(s.searchPending && s.hits.isEmpty)
        #expect(Frame.render(s).text.contains("searching …"))
        // The older query's answer arrives late: dropped.
        s.receive(.searchFound(SearchQuery("s"), Self.matches("s")))
        #expect(s.searchPending && s.hits.isEmpty)
        s.receive(.searchFound(SearchQuery("sk"), Self.matches("sk")))
        #expect(!s.searchPending)
        #expect(s.takeEffects().isEmpty, "an answered query is not asked for again")
        // The same hits, cursor and screen as a search in place.
        let inPlace = UIFixtures.state("e / s k", language: .en)
        #expect(s.hits.count == inPlace.hits.count && s.hits.count > 0)
        #expect(Frame.render(s).text == Frame.render(inPlace).text)
    }

    @Test func foldAndEscAskAgainOrRestore() {
        var s = Self.background("e / o")
        _ = s.takeEffects()
        s.receive(.searchFound(SearchQuery("o"), Self.matches("o")))
        s.handle(.escape)
        #expect(s.search.query.isEmpty && s.takeEffects().isEmpty)
        s.handle(.char("/")); s.handle(.char("o"))
        #expect(s.takeEffects().isEmpty, "the answer for o is still current: no new scan")
        #expect(!s.searchPending)
    }

    @Test func theRunnerScansOffTheKeyPathAndHandsTheAnswerBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bg-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = Runner(state: Self.background(), workspace: Workspace(root: folder), coder: "test")
        for key in try KeyNotation.parse("e / s k o l e") { runner.press(key) }
        runner.finishSearches()
        #expect(!runner.searching && !runner.state.searchPending)
        let inPlace = UIFixtures.state("e / s k o l e", language: .en)
        #expect(runner.state.hits.count == inPlace.hits.count && inPlace.hits.count > 0)
        #expect(Frame.render(runner.state).text == Frame.render(inPlace).text)
    }
}
