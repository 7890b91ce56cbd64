import CaseCore
import Presentation

/// Renders the whole explorer into a cell buffer: title bar, the current screen, an overlay,
/// and the status line. Pure: the same state always gives the same cells.
public enum Frame {
    /// The frame the state gives, leaving the state as it is (snapshots, captures).
    public static func render(_ state: AppState) -> CellBuffer {
        var copy = state
        return draw(&copy)
    }

    /// Renders the state and keeps in it what rendering decided: the scroll offsets, clamped to
    /// what was drawn (ratatui's StatefulWidget). The loop draws after every key, so the update
    /// function moves offsets without laying out a text, and the next key moves from what the
    /// user sees.
    public static func draw(_ drawn: inout AppState) -> CellBuffer {
        let state = drawn
        var buffer = CellBuffer(width: state.width, height: state.height)
        guard !state.isTooSmall else {
            renderTooSmall(state, into: &buffer)
            return buffer
        }
        let body = state.frameRows.body
        renderTitle(state, into: &buffer)
        var kept = state.screen
        switch kept {
        case var .chains(s): ChainsScreen.render(state, &s, into: &buffer, in: body); kept = .chains(s)
        case var .node(s): NodeScreen.render(state, &s, into: &buffer, in: body); kept = .node(s)
        case var .reader(s): ReaderScreen.render(state, &s, into: &buffer, in: body); kept = .reader(s)
        case let .excerpts(s): ExcerptListScreen.render(state, s, into: &buffer, in: body)
        case let .codebook(s): CodebookScreen.render(state, s, into: &buffer, in: body)
        case var .context(s): ContextScreen.render(state, &s, into: &buffer, in: body); kept = .context(s)
        case let .matrix(s): MatrixScreen.render(state, s, into: &buffer, in: body)
        case let .agreement(s): AgreementScreen.render(state, s, into: &buffer, in: body)
        case .review: drawn.review?.textScroll = ReviewScreen.render(state, into: &buffer, in: body)
        case .resolve: drawn.resolve?.textScroll = ResolveScreen.render(state, into: &buffer, in: body)
        }
        drawn.replaceTop(kept)
        switch state.overlay {
        case let .help(scroll):
            drawn.overlay = .help(scroll: HelpOverlay.render(state, scroll: scroll, into: &buffer, in: body))
        case let .filter(row): FilterOverlay.render(state, row: row, into: &buffer, in: body)
        case let .filterValues(row, picker):
            FilterOverlay.render(state, row: row, into: &buffer, in: body)
            FilterValuesOverlay.render(state, row: row, picker: picker, into: &buffer, in: body)
        case .exportMenu: ExportOverlay.render(state, into: &buffer, in: body)
        case .confirmOverwrite: break
        case nil: break
        }
        renderStatus(state, into: &buffer)
        if state.caption != nil { renderCaption(state, into: &buffer) }
        return buffer
    }

    /// The demo's caption above the status line, marked so it reads without colour.
    static func renderCaption(_ state: AppState, into buffer: inout CellBuffer) {
        let rect = state.frameRows.caption
        buffer.fill(rect, style: Style(.title, bold: true, reverse: true))
        for (i, line) in state.captionLines.enumerated() where i < rect.height {
            buffer.put(
                " " + line, x: 0, y: rect.y + i, style: Style(.title, bold: true, reverse: true), limit: state.width)
        }
    }

    static func renderTooSmall(_ state: AppState, into buffer: inout CellBuffer) {
        let text = state.t(.tooSmall).filling([
            "%w": String(state.width), "%h": String(state.height), "%mw": String(AppState.minimumWidth),
            "%mh": String(AppState.minimumHeight)
        ])
        let lines = DisplayWidth.wrap(text, width: max(1, state.width))
        // A refused key says so under the size (as far as there is room); the help opened here
        // (the size sentence promises it) says which keys work until the window grows.
        var said = state.message.map { DisplayWidth.wrap($0, width: max(1, state.width)) } ?? []
        if case .help = state.overlay {
            let help = state.t(.tooSmallHelp).filling([
                "%mw": String(AppState.minimumWidth), "%mh": String(AppState.minimumHeight)
            ])
            said = DisplayWidth.wrap(help, width: max(1, state.width))
        }
        let top = max(0, (state.height - lines.count - said.count) / 2)
        for (i, line) in (lines + said).enumerated() where top + i < state.height {
            let x = max(0, (state.width - DisplayWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + i, style: Style(i < lines.count ? .error : .message, bold: i < lines.count))
        }
    }

    /// The tab bar: each top-level screen with its key; the current one bold and marked with ▸.
    static func renderTitle(_ state: AppState, into buffer: inout CellBuffer) {
        buffer.fill(state.frameRows.title, style: Style(.tab))
        var x = state.width < 90 ? 0 : buffer.put(" case-explorer ", x: 0, y: 0, style: Style(.title, bold: true))
        for (place, label) in zip(tabPlaces(state), tabLabels(state)) {
            x = place.x.upperBound
            buffer.put(
                TabBar.spans([label], active: place.action == currentTab(state) ? 0 : nil, gap: ""),
                x: place.x.lowerBound, y: 0, limit: state.width - place.x.lowerBound)
        }
        let room = state.width - x - 1
        if room > 8 {
            let text = Fit.crumb(breadcrumb(state), shortFirst: crumbShortFirst(state), width: room)
            buffer.put(text, x: state.width - DisplayWidth.of(text) - 1, y: 0, style: Style(.tab))
        }
    }

    static let tabs: [(ScreenKind, Action, Txt)] = [
        (.chains, .showChains, .tabChains), (.excerpts, .showExcerpts, .tabExcerpts),
        (.codebook, .showCodebook, .tabCodebook), (.context, .showContext, .tabContext),
        (.matrix, .showMatrix, .tabMatrix)
    ]

    /// The tab of the screen in front (or under it); none on the agreement screen, which A opens.
    static func currentTab(_ state: AppState) -> Action? {
        guard state.screen.kind != .agreement else { return nil }
        let kind = state.stack.last { k in tabs.contains { $0.0 == k.kind } }?.kind ?? .chains
        return tabs.first { $0.0 == kind }?.1
    }

    /// Each tab's label with its key as the global table has it, unless this screen gives the key
    /// another meaning. Narrowing drops the program's name first (below 90 columns), then the keys,
    /// only when the labels with keys would leave less than `crumbRoom` columns for the breadcrumb.
    static func tabLabels(_ state: AppState) -> [String] {
        let keys = Bindings.effective(for: state.screen.kind).global
        let withKeys = tabs.map { _, action, label in
            state.t(label) + (keys.first { $0.action == action }.map { "(\($0.keys[0].label))" } ?? "")
        }
        let width = withKeys.reduce(titleNameWidth(state)) { $0 + DisplayWidth.of($1) + 2 }
        return width + crumbRoom(state) <= state.width ? withKeys : tabs.map { state.t($0.2) }
    }

    /// Columns the breadcrumb keeps before the tab keys give way: at least 12, and where it says
    /// where one is (a chain, an actor, an excerpt) its current item whole, with the county's short
    /// name on the chains screen.
    static func crumbRoom(_ state: AppState) -> Int {
        guard [.chains, .node, .reader].contains(state.screen.kind) else { return 12 }
        let names = breadcrumb(state)
        guard let last = names.last else { return 12 }
        let short = names.count > 1 ? crumbShortFirst(state).map { $0 + " ▸ " } ?? "" : ""
        return max(12, DisplayWidth.of(short + last) + 1)
    }

    /// The program's name at the left of the title bar, when there is room for it.
    static func titleNameWidth(_ state: AppState) -> Int {
        state.width < 90 ? 0 : DisplayWidth.of(" case-explorer ")
    }

    /// Where each tab of the title bar is (a click there opens it).
    static func tabPlaces(_ state: AppState) -> [(x: Range<Int>, action: Action)] {
        var x = titleNameWidth(state)
        return zip(tabs, tabLabels(state)).map { tab, label in
            let w = DisplayWidth.of(label) + 2
            defer { x += w }
            return (x..<(x + w), tab.1)
        }
    }

    /// A shorter form of the crumb's first name: the county as "F1" on the chains screen.
    static func crumbShortFirst(_ state: AppState) -> String? {
        guard case let .chains(s) = state.screen, let chain = state.data.chain(s.chainId) else { return nil }
        return "F\(chain.county)"
    }

    /// Where the user is, as a path whose last name is the current item (kept whole when cut).
    static func breadcrumb(_ state: AppState) -> [String] {
        switch state.screen {
        case let .chains(s):
            guard let chain = state.data.chain(s.chainId) else { return [] }
            return [state.data.county(chain.county)?.name ?? "", chain.name]
        case let .node(s): return state.data.path(to: s.actor).map(\.name)
        case let .reader(s): return s.list.indices.contains(s.index) ? [s.list[s.index]] : []
        case .excerpts: return state.filter.isEmpty ? [] : [state.filterSummary]
        case .codebook, .context, .matrix: return [state.data.study.report]
        case .agreement: return [state.t(.screenAgreement)]
        case .review: return state.review.map { ["\(state.t(.screenReview)): \($0.coder)"] } ?? []
        case .resolve: return state.resolve.map { ["\(state.t(.screenResolve)): \($0.a) ↔ \($0.b)"] } ?? []
        }
    }

    /// The status line: a prompt when one is open, else a message, else the hints of the
    /// binding table of what has the keys now.
    static func renderStatus(_ state: AppState, into buffer: inout CellBuffer) {
        let y = state.frameRows.status.y
        buffer.fill(state.frameRows.status, style: Style(.status))
        if case let .confirmOverwrite(_, path) = state.overlay {
            buffer.put(
                " " + state.t(.exportReplace).filling(["%p": path]), x: 0, y: y,
                style: Style(.message, bold: true), limit: state.width)
            return
        }
        if let prompt = state.prompt {
            var label = [.search, .helpSearch].contains(prompt.kind) ? "/" : ":"
            if case .export = prompt.kind { label = state.t(.exportFilePrompt) + ": " }
            if !prompt.candidates.isEmpty, y > 1 {
                // What Tab could not yet decide between, on the line above (as many as fit).
                buffer.fill(Rect(x: 0, y: y - 1, width: state.width, height: 1), style: Style(.status))
                let all = prompt.candidates.joined(separator: "  ")
                let more = " (\(prompt.candidates.count))"
                let room = state.width - 2 - DisplayWidth.of(more)
                let shown = DisplayWidth.of(all) <= room ? all : DisplayWidth.truncate(all, to: room)
                buffer.put(" " + shown + more, x: 0, y: y - 1, style: Style(.status), limit: state.width)
            }
            var x = buffer.put(label, x: 0, y: y, style: Style(.statusKey, bold: true))
            x += buffer.put(prompt.text, x: x, y: y, style: Style(.status))
            buffer.put("█", x: x, y: y, style: Style(.status))
            if prompt.kind == .search {
                let info =
                    "  " + (state.search.fold ? state.t(.foldOnShort) : state.t(.foldOffShort)) + " · " + state.hitsText
                let w = DisplayWidth.of(info)
                if x + 2 + w < state.width { buffer.put(info, x: state.width - w - 1, y: y, style: Style(.status)) }
            }
            return
        }
        if let message = state.message {
            // A long message (a read-only reason, an error) wraps upwards over the screen's
            // last rows instead of being cut; the next key clears it.
            let rows = Array(DisplayWidth.wrap(message, width: max(1, state.width - 2)).prefix(4))
            for (i, row) in rows.enumerated() {
                let line = y - (rows.count - 1) + i
                guard line > 0 else { continue }
                buffer.fill(Rect(x: 0, y: line, width: state.width, height: 1), style: Style(.status))
                buffer.put(" " + row, x: 0, y: line, style: Style(.message, bold: true), limit: state.width)
            }
            return
        }
        hints(state.caption == nil ? Bindings.inEffect(state).all : Bindings.demo, state, into: &buffer, y: y)
        if let text = state.workNotice(fitting: max(1, loadingRoom(state) - 2)) {
            buffer.put(text, x: state.width - DisplayWidth.of(text) - 1, y: y, style: Style(.message, bold: true))
        }
    }

    /// The columns the notice of work in the background (the load, an export) takes at the
    /// right of the status line: the hints before it give way, but for `? help` and `q quit`.
    static func loadingRoom(_ state: AppState) -> Int {
        guard let notice = state.workNotice(fitting: Int.max) else { return 0 }
        return min(DisplayWidth.of(notice) + 2, max(0, state.width - 20))
    }

    /// The status-bar hints, in table order while they fit; `? help` and `q quit` (and the
    /// demo's end) are kept when the terminal is narrow, the others dropped from the end first.
    static func hints(_ bindings: [Binding], _ state: AppState, into buffer: inout CellBuffer, y: Int) {
        for (x, b) in hintPlaces(bindings, state) {
            let w = buffer.put(b.keys[0].label, x: x, y: y, style: Style(.statusKey, bold: true))
            buffer.put(" " + state.t(b.hint!) + "  ", x: x + w, y: y, style: Style(.status))
        }
    }

    /// Where each hint starts (a click there runs it).
    static func hintPlaces(_ bindings: [Binding], _ state: AppState) -> [(x: Int, binding: Binding)] {
        let shown = bindings.filter { $0.hint != nil }
        func width(_ b: Binding) -> Int { hintWidth(b, state) }
        let kept: [Action] = [.help, .quit]
        let columns = state.width - loadingRoom(state)
        var room = columns - 1 - shown.filter { kept.contains($0.action) }.map(width).reduce(0, +)
        var x = 1
        var places: [(x: Int, binding: Binding)] = []
        for b in shown {
            if !kept.contains(b.action) { guard width(b) <= room else { continue }; room -= width(b) }
            guard x + width(b) <= columns else { break }
            places.append((x, b))
            x += width(b)
        }
        return places
    }

    static func hintWidth(_ b: Binding, _ state: AppState) -> Int {
        DisplayWidth.of(b.keys[0].label) + 1 + DisplayWidth.of(state.t(b.hint!)) + 2
    }

    /// The status line shows hints (not a prompt, a message or a question).
    static func showsHints(_ state: AppState) -> Bool {
        if case .confirmOverwrite = state.overlay { return false }
        return state.prompt == nil && state.message == nil
    }
}

/// Helpers the screens share.
enum Draw {
    /// Draws lines from `scroll`, clipped to the rect; returns the scroll actually used. The
    /// rect's last column is kept for the scroll marker: callers lay text out for `width - 1`.
    @discardableResult
    static func lines(_ lines: [StyledLine], scroll: Int, into buffer: inout CellBuffer, in rect: Rect) -> Int {
        Draw.lines(count: lines.count, { lines[$0] }, scroll: scroll, into: &buffer, in: rect)
    }

    /// The same for a text of `count` lines made one at a time (`line(i)`): only the lines in
    /// view are made, so a page of thousands of rows costs what the screen shows.
    @discardableResult
    static func lines(
        count: Int, _ line: (Int) -> StyledLine, scroll: Int, into buffer: inout CellBuffer, in rect: Rect
    ) -> Int {
        let maxScroll = max(0, count - rect.height)
        let top = min(max(0, scroll), maxScroll)
        for row in 0..<rect.height where top + row < count {
            buffer.put(line(top + row), x: rect.x, y: rect.y + row, limit: rect.width - 1)
        }
        if count > rect.height && rect.width > 2 {
            // A scroll position marker in the right column (text, not colour).
            let pos = count <= 1 ? 0 : top * (rect.height - 1) / max(1, maxScroll)
            buffer.put("┃", x: rect.maxX - 1, y: rect.y + pos, style: Style(.dim))
        }
        return top
    }

    /// The first row to show so that `row` is visible in a view of `height` rows.
    static func scroll(keeping row: Int, current: Int, height: Int) -> Int {
        guard height > 0 else { return 0 }
        if row < current { return row }
        if row >= current + height { return row - height + 1 }
        return current
    }

    /// The first row to show so that `rows` are visible (their first row when they do not fit).
    static func scroll(keeping rows: Range<Int>, current: Int, height: Int) -> Int {
        let last = scroll(keeping: rows.upperBound - 1, current: current, height: height)
        return scroll(keeping: rows.lowerBound, current: last, height: height)
    }

    static func heading(_ text: String) -> StyledLine { [Span(text, Style(.heading, bold: true))] }

    static func field(_ label: String, _ value: String, width: Int, labelWidth: Int = 14, valueStyle: Style = .normal)
        -> [StyledLine]
    {
        let padded = DisplayWidth.pad(label, to: labelWidth)
        let wrapped = StyledWrap.wrap([Span(value, valueStyle)], width: max(10, width - labelWidth - 1))
        return wrapped.enumerated().map { i, line in
            [Span(i == 0 ? padded : String(repeating: " ", count: labelWidth), Style(.label, bold: true)), Span(" ")]
                + line
        }
    }

    /// Text with the matched character ranges marked (bold + underline: not colour alone).
    static func highlighted(_ text: String, _ matches: [Range<Int>]?, base: Style = .normal) -> StyledLine {
        guard let matches, !matches.isEmpty else { return [Span(text, base)] }
        // Walks the text once by string index (no array of its characters, no string rebuilt
        // from one); a match past the text's end is skipped as before.
        var spans: StyledLine = []
        var last = 0
        var lastIndex = text.startIndex
        for m in matches where m.lowerBound >= last {
            guard let lower = text.index(lastIndex, offsetBy: m.lowerBound - last, limitedBy: text.endIndex),
                let upper = text.index(lower, offsetBy: m.count, limitedBy: text.endIndex)
            else { continue }
            if m.lowerBound > last { spans.append(Span(String(text[lastIndex..<lower]), base)) }
            spans.append(Span(String(text[lower..<upper]), Style(.match, bold: true, underline: true)))
            last = m.upperBound
            lastIndex = upper
        }
        if lastIndex < text.endIndex { spans.append(Span(String(text[lastIndex...]), base)) }
        return spans
    }

    static func confidenceStyle(_ c: Confidence) -> Style {
        switch c {
        case .stated: return Style(.confidenceStated, bold: true)
        case .inferred: return Style(.confidenceInferred)
        case .unknown: return Style(.confidenceUnknown)
        }
    }

    /// Draws a bordered box (an overlay) and clears its inside; returns the inner rect.
    static func box(_ rect: Rect, title: String, into buffer: inout CellBuffer) -> Rect {
        buffer.fill(rect)
        guard rect.width >= 4, rect.height >= 3 else { return rect }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: Style(.accent))
        buffer.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: Style(.accent))
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            buffer.put("│", x: rect.x, y: y, style: Style(.accent))
            buffer.put("│", x: rect.maxX - 1, y: y, style: Style(.accent))
        }
        buffer.put(
            " " + title + " ", x: rect.x + 2, y: rect.y, style: Style(.heading, bold: true), limit: rect.width - 4)
        return rect.inset(left: 2, top: 1, right: 2, bottom: 1)
    }
}
