import Foundation
import Testing
import CaseCore
@testable import ExplorerUI

/// The work taken off the key path at 100 000 excerpts gives what it gave before: the actor
/// page's openable excerpts kept as positions, highlights sliced by string index, and a search
/// started once the key's frame is made.
@Suite struct KeyPathTests {
    /// How highlights were made before: through an array of the text's characters.
    static func highlightedByCharacters(_ text: String, _ matches: [Range<Int>]?, base: Style) -> StyledLine {
        guard let matches, !matches.isEmpty else { return [Span(text, base)] }
        let chars = Array(text)
        var spans: StyledLine = []
        var last = 0
        for m in matches where m.lowerBound >= last && m.upperBound <= chars.count {
            if m.lowerBound > last { spans.append(Span(String(chars[last..<m.lowerBound]), base)) }
            spans.append(Span(String(chars[m]), Style(.match, bold: true, underline: true)))
            last = m.upperBound
        }
        if last < chars.count { spans.append(Span(String(chars[last...]), base)) }
        return spans
    }

    @Test func highlightsAreTheSameSpansAsThroughAnArrayOfCharacters() {
        let texts = [
            "", "a", "Både æ, ø og å i barnehagen", "e\u{301}tude – naïve 👩‍👩‍👧 familie", "ØØØ øøø",
            String(repeating: "inkludering ", count: 20)
        ]
        var generator = SplitMix(seed: 18)
        for text in texts {
            let n = text.count
            var cases: [[Range<Int>]?] = [nil, [], [0..<0], [0..<n], [n..<(n + 1)], [0..<(n + 2)]]
            for _ in 0..<200 {
                // Ranges in and past the text, sorted or not, some overlapping or empty.
                cases.append(
                    (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                        let lower = Int.random(in: 0...(n + 2), using: &generator)
                        return lower..<(lower + Int.random(in: 0...5, using: &generator))
                    })
            }
            for matches in cases {
                let base = Style(.normal)
                #expect(
                    Draw.highlighted(text, matches, base: base)
                        == Self.highlightedByCharacters(text, matches, base: base),
                    "\(text) \(String(describing: matches))")
            }
        }
    }

    @Test func anActorPagesOpenablePositionsAreItsOpenableExcerpts() {
        let state = AppState(data: UIFixtures.data, language: .en, width: 100, height: 30)
        var withUnattributed = 0
        for actor in UIFixtures.data.actors {
            let kept = NodeScreen.openablePositions(state, actor.id)
            #expect(
                kept.all.map { UIFixtures.data.excerpts[$0].id }
                    == NodeScreen.openable(UIFixtures.data, actor.id).map(\.id))
            #expect(kept.own == UIFixtures.data.excerpts(ofActor: actor.id).count)
            if kept.all.count > kept.own { withUnattributed += 1 }
            // Asked again (every key asks): the same, from the memo.
            #expect(NodeScreen.openablePositions(state, actor.id).all == kept.all)
        }
        #expect(withUnattributed > 0, "the fixture has actors offered unattributed excerpts")
    }

    @Test func aSearchStartsOnceTheKeysFrameIsMadeAndIsSearchingUntilThen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("key-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let runner = Runner(
            state: BackgroundSearchTests.background(), workspace: Workspace(root: folder), coder: "test")
        for key in try KeyNotation.parse("e / s k") { runner.press(key) }
        #expect(runner.searching, "asked for and not yet started: still searching")
        #expect(Frame.render(runner.state).text.contains("searching …"))
        _ = runner.frame()
        runner.finishSearches()
        #expect(!runner.searching && !runner.state.searchPending)
        let inPlace = UIFixtures.state("e / s k", language: .en)
        #expect(runner.state.hits.count == inPlace.hits.count && inPlace.hits.count > 0)
    }
}

/// A seeded generator: the same ranges every run.
private struct SplitMix: RandomNumberGenerator {
    var seed: UInt64
    mutating func next() -> UInt64 {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
