import CaseCore
import Presentation

/// The review screen: a progress bar (always visible), the excerpt with its context, the code
/// table — the other coding's codes next to the coder's own — the pinned codes, the memo; and
/// the picker and memo editor as overlays.
enum ReviewScreen {
    static func statusText(_ state: AppState, _ s: ReviewStatus) -> String {
        switch s {
        case .unreviewed: return state.t(.statusUnreviewed)
        case .reviewed: return state.t(.statusReviewed)
        case .disputed: return state.t(.statusDisputed)
        case .discuss: return state.t(.statusDiscuss)
        }
    }

    /// "[█████░░░░░] 12/62 done (19 %) · 9 reviewed · 2 disputed · 1 to discuss": done is an
    /// excerpt with a status (r, R, d or D); the bar in characters, the numbers in words, and
    /// the breakdown shortened (never a figure cut) when the line is narrow.
    static func progress(_ state: AppState, _ r: ReviewModel, width: Int) -> StyledLine {
        let done = r.reviewed, total = max(1, r.queue.count)
        // Figures grouped as everywhere else ("80 093/100 000", not "80093/100000").
        let n = { (count: Int) in NumberText.grouped(count, state.language) }
        let label =
            " " + state.t(.reviewProgress).filling(["%r": n(done), "%n": n(r.queue.count)])
            + " (\(done * 100 / total) %)"
        let counts = r.statusCounts
        func breakdown(_ key: Txt) -> String {
            state.t(key).filling([
                "%r": n(counts[.reviewed] ?? 0), "%d": n(counts[.disputed] ?? 0), "%D": n(counts[.discuss] ?? 0)
            ])
        }
        let rest =
            [breakdown(.reviewBreakdown), breakdown(.reviewBreakdownShort), ""].first {
                width - DisplayWidth.of(label) - DisplayWidth.of($0) - 2 >= 5
            } ?? ""
        let barWidth = max(5, min(40, width - DisplayWidth.of(label) - DisplayWidth.of(rest) - 2))
        return ProgressBar.spans(done: done, total: total, width: barWidth) + [
            Span(label, Style(.heading, bold: true)), Span(rest, Style(.dim))
        ]
    }

    /// Returns the text's scroll offset as drawn (clamped to the text; kept by `Frame.draw`).
    @discardableResult
    static func render(_ state: AppState, into buffer: inout CellBuffer, in rect: Rect) -> Int {
        guard let r = state.review else { return 0 }
        let inner = rect.inset(left: 1, right: 1)
        let d = state.data
        // Header: progress, coder, read-only flag.
        buffer.put(progress(state, r, width: inner.width), x: inner.x, y: inner.y, limit: inner.width)
        var who: StyledLine = [
            Span(state.t(.reviewCoder).filling(["%c": r.coder, "%o": r.compareCoder]), Style(.dim))
        ]
        if r.readOnly {
            who.insert(Span(state.t(.reviewReadOnly) + "  ", Style(.error, bold: true, reverse: true)), at: 0)
        }
        if r.view != .all {
            // First on the line, so it stays when the terminal is narrow.
            who.insert(
                contentsOf: [
                    Span(state.t(.queueViewLabel) + " ", Style(.label, bold: true)),
                    Span(state.queueViewName(r.view) + " · ", Style(.accent, bold: true))
                ], at: r.readOnly ? 1 : 0)
        }
        buffer.put(who, x: inner.x, y: inner.y + 1, limit: inner.width)
        guard let id = r.current, let e = d.excerpt(id) else { return 0 }
        let mine = r.mine[id]
        // The section is the label that gives way; the id, position, status and lines stay whole.
        let title = Fit.line(
            [
                .figure(id, Style(.heading, bold: true), priority: 9),
                .figure(" · \(r.index + 1)/\(r.queue.count)", Style(.dim), priority: 8),
                .label(" · " + state.t(.statusWord) + ": ", Style(.label, bold: true), priority: 3, minWidth: 3),
                .figure(
                    statusText(state, mine.status),
                    Style(mine.status == .unreviewed ? .dim : .confidenceStated, bold: true), priority: 7),
                .figure(" · " + state.linesLabel(e.source.lines), Style(.dim), priority: 6),
                .label(" · " + e.source.section, Style(.dim), priority: 1, minWidth: 0)
            ], width: inner.width)
        buffer.put(title, x: inner.x, y: inner.y + 2, limit: inner.width)

        let rows = r.codeRows(d)
        let (textRect, codesRect, pinLines, memoLines) = parts(state, r, mine, in: rect)
        var textScroll = r.textScroll
        ScrollView.render(textLines(state, e, width: textRect.width), offset: &textScroll, into: &buffer, in: textRect)

        var y = textRect.maxY
        buffer.put(String(repeating: "─", count: inner.width), x: inner.x, y: y, style: Style(.dim))
        y += 1
        // The names take what the codebook's longest name needs, not all the width: at 200
        // columns the coders' columns stood some 130 cells right of the names, hard to read across.
        let nameWidth = max(12, min(inner.width - 34, codeNameWidth(d, rows)))
        let colA = DisplayWidth.truncate(r.compareCoder, to: 9), colB = DisplayWidth.truncate(r.coder, to: 9)
        buffer.put(
            [
                Span(DisplayWidth.pad("  " + state.t(.codesHeading), to: nameWidth + 2), Style(.heading, bold: true)),
                Span(DisplayWidth.pad(colA, to: 10), Style(.label, bold: true)),
                Span(DisplayWidth.pad(colB, to: 10), Style(.label, bold: true))
            ],
            x: inner.x, y: y, limit: inner.width)
        y += 1
        if rows.isEmpty {
            buffer.put("  " + state.t(.noCodesYet), x: inner.x, y: y, style: Style(.dim), limit: inner.width)
        }
        y = codesRect.y
        ListView.rows(count: rows.count, selection: r.codeRow, in: codesRect, centred: false) { i, selected, rowY in
            let code = rows[i]
            let theirs = r.compare[id].codes.contains(code), ours = mine.codes.contains(code)
            let pin = r.pinDigit(of: code).map(String.init) ?? " "
            let name = d.code(code)?.name ?? code
            var line: StyledLine = [
                Span(selected ? "▶" : " ", Style(.accent, bold: true)), Span(pin, Style(.statusKey, bold: true)),
                // One blank cell always separates the name from the first column.
                Span(
                    DisplayWidth.pad(" " + name, to: nameWidth - 1) + " ",
                    Style(selected ? .selected : .normal, bold: ours, reverse: selected)),
                Span(DisplayWidth.pad(theirs ? "✓" : "·", to: 10), Style(theirs ? .normal : .dim, bold: theirs)),
                Span(DisplayWidth.pad(ours ? "✓" : "·", to: 10), Style(ours ? .confidenceStated : .dim, bold: ours))
            ]
            if theirs != ours { line.append(Span(ours ? "+" : "−", Style(.match, bold: true))) }
            if mine.codeMemos[code] != nil { line.append(Span(" ✎", Style(.accent))) }
            buffer.put(line, x: inner.x, y: rowY, limit: inner.width)
            y = rowY + 1
        }
        // Every pin the digits act on, in full: "1 ppt  2 uh-rolle …", wrapped when it is long.
        y = min(y, inner.maxY - pinLines.count - memoLines)
        for line in pinLines {
            buffer.put(line, x: inner.x, y: y, limit: inner.width)
            y += 1
        }
        if memoLines > 0 {
            let memo = StyledWrap.wrap(
                [Span(state.t(.memoHeading) + ": ", Style(.label, bold: true)), Span(mine.memo)], width: inner.width)
            Draw.lines(
                Array(memo.prefix(memoLines)), scroll: 0, into: &buffer,
                in: Rect(x: inner.x, y: y, width: inner.width + 1, height: memoLines))
        }
        if let p = r.picker {
            CodePicker.render(state, p, applied: mine.codes, pinDigit: r.pinDigit, into: &buffer, in: rect)
        }
        if let p = r.jump { jumpPicker(state, r, p, into: &buffer, in: rect) }
        if let editor = r.editor { TextArea.render(state, editor, into: &buffer, in: rect) }
        return textScroll
    }

    /// The excerpt as the review shows it: lead-in, the quote, speaker and attribution (resolve
    /// leaves the last out).
    static func textLines(_ state: AppState, _ e: Excerpt, width: Int, attribution: Bool = true) -> [StyledLine] {
        var text: [StyledLine] = []
        if let leadIn = e.leadIn {
            text += StyledWrap.wrap([Span(leadIn.text, Style(.dim))], width: width - 1)
        }
        text += StyledWrap.wrap([Span(e.text, Style(.quote))], width: width - 3).map {
            [Span("│ ", Style(.accent, bold: true))] + $0
        }
        guard attribution else { return text }
        text += StyledWrap.wrap(
            [
                Span(
                    e.speaker.role + " · " + state.t(ReaderScreen.confidenceText(e.attribution.confidence)) + " — "
                        + ReaderScreen.placement(state, e), Style(.dim))
            ], width: width - 1)
        return text
    }

    /// How far the excerpt's text scrolls: 0 when it fits its room (PgDn/PgUp then do nothing).
    static func maxTextScroll(_ state: AppState) -> Int {
        guard let r = state.review, let id = r.current, let e = state.data.excerpt(id) else { return 0 }
        let rect = parts(state, r, r.mine[id], in: state.frameRows.body).text
        return max(0, textLines(state, e, width: rect.width).count - rect.height)
    }

    /// The parts under the header, sized to the content (rendering and the mouse share them):
    /// the text gets what the code table (a rule, its header, its rows), the pins and the memo leave.
    static func parts(_ state: AppState, _ r: ReviewModel, _ mine: ExcerptCoding, in rect: Rect) -> (
        text: Rect, codes: Rect, pins: [StyledLine], memoLines: Int
    ) {
        let inner = rect.inset(left: 1, right: 1)
        let count = r.codeRows(state.data).count
        let memoLines = mine.memo.isEmpty ? 0 : min(3, DisplayWidth.wrap(mine.memo, width: inner.width - 8).count)
        let pins = pinsLines(state, r, mine.codes, width: inner.width)
        let bottom = min(inner.height - 6, 1 + max(1, count) + 1 + pins.count + memoLines)
        let part = inner.rows([.fixed(3), .min(0), .fixed(1 + bottom)])
        // Under the rule and the header; "no codes yet" takes the first row when there are none.
        let codes = part[2].rows([.fixed(count == 0 ? 3 : 2), .fixed(max(1, bottom - 2 - memoLines))])[1]
        return (part[1], codes, pins, memoLines)
    }

    /// The code of the table drawn on row y (a click there), nil when none is.
    static func codeRow(_ state: AppState, _ r: ReviewModel, at y: Int, in rect: Rect) -> Int? {
        guard let id = r.current else { return nil }
        return ListView.index(
            at: y, count: r.codeRows(state.data).count, selection: r.codeRow,
            in: parts(state, r, r.mine[id], in: rect).codes,
            centred: false)
    }

    /// The most cells the code-name column takes, however wide the window: a longer name is cut.
    static let maxCodeNameWidth = 60

    /// Cells the code-name column needs: the longest name of the codebook (or of a code in the
    /// rows it lacks) with a blank before and after it, at most `maxCodeNameWidth`. The whole
    /// codebook, so the coders' columns stay put from one excerpt to the next.
    static func codeNameWidth(_ d: Dataset, _ rows: [String]) -> Int {
        var longest = 0
        for code in d.codes { longest = max(longest, DisplayWidth.of(code.name)) }
        for id in rows where d.code(id) == nil { longest = max(longest, DisplayWidth.of(id)) }
        return min(maxCodeNameWidth, longest + 2)
    }

    /// The pins as lines: each digit with its code (✓ when the excerpt has it), never cut —
    /// a pin moves to the next line whole.
    static func pinsLines(_ state: AppState, _ r: ReviewModel, _ codes: Set<String>, width: Int) -> [StyledLine] {
        var pins: StyledLine = [Span(state.t(.pinsHeading) + ":", Style(.label, bold: true))]
        for (i, slot) in r.pins.enumerated() {
            guard let code = slot else { continue }
            let on = codes.contains(code)
            // A no-break space keeps each digit with its code when the line wraps.
            pins += [
                Span(pins.count == 1 ? " " : "  "), Span("\(i + 1)", Style(.statusKey, bold: true)),
                Span("\u{00A0}" + (on ? "✓" : "") + code, Style(on ? .confidenceStated : .normal, bold: on))
            ]
        }
        return StyledWrap.wrap(pins, width: max(1, width), indent: 2).map { line in
            line.map { Span($0.text.replacingOccurrences(of: "\u{00A0}", with: " "), $0.style) }
        }
    }

    /// `o`: the queue's excerpts, narrowed by what is typed (an id or a number in the queue).
    static func jumpPicker(
        _ state: AppState, _ r: ReviewModel, _ p: ReviewModel.Picker, into buffer: inout CellBuffer, in rect: Rect
    ) {
        let digits = String(r.queue.count).count
        let items = r.jumpTargets(p.query).map { i -> PickerView.Item in
            let id = r.queue[i]
            let pad = String(repeating: " ", count: max(0, digits - String(i + 1).count))
            return PickerView.Item(
                mark: [Span(pad + String(i + 1) + " ", Style(.statusKey, bold: true))],
                name: id + (state.data.excerpt(id).map { " · " + $0.speaker.role } ?? ""),
                detail: statusText(state, r.mine[id].status).lowercased())
        }
        PickerView.render(
            state, title: state.t(.goToTitle), query: p.query, items: items, row: p.row,
            empty: state.t(.noExcerptMatches), into: &buffer, in: rect)
    }
}
