import CaseCore
import Presentation

/// Pieces of screen drawn one way wherever they appear (each tested on the cell buffer in
/// WidgetTests): a list, a table with a fixed header, a progress bar, a tab bar, the type-to-filter code picker and the
/// text
/// area of memos.
enum ListView {
    /// The rows of a list that fit in `rect`, the selection (clamped to the list) centred when it
    /// can be: `row` draws item i, told whether it is selected and on which line.
    /// Not centred: the selection is kept in view from the top (the picker).
    static func rows(
        count: Int, selection: Int, in rect: Rect, centred: Bool = true,
        _ row: (_ index: Int, _ selected: Bool, _ y: Int) -> Void
    ) {
        guard count > 0, rect.height > 0 else { return }
        let selection = max(0, min(selection, count - 1))
        let first = Self.first(count: count, selection: selection, height: rect.height, centred)
        for (offset, i) in (first..<min(count, first + rect.height)).enumerated() {
            row(i, i == selection, rect.y + offset)
        }
    }

    /// The item drawn on row y (a click there), nil when none is.
    static func index(at y: Int, count: Int, selection: Int, in rect: Rect, centred: Bool = true) -> Int? {
        guard count > 0, y >= rect.y, y < rect.maxY else { return nil }
        let i =
            first(count: count, selection: max(0, min(selection, count - 1)), height: rect.height, centred) + y - rect.y
        return i < count ? i : nil
    }

    /// The first item shown. Centred, the last page filling the rect (`G` never leaves half of it
    /// blank); else the selection kept in view from the top.
    private static func first(count: Int, selection: Int, height: Int, _ centred: Bool) -> Int {
        centred
            ? min(max(0, count - height), max(0, selection - height / 2))
            : Draw.scroll(keeping: selection, current: 0, height: height)
    }

}

/// A text taller than its rect, scrolled. Its state is the offset (the first row shown): the
/// update moves it by rows and pages without knowing how tall the text is, and rendering clamps
/// it so that the last page fills the rect, then keeps it in the state (as ratatui's
/// StatefulWidget; see `Frame.draw`), so the next key moves from what was drawn.
enum ScrollView {
    /// Past the end of any text: where `G` puts the offset until rendering clamps it.
    static let end = 1 << 40

    static func render(_ lines: [StyledLine], offset: inout Int, into buffer: inout CellBuffer, in rect: Rect) {
        offset = Draw.lines(lines, scroll: offset, into: &buffer, in: rect)
    }

    /// The offset after a scroll key, a page being `page` rows; nil when the action is not one.
    static func moved(_ offset: Int, by action: Action, page: Int) -> Int? {
        let page = max(1, page)
        let step: Int
        switch action {
        case .moveDown: step = 1
        case .moveUp: step = -1
        case .pageDown: step = page
        case .pageUp: step = -page
        case .halfPageDown: step = max(1, page / 2)
        case .halfPageUp: step = -max(1, page / 2)
        case .top: return 0
        case .bottom: return end
        default: return nil
        }
        return max(0, min(end, offset + step))
    }
}

/// A table whose header row stays while its rows scroll below it (in a `ListView`).
enum TableView {
    /// Draws the header on the rect's first row; returns where the rows go.
    static func header(_ line: StyledLine, in rect: Rect, into buffer: inout CellBuffer) -> Rect {
        let parts = rect.rows([.fixed(1), .min(0)])
        buffer.put(line, x: parts[0].x, y: parts[0].y, limit: parts[0].width)
        return parts[1]
    }

    /// A cell `width` wide with the text at its right and a space after it, so figures line up.
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - 1 - DisplayWidth.of(text))) + text + " "
    }
}

enum ProgressBar {
    /// "[█████░░░░░]" in `width` cells between the brackets: the amount in characters, never by
    /// colour alone.
    static func spans(done: Int, total: Int, width: Int) -> StyledLine {
        let filled = max(0, min(width, width * done / max(1, total)))
        return [
            Span("[", Style(.dim)), Span(String(repeating: "█", count: filled), Style(.accent, bold: true)),
            Span(String(repeating: "░", count: width - filled), Style(.dim)), Span("]", Style(.dim))
        ]
    }
}

enum TabBar {
    /// One span per tab, the active one marked "▸" and reversed (the mark says it without
    /// colour), each followed by `gap`.
    static func spans(_ labels: [String], active: Int?, gap: String = " ") -> StyledLine {
        labels.enumerated().flatMap { i, label -> StyledLine in
            let on = i == active
            let tab = Span((on ? "▸" : " ") + label + " ", Style(on ? .tabActive : .tab, bold: on, reverse: on))
            return gap.isEmpty ? [tab] : [tab, Span(gap)]
        }
    }

    /// The tab drawn at column x of a bar from `spans` drawn at x0 (a click there), nil when none is.
    static func index(at x: Int, of spans: StyledLine, from x0: Int, gap: Bool = true) -> Int? {
        var left = x0
        for (i, span) in spans.enumerated() {
            let w = DisplayWidth.of(span.text)
            if (!gap || i % 2 == 0), x >= left, x < left + w { return gap ? i / 2 : i }
            left += w
        }
        return nil
    }
}

/// The type-to-narrow picker over a screen: the typed text with a cursor, then the items it
/// matches, each with its marks, its name and a dim detail. One widget for every list one picks
/// from: codes (review, resolve), excerpts of the review queue, filter values.
enum PickerView {
    struct Item {
        var mark: StyledLine = []
        var name: String
        var detail: String = ""
    }

    /// The picker's box over `rect`.
    static func box(in rect: Rect) -> Rect {
        Rect(x: rect.x + 4, y: rect.y + 3, width: min(rect.width - 8, 72), height: rect.height - 5)
    }

    static func render(
        _ state: AppState, title: String, query: String, items: [Item], row: Int, empty: String,
        into buffer: inout CellBuffer, in rect: Rect
    ) {
        let inner = Draw.box(box(in: rect), title: title, into: &buffer)
        buffer.put(
            [Span("> ", Style(.statusKey, bold: true)), Span(query), Span("█")], x: inner.x, y: inner.y,
            limit: inner.width)
        let listRect = inner.rows([.fixed(2), .min(0)])[1]
        if items.isEmpty { buffer.put(empty, x: listRect.x, y: listRect.y, style: Style(.dim)) }
        // Room for the details (ids) only when there are any: else the names take the width.
        let detailRoom = items.contains { !$0.detail.isEmpty } ? 22 : 0
        ListView.rows(count: items.count, selection: row, in: listRect, centred: false) { i, selected, y in
            let item = items[i]
            let markWidth = item.mark.reduce(0) { $0 + DisplayWidth.of($1.text) }
            buffer.put(
                [Span(selected ? "▶" : " ", Style(.accent, bold: true))] + item.mark + [
                    Span(
                        DisplayWidth.pad(item.name, to: max(10, listRect.width - 1 - detailRoom - markWidth)),
                        Style(selected ? .selected : .normal, bold: selected, reverse: selected)),
                    Span(item.detail.isEmpty ? "" : " " + item.detail, Style(.dim))
                ], x: listRect.x, y: y, limit: listRect.width)
        }
    }
}

/// The code picker (review and resolve): each code with its pinned digit and ✓ when applied.
enum CodePicker {
    static func render(
        _ state: AppState, _ p: ReviewModel.Picker, applied: Set<String>, pinDigit: (String) -> Int?,
        into buffer: inout CellBuffer, in rect: Rect
    ) {
        let items = ReviewModel.matching(p.query, in: state.data).map { c in
            PickerView.Item(
                mark: [
                    Span(pinDigit(c.id).map { "\($0)" } ?? " ", Style(.statusKey, bold: true)),
                    Span(applied.contains(c.id) ? "✓ " : "  ", Style(.confidenceStated, bold: true))
                ], name: c.name, detail: c.id)
        }
        PickerView.render(
            state, title: state.t(.pickerTitle), query: p.query, items: items, row: p.row,
            empty: state.t(.noCodeMatches), into: &buffer, in: rect)
    }
}

/// The memo editor's text area over a screen: the lines around the cursor, which is a reversed
/// cell (so it shows without colour), the cursor's row shifted left when it runs past the edge.
/// A line cut at either edge says so with "…" (the memo is never shown as shorter than it is).
enum TextArea {
    static func render(_ state: AppState, _ e: MemoEditor, into buffer: inout CellBuffer, in rect: Rect) {
        let title = e.code.map { state.t(.codeMemoFor).replacingOccurrences(of: "%c", with: $0) } ?? state.t(.memoTitle)
        let box = Rect(x: rect.x + 4, y: rect.y + 4, width: min(rect.width - 8, 80), height: min(rect.height - 6, 14))
        let inner = Draw.box(box, title: title, into: &buffer)
        let top = max(0, e.row - inner.height + 1)
        for row in 0..<inner.height where top + row < e.lines.count {
            let line = e.lines[top + row]
            let y = inner.y + row
            if top + row == e.row {
                // The cursor is drawn as a reversed cell, so it shows without colour.
                let chars = Array(line)
                let column = min(e.column, chars.count)
                var before = chars[..<column]
                let at = column < chars.count ? String(chars[column]) : " "
                let after = column < chars.count ? String(chars[(column + 1)...]) : ""
                var x = inner.x
                // Room left of the cursor: the line starts there, or "…" and its end (by cells:
                // a wide character counts two).
                let room = inner.width - DisplayWidth.of(at)
                if DisplayWidth.of(String(before)) > room {
                    x += buffer.put("…", x: x, y: y, style: Style(.dim))
                    while DisplayWidth.of(String(before)) > room - 1, !before.isEmpty { before = before.dropFirst() }
                }
                x += buffer.put(String(before), x: x, y: y, limit: inner.maxX - x)
                x += buffer.put(at, x: x, y: y, style: Style(.selected, reverse: true), limit: inner.maxX - x)
                buffer.putMarkingCut([Span(after)], x: x, y: y, limit: inner.maxX - x)
            } else {
                buffer.putMarkingCut([Span(line)], x: inner.x, y: y, limit: inner.width)
            }
        }
    }
}
