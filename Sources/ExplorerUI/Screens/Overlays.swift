import CaseCore
import Presentation

/// `?`: what the keys do on the screen under the help, from the bindings in effect there (the
/// same ones that dispatch them), then the commands after `:`.
enum HelpOverlay {
    static func lines(_ state: AppState, width: Int) -> [StyledLine] {
        var under = state
        if case .help = state.overlay { under.overlay = nil }
        if under.prompt?.kind == .helpSearch { under.prompt = nil }
        let effect = Bindings.inEffect(under)
        var lines: [StyledLine] = []
        var keyWidth = 8
        func row(_ key: String, _ help: String) {
            lines += StyledWrap.wrap(
                [Span(DisplayWidth.pad(key, to: keyWidth), Style(.statusKey, bold: true)), Span("  " + help)],
                width: width, indent: keyWidth + 2)
        }
        func section(_ title: String, _ bindings: [Binding]) {
            lines.append(Draw.heading(title))
            keyWidth = min(22, bindings.map { DisplayWidth.of($0.keyLabel(state.language)) }.max() ?? 8)
            for b in bindings { row(b.keyLabel(state.language), state.t(b.help)) }
            lines.append([])
        }
        section(state.t(screenTitle(effect.kind)), effect.local)
        guard !effect.global.isEmpty else { return lines }
        if !effect.shadowed.isEmpty {
            lines += StyledWrap.wrap(
                [
                    Span(
                        state.t(.shadowedHere).replacingOccurrences(
                            of: "%k", with: effect.shadowed.map(\.label).joined(separator: ", ")), Style(.dim))
                ], width: width)
            lines.append([])
        }
        section(state.t(.globalKeys), effect.global)
        lines.append(Draw.heading(state.t(.commandsHeading)))
        keyWidth = min(22, Command.all.map { DisplayWidth.of($0.usage(state.language)) }.max() ?? 8)
        for c in Command.all { row(c.usage(state.language), state.t(c.help)) }
        return lines
    }

    static func screenTitle(_ kind: ScreenKind) -> Txt {
        switch kind {
        case .chains: return .tabChains
        case .node: return .screenNode
        case .reader: return .screenReader
        case .excerpts: return .tabExcerpts
        case .codebook: return .tabCodebook
        case .context: return .tabContext
        case .filter: return .screenFilter
        case .help: return .helpTitle
        case .prompt: return .screenPrompt
        case .review: return .screenReview
        case .matrix: return .tabMatrix
        case .agreement: return .screenAgreement
        case .resolve: return .screenResolve
        case .choice: return .screenChoice
        case .confirm: return .screenConfirm
        case .picker: return .screenPicker
        case .memo: return .screenMemo
        }
    }

    static func box(in rect: Rect) -> Rect {
        Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
    }

    /// Where the help's lines go in the body, and the lines laid out for it.
    static func laidOut(_ state: AppState) -> (inner: Rect, lines: [StyledLine]) {
        let inner = box(in: state.frameRows.body).inset(left: 2, top: 1, right: 2, bottom: 1)
        return (inner, lines(state, width: inner.width - 1))
    }

    /// The first row of the last screenful (g and G, j stops there).
    static func maxScroll(_ state: AppState) -> Int {
        let (inner, lines) = laidOut(state)
        return max(0, lines.count - inner.height)
    }

    /// The rows holding what `/` looks for in the help (case-insensitive).
    static func matches(_ state: AppState) -> [Int] {
        let q = state.helpQuery.lowercased()
        guard !q.isEmpty else { return [] }
        let lines = laidOut(state).lines
        return lines.indices.filter { lines[$0].map(\.text).joined().lowercased().contains(q) }
    }

    /// Returns the scroll offset as drawn (clamped to the lines; kept by `Frame.draw`).
    static func render(_ state: AppState, scroll: Int, into buffer: inout CellBuffer, in rect: Rect) -> Int {
        buffer.fill(rect)
        var (_, all) = laidOut(state)
        let found = matches(state)
        var title = state.t(.helpTitle)
        if !state.helpQuery.isEmpty {
            title +=
                "  /" + state.helpQuery + "  "
                + (found.isEmpty
                    ? state.t(.noHelpMatches) : "\(min(state.helpHit, found.count - 1) + 1)/\(found.count)")
        }
        let inner = Draw.box(box(in: rect), title: title, into: &buffer)
        let current = found.isEmpty ? nil : found[min(state.helpHit, found.count - 1)]
        // Matching lines bold in the match style; the current one reversed and marked ▶ (not by colour alone).
        for i in found {
            all[i] = all[i].map { Span($0.text, Style(.match, bold: true, reverse: i == current)) }
        }
        var top = scroll
        ScrollView.render(all, offset: &top, into: &buffer, in: inner)
        if let current, current >= top, current < top + inner.height {
            buffer.put("▶", x: inner.x - 1, y: inner.y + current - top, style: Style(.accent, bold: true))
        }
        return top
    }
}

/// `f` on the excerpt list: one row per filter dimension; the count of matching excerpts updates
/// as values change.
enum FilterOverlay {
    /// The panel's box over the body.
    static func box(in rect: Rect) -> Rect {
        Rect(
            x: rect.x + 4, y: rect.y + 2, width: min(rect.width - 8, 70),
            height: min(rect.height - 2, FilterDimension.allCases.count + 5))
    }

    /// The filter row drawn on line y (a click there), nil when none is.
    static func row(at y: Int, in rect: Rect) -> Int? {
        let inner = box(in: rect).inset(left: 2, top: 1, right: 2, bottom: 1)
        let i = y - inner.y - 2
        return FilterDimension.allCases.indices.contains(i) && y < inner.maxY ? i : nil
    }

    static func render(_ state: AppState, row: Int, into buffer: inout CellBuffer, in rect: Rect) {
        let dims = FilterDimension.allCases
        let inner = Draw.box(box(in: rect), title: state.t(.screenFilter), into: &buffer)
        buffer.put(
            state.countOf(state.listedExcerpts.count, state.data.excerpts.count), x: inner.x, y: inner.y,
            style: Style(.accent, bold: true), limit: inner.width)
        let labelWidth = dims.map { DisplayWidth.of(state.t($0.label)) }.max() ?? 10
        for (i, dim) in dims.enumerated() {
            let y = inner.y + 2 + i
            guard y < inner.maxY else { break }
            let selected = i == row
            let value =
                dim.current(state.filter).map { dim.name(of: $0, data: state.data, language: state.language) }
                ?? (dim == .coding ? Dataset.referenceCoder : state.t(.filterAny))
            var x = inner.x
            x += buffer.put(selected ? "▶ " : "  ", x: x, y: y, style: Style(.accent, bold: true))
            x += buffer.put(
                DisplayWidth.pad(state.t(dim.label), to: labelWidth) + "  ", x: x, y: y,
                style: Style(.label, bold: true))
            buffer.put(
                "‹ " + value + " ›", x: x, y: y,
                style: Style(selected ? .selected : .normal, bold: selected, reverse: selected), limit: inner.maxX - x)
        }
    }
}

/// `X`: what to export; a key picks the format, then a file name is asked for.
enum ExportOverlay {
    static func label(_ f: ExportFormat) -> Txt {
        switch f {
        case .qdpx: return .exportQDPX
        case .qdc: return .exportQDC
        case .csvExcerpts: return .exportCSVExcerpts
        case .csvCodebook: return .exportCSVCodebook
        case .markdown: return .exportMarkdown
        }
    }

    static func render(_ state: AppState, into buffer: inout CellBuffer, in rect: Rect) {
        let box = Rect(
            x: rect.x + 4, y: rect.y + 2, width: min(rect.width - 8, 84), height: ExportFormat.allCases.count + 4)
        let inner = Draw.box(box, title: state.t(.exportTitle), into: &buffer)
        for (i, f) in ExportFormat.allCases.enumerated() where inner.y + 1 + i < inner.maxY {
            buffer.put(
                [Span(String(f.key), Style(.statusKey, bold: true)), Span("  " + state.t(label(f)))], x: inner.x,
                y: inner.y + 1 + i, limit: inner.width)
        }
    }
}
