import CaseCore
import Presentation

/// What the report says about one actor: kind and level, its place in the chain, description,
/// notes on who was (not) interviewed, the evidence, its informants, the survey figures for its
/// kind next to the total, and its excerpts to open.
enum NodeScreen {
    /// The page laid out for `width` columns; its excerpt rows are made only when drawn.
    static func page(_ state: AppState, _ s: NodeState, width: Int) -> NodePage {
        let d = state.data
        guard let a = d.actor(s.actor) else {
            return NodePage(data: d, openable: OpenablePositions(all: [], own: 0), selection: s.selection, width: width)
        }
        var lines: [StyledLine] = [Draw.heading(a.name)]
        let kind =
            a.kind.rawValue + " · "
            + (a.level.map { state.t(.levelLong).filling(["%n": String($0)]) }
                ?? state.t(.besideChain))
        lines += Draw.field(state.t(.fieldKind), kind, width: width)
        lines += Draw.field(state.t(.fieldPath), d.path(to: a.id).map(\.name).joined(separator: " → "), width: width)
        lines += Draw.field(
            state.t(.fieldChain), a.chain.flatMap { d.chain($0)?.name } ?? state.t(.wholeCounty), width: width)
        if let description = a.description {
            lines += Draw.field(state.t(.fieldDescription), description.text(state.language), width: width)
        }
        for note in a.notes { lines += Draw.field(state.t(.fieldNote), note.text(state.language), width: width) }
        for e in a.evidence {
            lines += Draw.field(
                state.t(.fieldEvidence), "«\(e.text)»" + state.evidencePlace(e), width: width, valueStyle: Style(.quote)
            )
        }
        lines.append([])
        lines.append(Draw.heading(state.t(.informants)))
        let informants = d.informants(of: a.id)
        if informants.isEmpty { lines.append([Span("  " + state.t(.noInformants), Style(.dim))]) }
        for i in informants {
            lines += StyledWrap.wrap(
                [Span("  · " + i.role)]
                    + (i.description.map { [Span(" — " + $0.text(state.language), Style(.dim))] } ?? []), width: width,
                indent: 4)
        }
        lines.append([])
        let openable = openablePositions(state, a.id)
        lines.append(Draw.heading(state.t(.excerptsHeading).filling(["%n": String(openable.own)])))
        var page = NodePage(
            data: d, openable: openable, selection: s.selection, width: width,
            mark: state.t(.notAttributedMark))
        if openable.all.isEmpty {
            let inCounty = d.excerptIndices(matching: ExcerptFilter(county: a.county)).filter {
                d.excerpts[$0].attribution.actor == nil
            }.count
            lines += StyledWrap.wrap(
                [Span("  " + state.t(.noExcerptsForActor, count: inCounty), Style(.dim))], width: width, indent: 2)
        }
        page.head = lines
        let unattributed = openable.all.count - openable.own
        if unattributed > 0 {
            page.gap = [[]]
            page.gap += StyledWrap.wrap(
                [
                    Span(
                        state.t(.unattributedOfKind, count: unattributed).filling(["%k": a.kind.rawValue]),
                        Style(.heading, bold: true))
                ], width: width, indent: 2)
        }
        let survey = SurveyFigures.tables(for: a.kind, in: d)
        if !survey.isEmpty {
            page.tail.append([])
            page.tail.append(Draw.heading(state.t(.surveyForKind)))
            for table in survey {
                page.tail += StyledWrap.wrap(
                    [
                        Span(state.t(.surveyTable) + " \(table.id) ", Style(.label, bold: true)),
                        Span(table.title, Style(.label))
                    ], width: width, indent: 2)
                page.tail += SurveyFigures.grid(table, width: width)
            }
        }
        return page
    }

    /// What Enter on the actor page opens, in the order shown: its own excerpts, then those of
    /// speakers of its kind that the report attributes to no actor.
    static func openable(_ data: Dataset, _ actor: String) -> [Excerpt] {
        data.excerpts(ofActor: actor) + data.unattributedExcerpts(likeActor: actor)
    }

    /// The positions of `openable` in the dataset and how many of them are the actor's own;
    /// kept between frames (the data never changes), as the keys in effect ask for them on
    /// every key and a large study's unattributed excerpts take a scan of all excerpts.
    static func openablePositions(_ state: AppState, _ actor: String) -> OpenablePositions {
        state.memo.derived("openable/" + actor) {
            let own = state.data.positions(ofActor: actor)
            return OpenablePositions(all: own + unattributedPositions(state.data, likeActor: actor), own: own.count)
        }
    }

    /// `Dataset.unattributedPositions(likeActor:)` read from the facets' arrays instead of the
    /// excerpts themselves: the first `Enter` onto an actor page scans every excerpt, 27–29 ms
    /// at 1 000 000 through the `Excerpt` values.
    static func unattributedPositions(_ data: Dataset, likeActor actorId: String) -> [Int] {
        guard let a = data.actor(actorId) else { return [] }
        let f = data.facets
        // For an excerpt tied to no actor the facet's kind is its speaker's; no county is -1.
        return f.actor.indices.filter { i in
            f.actor[i] == nil && f.kind[i] == a.kind && (f.county[i] == -1 || f.county[i] == a.county)
        }
    }

    /// The excerpt drawn on row y (a click there), nil when none is.
    static func excerpt(_ state: AppState, _ s: NodeState, at y: Int, in rect: Rect) -> Int? {
        let inner = rect.inset(left: 1, right: 1)
        guard y >= inner.y, y < inner.maxY else { return nil }
        return page(state, s, width: inner.width - 1).excerpt(atLine: y - inner.y + s.scroll)
    }

    /// The page scrolls as a text; with excerpts to open, the selected one is kept in view.
    /// Returns how many lines it made (those in view).
    @discardableResult
    static func render(_ state: AppState, _ s: inout NodeState, into buffer: inout CellBuffer, in rect: Rect) -> Int {
        let inner = rect.inset(left: 1, right: 1)
        let page = page(state, s, width: inner.width - 1)
        if !page.openable.all.isEmpty {
            s.scroll = Draw.scroll(
                keeping: page.line(ofExcerpt: min(s.selection, page.openable.all.count - 1)), current: s.scroll,
                height: inner.height)
        }
        var made = 0
        s.scroll = Draw.lines(
            count: page.lineCount,
            {
                made += 1; return page.line($0)
            }, scroll: s.scroll, into: &buffer, in: inner)
        return made
    }
}

/// The survey tables of chapter 4 drawn as small grids; for an actor kind, its rows next to the total.
public enum SurveyFigures {
    static func matches(_ label: String, _ kind: ActorKind) -> Bool {
        let l = label.lowercased()
        switch kind {
        case .ppt: return l.hasPrefix("pp-tjenesten")
        case .kommune: return l.hasPrefix("kommune")
        case .skole: return l.contains("grunnskole") || l.contains("videregående")
        case .barnehage: return l.contains("barnehage") && !l.hasPrefix("kommune")
        case .uh: return l.hasPrefix("uh")
        case .statped: return l.hasPrefix("statped")
        default: return false
        }
    }

    /// The tables that have rows for the kind, each with just those rows and the total.
    public static func tables(for kind: ActorKind, in data: Dataset) -> [SurveyTable] {
        data.surveyTables.compactMap { table in
            guard table.id.hasPrefix("4.") else { return nil }
            let rows = table.rows.filter { matches($0.label, kind) }
            guard !rows.isEmpty else { return nil }
            var t = table
            t.rows = rows + table.rows.filter { $0.label.lowercased().hasPrefix("totalt") }
            return t
        }
    }

    /// A grid: a header of short column names (questions lettered a, b, c with a legend below),
    /// one line per row; columns that do not fit go to a further block.
    public static func grid(_ table: SurveyTable, width: Int, indent: Int = 2) -> [StyledLine] {
        var questions: [String] = []
        let headers: [String] = table.columns.map { column in
            let parts = column.components(separatedBy: " | ")
            guard parts.count == 2 else { return column }
            if !questions.contains(parts[0]) { questions.append(parts[0]) }
            let letter = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(questions.firstIndex(of: parts[0])!)))
            return letter + " " + parts[1]
        }
        let pad = String(repeating: " ", count: indent)
        let labelWidth = min(max(8, width / 3), max(6, table.rows.map { DisplayWidth.of($0.label) }.max() ?? 6))
        let values = table.rows.map {
            $0.values.enumerated().map { c, v in table.printed(v, column: c) ?? v.map(number) ?? "–" }
        }
        let widths = headers.indices.map { c in
            max(
                DisplayWidth.of(headers[c]),
                values.map { $0.indices.contains(c) ? DisplayWidth.of($0[c]) : 1 }.max() ?? 1)
        }
        var lines: [StyledLine] = []
        var start = 0
        while start < headers.count {
            var end = start
            var used = indent + labelWidth
            while end < headers.count && (end == start || used + 2 + widths[end] <= width) {
                used += 2 + widths[end]; end += 1
            }
            var head: StyledLine = [Span(pad + String(repeating: " ", count: labelWidth))]
            for c in start..<end {
                head.append(Span("  " + DisplayWidth.pad(headers[c], to: widths[c]), Style(.label, bold: true)))
            }
            lines.append(head)
            for (r, row) in table.rows.enumerated() {
                let total = row.label.lowercased().hasPrefix("totalt")
                // Labels wrap rather than cut: rows that differ only at the end stay distinguishable.
                let labelLines = DisplayWidth.wrap(row.label, width: labelWidth)
                var line: StyledLine = [
                    Span(
                        pad + DisplayWidth.pad(labelLines.first ?? "", to: labelWidth),
                        Style(total ? .dim : .normal, bold: !total))
                ]
                for c in start..<end {
                    let v = values[r].indices.contains(c) ? values[r][c] : "–"
                    line.append(
                        Span(
                            "  " + String(repeating: " ", count: max(0, widths[c] - DisplayWidth.of(v))) + v,
                            Style(total ? .dim : .normal)))
                }
                lines.append(line)
                for more in labelLines.dropFirst() {
                    lines.append([Span(pad + "  " + more, Style(total ? .dim : .normal, bold: !total))])
                }
            }
            start = end
        }
        for (i, q) in questions.enumerated() {
            let letter = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(i)))
            lines += StyledWrap.wrap([Span(pad + letter + " = " + q, Style(.dim))], width: width, indent: indent + 4)
        }
        return lines
    }

    public static func number(_ v: Double) -> String {
        // Grouped as the report prints them (the data is Norwegian whatever the interface).
        if v == v.rounded() && abs(v) < 1e12 { return NumberText.grouped(Int(v), .nb) }
        let rounded = (v * 100).rounded() / 100
        var s = String(rounded)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s.replacingOccurrences(of: ".", with: ",")
    }
}

/// What Enter on an actor's page can open, as positions in the dataset: its own first.
struct OpenablePositions: Sendable {
    let all: [Int]
    let own: Int
}

/// The actor page laid out: the lines above its excerpts (down to their heading), one row per
/// excerpt it can open (its own, then — after a heading, `gap` — those of its kind attributed to
/// no actor), and the lines below. The rows are made only for the lines asked for (`line(_:)`):
/// an actor with thousands of excerpts costs a frame what the screen shows, not a row each.
struct NodePage {
    let data: Dataset
    let openable: OpenablePositions
    let selection: Int
    let width: Int
    var mark = ""
    var head: [StyledLine] = []
    var gap: [StyledLine] = []
    var tail: [StyledLine] = []

    var lineCount: Int { head.count + openable.all.count + gap.count + tail.count }

    /// The line the i-th openable excerpt is drawn on.
    func line(ofExcerpt i: Int) -> Int { head.count + i + (i < openable.own ? 0 : gap.count) }

    /// Which openable excerpt is drawn on a line, nil when none is.
    func excerpt(atLine l: Int) -> Int? {
        let own = openable.own, unattributed = openable.all.count - own
        if l >= head.count && l < head.count + own { return l - head.count }
        let first = head.count + own + gap.count
        if l >= first && l < first + unattributed { return own + l - first }
        return nil
    }

    func line(_ l: Int) -> StyledLine {
        if l < head.count { return head[l] }
        let own = openable.own
        if l < head.count + own { return row(l - head.count) }
        let afterOwn = l - head.count - own
        if afterOwn < gap.count { return gap[afterOwn] }
        let unattributed = openable.all.count - own
        if afterOwn - gap.count < unattributed { return row(own + afterOwn - gap.count) }
        return tail[afterOwn - gap.count - unattributed]
    }

    /// Every line, as a page laid out whole would have them (tests compare the two).
    var lines: [StyledLine] { (0..<lineCount).map(line) }

    private func row(_ i: Int) -> StyledLine {
        let e = data.excerpts[openable.all[i]]
        let selected = i == selection
        let marker = i < openable.own ? "" : " " + mark
        return [
            Span(selected ? "▶ " : "  ", Style(.accent, bold: true)),
            Span(DisplayWidth.pad(e.id, to: 11), Style(selected ? .selected : .label, bold: true, reverse: selected)),
            Span(marker, Style(.confidenceUnknown, bold: true)),
            Span(
                " " + DisplayWidth.truncate(e.text, to: max(10, width - 14 - DisplayWidth.of(marker))),
                Style(selected ? .selected : .normal))
        ]
    }
}
