@testable import ExplorerUI
import Presentation
import Testing

/// The widgets drawn into a cell buffer: the text and the style of each cell.
@Suite struct WidgetTests {
    func draw(_ line: StyledLine, width: Int = 30) -> CellBuffer {
        var b = CellBuffer(width: width, height: 1)
        b.put(line, x: 0, y: 0, limit: width)
        return b
    }

    @Test func theProgressBarFillsInProportionAndNeverOverflows() {
        #expect(draw(ProgressBar.spans(done: 3, total: 10, width: 10)).text == "[███░░░░░░░]")
        #expect(
            draw(ProgressBar.spans(done: 0, total: 0, width: 4)).text == "[░░░░]",
            "an empty queue is an empty bar, not a crash")
        #expect(draw(ProgressBar.spans(done: 12, total: 10, width: 4)).text == "[████]")
        let b = draw(ProgressBar.spans(done: 1, total: 2, width: 4))
        #expect(b.roles == "dRRddd", "filled cells are accent and bold, the rest and the brackets dim")
    }

    @Test func theTabBarMarksTheActiveTabWithoutColourAlone() {
        let b = draw(TabBar.spans(["Én", "Tø"], active: 1))
        #expect(b.text == " Én  ▸Tø")
        #expect(b.style(of: "▸Tø", row: 0) == Style(.tabActive, bold: true, reverse: true))
        #expect(b.style(of: "Én", row: 0) == Style(.tab))
        #expect(draw(TabBar.spans(["a", "b"], active: nil, gap: "")).text == " a  b")
    }

    @Test func theRoleLayerIsOneLetterACell() {
        var b = CellBuffer(width: 6, height: 2)
        b.put("ab", x: 0, y: 0, style: Style(.heading, bold: true))
        b.put("c", x: 3, y: 1, style: Style(.dim))
        b.put("d", x: 4, y: 1, style: Style(bold: true))
        #expect(b.roles == "HH\n...d#")
    }
}

extension WidgetTests {
    @Test func theListKeepsTheSelectionInViewAndCentredWhenItCan() {
        var drawn: [(Int, Bool, Int)] = []
        ListView.rows(count: 20, selection: 10, in: Rect(x: 0, y: 2, width: 10, height: 4)) {
            drawn.append(($0, $1, $2))
        }
        #expect(drawn.map(\.0) == [8, 9, 10, 11] && drawn.map(\.2) == [2, 3, 4, 5])
        #expect(drawn.filter(\.1).map(\.0) == [10])
        drawn = []
        ListView.rows(count: 3, selection: 99, in: Rect(x: 0, y: 0, width: 10, height: 5)) {
            drawn.append(($0, $1, $2))
        }
        #expect(drawn.map(\.0) == [0, 1, 2] && drawn.last!.1, "a selection past the end is the last row")
        ListView.rows(count: 0, selection: 0, in: Rect(x: 0, y: 0, width: 10, height: 5)) { _, _, _ in
            Issue.record("an empty list draws no row")
        }
    }
}

@Suite struct LayoutTests {
    @Test func fixedAndPercentageFirstThenMinAndMaxShareWhatIsLeft() {
        #expect(Layout.sizes([.fixed(1), .min(0), .fixed(1)], total: 30) == [1, 28, 1])
        #expect(Layout.sizes([.percentage(50), .min(2), .max(5)], total: 40) == [20, 15, 5])
        #expect(Layout.sizes([.max(3), .max(3)], total: 10) == [3, 3], "max parts stop at their cap")
        #expect(Layout.sizes([.min(4), .min(4)], total: 11).reduce(0, +) == 11)
    }

    @Test func aTooSmallWholeTakesFromTheLastPartsFirst() {
        #expect(Layout.sizes([.fixed(1), .fixed(10), .fixed(3)], total: 12) == [1, 10, 1])
        #expect(Layout.sizes([.fixed(5), .fixed(5)], total: 3) == [3, 0])
        #expect(Layout.sizes([.fixed(2)], total: 0) == [0])
    }

    @Test func rowsAndColumnsTileTheRectangle() {
        let r = Rect(x: 2, y: 3, width: 10, height: 6)
        let rows = r.rows([.fixed(1), .min(0), .fixed(2)])
        #expect(
            rows == [
                Rect(x: 2, y: 3, width: 10, height: 1), Rect(x: 2, y: 4, width: 10, height: 3),
                Rect(x: 2, y: 7, width: 10, height: 2)
            ])
        let columns = r.columns([.percentage(30), .min(1)])
        #expect(columns.map(\.x) == [2, 5] && columns.map(\.width) == [3, 7])
    }
}

extension WidgetTests {
    @Test func theCodePickerFiltersMarksAppliedAndPinnedCodesAndSaysWhenNothingMatches() {
        let state = UIFixtures.state()
        var b = CellBuffer(width: 80, height: 20)
        var p = ReviewModel.Picker()
        for c in "sam" { _ = p.edit(.char(c)) }
        CodePicker.render(
            state, p, applied: ["tverrfaglig"], pinDigit: { $0 == "partnerskap" ? 3 : nil }, into: &b, in: b.bounds)
        let text = b.text
        #expect(text.contains("> sam█"))
        #expect(text.contains("▶") && text.contains("✓ Tverrfaglig samarbeid"), "\(text)")
        #expect(
            b.style(of: "✓ Tverrfaglig", row: b.lines.firstIndex { $0.contains("✓ Tverrfaglig") }!)?.role
                == .confidenceStated)
        var empty = CellBuffer(width: 80, height: 20)
        CodePicker.render(
            state, ReviewModel.Picker(query: "zzz", row: 0), applied: [], pinDigit: { _ in nil }, into: &empty,
            in: empty.bounds)
        #expect(empty.text.contains(state.t(.noCodeMatches)))
    }

    @Test func theTextAreaShowsTheCursorAsAReversedCellAndKeepsItInView() {
        let state = UIFixtures.state()
        var e = MemoEditor(code: nil, text: "første\nandre æøå")
        _ = e.edit(.home)
        var b = CellBuffer(width: 60, height: 20)
        TextArea.render(state, e, into: &b, in: b.bounds)
        let row = b.lines.firstIndex { $0.contains("andre æøå") }!
        #expect(b.text.contains("første"))
        #expect(b.style(of: "a", row: row) == Style(.selected, reverse: true), "the cursor at the start of the line")
        var long = MemoEditor(code: "ppt", text: (1...30).map { "linje \($0)" }.joined(separator: "\n"))
        _ = long.edit(.end)
        var c = CellBuffer(width: 60, height: 20)
        TextArea.render(state, long, into: &c, in: c.bounds)
        #expect(c.text.contains("linje 30") && !c.text.contains("linje 1\n"), "the cursor's row stays in view")
    }

    /// A memo line wider than the box was cut at both edges without a sign (a memo looked like
    /// "rytes over flere linjer …"), and the shift counted characters, not cells (gaps after 中文).
    @Test func theTextAreaMarksALineCutAtEitherEdge() {
        let state = UIFixtures.state()
        let text = "Dette er et langt notat om æøå som går forbi kanten av boksen, med 中文 og 👍🏽 til slutt."
        var e = MemoEditor(code: nil, text: text + "\nkort")
        _ = e.edit(.down) // the cursor on the short line: the long one is drawn as it is
        var b = CellBuffer(width: 40, height: 20)
        TextArea.render(state, e, into: &b, in: b.bounds)
        func inside(_ line: String) -> String {
            line.split(separator: "│").dropFirst().first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let first = b.lines.first { $0.contains("Dette er") } ?? ""
        #expect(inside(first).hasSuffix(" …"), "a line past the right edge ends in …: \(first)")
        _ = e.edit(.up)
        _ = e.edit(.end)
        var c = CellBuffer(width: 40, height: 20)
        TextArea.render(state, e, into: &c, in: c.bounds)
        let row = c.lines.first { $0.contains("til slutt.") } ?? ""
        #expect(inside(row).hasPrefix("…") && inside(row).hasSuffix("👍🏽 til slutt."), "\(row)")
        #expect(!inside(row).contains("  ") && DisplayWidth.of(row) == DisplayWidth.of(first), "no gap: \(row)")
    }
}

extension WidgetTests {
    @Test func theTableKeepsItsHeaderAndLinesUpFiguresOnTheRight() {
        var b = CellBuffer(width: 12, height: 4)
        let body = TableView.header(
            [Span("kode", Style(.label, bold: true)), Span(TableView.right("n", 5), Style(.label, bold: true))],
            in: b.bounds, into: &b)
        #expect(body == Rect(x: 0, y: 1, width: 12, height: 3))
        ListView.rows(count: 10, selection: 7, in: body, centred: false) { i, _, y in
            b.put("r\(i)" + TableView.right(String(i * 10), 5), x: 0, y: y)
        }
        #expect(b.lines == ["kode   n", "r5  50", "r6  60", "r7  70"], "the header stays; rows scroll under it")
        #expect(b.roles.components(separatedBy: "\n")[0] == "LLLLLLLLL")
    }
}

/// A quotation cut to its column said nothing of the cut ("Det var et hav av søknader f"): it
/// read as the whole. Now the last cell is "…"; a text that fits is drawn as it is.
extension WidgetTests {
    @Test func aCutLineEndsInAnEllipsis() {
        func marked(_ line: StyledLine, limit: Int) -> (String, Int) {
            var b = CellBuffer(width: 12, height: 1)
            let used = b.putMarkingCut(line, x: 1, y: 0, limit: limit)
            return (b.text, used)
        }
        #expect(marked([Span("abcdefghijkl")], limit: 6) == (" abcde…", 6))
        #expect(marked([Span("abc")], limit: 6) == (" abc", 3))
        #expect(marked([Span("abcdef")], limit: 6) == (" abcdef", 6), "exactly full is not cut")
        #expect(marked([Span("abc"), Span("def"), Span("g")], limit: 6) == (" abcde…", 6), "a span past the end")
        #expect(marked([Span("abcde"), Span("語")], limit: 6) == (" abcde…", 6), "a wide character that does not fit")
        #expect(marked([Span("ab語語")], limit: 5) == (" ab語…", 5))
        #expect(marked([Span("ab語語語")], limit: 6) == (" ab語 …", 6), "half a wide character is blanked")
        #expect(marked([Span("x")], limit: 0) == ("", 0))
    }

    @Test func theExcerptListMarksATextCutToItsColumn() {
        let lines = Frame.render(UIFixtures.state("e", width: 60, height: 16)).lines
        let row = lines.first { $0.contains("ex-5.3-02") } ?? ""
        #expect(row.hasSuffix("…"), "\(row)")
        #expect(DisplayWidth.of(row) <= 60)
        #expect(lines.contains { $0.contains("ex-4-01") && $0.hasSuffix("det er for tidlig") }, "a text that fits")
    }
}
