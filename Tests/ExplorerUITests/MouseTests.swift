@testable import ExplorerUI
import Testing

/// The mouse as the keys it stands for, on the screens as drawn.
@Suite struct MouseTests {
    func click(_ s: inout AppState, _ x: Int, _ y: Int, _ kind: MouseEvent.Kind = .click) {
        s.handle(.mouse(MouseEvent(kind, x: x, y: y)))
    }

    func column(of text: String, row: Int, in s: AppState) -> Int {
        let line = Array(Frame.render(s).lines[row])
        let needle = Array(text)
        return (0...(line.count - needle.count)).first { Array(line[$0..<($0 + needle.count)]) == needle }!
    }

    @Test func clickingAStatusBarHintRunsIt() {
        var s = UIFixtures.state("e")
        click(&s, column(of: "hjelp", row: s.height - 1, in: s), s.height - 1)
        #expect(s.overlay == .help(scroll: 0))
        var t = UIFixtures.state("e")
        click(&t, column(of: "f filter", row: t.height - 1, in: t), t.height - 1)
        #expect(t.overlay == .filter(row: 0))
    }

    @Test func clickingATabOpensIt() {
        var s = UIFixtures.state()
        click(&s, column(of: "Kodebok", row: 0, in: s), 0)
        #expect(s.screen.kind == .codebook)
    }

    @Test func aClickSelectsARowADoubleClickOpensItAndTheWheelMoves() {
        var s = UIFixtures.state("e")
        let rect = ExcerptListScreen.listRect(in: s.frameRows.body)
        click(&s, 10, rect.y + 3)
        #expect(s.screen == .excerpts(ListState(selection: 3)))
        s.handle(.mouse(MouseEvent(.wheelDown, x: 10, y: rect.y)))
        #expect(s.screen == .excerpts(ListState(selection: 4)))
        s.handle(.mouse(MouseEvent(.wheelUp, x: 10, y: rect.y)))
        #expect(s.screen == .excerpts(ListState(selection: 3)))
        click(&s, 10, rect.y + 1, .doubleClick)
        guard case let .reader(r) = s.screen else { Issue.record("a double click opens the excerpt"); return }
        #expect(r.index == 1)
    }

    @Test func aClickOutsideAnythingDoesNothingAndTheKeyboardIsUnchanged() {
        var s = UIFixtures.state("b")
        let before = s.screen
        click(&s, 0, CodebookScreen.listRect(in: s.frameRows.body).maxY + 1)
        #expect(s.screen == before && s.message == nil)
    }
}

extension MouseTests {
    @Test func clickingAContextOrMatrixTabOpensIt() {
        var s = UIFixtures.state("i")
        click(&s, column(of: "Spørreundersøkelsen", row: 1, in: s), 1)
        #expect(s.screen == .context(ContextState(tab: .survey)))
        var m = UIFixtures.state("M")
        click(&m, column(of: "Nivå × kode", row: 1, in: m), 1)
        #expect(m.screen == .matrix(MatrixState(tab: 3)))
    }

    @Test func aClickInTheFilterPanelChoosesARowThenStepsItsValue() {
        var s = UIFixtures.state("e f")
        let lines = Frame.render(s).lines
        let county = lines.firstIndex { $0.contains("Fylke ") && $0.contains("‹") }!
        click(&s, 20, county)
        #expect(
            s.overlay == .filter(row: 0) && s.filter.county == 1,
            "the first row was chosen, so the click steps it: \(s.filter)")
        let level = lines.firstIndex { $0.contains("Nivå") && $0.contains("‹") }!
        click(&s, 20, level)
        #expect(s.overlay == .filter(row: FilterDimension.level.rawValue) && s.filter.level == nil)
    }
}
