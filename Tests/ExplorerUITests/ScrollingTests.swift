import CaseCore
@testable import ExplorerUI
import Testing

/// Scrolling as the user sees it at 80×24 and at the smallest size: `G` fills the screen (the
/// last row of a list or text at the bottom, never half a screen blank), Ctrl-D and Ctrl-U move
/// half a page, and rendering keeps the offset it drew (the next key moves from there).
@Suite struct ScrollingTests {
    static let sizes = [(80, 24), (AppState.minimumWidth, AppState.minimumHeight)]

    func text(_ line: StyledLine) -> String { line.map(\.text).joined() }

    /// The reader on the longest excerpt, drawn.
    func reader(width: Int, height: Int) -> AppState {
        var s = UIFixtures.state("e", width: width, height: height)
        let longest = UIFixtures.data.excerpts.max { $0.text.count < $1.text.count }!
        s.push(.reader(ReaderState(list: [longest.id], index: 0)))
        _ = Frame.draw(&s)
        return s
    }

    @Test func theScrollViewClampsItsOffsetToTheTextAndKeepsIt() {
        let lines: [StyledLine] = (0..<10).map { [Span("line \($0)")] }
        var buffer = CellBuffer(width: 12, height: 4)
        var offset = ScrollView.moved(0, by: .bottom, page: 4)!
        ScrollView.render(lines, offset: &offset, into: &buffer, in: Rect(x: 0, y: 0, width: 12, height: 4))
        #expect(offset == 6 && buffer.lines[3].hasPrefix("line 9"), "the last page fills the rect")
        #expect(ScrollView.moved(offset, by: .moveUp, page: 4) == 5, "one k from what was drawn")
        #expect(
            ScrollView.moved(5, by: .halfPageUp, page: 4) == 3 && ScrollView.moved(1, by: .halfPageUp, page: 4) == 0)
        #expect(ScrollView.moved(0, by: .halfPageDown, page: 5) == 2 && ScrollView.moved(0, by: .open, page: 4) == nil)
    }

    @Test func gPutsTheLastExcerptOnTheLastRowOfTheList() {
        for (w, h) in Self.sizes {
            let s = UIFixtures.state("e G", width: w, height: h)
            let rows = ExcerptListScreen.listRect(in: s.frameRows.body)
            let lines = Frame.render(s).lines
            let last = s.listedExcerpts[s.listedExcerpts.count - 1].id
            #expect(lines[rows.maxY - 1].contains(last), "\(w)×\(h): the last excerpt on the last row")
            #expect(lines[rows.y..<rows.maxY].allSatisfy { $0.contains("ex-") }, "\(w)×\(h): no blank rows")
        }
    }

    @Test func gPutsTheLastCodeOnTheLastRowOfTheCodebook() {
        for (w, h) in Self.sizes {
            let s = UIFixtures.state("b G", width: w, height: h)
            let rows = CodebookScreen.listRect(in: s.frameRows.body)
            let last = CodebookLayout(data: UIFixtures.data).rows.last!.code.id
            #expect(Frame.render(s).lines[rows.maxY - 1].contains(last), "\(w)×\(h)")
        }
    }

    @Test func gInTheReaderPutsTheLastLineAtTheBottomOfTheScreen() throws {
        for (w, h) in Self.sizes {
            var s = reader(width: w, height: h)
            s.handle(.char("G"))
            _ = Frame.draw(&s)
            guard case let .reader(r) = s.screen else { Issue.record("the reader"); return }
            let content = ReaderScreen.lines(s, r, width: w - 3)
            let lines = Frame.render(s).lines
            #expect(content.count > s.bodyHeight, "\(w)×\(h): the excerpt must be taller than the screen")
            let body = s.frameRows.body
            #expect(lines[body.maxY - 1].hasPrefix(" " + text(content.last!)), "\(w)×\(h): the last line at the bottom")
            #expect(r.scroll == content.count - s.bodyHeight, "\(w)×\(h): rendering kept the clamped offset")
        }
    }

    @Test func ctrlDAndCtrlUMoveHalfAPageInListsAndTexts() {
        for (w, h) in Self.sizes {
            var s = UIFixtures.state("e", width: w, height: h)
            let half = (s.bodyHeight - 3) / 2
            s.handle(.ctrl("d"))
            #expect(s.screen == .excerpts(ListState(selection: half)), "\(w)×\(h)")
            s.handle(.ctrl("d"))
            s.handle(.ctrl("u"))
            #expect(s.screen == .excerpts(ListState(selection: half)), "\(w)×\(h)")

            var r = reader(width: w, height: h)
            r.handle(.ctrl("d"))
            _ = Frame.draw(&r)
            guard case let .reader(down) = r.screen else { return }
            #expect(down.scroll == (r.bodyHeight - 2) / 2, "\(w)×\(h)")
            r.handle(.ctrl("u"))
            guard case let .reader(up) = r.screen else { return }
            #expect(up.scroll == 0)
        }
    }

    @Test func ctrlDAndCtrlUAreInTheHelpOfEveryScrollingScreen() {
        for keys in ["", "e", "b", "G k Enter", "e Enter", "i Tab", "M"] {
            let s = UIFixtures.state(keys, width: 60, height: 16)
            let bound = Bindings.inEffect(s).all.flatMap(\.keys)
            #expect(bound.contains(.ctrl("d")) && bound.contains(.ctrl("u")), "\(keys): \(s.screen.kind)")
        }
    }

    @Test func theChainKeepsTheSelectedActorWithItsInformantsInView() {
        let s = UIFixtures.state("G", width: 60, height: 16)
        guard case let .chains(c) = s.screen else { Issue.record("the chains"); return }
        let layout = ChainLayout(data: UIFixtures.data, chain: c.chainId)
        let actor = layout.nodes.last!.actor
        let text = Frame.render(s).text
        #expect(text.contains("▶"), "the selected actor is shown")
        let under = UIFixtures.data.informants(of: actor.id).map(\.role) + actor.notes.map { $0.text(.nb) }
        #expect(!under.isEmpty, "the last actor has informants or notes under it")
        for line in under { #expect(text.contains(String(line.prefix(20))), "\(line)") }
    }
}
