@testable import ExplorerUI
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
        #expect(draw(ProgressBar.spans(done: 0, total: 0, width: 4)).text == "[░░░░]", "an empty queue is an empty bar, not a crash")
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
