import CaseCore

/// One excerpt: the text wrapped by display cells, then where it stands, who speaks, the
/// report's lead-in, the attribution with its confidence in words and its evidence, and codes.
enum ReaderScreen {
    static func lines(_ state: AppState, _ s: ReaderState, width: Int) -> [StyledLine] {
        let d = state.data
        guard s.list.indices.contains(s.index), let e = d.excerpt(s.list[s.index]) else { return [] }
        var lines: [StyledLine] = []
        let position = state.t(.excerptPosition).filling(["%i": String(s.index + 1), "%n": String(s.list.count)])
        lines.append([
            Span(position + " · ", Style(.dim)), Span(e.id, Style(.heading, bold: true)),
            Span(" · " + kindLabel(state, e), Style(.dim))
        ])
        lines.append([])
        if let leadIn = e.leadIn {
            lines += StyledWrap.wrap([Span(leadIn.text, Style(.dim))], width: width)
            lines.append([])
        }
        let hits =
            state.search.query.isEmpty
            ? nil
            : d.index(ofExcerpt: e.id).flatMap {
                d.matchRanges(SearchQuery(state.search.query, foldNordic: state.search.fold), excerptAt: $0)
            }
        let body = StyledWrap.wrap(Draw.highlighted(e.text, hits, base: Style(.quote)), width: max(10, width - 2))
        lines += body.map { [Span("│ ", Style(.accent, bold: true))] + $0 }
        lines.append([])
        let a = e.attribution
        let confidence = state.t(confidenceText(a.confidence))
        lines += Draw.field(
            state.t(.fieldAttribution), confidence + " — " + placement(state, e), width: width,
            valueStyle: Draw.confidenceStyle(a.confidence))
        for ev in a.evidence {
            lines += Draw.field(
                state.t(.fieldEvidence), "«\(ev.text)»" + state.evidencePlace(ev), width: width,
                valueStyle: Style(.quote))
        }
        if let note = a.note { lines += Draw.field(state.t(.fieldWhy), note.text(state.language), width: width) }
        lines += Draw.field(
            state.t(.fieldSpeaker), e.speaker.role + (e.speaker.kind.map { " [\($0.rawValue)]" } ?? ""), width: width)
        lines += Draw.field(state.t(.fieldSection), e.source.section, width: width)
        lines += Draw.field(state.t(.fieldPage), e.source.page.map(String.init) ?? state.t(.pageUnknown), width: width)
        lines += Draw.field(state.t(.fieldLines), e.source.lines.description, width: width)
        for other in e.alsoAt {
            lines += Draw.field(
                state.t(.fieldAlsoAt),
                "\(other.section), " + state.linesLabel(other.lines)
                    + (other.text != nil ? " (" + state.t(.partial) + ")" : ""), width: width)
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

    static func render(_ state: AppState, _ s: inout ReaderState, into buffer: inout CellBuffer, in rect: Rect) {
        let inner = rect.inset(left: 1, right: 1)
        ScrollView.render(lines(state, s, width: inner.width - 1), offset: &s.scroll, into: &buffer, in: inner)
    }
}
