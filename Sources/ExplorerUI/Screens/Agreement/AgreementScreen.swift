import CaseCore
import Foundation
import Presentation

/// Agreement between two coders, per code: sortable by any coefficient or by the number of
/// disagreements; a row lists the excerpts the two coders disagree on for that code, and `r`
/// opens the resolve queue for it. Figures come from the codings as the explorer knows them
/// now, so they change as decisions are saved.
public struct AgreementState: Sendable, Equatable {
    public enum Sort: Int, Sendable, CaseIterable {
        case disagreements, percent, kappa, ac1, alpha, brennanPrediger, code
    }

    /// The two coders compared; nil until the screen first opens (then the report's coding
    /// against the first coder of the workspace).
    public var a: String?
    public var b: String?
    public var sort: Sort = .disagreements
    public var selection = 0

    public init(a: String? = nil, b: String? = nil) { self.a = a; self.b = b }
}

public enum AgreementScreen {
    /// One row of the table: a code's figures and how many excerpts the coders disagree on.
    struct Row: Sendable {
        var code: String
        var name: String
        var uses: Int
        var disagreements: Int
        var figures: AgreementReport.Figures
        var flag: AgreementReport.Diagnosis.Kind?
    }

    struct Table: Sendable {
        var a: String
        var b: String
        var report: AgreementReport
        /// In the report's order; `sorted` orders them by the screen's sort.
        var rows: [Row]
        /// By code, the excerpts both reviewed where one coder applied it and the other did not
        /// (what Enter lists), in the data's order.
        var disagreeing: [String: [String]]

        func sorted(_ sort: AgreementState.Sort) -> [Row] { rows.sorted(by: AgreementScreen.order(sort)) }
    }

    /// The pair compared: the state's, else rapport against the first other coder known.
    static func pair(_ state: AppState, _ s: AgreementState) -> (String, String)? {
        let coders = state.knownCoders
        let a = s.a ?? Dataset.referenceCoder
        guard let b = s.b ?? coders.first(where: { $0 != a }) else { return nil }
        return (a, b)
    }

    /// The table for the pair, built once per pair and coding version (not every frame). On a
    /// large study (`searchesInBackground`) it is built off the key path: nil until it is in
    /// (the screen says it is being worked out), never the table of an older version.
    static func table(_ state: AppState, _ s: AgreementState) -> Table? {
        guard let (a, b) = pair(state, s) else { return nil }
        // The report's coding is the data's: one version, and built only where the table is.
        let ca = state.coding(of: a), cb = state.coding(of: b)
        let key = "agreement/\(a)/\(ca?.version ?? "report")/\(b)/\(cb?.version ?? "report")"
        let memo = state.memo, data = state.data
        let build = { @Sendable in
            Table(a: a, ca ?? memo.reference(data), b, cb ?? memo.reference(data), data: data)
        }
        guard state.searchesInBackground else { return memo.derived(key, build) }
        return memo.derivedIfBuilt(key, orAsk: build)
    }

    /// Whether the pair's table is being built (a large study, the table not in yet).
    static func building(_ state: AppState, _ s: AgreementState) -> Bool {
        pair(state, s) != nil && table(state, s) == nil
    }

    /// Most disagreements first; the lowest coefficient first (the codes to talk about); an
    /// undefined figure last; ties by code name.
    static func order(_ sort: AgreementState.Sort) -> (Row, Row) -> Bool {
        func coefficient(_ c: AgreementReport.Coefficient) -> (Row, Row) -> Bool {
            { x, y in
                switch (x.figures[c].value, y.figures[c].value) {
                case let (p?, q?) where p != q: return p < q
                case (.some, nil): return true
                case (nil, .some): return false
                default: return x.name < y.name
                }
            }
        }
        switch sort {
        case .disagreements:
            return { $0.disagreements != $1.disagreements ? $0.disagreements > $1.disagreements : $0.name < $1.name }
        case .kappa: return coefficient(.cohenKappa)
        case .ac1: return coefficient(.gwetAC1)
        case .brennanPrediger: return coefficient(.brennanPrediger)
        case .alpha: return coefficient(.krippendorffAlpha)
        case .percent: return coefficient(.percentAgreement)
        case .code: return { $0.name < $1.name }
        }
    }

    /// The columns: heading, width, and the coefficient (nil for the counts). Narrow screens
    /// drop from the end, so the figures a methods section reports most go last.
    static let columns: [(AgreementState.Sort, String, AgreementReport.Coefficient?)] = [
        (.disagreements, "≠", nil), (.percent, "%", .percentAgreement), (.kappa, "κ", .cohenKappa),
        (.ac1, "AC1", .gwetAC1), (.alpha, "α", .krippendorffAlpha), (.brennanPrediger, "BP", .brennanPrediger)
    ]
    static let columnWidth = 7

    static func figure(_ s: Statistic, _ language: Language) -> String {
        guard let v = s.value else { return "–" }
        let text = String(format: "%.2f", v)
        return language == .nb ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func sortName(_ state: AppState, _ sort: AgreementState.Sort) -> String {
        switch sort {
        case .disagreements: return state.t(.agreementSortDisagreements)
        case .code: return state.t(.agreementSortCode)
        default: return columns.first { $0.0 == sort }!.1 + " ↑"
        }
    }

    /// The table: below the heading, the pooled figures and the sort, above the two lines that
    /// explain the selected row.
    static func tableRect(in rect: Rect) -> Rect {
        rect.inset(left: 1, right: 1).rows([.fixed(3), .min(2), .fixed(2)])[1]
    }

    /// Where the rows are: under the table's header.
    static func listRect(in rect: Rect) -> Rect { tableRect(in: rect).rows([.fixed(1), .min(0)])[1] }

    static func render(_ state: AppState, _ s: AgreementState, into buffer: inout CellBuffer, in rect: Rect) {
        let inner = rect.inset(left: 1, right: 1)
        if let (a, b) = pair(state, s), table(state, s) == nil {
            let head = state.t(.agreementHeading).filling(["%a": a, "%b": b])
            buffer.put(head, x: inner.x, y: inner.y, style: Style(.heading, bold: true), limit: inner.width)
            buffer.put(state.t(.agreementBuilding), x: inner.x, y: inner.y + 1, style: Style(.dim), limit: inner.width)
            return
        }
        guard let table = table(state, s) else {
            let lines = DisplayWidth.wrap(state.t(.agreementNoCoders), width: max(1, inner.width))
            for (i, line) in lines.enumerated() where i < inner.height {
                buffer.put(line, x: inner.x, y: inner.y + i, style: Style(.dim))
            }
            return
        }
        let r = table.report
        let head = state.t(.agreementHeading).filling(["%a": table.a, "%b": table.b])
        buffer.put(head, x: inner.x, y: inner.y, style: Style(.heading, bold: true), limit: inner.width)
        // The pooled figures: each whole or not at all, never a cut number.
        var x =
            inner.x
            + buffer.put(
                state.t(.agreementPooled).filling(["%n": NumberText.grouped(r.pairableExcerpts, state.language)]),
                x: inner.x, y: inner.y + 1, style: Style(.dim), limit: inner.width)
        for case let (_, name, coefficient?) in columns {
            let text = "  \(name) \(figure(r.overall[coefficient], state.language))"
            guard x + DisplayWidth.of(text) <= inner.maxX else { break }
            x += buffer.put(text, x: x, y: inner.y + 1, style: Style(.normal, bold: true))
        }
        let sorted = state.t(.agreementSorted).filling(["%s": sortName(state, s.sort)])
        buffer.put(sorted, x: inner.x, y: inner.y + 2, style: Style(.dim), limit: inner.width)

        // The name column gives way first, down to 12 cells; then columns go from the right.
        let flagWidth = 8
        let shown = max(1, min(columns.count, (inner.width - 12 - flagWidth - 5) / columnWidth))
        let nameWidth = inner.width - flagWidth - 5 - shown * columnWidth
        let header =
            [Span(DisplayWidth.pad(state.t(.agreementCode), to: nameWidth + 5), Style(.label, bold: true))]
            + columns.prefix(shown).map { c in
                Span(
                    TableView.right(c.1, columnWidth),
                    Style(c.0 == s.sort ? .selected : .label, bold: true, underline: c.0 == s.sort))
            }
        let body = TableView.header(header, in: tableRect(in: rect), into: &buffer)
        let rows = table.sorted(s.sort)
        guard !rows.isEmpty else {
            buffer.put(state.t(.agreementNoCodes), x: inner.x, y: body.y, style: Style(.dim), limit: inner.width)
            return
        }
        let selection = min(s.selection, rows.count - 1)
        ListView.rows(count: rows.count, selection: selection, in: body, centred: false) { index, selected, y in
            let row = rows[index]
            let style = Style(selected ? .selected : .normal, bold: selected, reverse: selected)
            let uses = String(row.uses)
            let name =
                DisplayWidth.pad(
                    DisplayWidth.truncate(row.name, to: nameWidth - 2 - DisplayWidth.of(uses) - 1),
                    to: nameWidth - 2 - DisplayWidth.of(uses)) + " " + uses
            buffer.put((selected ? "▶ " : "  ") + name + "   ", x: inner.x, y: y, style: style)
            var cx = inner.x + nameWidth + 5
            for c in columns.prefix(shown) {
                let text = c.2.map { figure(row.figures[$0], state.language) } ?? String(row.disagreements)
                buffer.put(
                    TableView.right(text, columnWidth), x: cx, y: y,
                    style: c.2 == nil && row.disagreements > 0 && !selected ? Style(.accent, bold: true) : style)
                cx += columnWidth
            }
            if let flag = row.flag {
                buffer.put(
                    " " + state.t(flag == .tooRare ? .agreementRare : .agreementParadox), x: cx, y: y,
                    style: Style(.confidenceInferred, bold: true), limit: flagWidth)
            }
        }
        // The selected code's diagnosis in a sentence: what a flag means is never left to a word.
        let row = rows[selection]
        let explain =
            row.flag.map { state.t($0 == .tooRare ? .agreementRareExplained : .agreementParadoxExplained) }
            ?? state.t(.agreementRowHint, count: row.disagreements)
        for (i, line) in DisplayWidth.wrap(
            explain.filling(["%c": row.name]), width: max(1, inner.width)
        ).prefix(2).enumerated() {
            buffer.put(line, x: inner.x, y: inner.maxY - 2 + i, style: Style(.accent, bold: true), limit: inner.width)
        }
    }
}

extension AppState {
    mutating func updateAgreement(_ state: AgreementState, _ action: Action) {
        var s = state
        if s.a == nil || s.b == nil, let (a, b) = AgreementScreen.pair(self, s) { s.a = a; s.b = b }
        let coders = knownCoders
        func next(after coder: String?, skipping other: String?) -> String? {
            let candidates = coders.filter { $0 != other }
            guard candidates.count > 1 || (candidates.count == 1 && candidates[0] != coder) else {
                message = t(.noOtherCoding); return coder
            }
            let i = candidates.firstIndex { $0 == coder } ?? -1
            return candidates[(i + 1) % candidates.count]
        }
        switch action {
        case .cycleSort:
            s.sort = AgreementState.Sort(rawValue: (s.sort.rawValue + 1) % AgreementState.Sort.allCases.count)!;
            s.selection = 0
        case .cycleCoderA: s.a = next(after: s.a, skipping: s.b); s.selection = 0
        case .cycleCoderB: s.b = next(after: s.b, skipping: s.a); s.selection = 0
        case .open, .resolveCode:
            guard let table = AgreementScreen.table(self, s) else {
                if AgreementScreen.building(self, s) { message = t(.agreementBuilding) }
                break
            }
            let rows = table.sorted(s.sort)
            guard rows.indices.contains(s.selection) else { break }
            let row = rows[s.selection]
            guard row.disagreements > 0 else {
                message = t(.agreementNothingToOpen).filling(["%c": row.name]); break
            }
            replaceTop(.agreement(s))
            if action == .resolveCode {
                emit(
                    .openResolve(
                        a: table.a, b: table.b, into: Runner.consensusCoder, code: row.code,
                        disagreements: table.disagreeing[row.code] ?? []))
                return
            }
            var f = ExcerptFilter()
            f.ids = Set(table.disagreeing[row.code] ?? [])
            f.idsLabel = t(.agreementFilterLabel).filling(["%a": table.a, "%b": table.b, "%c": row.code])
            filter = f
            push(.excerpts(ListState()))
            return
        default:
            let count = AgreementScreen.table(self, s)?.rows.count ?? 0
            if let moved = moved(s.selection, count: count, by: action, page: bodyHeight - 6) { s.selection = moved }
        }
        replaceTop(.agreement(s))
    }
}

extension AgreementScreen.Table {
    /// The report for the two codings, each code's row, and the excerpts behind each code's
    /// disagreements — one pass over the excerpts both reviewed.
    init(a: String, _ ca: CodingState, _ b: String, _ cb: CodingState, data: Dataset) {
        let report = AgreementReport(coders: [(a, ca), (b, cb)], data: data, options: .init(intervals: false))
        let flags = Dictionary(report.diagnoses.map { ($0.code, $0.kind) }, uniquingKeysWith: { first, _ in first })
        var disagreeing: [String: [String]] = [:]
        for e in data.excerpts.map(\.id) {
            let x = ca[e], y = cb[e]
            guard x.status != .unreviewed && y.status != .unreviewed else { continue }
            for code in x.codes.symmetricDifference(y.codes) { disagreeing[code, default: []].append(e) }
        }
        let rows = report.codes.map { r in
            AgreementScreen.Row(
                code: r.code, name: data.code(r.code)?.name ?? r.code, uses: r.uses,
                disagreements: disagreeing[r.code]?.count ?? 0, figures: r.figures, flag: flags[r.code])
        }
        self.init(a: a, b: b, report: report, rows: rows, disagreeing: disagreeing)
    }
}
