import CaseCore
@testable import ExplorerUI
import Foundation
import Testing
import Presentation

@Suite struct KeymapTests {
    @Test func noKeyIsBoundTwiceInAnyState() {
        // A table may bind a key twice under exclusive conditions (the reader's n: next hit with a
        // search, next excerpt without); in effect, in every sampled state, a key means one thing.
        for sample in HelpTruthTests.samples {
            let (runner, root) = sample.make()
            defer { try? FileManager.default.removeItem(at: root) }
            var seen: [Key: Action] = [:]
            for b in Bindings.inEffect(runner.state).local {
                for key in b.keys {
                    #expect(seen[key] == nil, "\(key.label) is bound twice in \(sample.name)")
                    seen[key] = b.action
                }
            }
        }
        var global: Set<Key> = []
        for b in Bindings.global {
            for k in b.keys { #expect(global.insert(k).inserted, "\(k.label) twice in the global table") }
        }
    }

    @Test func screenBindingsWinOverGlobalOnes() {
        let chains = UIFixtures.state(), reader = UIFixtures.state("e Enter"), excerpts = UIFixtures.state("e")
        #expect(Bindings.action(for: .char("n"), in: chains) == .nextCounty)
        #expect(Bindings.action(for: .char("n"), in: reader) == .nextExcerpt)
        #expect(Bindings.action(for: .char("n"), in: excerpts) == .nextHit)
        #expect(Bindings.action(for: .char("3"), in: chains) == .selectCounty(3))
        #expect(Bindings.action(for: .char("e"), in: reader) == .showExcerpts)
        #expect(
            Bindings.action(for: .char("e"), in: UIFixtures.state("e f")) == nil,
            "globals do not reach the filter panel")
        #expect(Bindings.action(for: .escape, in: UIFixtures.state("?")) == .back)
        #expect(Bindings.action(for: .char("c"), in: chains) == nil, "c does nothing on the chains themselves")
    }

    @Test func everyHelpTextAndHintExistsInBothLanguages() {
        for t in Txt.allCases {
            #expect(!t.text(.nb).isEmpty && !t.text(.en).isEmpty, "\(t)")
        }
    }

    @Test func theKeysDocumentIsUpToDate() throws {
        let url = UIFixtures.repository.appendingPathComponent("Docs/KEYS.md")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(
            onDisk == KeysDocument.markdown(),
            "Docs/KEYS.md is stale: run `swift run case-explorer keys > Docs/KEYS.md`")
    }

    @Test func keyNotationParsesNamesAndNorwegianLetters() throws {
        #expect(
            try KeyNotation.parse("j Enter / s ø k C-c Esc") == [
                .char("j"), .enter, .char("/"), .char("s"), .char("ø"), .char("k"), .ctrl("c"), .escape
            ])
        #expect(try KeyNotation.parse("jjj") == [.char("j"), .char("j"), .char("j")])
        #expect(throws: KeyNotation.ParseError.self) { try KeyNotation.parse("Entr") }
    }

    @Test func languageFollowsTheLocale() {
        #expect(Language.fromEnvironment(["LANG": "nb_NO.UTF-8"]) == .nb)
        #expect(Language.fromEnvironment(["LANG": "nn_NO.UTF-8"]) == .nb)
        #expect(Language.fromEnvironment(["LANG": "C.UTF-8"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "en_GB.UTF-8", "LANG": "nb_NO.UTF-8"]) == .en)
        #expect(Language.fromEnvironment([:]) == .en)
    }
}

@Suite struct ReducerTests {
    func state(_ keys: String = "", width: Int = 100, height: Int = 30) -> AppState {
        UIFixtures.state(keys, width: width, height: height)
    }

    func chains(_ s: AppState) -> ChainsState? { if case let .chains(c) = s.screen { return c } else { return nil } }

    @Test func startsOnTheFirstCountysFirstChainAtTheStateGovernor() {
        let s = state()
        #expect(chains(s)?.chainId == "cf1-tk1")
        #expect(chains(s)?.node == "cf1-sf")
    }

    @Test func walksDownAndUpTheGrantChain() {
        var s = state("l l")
        #expect(chains(s)?.node == "cf1-tk1-kommune")
        s.handle(.char("l"))
        #expect(chains(s)?.node == "cf1-tk1-ppt")
        s.handle(.char("h"))
        #expect(chains(s)?.node == "cf1-tk1-kommune")
        s.handle(.char("j"))
        #expect(chains(s)?.node == "cf1-tk1-ppt")
        s.handle(.char("G"))
        #expect(chains(s)?.node == "cf1-statped")
    }

    @Test func switchesCountyAndChainWithOneKey() {
        var s = state("3")
        #expect(chains(s)?.chainId == "cf3-pp1")
        s.handle(.char("]"))
        #expect(chains(s)?.chainId == "cf3-pp2")
        s.handle(.char("]"))
        #expect(chains(s)?.chainId == "cf1-tk1", "wraps around")
        s.handle(.char("n"))
        #expect(chains(s)?.chainId == "cf2-tk1")
        s.handle(.char("["))
        #expect(chains(s)?.chainId == "cf1-tk2")
        s.handle(.char("9"))
        #expect(s.message?.contains("9") == true)
    }

    @Test func tabSwitchesPaneAndTheNavigatorPicksChains() {
        var s = state("Tab")
        #expect(chains(s)?.pane == .navigator)
        s.handle(.char("j"))
        #expect(chains(s)?.chainId == "cf1-tk2")
        s.handle(.enter)
        #expect(chains(s)?.pane == .chain)
    }

    @Test func opensANodeThenAnExcerptAndStepsThroughTheList() {
        var s = state("G k Enter")
        guard case let .node(n) = s.screen else { Issue.record("not on a node"); return }
        #expect(n.actor == "cf1-uh")
        s.handle(.enter)
        guard case let .reader(r) = s.screen else { Issue.record("not in the reader"); return }
        #expect(r.list.count == UIFixtures.data.excerpts(ofActor: "cf1-uh").count)
        #expect(r.index == 0)
        s.handle(.char("n")); s.handle(.char("n")); s.handle(.char("p"))
        #expect(reader(s)?.index == 1)
        s.handle(.char("p")); s.handle(.char("p"))
        #expect(s.message != nil, "says it is the first excerpt")
        s.handle(.escape)
        #expect(s.screen.kind == .node)
        s.handle(.escape)
        #expect(s.screen.kind == .chains)
        s.handle(.char("q"))
        #expect(s.quitting)
    }

    @Test func readerScrollStaysWithinTheText() throws {
        var s = state("e Enter", width: 60, height: 16)
        for _ in 0..<200 {
            s.handle(.char("j"))
            _ = Frame.draw(&s)
        }
        let bottom = try #require(reader(s))
        // The last scroll position shows the last line at the bottom of the body, no further:
        // rendering clamps the offset and keeps it.
        let content = ReaderScreen.lines(s, bottom, width: 60 - 3).count
        #expect(content > s.bodyHeight, "the excerpt must be longer than the screen for this test")
        #expect(bottom.scroll == content - s.bodyHeight)
        s.handle(.char("k"))
        #expect(try #require(reader(s)).scroll == content - s.bodyHeight - 1, "one k after many j moves at once")
        s.handle(.char("G"))
        _ = Frame.draw(&s)
        #expect(try #require(reader(s)).scroll == content - s.bodyHeight, "G: the last line at the bottom")
    }

    func reader(_ s: AppState) -> ReaderState? { if case let .reader(r) = s.screen { return r } else { return nil } }
    func list(_ s: AppState) -> ListState? { if case let .excerpts(l) = s.screen { return l } else { return nil } }

    @Test func filtersNarrowTheListAndTheCountFollows() {
        var s = state("e f l")
        #expect(s.filter.county == 1)
        #expect(s.listedExcerpts.allSatisfy { $0.attribution.county == 1 })
        s.handle(.char("j")); s.handle(.char("l"))
        #expect(s.filter.chain == "cf1-tk1", "the chains offered follow the county")
        s.handle(.char("x"))
        #expect(s.filter.chain == nil)
        s.handle(.char("k")); s.handle(.char("l")); s.handle(.char("l"))
        #expect(s.filter.county == 3)
        s.handle(.char("X"))
        #expect(s.filter.isEmpty)
        s.handle(.escape)
        #expect(s.overlay == nil)
        #expect(Frame.render(state("e f l Esc")).text.contains("Fylke 1"))
    }

    @Test func incrementalSearchJumpsToHitsAndNWalksThem() throws {
        var s = state("e / s ø k n a d")
        #expect(s.search.query == "søknad")
        #expect(s.hits.count == 2)
        guard case let .excerpts(l1) = s.screen else { Issue.record("not on the list"); return }
        let first = s.listedExcerpts[l1.selection].id
        #expect(s.hits[first] != nil)
        s.handle(.enter)
        #expect(s.prompt == nil)
        s.handle(.char("n"))
        let l2 = try #require(list(s), "still on the list")
        #expect(l2.selection != l1.selection)
        #expect(s.hits[s.listedExcerpts[l2.selection].id] != nil)
        s.handle(.char("N"))
        #expect(list(s)?.selection == l1.selection)
    }

    @Test func searchFoldsOnlyWhenAsked() {
        var s = state("e / s o k n a d")
        #expect(s.hits.isEmpty)
        s.handle(.tab)
        #expect(s.search.fold)
        #expect(s.hits.count == 2)
        s.handle(.escape)
        #expect(s.search.query == "", "Esc restores the search that was there before")
    }

    @Test func matchesAreHighlightedWithoutRelyingOnColour() {
        let s = state("e / s k j e m a v e l d e Enter Enter")
        let buffer = Frame.render(s)
        let row = buffer.lines.firstIndex { $0.contains("skjemavelde") }!
        let style = buffer.style(of: "skjemavelde", row: row)
        #expect(style?.role == .match)
        #expect(style?.underline == true && style?.bold == true)
    }

    @Test func theSelectionIsMarkedWithACharacterNotOnlyAStyle() {
        let text = Frame.render(state()).text
        #expect(text.contains("▶Statsforvalteren (casefylke 1)"))
        #expect(text.contains("▸ Tilskuddskjede 1 (kommune A)"))
    }

    @Test func commandLineJumps() {
        var s = state()
        s.runCommand("excerpt ex-5.3-02")
        #expect(s.screen.kind == .reader)
        s.runCommand("county 2")
        #expect(chains(s)?.chainId == "cf2-tk1")
        s.runCommand("code statped")
        #expect(s.filter.code == "statped")
        #expect(s.screen.kind == .excerpts)
        s.runCommand("chain cf3-pp2")
        #expect(chains(s)?.chainId == "cf3-pp2")
        s.runCommand("lang en")
        #expect(s.language == .en)
        s.runCommand("språk NB")
        #expect(s.language == .nb, "the language in any case, like the ids")
        s.runCommand("lang de")
        #expect(s.language == .nb)
        #expect(
            s.message == "Språkene er nb og en, ikke «de».", "a wrong value of a known command, not an unknown command")
        s.runCommand("lang en")
        s.runCommand("excerpt nope")
        #expect(s.message?.contains("nope") == true)
        s.runCommand("fly away")
        #expect(s.message?.contains("fly away") == true)
        s.runCommand("q")
        #expect(s.quitting)
    }

    @Test func theCodebookOpensItsExcerpts() {
        var s = state("b")
        s.handle(.enter)
        #expect(s.screen.kind == .excerpts)
        #expect(s.filter.code == CodebookLayout(data: UIFixtures.data).rows[0].code.id)
    }

    @Test func unknownKeysSaySoAndNothingCrashes() {
        var s = state()
        s.handle(.char("Z"))
        #expect(s.message?.contains("Z") == true)
        // Not only letters: Space and a function key say so too.
        for key in [Key.char(" "), .function(5)] {
            var u = state()
            u.handle(key)
            #expect(u.message == u.t(.unknownKey).replacingOccurrences(of: "%k", with: key.label), "\(key.label)")
        }
        // Every key on every screen, at a small size: no crash, a frame every time.
        let keys: [Key] = [
            .char("j"), .char("k"), .char("h"), .char("l"), .enter, .escape, .tab, .backTab, .pageDown, .pageUp,
            .home, .end, .char("G"), .char("g"), .char("n"), .char("N"), .char("p"), .char("f"), .char("x"), .char("/"),
            .char("æ"), .backspace, .char(":"), .char("?"), .char("e"), .char("b"), .char("i"), .char("c"), .char("u"),
            .char("]"), .char("["), .char("o"), .resize, .function(5), .delete, .char("q")
        ]
        var t = state(width: 60, height: 16)
        for round in 0..<600 {
            let key = keys[(round * 7 + round / 5) % keys.count]
            if key == .char("q") && t.stack.count == 1 { continue }
            t.handle(key)
            _ = Frame.render(t)
            t.quitting = false
        }
    }

    @Test func helpListsTheKeysOfTheCurrentScreenFromTheSameTable() {
        let text = Frame.render(state("e ?", width: 100, height: 40)).text
        for b in Bindings.inEffect(state("e")).local {
            #expect(text.contains(String(b.help.text(.nb).prefix(30))), "help lacks \(b.help)")
            #expect(text.contains(b.keys[0].label), "help lacks the key \(b.keys[0].label)")
        }
    }
}
