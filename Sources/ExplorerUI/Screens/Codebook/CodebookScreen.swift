import CaseCore
import Presentation

/// The codebook as a tree with counts in the active coding, and the selected code's description.
public enum CodebookScreen {
    /// The counts per code in the coding the filter reads: a pass over every excerpt, so kept
    /// between frames (and built in the background at start on large data) until that coding
    /// changes.
    public static func counts(_ state: AppState) -> CodeCounts {
        let coding = state.coding(of: state.filter.coder)
        return state.memo.derived(
            "codeCounts/\(state.filter.coder ?? "")/\(coding?.events ?? -1)/\(coding?.lastSequence ?? -1)"
        ) {
            CodeCounts(state.data, coding: coding)
        }
    }

    /// The table: below the heading, above the rule and the detail.
    static func tableRect(in rect: Rect) -> Rect {
        let inner = rect.inset(left: 1, right: 1)
        return inner.rows([.fixed(1), .min(0), .fixed(1 + min(8, inner.height / 3))])[1]
    }

    /// Where the rows are: under the table's header.
    static func listRect(in rect: Rect) -> Rect { tableRect(in: rect).rows([.fixed(1), .min(0)])[1] }

    static func render(_ state: AppState, _ s: ListState, into buffer: inout CellBuffer, in rect: Rect) {
        let d = state.data
        let rows = CodebookLayout(data: d).rows
        guard !rows.isEmpty else { return }
        let inner = rect.inset(left: 1, right: 1)
        let detailHeight = min(8, inner.height / 3)
        let table = Self.tableRect(in: rect)
        let counts = counts(state)
        buffer.put(
            [
                Span(state.t(.tabCodebook), Style(.heading, bold: true)),
                Span(
                    "  "
                        + state.t(.codebookCounts).filling(["%c": state.codingName(state.filter.coder)]), Style(.dim))
            ],
            x: inner.x, y: inner.y, limit: inner.width)
        // Ids are never cut: the name gives way. Counts: own, and with subcodes for parents.
        let idWidth = min(max(8, inner.width / 2), rows.map { DisplayWidth.of($0.code.id) }.max() ?? 8)
        let ownWidth = max(5, DisplayWidth.of(state.t(.codebookOwn)) + 1),
            allWidth = max(7, DisplayWidth.of(state.t(.codebookAll)) + 1)
        let nameRight = table.maxX - idWidth - ownWidth - allWidth - 1
        let listRect = TableView.header(
            [
                Span(DisplayWidth.pad("", to: max(0, nameRight - table.x))),
                Span(TableView.right(state.t(.codebookOwn), ownWidth), Style(.label, bold: true)),
                Span(TableView.right(state.t(.codebookAll), allWidth), Style(.label, bold: true)),
                Span(" id", Style(.label, bold: true))
            ], in: table, into: &buffer)
        ListView.rows(count: rows.count, selection: s.selection, in: listRect) { i, selected, y in
            let r = rows[i]
            let isParent = !d.subcodes(of: r.code.id).isEmpty
            let indent = String(repeating: "  ", count: r.depth)
            var x = listRect.x
            x += buffer.put(selected ? "▶ " : "  ", x: x, y: y, style: Style(.accent, bold: true))
            x += buffer.put(indent + "■ ", x: x, y: y, style: Style(.accent))
            let nameWidth = max(4, nameRight - x)
            x += buffer.put(
                DisplayWidth.pad(r.code.name, to: nameWidth - 1) + " ", x: x, y: y,
                style: Style(selected ? .selected : .normal, bold: selected || r.depth == 0, reverse: selected))
            x += buffer.put(TableView.right(String(counts.own(r.code.id)), ownWidth), x: x, y: y, style: Style(.dim))
            x += buffer.put(
                TableView.right(isParent ? String(counts.withSubcodes(r.code.id)) : "", allWidth), x: x, y: y,
                style: Style(.dim, bold: isParent))
            buffer.put(" " + r.code.id, x: x, y: y, style: Style(.dim), limit: listRect.maxX - x)
        }
        let code = rows[min(s.selection, rows.count - 1)].code
        let detail = Rect(x: inner.x, y: listRect.maxY + 1, width: inner.width, height: detailHeight)
        buffer.put(String(repeating: "─", count: inner.width), x: inner.x, y: listRect.maxY, style: Style(.dim))
        var lines: [StyledLine] = StyledWrap.wrap(
            [Span(code.name + ": ", Style(.heading, bold: true)), Span(code.description)], width: detail.width - 1)
        let questions = code.researchQuestions.compactMap { q in
            d.researchQuestions.first { $0.id == q }.map { "\(q). \($0.text)" }
        }
        if !questions.isEmpty {
            lines += StyledWrap.wrap(
                [
                    Span(state.t(.codeQuestionsLink) + ": ", Style(.label, bold: true)),
                    Span(questions.joined(separator: " "), Style(.dim))
                ], width: detail.width - 1)
        }
        Draw.lines(lines, scroll: 0, into: &buffer, in: detail)
    }
}
