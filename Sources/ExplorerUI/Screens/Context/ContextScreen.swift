import CaseCore
import Presentation

/// The study's context in tabs: the research questions, the attention points, the survey tables,
/// and the other reports of the evaluation (Delrapport 1) with the places the report refers to them.
enum ContextScreen {
    /// The lines, and on the questions tab the first line of each question (to keep the
    /// selected one in view).
    static func layout(_ state: AppState, _ s: ContextState, width: Int) -> (lines: [StyledLine], questionRows: [Int]) {
        let d = state.data
        var lines: [StyledLine] = []
        var rows: [Int] = []
        switch s.tab {
        case .questions:
            var theme = ""
            for (i, q) in d.researchQuestions.enumerated() {
                if q.theme != theme { theme = q.theme; lines.append([]); lines.append(Draw.heading(theme)) }
                rows.append(lines.count)
                let selected = i == s.question
                lines += StyledWrap.wrap(
                    [
                        Span(selected ? "▶" : " ", Style(.accent, bold: true)),
                        Span(
                            String(format: "%2d. ", q.id),
                            Style(selected ? .selected : .label, bold: true, reverse: selected)),
                        Span(q.text, Style(selected ? .selected : .normal, bold: selected))
                    ], width: width, indent: 4)
                if let place = q.discussedIn {
                    let label = state.t(.discussedIn).filling([
                        "%s": (place.section ?? "") + " (" + state.linesLabel(place.lines) + ")"
                    ])
                    lines += StyledWrap.wrap([Span("    " + label, Style(.dim))], width: width, indent: 4)
                }
                let count = d.excerptCount(question: q.id)
                lines.append(
                    [Span("    " + state.t(.excerptsServing, count: count), Style(.dim))]
                        + (selected && count > 0
                            ? [Span(" · " + state.t(.enterLists), Style(.accent, bold: true))] : []))
            }
        case .attention:
            var theme = ""
            for p in d.attentionPoints {
                if p.theme != theme { theme = p.theme; lines.append([]); lines.append(Draw.heading(theme)) }
                lines += StyledWrap.wrap(
                    [Span("• ", Style(.accent, bold: true)), Span(p.text)], width: width, indent: 2)
            }
        case .survey:
            for t in d.surveyTables {
                lines.append([])
                lines += StyledWrap.wrap(
                    [
                        Span(state.t(.surveyTable) + " \(t.id) ", Style(.heading, bold: true)),
                        Span(t.title, Style(.heading, bold: true))
                    ], width: width)
                if let unit = t.unit {
                    lines += StyledWrap.wrap([Span(unit.text(state.language), Style(.dim))], width: width)
                }
                lines += SurveyFigures.grid(t, width: width, indent: 0)
                for note in t.notes {
                    lines += StyledWrap.wrap(
                        [Span(state.t(.fieldNote) + ": ", Style(.label)), Span(note.text(state.language), Style(.dim))],
                        width: width, indent: 2)
                }
            }
        case .reports:
            lines = RelatedReportLines.lines(state, width: width)
        }
        return (lines, rows)
    }

    static func tabLabel(_ state: AppState, _ tab: ContextState.Tab, short: Bool) -> String {
        switch tab {
        case .questions: return state.t(short ? .tabQuestionsShort : .tabQuestions)
        case .attention: return state.t(short ? .tabAttentionShort : .tabAttention)
        case .survey: return state.t(short ? .tabSurveyShort : .tabSurvey)
        case .reports:
            // One related report is named as the report names it ("Delrapport 1").
            let reports = state.data.relatedReports
            return reports.count == 1 ? reports[0].name : state.t(.tabReports)
        }
    }

    /// The tab row: full labels if they fit, else the inactive tabs short, else every tab short.
    static func tabRow(_ state: AppState, active: ContextState.Tab, width: Int) -> StyledLine {
        func row(_ shortFor: (ContextState.Tab) -> Bool) -> StyledLine {
            TabBar.spans(
                ContextState.Tab.allCases.map { tabLabel(state, $0, short: shortFor($0)) }, active: active.rawValue)
        }
        for candidate in [row { _ in false }, row { $0 != active }, row { _ in true }]
        where candidate.reduce(0, { $0 + DisplayWidth.of($1.text) }) <= width {
            return candidate
        }
        return row { _ in true }
    }

    static func render(_ state: AppState, _ s: inout ContextState, into buffer: inout CellBuffer, in rect: Rect) {
        let inner = rect.inset(left: 1, right: 1)
        buffer.put(tabRow(state, active: s.tab, width: inner.width), x: inner.x, y: inner.y, limit: inner.width)
        let body = inner.inset(top: 1)
        let (lines, rows) = layout(state, s, width: inner.width - 1)
        // On the questions tab the selected question stays in view (with its count line).
        if rows.indices.contains(s.question) {
            s.scroll = Draw.scroll(
                keeping: rows[s.question]..<(rows[s.question] + 2), current: s.scroll, height: body.height)
        }
        ScrollView.render(lines, offset: &s.scroll, into: &buffer, in: body)
    }
}

/// The tab of related reports: each one's facts and main findings as its source gives them, and
/// every place the report refers to it, each quotation with the source and lines it stands at.
enum RelatedReportLines {
    static func lines(_ state: AppState, width: Int) -> [StyledLine] {
        let d = state.data
        guard !d.relatedReports.isEmpty else { return [[], [Span(state.t(.noRelatedReports), Style(.dim))]] }
        var lines: [StyledLine] = []
        for r in d.relatedReports {
            lines.append([])
            lines.append(Draw.heading(r.name + (r.year.map { " (\($0.text))" } ?? "")))
            if let source = d.sourceDocument(r.title.source) {
                lines += Draw.field(
                    state.t(.fieldSource), source.name.text(state.language) + " (" + source.file + ")", width: width,
                    labelWidth: 11)
            }
            let facts: [(Txt, Evidence?)] = [
                (.fieldTitle, r.title), (.fieldAuthors, r.authors), (.fieldYear, r.year), (.fieldISBN, r.isbn),
                (.fieldPublisher, r.publisher), (.fieldScope, r.scope)
            ]
            for (label, fact) in facts {
                guard let fact else { continue }
                lines += Draw.field(
                    state.t(label), fact.text + " (" + place(state, fact, withSource: false) + ")", width: width,
                    labelWidth: 11)
            }
            if let description = r.description {
                lines += StyledWrap.wrap([Span(description.text(state.language), Style(.dim))], width: width)
            }
            if !r.findings.isEmpty {
                lines.append([])
                let from = d.sourceDocument(r.findings[0].source)?.name.text(state.language) ?? ""
                lines += StyledWrap.wrap(
                    [
                        Span(
                            state.t(.findingsHeading).filling(["%s": from]),
                            Style(.heading, bold: true))
                    ], width: width)
                for f in r.findings {
                    lines += StyledWrap.wrap(
                        [
                            Span("• ", Style(.accent, bold: true)), Span(f.text, Style(.quote)),
                            Span(" (" + place(state, f, withSource: false) + ")", Style(.dim))
                        ], width: width, indent: 2)
                }
            }
            lines.append([])
            lines += StyledWrap.wrap(
                [Span(state.t(.referencesHeading, count: r.references.count), Style(.heading, bold: true))],
                width: width)
            for ref in r.references {
                lines.append([])
                lines += StyledWrap.wrap(
                    [Span(ref.section + ", " + place(state, ref.passage, withSource: true), Style(.label, bold: true))],
                    width: width)
                let quote = StyledWrap.wrap(
                    [Span("«" + ref.passage.text + "»", Style(.quote))], width: max(10, width - 2))
                lines += quote.map { [Span("│ ", Style(.accent, bold: true))] + $0 }
                for m in ref.matches {
                    let label = state.t(.sameOnPage).filling(["%s": place(state, m, withSource: true)])
                    lines += StyledWrap.wrap(
                        [Span(label + ": ", Style(.label)), Span("«" + m.text + "»", Style(.quote))], width: width,
                        indent: 2)
                }
                if let point = ref.attentionPoint {
                    lines += StyledWrap.wrap(
                        [Span(state.t(.attentionPointLink).filling(["%s": point]), Style(.label))],
                        width: width, indent: 2)
                }
                if let note = ref.note {
                    lines += StyledWrap.wrap(
                        [Span(state.t(.fieldNote) + ": ", Style(.label)), Span(note.text(state.language), Style(.dim))],
                        width: width, indent: 2)
                }
            }
        }
        return lines
    }

    /// "linje 49", or with its source named: "utgiverens side om Delrapport 1, linje 49". The
    /// word and the number are kept together on a line (a no-break space).
    static func place(_ state: AppState, _ e: Evidence, withSource: Bool) -> String {
        let lines = e.lines.map { state.linesLabel($0).replacingOccurrences(of: " ", with: "\u{00A0}") } ?? ""
        guard withSource else { return lines }
        let name = state.data.sourceDocument(e.source)?.name.text(state.language) ?? reportName(state)
        return lines.isEmpty ? name : name + ", " + lines
    }

    /// The report by the first words of its citation ("Delrapport 2"), or "the report".
    static func reportName(_ state: AppState) -> String {
        let report = state.data.study.report
        guard let cut = report.range(of: " (") else { return state.t(.theReport) }
        return String(report[..<cut.lowerBound])
    }
}
