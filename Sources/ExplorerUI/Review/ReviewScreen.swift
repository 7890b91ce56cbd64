import CaseCore

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

    /// "[█████░░░░░] 12/62 reviewed (19 %)" — the bar in characters, the numbers in words.
    static func progress(_ state: AppState, _ r: ReviewModel, width: Int) -> StyledLine {
        let done = r.reviewed, total = max(1, r.queue.count)
        let label = " " + state.t(.reviewProgress).replacingOccurrences(of: "%r", with: String(done)).replacingOccurrences(of: "%n", with: String(r.queue.count)) + " (\(done * 100 / total) %)"
        let barWidth = max(5, min(40, width - DisplayWidth.of(label) - 2))
        return ProgressBar.spans(done: done, total: total, width: barWidth) + [Span(label, Style(.heading, bold: true))]
    }

    static func render(_ state: AppState, into buffer: inout CellBuffer, in rect: Rect) {
        guard let r = state.review else { return }
        let inner = rect.inset(left: 1, right: 1)
        let d = state.data
        // Header: progress, coder, read-only flag.
        buffer.put(progress(state, r, width: inner.width), x: inner.x, y: inner.y, limit: inner.width)
        var who: StyledLine = [Span(state.t(.reviewCoder).replacingOccurrences(of: "%c", with: r.coder).replacingOccurrences(of: "%o", with: r.compareCoder), Style(.dim))]
        if r.readOnly { who.insert(Span(state.t(.reviewReadOnly) + "  ", Style(.error, bold: true, reverse: true)), at: 0) }
        buffer.put(who, x: inner.x, y: inner.y + 1, limit: inner.width)
        guard let id = r.current, let e = d.excerpt(id) else { return }
        let mine = r.mine[id]
        // The section is the label that gives way; the id, position, status and lines stay whole.
        let title = Fit.line([
            .figure(id, Style(.heading, bold: true), priority: 9),
            .figure(" · \(r.index + 1)/\(r.queue.count)", Style(.dim), priority: 8),
            .label(" · " + state.t(.statusWord) + ": ", Style(.label, bold: true), priority: 3, minWidth: 3),
            .figure(statusText(state, mine.status), Style(mine.status == .unreviewed ? .dim : .confidenceStated, bold: true), priority: 7),
            .figure(" · " + state.linesLabel(e.source.lines), Style(.dim), priority: 6),
            .label(" · " + e.source.section, Style(.dim), priority: 1, minWidth: 0),
        ], width: inner.width)
        buffer.put(title, x: inner.x, y: inner.y + 2, limit: inner.width)

        // Bottom part: code table, pins, memo. Sized to content, the text gets the rest.
        let rows = r.codeRows(d)
        let tableHeight = 1 + max(1, rows.count)
        let memoLines = mine.memo.isEmpty ? 0 : min(3, DisplayWidth.wrap(mine.memo, width: inner.width - 8).count)
        let pinLines = pinsLines(state, r, mine.codes, width: inner.width)
        let bottomHeight = min(inner.height - 6, tableHeight + 1 + pinLines.count + memoLines)
        let textRect = Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 3 - bottomHeight - 1)
        var text: [StyledLine] = []
        if let leadIn = e.leadIn { text += StyledWrap.wrap([Span(leadIn.text, Style(.dim))], width: textRect.width - 1) }
        text += StyledWrap.wrap([Span(e.text, Style(.quote))], width: textRect.width - 3).map { [Span("│ ", Style(.accent, bold: true))] + $0 }
        text += StyledWrap.wrap([Span(e.speaker.role + " · " + state.t(ReaderScreen.confidenceText(e.attribution.confidence)) + " — " + ReaderScreen.placement(state, e), Style(.dim))], width: textRect.width - 1)
        Draw.lines(text, scroll: r.textScroll, into: &buffer, in: textRect)

        var y = textRect.maxY
        buffer.put(String(repeating: "─", count: inner.width), x: inner.x, y: y, style: Style(.dim))
        y += 1
        let nameWidth = max(12, inner.width - 34)
        let colA = DisplayWidth.truncate(r.compareCoder, to: 9), colB = DisplayWidth.truncate(r.coder, to: 9)
        buffer.put([Span(DisplayWidth.pad("  " + state.t(.codesHeading), to: nameWidth + 2), Style(.heading, bold: true)),
                    Span(DisplayWidth.pad(colA, to: 10), Style(.label, bold: true)), Span(DisplayWidth.pad(colB, to: 10), Style(.label, bold: true))],
                   x: inner.x, y: y, limit: inner.width)
        y += 1
        if rows.isEmpty {
            buffer.put("  " + state.t(.noCodesYet), x: inner.x, y: y, style: Style(.dim), limit: inner.width)
            y += 1
        }
        let visibleRows = max(1, bottomHeight - 2 - memoLines)
        let start = max(0, min(r.codeRow - visibleRows + 1, rows.count - visibleRows))
        for (i, code) in rows.enumerated().dropFirst(max(0, start)).prefix(visibleRows) {
            let selected = i == r.codeRow
            let theirs = r.compare[id].codes.contains(code), ours = mine.codes.contains(code)
            let pin = r.pinDigit(of: code).map(String.init) ?? " "
            let name = d.code(code)?.name ?? code
            var line: StyledLine = [
                Span(selected ? "▶" : " ", Style(.accent, bold: true)), Span(pin, Style(.statusKey, bold: true)),
                // One blank cell always separates the name from the first column.
                Span(DisplayWidth.pad(" " + name, to: nameWidth - 1) + " ", Style(selected ? .selected : .normal, bold: ours, reverse: selected)),
                Span(DisplayWidth.pad(theirs ? "✓" : "·", to: 10), Style(theirs ? .normal : .dim, bold: theirs)),
                Span(DisplayWidth.pad(ours ? "✓" : "·", to: 10), Style(ours ? .confidenceStated : .dim, bold: ours)),
            ]
            if theirs != ours { line.append(Span(ours ? "+" : "−", Style(.match, bold: true))) }
            if mine.codeMemos[code] != nil { line.append(Span(" ✎", Style(.accent))) }
            buffer.put(line, x: inner.x, y: y, limit: inner.width)
            y += 1
        }
        // Every pin the digits act on, in full: "1 ppt  2 uh-rolle …", wrapped when it is long.
        y = min(y, inner.maxY - pinLines.count - memoLines)
        for line in pinLines {
            buffer.put(line, x: inner.x, y: y, limit: inner.width)
            y += 1
        }
        if memoLines > 0 {
            let memo = StyledWrap.wrap([Span(state.t(.memoHeading) + ": ", Style(.label, bold: true)), Span(mine.memo)], width: inner.width)
            Draw.lines(Array(memo.prefix(memoLines)), scroll: 0, into: &buffer, in: Rect(x: inner.x, y: y, width: inner.width + 1, height: memoLines))
        }
        if r.picker != nil { renderPicker(state, r, into: &buffer, in: rect) }
        if let editor = r.editor { renderEditor(state, editor, into: &buffer, in: rect) }
    }

    /// The pins as lines: each digit with its code (✓ when the excerpt has it), never cut —
    /// a pin moves to the next line whole.
    static func pinsLines(_ state: AppState, _ r: ReviewModel, _ codes: Set<String>, width: Int) -> [StyledLine] {
        var pins: StyledLine = [Span(state.t(.pinsHeading) + ":", Style(.label, bold: true))]
        for (i, slot) in r.pins.enumerated() {
            guard let code = slot else { continue }
            let on = codes.contains(code)
            // A no-break space keeps each digit with its code when the line wraps.
            pins += [Span(pins.count == 1 ? " " : "  "), Span("\(i + 1)", Style(.statusKey, bold: true)), Span("\u{00A0}" + (on ? "✓" : "") + code, Style(on ? .confidenceStated : .normal, bold: on))]
        }
        return StyledWrap.wrap(pins, width: max(1, width), indent: 2).map { line in
            line.map { Span($0.text.replacingOccurrences(of: "\u{00A0}", with: " "), $0.style) }
        }
    }

    static func renderPicker(_ state: AppState, _ r: ReviewModel, into buffer: inout CellBuffer, in rect: Rect) {
        guard let p = r.picker else { return }
        let box = Rect(x: rect.x + 4, y: rect.y + 3, width: min(rect.width - 8, 72), height: rect.height - 5)
        let inner = Draw.box(box, title: state.t(.pickerTitle), into: &buffer)
        buffer.put([Span("> ", Style(.statusKey, bold: true)), Span(p.query), Span("█")], x: inner.x, y: inner.y, limit: inner.width)
        let codes = r.pickerCodes(state.data)
        let mine = r.current.map { r.mine[$0].codes } ?? []
        let listRect = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        if codes.isEmpty { buffer.put(state.t(.noCodeMatches), x: listRect.x, y: listRect.y, style: Style(.dim)) }
        let scroll = Draw.scroll(keeping: p.row, current: 0, height: listRect.height)
        for row in 0..<listRect.height where scroll + row < codes.count {
            let c = codes[scroll + row]
            let selected = scroll + row == p.row
            let on = mine.contains(c.id)
            let pin = r.pinDigit(of: c.id).map { "\($0)" } ?? " "
            buffer.put([Span(selected ? "▶" : " ", Style(.accent, bold: true)), Span(pin, Style(.statusKey, bold: true)), Span(on ? "✓ " : "  ", Style(.confidenceStated, bold: true)),
                        Span(DisplayWidth.pad(c.name, to: max(10, listRect.width - 26)), Style(selected ? .selected : .normal, bold: selected, reverse: selected)),
                        Span(" " + c.id, Style(.dim))], x: listRect.x, y: listRect.y + row, limit: listRect.width)
        }
    }

    static func renderEditor(_ state: AppState, _ e: MemoEditor, into buffer: inout CellBuffer, in rect: Rect) {
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
                let before = String(chars[..<column])
                let at = column < chars.count ? String(chars[column]) : " "
                let after = column < chars.count ? String(chars[(column + 1)...]) : ""
                var x = inner.x
                let leftWidth = DisplayWidth.of(before)
                let shift = max(0, leftWidth - inner.width + 2)
                let visibleBefore = shift > 0 ? String(Array(before).dropFirst(shift)) : before
                x += buffer.put(visibleBefore, x: x, y: y, limit: inner.width)
                x += buffer.put(at, x: x, y: y, style: Style(.selected, reverse: true), limit: inner.maxX - x)
                buffer.put(after, x: x, y: y, limit: inner.maxX - x)
            } else {
                buffer.put(line, x: inner.x, y: y, limit: inner.width)
            }
        }
    }
}
