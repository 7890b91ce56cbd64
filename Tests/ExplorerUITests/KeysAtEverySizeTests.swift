import Foundation
import Testing
import CaseCore
@testable import ExplorerUI

/// Keys within a frame at every size: an actor page lays out only the rows in view, the
/// codebook's counts come from code positions and give what counting by ids gave.
@Suite struct KeysAtEverySizeTests {
    /// The fixture with `count` more excerpts attributed to an actor that is also offered
    /// unattributed ones (copies of its first excerpt, ids `mange-0` …), and that actor.
    static func crowded(_ count: Int) -> (data: Dataset, actor: String) {
        let d = UIFixtures.data
        let actor = d.actors.first {
            !d.positions(ofActor: $0.id).isEmpty && !d.unattributedPositions(likeActor: $0.id).isEmpty
        }!
        let model = d.excerpts[d.positions(ofActor: actor.id)[0]]
        let more = (0..<count).map { i -> Excerpt in
            var e = model
            e.id = "mange-\(i)"
            return e
        }
        return (d.with(excerpts: d.excerpts + more), actor.id)
    }

    static func onPage(_ data: Dataset, _ actor: String, selection: Int = 0) -> AppState {
        var state = AppState(data: data, language: .en, width: 100, height: 30)
        state.push(.node(NodeState(actor: actor, selection: selection)))
        return state
    }

    @Test func anActorPageWithThousandsOfExcerptsLaysOutOnlyTheRowsInView() {
        let (data, actor) = Self.crowded(5_000)
        let own = data.positions(ofActor: actor).count
        #expect(own > 5_000)
        for selection in [0, 1, 2_500, own - 1, own, own + 1] {
            let state = Self.onPage(data, actor, selection: selection)
            guard case var .node(s) = state.screen else { Issue.record("not on the actor page"); return }
            let body = state.frameRows.body
            var buffer = CellBuffer(width: state.width, height: state.height)
            let made = NodeScreen.render(state, &s, into: &buffer, in: body)
            #expect(made == body.height, "selection \(selection): \(made) lines made for \(body.height) rows")
            // Laid out ahead: the lines around the rows, none per excerpt.
            let page = NodeScreen.page(state, s, width: body.width - 3)
            #expect(page.lineCount > own)
            #expect(page.head.count + page.gap.count + page.tail.count < 100)
            // The frame is the page laid out whole, scrolled to the selection.
            var whole = CellBuffer(width: state.width, height: state.height)
            var scroll = s.scroll
            ScrollView.render(page.lines, offset: &scroll, into: &whole, in: body.inset(left: 1, right: 1))
            #expect(buffer.lines == whole.lines, "selection \(selection)")
            #expect(scroll == s.scroll)
            let selected = data.excerpts[NodeScreen.openablePositions(state, actor).all[selection]].id
            #expect(buffer.lines.contains { $0.contains("▶ \(selected) ") }, "selection \(selection) in view")
        }
    }

    @Test func theUnattributedExcerptsFromTheFacetsAreTheDatasets() {
        for data in [UIFixtures.data, Self.crowded(50).data] {
            var offered = 0
            for actor in data.actors {
                let fromFacets = NodeScreen.unattributedPositions(data, likeActor: actor.id)
                #expect(fromFacets == data.unattributedPositions(likeActor: actor.id), "\(actor.id)")
                offered += fromFacets.count
            }
            #expect(offered > 0)
        }
        #expect(NodeScreen.unattributedPositions(UIFixtures.data, likeActor: "no-such-actor").isEmpty)
    }

    @Test func theRowsLinesAndTheExcerptsOnThemAgree() {
        let (data, actor) = Self.crowded(300)
        let state = Self.onPage(data, actor)
        guard case let .node(s) = state.screen else { Issue.record("not on the actor page"); return }
        let page = NodeScreen.page(state, s, width: 97)
        let openable = NodeScreen.openablePositions(state, actor)
        #expect(openable.all.count > openable.own && !page.gap.isEmpty)
        var onLines = 0
        for line in 0..<page.lineCount {
            guard let i = page.excerpt(atLine: line) else { continue }
            onLines += 1
            #expect(page.line(ofExcerpt: i) == line)
            let text = page.line(line).map(\.text).joined()
            #expect(text.contains(data.excerpts[openable.all[i]].id + " "), "\(line): \(text)")
        }
        #expect(onLines == openable.all.count)
        #expect(page.excerpt(atLine: page.line(ofExcerpt: openable.own) - 1) == nil, "the heading before them")
    }

    /// How the counts were made before: every excerpt's codes by id, walking up by id.
    static func countedByIds(_ data: Dataset, coding: CodingState?) -> ([String: Int], [String: Int]) {
        var own: [String: Int] = [:], withSubcodes: [String: Int] = [:]
        for e in data.excerpts {
            let codes = coding.map { Array($0[e.id].codes) } ?? data.referenceCodes(of: e.id)
            var lineage: Set<String> = []
            for code in codes {
                own[code, default: 0] += 1
                var next: String? = code
                while let c = next, lineage.insert(c).inserted { next = data.code(c)?.parent }
            }
            for c in lineage { withSubcodes[c, default: 0] += 1 }
        }
        return (own, withSubcodes)
    }

    @Test func theCodebooksCountsByPositionAreTheCountsByIds() throws {
        let data = UIFixtures.data
        // A coder's coding: every third excerpt, with a child code, its parent, and a code the
        // codebook does not have (a journal may name one).
        let child = try #require(data.codes.first { $0.parent != nil })
        var events: [CodingEvent] = []
        for (k, e) in data.excerpts.enumerated() where k % 3 == 0 {
            let codes = k % 2 == 0 ? [child.id, child.parent!] : [child.id, "ikke-i-kodeboka"]
            events.append(
                CodingEvent(
                    sequence: events.count + 1, time: "2026-01-01T10:00:00.000Z", coder: "a", excerpt: e.id,
                    action: .set, code: nil, codes: codes))
        }
        let coding = CodingState(replaying: events)
        for c in [nil, coding, CodingState()] {
            let counts = CodeCounts(data, coding: c)
            let (own, withSubcodes) = Self.countedByIds(data, coding: c)
            for id in Set(data.codes.map(\.id)).union(own.keys).union(withSubcodes.keys) {
                #expect(counts.own(id) == own[id] ?? 0, "\(id)")
                #expect(counts.withSubcodes(id) == withSubcodes[id] ?? 0, "\(id)")
            }
        }
        #expect(CodeCounts(data, coding: coding).own("ikke-i-kodeboka") > 0)
        #expect(CodeCounts(data, coding: coding).withSubcodes(child.parent!) > 0)
    }
}

/// The chains screen's navigator with thousands of chains (1 144 at 1 000 000 excerpts): a
/// frame makes only the lines in view and draws what the navigator laid out whole draws.
@Suite struct NavigatorRowsTests {
    static func manyChains(_ count: Int) -> Dataset {
        let d = UIFixtures.data
        let counties = d.counties.map(\.id)
        let more = (0..<count).map { i in
            Chain(
                id: "kjede-\(i)", county: counties[i % counties.count],
                name: i % 7 == 0
                    ? "Kjede \(i) med et langt navn som brytes over flere linjer i navigatoren" : "Kjede \(i)",
                description: LocalizedText(plain: ""))
        }
        return d.with(chains: d.chains + more)
    }

    @Test func aNavigatorOfThousandsOfChainsLaysOutOnlyTheLinesInView() throws {
        let data = Self.manyChains(3_000)
        for (width, height) in [(120, 30), (80, 24)] {
            var state = AppState(data: data, language: .en, width: width, height: height)
            let chains = ["kjede-0", "kjede-1500", "kjede-2996", data.chains[0].id]
            for chain in chains {
                var chains = ChainsState(chainId: chain, node: nil)
                chains.pane = .navigator // the pane shown alone below 90 columns
                state.stack = [.chains(chains)]
                guard case var .chains(s) = state.screen else { Issue.record("not on the chains screen"); return }
                let body = state.frameRows.body
                let navigator = try #require(ChainsScreen.panes(s, in: body).navigator)
                var buffer = CellBuffer(width: width, height: height)
                let made = ChainsScreen.render(state, &s, into: &buffer, in: body)
                #expect(made == navigator.height, "\(chain) at \(width): \(made) lines for \(navigator.height) rows")
                // The same as drawing every line of the navigator.
                var whole = CellBuffer(width: width, height: height)
                let (_, top) = ChainsScreen.navigatorLayout(state, s, in: navigator)
                Draw.lines(
                    ChainsScreen.navigatorLines(state, s, in: navigator), scroll: top, into: &whole, in: navigator)
                let columns = navigator.x..<navigator.maxX
                let cut = { (b: CellBuffer) in
                    b.lines.map { line in
                        let cells = Array(line)[columns.clamped(to: 0..<line.count)]
                        return String(cells).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
                    }
                }
                #expect(cut(buffer) == cut(whole), "\(chain) at \(width)")
                #expect(buffer.lines.contains { $0.contains("▸ ") }, "the selected chain \(chain) is in view")
            }
        }
    }
}
