import CaseCore
import Presentation

/// One disagreement: the excerpt, which codes only A applied, only B, and both, each coder's
/// memos, the consensus so far; progress and the agreement figures above, updating as you go.
enum ResolveScreen {
    /// Returns the text's scroll offset as drawn (clamped to the text; kept by `Frame.draw`).
    @discardableResult
    static func render(_ state: AppState, into buffer: inout CellBuffer, in rect: Rect) -> Int {
        guard let r = state.resolve else { return 0 }
        let d = state.data
        let inner = rect.inset(left: 1, right: 1)
        // Counted once per version of the three codings and the queue, not on every frame.
        let (done, stale) = state.memo.derived("resolve-progress/" + r.version) { r.progress }
        let total = max(1, r.queue.count)
        let label =
            " "
            + state.t(.resolveProgress).filling([
                "%r": NumberText.grouped(done, state.language), "%n": NumberText.grouped(r.queue.count, state.language)
            ])
            + (stale > 0 ? " · " + state.t(.staleCount).filling(["%s": NumberText.grouped(stale, state.language)]) : "")
        let barWidth = max(5, min(30, inner.width - DisplayWidth.of(label) - 40))
        // The κ figures are shown whole: their names shorten to letters (A, B, K), then the
        // least important figure goes — a value is never cut.
        // The bar is whole or not there (the count beside it says the same in figures).
        var parts: [FitPart] = [
            .figure(
                ProgressBar.spans(done: done, total: total, width: barWidth).map(\.text).joined(),
                Style(.accent, bold: true), priority: 0),
            .figure(label + "  ", Style(.heading, bold: true), priority: 9)
        ]
        let short = ["κ A–B", "κ K–A", "κ K–B"]
        for (i, (name, s)) in r.figures(d, memo: state.memo, inBackground: state.searchesInBackground).enumerated() {
            // "…": being worked out (large studies, after a resolution); "–": not defined.
            let value = " " + (s.map { $0.value.map { String(format: "%.2f", $0) } ?? "–" } ?? "…") + "  "
            parts.append(.figure(name + value, Style(.dim), priority: 5 - i, shorter: [short[min(i, 2)] + value]))
        }
        buffer.put(Fit.line(parts, width: inner.width), x: inner.x, y: inner.y, limit: inner.width)
        var who = state.t(.resolveWho).filling(["%a": r.a, "%b": r.b, "%i": r.into, "%r": r.resolver])
        if r.readOnly { who = state.t(.reviewReadOnly) + "  " + who }
        buffer.put(
            who, x: inner.x, y: inner.y + 1, style: Style(r.readOnly ? .error : .dim, bold: r.readOnly),
            limit: inner.width)
        guard let id = r.current, let e = d.excerpt(id) else {
            buffer.put(
                state.t(.noDisagreements).filling(["%a": r.a, "%b": r.b]), x: inner.x, y: inner.y + 3,
                style: Style(.dim), limit: inner.width)
            return 0
        }
        let c = r.consensus[id]
        buffer.put(
            [
                Span(id, Style(.heading, bold: true)),
                Span(" · \(r.index + 1)/\(r.queue.count) · " + e.source.section, Style(.dim))
            ],
            x: inner.x, y: inner.y + 2, limit: inner.width)
        let (columns, rows, memos, conflict, text, textRect) = Self.layout(state, r, id, e, in: inner)
        var textScroll = r.textScroll
        ScrollView.render(text, offset: &textScroll, into: &buffer, in: textRect)
        var y = textRect.maxY
        buffer.put(String(repeating: "─", count: inner.width), x: inner.x, y: y, style: Style(.dim))
        y += 1
        // As wide as the longest title or code name needs, at most a third: on a wide terminal
        // the three columns stay side by side instead of spreading over the whole width.
        var names: [String] = columns.map(\.0)
        for (_, codes) in columns { names += codes.map { "· " + (d.code($0)?.name ?? $0) } }
        let widest = names.map { DisplayWidth.of($0) }.max() ?? 0
        let colWidth = max(1, min(inner.width / 3, widest + 3))
        // A name cut to its column ends in "…" (it was cut off mid-word without a sign).
        let cell = { (text: String) in DisplayWidth.truncate(text, to: colWidth - 1) }
        for (i, (title, _)) in columns.enumerated() {
            buffer.put(
                cell(title), x: inner.x + i * colWidth, y: y, style: Style(.heading, bold: true), limit: colWidth - 1)
        }
        for row in 0..<rows {
            for (i, (_, codes)) in columns.enumerated() {
                let sorted = d.codes.map(\.id).filter { codes.contains($0) }
                let text =
                    row < sorted.count ? "· " + (d.code(sorted[row])?.name ?? sorted[row]) : (row == 0 ? "–" : "")
                buffer.put(
                    cell(text), x: inner.x + i * colWidth, y: y + 1 + row,
                    style: Style(i == 1 ? .normal : .match, bold: i != 1), limit: colWidth - 1)
            }
        }
        y += 1 + rows
        // Without a status the excerpt is not resolved, also after an undo (never review's words here).
        let codes = c.sortedCodes.isEmpty ? "–" : c.sortedCodes.joined(separator: ", ")
        let consensus =
            c.status == .unreviewed
            ? (c.sortedCodes.isEmpty ? "" : codes + " · ") + state.t(.notResolved)
            : codes + " · " + ReviewScreen.statusText(state, c.status)
        let isStale = r.isStale(id)
        buffer.put(
            [
                Span(state.t(.consensusLine).filling(["%i": r.into]) + ": ", Style(.label, bold: true)),
                Span(
                    consensus,
                    Style(
                        isStale ? .error : c.status == .unreviewed ? .dim : .confidenceStated,
                        bold: c.status != .unreviewed))
            ], x: inner.x, y: y, limit: inner.width)
        y += 1
        if isStale {
            // Said in words (not by colour alone): the resolution predates a coder's change.
            buffer.put(
                state.t(.resolutionStale), x: inner.x, y: y, style: Style(.error, bold: true), limit: inner.width)
            y += 1
        }
        for line in conflict + memos where y < inner.maxY {
            buffer.put(line, x: inner.x, y: y, limit: inner.width); y += 1
        }
        // The same picker and memo editor as the review; the consensus has no pinned digits.
        if let p = r.picker {
            CodePicker.render(state, p, applied: r.consensus[id].codes, pinDigit: { _ in nil }, into: &buffer, in: rect)
        }
        if let editor = r.editor { TextArea.render(state, editor, into: &buffer, in: rect) }
        return textScroll
    }

    /// The parts of a disagreement's screen below the header: the three columns and the memos
    /// (the two coders' and the consensus's own) go at the bottom; the text takes the rest.
    static func layout(_ state: AppState, _ r: ResolveModel, _ id: String, _ e: Excerpt, in inner: Rect) -> (
        columns: [(String, Set<String>)], rows: Int, memos: [StyledLine], conflict: [StyledLine],
        text: [StyledLine], textRect: Rect
    ) {
        let a = r.aCoding[id], b = r.bCoding[id], c = r.consensus[id]
        let columns = [
            (state.t(.onlyA).filling(["%a": r.a]), a.codes.subtracting(b.codes)),
            (state.t(.both), a.codes.intersection(b.codes)),
            (state.t(.onlyB).filling(["%b": r.b]), b.codes.subtracting(a.codes))
        ]
        let rows = max(1, columns.map(\.1.count).max() ?? 1)
        var memos: [StyledLine] = []
        for (label, coding) in [
            (state.t(.memoOf).filling(["%c": r.a]), a),
            (state.t(.memoOf).filling(["%c": r.b]), b),
            (state.t(.resolutionMemo).filling(["%c": r.into]), c)
        ] {
            var parts: [String] = []
            if !coding.memo.isEmpty { parts.append(coding.memo) }
            for (code, memo) in coding.codeMemos.sorted(by: { $0.key < $1.key }) { parts.append("[\(code)] \(memo)") }
            if !parts.isEmpty {
                memos += StyledWrap.wrap(
                    [
                        Span(label + ": ", Style(.label, bold: true)),
                        Span(parts.joined(separator: " · ").replacingOccurrences(of: "\n", with: " ⏎ "))
                    ], width: inner.width - 1
                ).prefix(2)
            }
        }
        // Resolutions made on two machines without seeing each other: both shown, to settle.
        var conflict: [StyledLine] = []
        if !c.conflict.isEmpty {
            let sides = c.conflict.map { "\($0.by): " + ($0.codes.isEmpty ? "–" : $0.codes.joined(separator: ", ")) }
                .joined(separator: " | ")
            conflict = Array(
                StyledWrap.wrap(
                    [Span(state.t(.resolutionConflict).filling(["%l": sides]), Style(.error, bold: true))],
                    width: inner.width - 1
                ).prefix(2))
        }
        let bottom = 1 + 1 + rows + 1 + conflict.count + memos.count + (r.isStale(id) ? 1 : 0)
        let textRect = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: max(2, inner.height - 3 - bottom))
        let text = ReviewScreen.textLines(state, e, width: textRect.width, attribution: false)
        return (columns, rows, memos, conflict, text, textRect)
    }

    /// The first row of the text's last screenful (the text scrolls no further).
    static func maxTextScroll(_ state: AppState) -> Int {
        guard let r = state.resolve, let id = r.current, let e = state.data.excerpt(id) else { return 0 }
        let l = layout(state, r, id, e, in: state.frameRows.body.inset(left: 1, right: 1))
        return max(0, l.text.count - l.textRect.height)
    }
}
