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
