import CaseCore
import Presentation

/// All excerpts under the active filter; the filter always shown above the list with counts;
/// search hits marked and highlighted.
enum ExcerptListScreen {
    /// Where the rows are: below the filter and search lines.
    static func listRect(in rect: Rect) -> Rect { rect.inset(left: 1, right: 1).rows([.fixed(2), .min(0)])[1] }

    static func render(_ state: AppState, _ s: ListState, into buffer: inout CellBuffer, in rect: Rect) {
        let d = state.data
        let list = state.listedExcerpts
        let hits = state.hits
        let inner = rect.inset(left: 1, right: 1)
        // The filter's words give way; the count never does.
        let header = Fit.line(
            [
                .label(state.t(.filterLabel) + ": ", Style(.label, bold: true), priority: 2, minWidth: 0),
                .label(
                    state.filterSummary, Style(state.filter.isEmpty ? .dim : .accent, bold: !state.filter.isEmpty),
                    priority: 1, minWidth: 6),
                .figure(
                    "  " + state.countOf(list.count, d.excerpts.count), Style(.dim), priority: 9,
                    shorter: ["  \(list.count)/\(d.excerpts.count)"])
            ], width: inner.width)
        buffer.put(header, x: inner.x, y: inner.y, limit: inner.width)
        if !state.search.query.isEmpty {
            let searchLine: StyledLine = [
                Span(state.t(.searchLabel) + ": ", Style(.label, bold: true)),
                Span(state.search.query, Style(.match, bold: true, underline: true)),
                Span("  " + state.hitsText + (state.search.fold ? " · " + state.t(.foldOnShort) : ""), Style(.dim))
            ]
            buffer.put(searchLine, x: inner.x, y: inner.y + 1, limit: inner.width)
        }
        let listRect = Self.listRect(in: rect)
        guard !list.isEmpty else {
            buffer.put(
                state.t(.noExcerptsMatch), x: listRect.x, y: listRect.y, style: Style(.dim), limit: listRect.width)
            return
        }
        let idWidth = 11, countyWidth = 4, speakerWidth = min(22, max(10, listRect.width / 5))
        ListView.rows(count: list.count, selection: s.selection, in: listRect) { i, selected, y in
            let e = list[i]
            let hit = hits[e.id]
            let base = Style(selected ? .selected : .normal, bold: selected, reverse: selected)
            var x = listRect.x
            x += buffer.put(selected ? "▶" : (hit != nil ? "•" : " "), x: x, y: y, style: Style(.accent, bold: true))
            x += buffer.put(" " + DisplayWidth.pad(e.id, to: idWidth), x: x, y: y, style: base)
            x += buffer.put(
                " " + DisplayWidth.pad(e.attribution.county.map { "F\($0)" } ?? "–", to: countyWidth), x: x, y: y,
                style: Style(.dim))
            x += buffer.put(DisplayWidth.pad(e.speaker.role, to: speakerWidth) + " ", x: x, y: y, style: Style(.dim))
            let room = listRect.maxX - x
            guard room > 4 else { return }
            // Show the text around the first match so the hit is visible.
            // By string index, not through an array of characters: rebuilding each row's whole
            // text character by character was most of a search's frame at 100 000 excerpts.
            var start = 0
            if let first = hit?.first, first.lowerBound > room / 3 { start = first.lowerBound - room / 3 }
            let full = e.text
            let from = full.index(full.startIndex, offsetBy: start, limitedBy: full.endIndex) ?? full.endIndex
            let window = start == 0 ? full : String(full[from...])
            let shifted = hit?.compactMap { m -> Range<Int>? in
                m.lowerBound >= start ? (m.lowerBound - start)..<(m.upperBound - start) : nil
            }
            let text = (start > 0 ? [Span("…", base)] : []) + Draw.highlighted(window, shifted, base: base)
            buffer.putMarkingCut(text, x: x, y: y, limit: room)
        }
    }
}
