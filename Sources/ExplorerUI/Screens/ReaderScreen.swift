import CaseCore

/// One excerpt: the text wrapped by display cells, then where it stands, who speaks, the
/// report's lead-in, the attribution with its confidence in words and its evidence, and codes.
enum ReaderScreen {
    static func lines(_ state: AppState, _ s: ReaderState, width: Int) -> [StyledLine] {
        let d = state.data
        guard s.list.indices.contains(s.index), let e = d.excerpt(s.list[s.index]) else { return [] }
        var lines: [StyledLine] = []
        let position = state.t(.excerptPosition)
            .replacingOccurrences(of: "%i", with: String(s.index + 1)).replacingOccurrences(of: "%n", with: String(s.list.count))
        lines.append([Span(position + " · ", Style(.dim)), Span(e.id, Style(.heading, bold: true)),
                      Span(" · " + kindLabel(state, e), Style(.dim))])
        lines.append([])
        if let leadIn = e.leadIn {
            lines += StyledWrap.wrap([Span(leadIn.text, Style(.dim))], width: width)
            lines.append([])
        }
        let hits = state.search.query.isEmpty ? nil : d.index(ofExcerpt: e.id).flatMap { d.matchRanges(SearchQuery(state.search.query, foldNordic: state.search.fold), excerptAt: $0) }
        let body = StyledWrap.wrap(Draw.highlighted(e.text, hits, base: Style(.quote)), width: max(10, width - 2))
        lines += body.map { [Span("│ ", Style(.accent, bold: true))] + $0 }
        lines.append([])
        let a = e.attribution
        let confidence = state.t(confidenceText(a.confidence))
        lines += Draw.field(state.t(.fieldAttribution), confidence + " — " + placement(state, e), width: width, valueStyle: Draw.confidenceStyle(a.confidence))
        for ev in a.evidence {
            lines += Draw.field(state.t(.fieldEvidence), "«\(ev.text)»" + state.evidencePlace(ev), width: width, valueStyle: Style(.quote))
        }
        if let note = a.note { lines += Draw.field(state.t(.fieldWhy), note.text(state.language), width: width) }
        lines += Draw.field(state.t(.fieldSpeaker), e.speaker.role + (e.speaker.kind.map { " [\($0.rawValue)]" } ?? ""), width: width)
        lines += Draw.field(state.t(.fieldSection), e.source.section, width: width)
        lines += Draw.field(state.t(.fieldPage), e.source.page.map(String.init) ?? state.t(.pageUnknown), width: width)
        lines += Draw.field(state.t(.fieldLines), e.source.lines.description, width: width)
        for other in e.alsoAt {
            lines += Draw.field(state.t(.fieldAlsoAt), "\(other.section), " + state.linesLabel(other.lines) + (other.text != nil ? " (" + state.t(.partial) + ")" : ""), width: width)
        }
        let codes = d.referenceCodes(of: e.id).map { id in d.code(id).map { "\($0.name) (\(id))" } ?? id }
        lines += Draw.field(state.t(.fieldCodes), codes.isEmpty ? "–" : codes.joined(separator: "; "), width: width)
        return lines
    }

    static func kindLabel(_ state: AppState, _ e: Excerpt) -> String {
        switch e.kind {
        case .interview: return state.t(e.form == .block ? .kindInterviewBlock : .kindInterviewInline)
        case .surveyFreeText: return state.t(.kindSurvey)
        case .document: return state.t(.kindDocument)
        }
    }

    static func confidenceText(_ c: Confidence) -> Txt {
        switch c {
        case .stated: return .confidenceStated
        case .inferred: return .confidenceInferred
        case .unknown: return .confidenceUnknown
        }
    }

    static func placement(_ state: AppState, _ e: Excerpt) -> String {
        let placement = state.data.placement(of: e)
        return e.attribution.confidence == .unknown ? state.t(.notAttributed) : placement
    }

    static func render(_ state: AppState, _ s: ReaderState, into buffer: inout CellBuffer, in rect: Rect) {
        let inner = rect.inset(left: 1, right: 1)
        Draw.lines(lines(state, s, width: inner.width - 1), scroll: s.scroll, into: &buffer, in: inner)
    }
}

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
        let header = Fit.line([
            .label(state.t(.filterLabel) + ": ", Style(.label, bold: true), priority: 2, minWidth: 0),
            .label(state.filterSummary, Style(state.filter.isEmpty ? .dim : .accent, bold: !state.filter.isEmpty), priority: 1, minWidth: 6),
            .figure("  " + state.countOf(list.count, d.excerpts.count), Style(.dim), priority: 9, shorter: ["  \(list.count)/\(d.excerpts.count)"]),
        ], width: inner.width)
        buffer.put(header, x: inner.x, y: inner.y, limit: inner.width)
        if !state.search.query.isEmpty {
            let searchLine: StyledLine = [Span(state.t(.searchLabel) + ": ", Style(.label, bold: true)), Span(state.search.query, Style(.match, bold: true, underline: true)),
                                          Span("  " + state.t(.hitsCount, count: hits.count) + (state.search.fold ? " · " + state.t(.foldOnShort) : ""), Style(.dim))]
            buffer.put(searchLine, x: inner.x, y: inner.y + 1, limit: inner.width)
        }
        let listRect = Self.listRect(in: rect)
        guard !list.isEmpty else {
            buffer.put(state.t(.noExcerptsMatch), x: listRect.x, y: listRect.y, style: Style(.dim), limit: listRect.width)
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
            x += buffer.put(" " + DisplayWidth.pad(e.attribution.county.map { "F\($0)" } ?? "–", to: countyWidth), x: x, y: y, style: Style(.dim))
            x += buffer.put(DisplayWidth.pad(e.speaker.role, to: speakerWidth) + " ", x: x, y: y, style: Style(.dim))
            let room = listRect.maxX - x
            guard room > 4 else { return }
            // Show the text around the first match so the hit is visible.
            let chars = Array(e.text)
            var start = 0
            if let first = hit?.first, first.lowerBound > room / 3 { start = first.lowerBound - room / 3 }
            let window = String(chars[start...])
            let shifted = hit?.compactMap { m -> Range<Int>? in m.lowerBound >= start ? (m.lowerBound - start)..<(m.upperBound - start) : nil }
            let text = (start > 0 ? [Span("…", base)] : []) + Draw.highlighted(window, shifted, base: base)
            buffer.put(text, x: x, y: y, limit: room)
        }
    }
}

enum CodebookScreen {
    /// Where the rows are: below the heading and the column names, above the rule and the detail.
    static func listRect(in rect: Rect) -> Rect {
        let inner = rect.inset(left: 1, right: 1)
        return inner.rows([.fixed(2), .min(0), .fixed(1 + min(8, inner.height / 3))])[1]
    }

    static func render(_ state: AppState, _ s: ListState, into buffer: inout CellBuffer, in rect: Rect) {
        let d = state.data
        let rows = CodebookLayout(data: d).rows
        guard !rows.isEmpty else { return }
        let inner = rect.inset(left: 1, right: 1)
        let detailHeight = min(8, inner.height / 3)
        let listRect = Self.listRect(in: rect)
        let counts = CodeCounts(d, coding: state.coding(of: state.filter.coder))
        buffer.put([Span(state.t(.codebookHeading), Style(.heading, bold: true)),
                    Span("  " + state.t(.codebookCounts).replacingOccurrences(of: "%c", with: state.codingName(state.filter.coder)), Style(.dim))],
                   x: inner.x, y: inner.y, limit: inner.width)
        // Ids are never cut: the name gives way. Counts: own, and with subcodes for parents.
        let idWidth = min(max(8, inner.width / 2), rows.map { DisplayWidth.of($0.code.id) }.max() ?? 8)
        let ownWidth = max(5, DisplayWidth.of(state.t(.codebookOwn)) + 1), allWidth = max(7, DisplayWidth.of(state.t(.codebookAll)) + 1)
        let nameRight = listRect.maxX - idWidth - ownWidth - allWidth - 1
        buffer.put([Span(DisplayWidth.pad("", to: max(0, nameRight - listRect.x))),
                    Span(String(repeating: " ", count: max(0, ownWidth - 1 - DisplayWidth.of(state.t(.codebookOwn)))) + state.t(.codebookOwn) + " ", Style(.label, bold: true)),
                    Span(String(repeating: " ", count: max(0, allWidth - 1 - DisplayWidth.of(state.t(.codebookAll)))) + state.t(.codebookAll) + " ", Style(.label, bold: true)),
                    Span(" id", Style(.label, bold: true))], x: listRect.x, y: inner.y + 1, limit: inner.width)
        ListView.rows(count: rows.count, selection: s.selection, in: listRect) { i, selected, y in
            let r = rows[i]
            let isParent = !d.subcodes(of: r.code.id).isEmpty
            let indent = String(repeating: "  ", count: r.depth)
            var x = listRect.x
            x += buffer.put(selected ? "▶ " : "  ", x: x, y: y, style: Style(.accent, bold: true))
            x += buffer.put(indent + "■ ", x: x, y: y, style: Style(.accent))
            let nameWidth = max(4, nameRight - x)
            x += buffer.put(DisplayWidth.pad(r.code.name, to: nameWidth - 1) + " ", x: x, y: y, style: Style(selected ? .selected : .normal, bold: selected || r.depth == 0, reverse: selected))
            func right(_ text: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - 1 - DisplayWidth.of(text))) + text + " " }
            x += buffer.put(right(String(counts.own(r.code.id)), ownWidth), x: x, y: y, style: Style(.dim))
            x += buffer.put(right(isParent ? String(counts.withSubcodes(r.code.id)) : "", allWidth), x: x, y: y, style: Style(.dim, bold: isParent))
            buffer.put(" " + r.code.id, x: x, y: y, style: Style(.dim), limit: listRect.maxX - x)
        }
        let code = rows[min(s.selection, rows.count - 1)].code
        let detail = Rect(x: inner.x, y: listRect.maxY + 1, width: inner.width, height: detailHeight)
        buffer.put(String(repeating: "─", count: inner.width), x: inner.x, y: listRect.maxY, style: Style(.dim))
        var lines: [StyledLine] = StyledWrap.wrap([Span(code.name + ": ", Style(.heading, bold: true)), Span(code.description)], width: detail.width - 1)
        let questions = code.researchQuestions.compactMap { q in d.researchQuestions.first { $0.id == q }.map { "\(q). \($0.text)" } }
        if !questions.isEmpty { lines += StyledWrap.wrap([Span(state.t(.codeQuestionsLink) + ": ", Style(.label, bold: true)), Span(questions.joined(separator: " "), Style(.dim))], width: detail.width - 1) }
        Draw.lines(lines, scroll: 0, into: &buffer, in: detail)
    }
}
