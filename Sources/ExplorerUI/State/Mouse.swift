extension AppState {
    /// The mouse, as the keys it stands for: the wheel moves like j and k, a click on a
    /// status-bar hint runs it, on a tab of the title bar opens it, on a row of a list selects it
    /// and a double click opens it. Where it is aimed is read from the screen as it was drawn
    /// (before the message it showed is cleared). The keyboard does everything without it.
    mutating func handleMouse(_ m: MouseEvent) {
        let drawn = self
        message = nil
        guard !isTooSmall else { return }
        switch m.kind {
        case .wheelDown: runIfInEffect(.moveDown)
        case .wheelUp: runIfInEffect(.moveUp)
        case .click, .doubleClick:
            if m.y == drawn.frameRows.status.y {
                guard Frame.showsHints(drawn), drawn.caption == nil,
                    let place = Frame.hintPlaces(Bindings.inEffect(drawn).all, drawn).last(where: { $0.x <= m.x }),
                    m.x < place.x + Frame.hintWidth(place.binding, drawn) - 2,
                    let action = Bindings.action(for: place.binding.keys[0], in: drawn)
                else { return }
                update(action)
            } else if m.y == drawn.frameRows.title.y {
                if let tab = Frame.tabPlaces(drawn).first(where: { $0.x.contains(m.x) }) { runIfInEffect(tab.action) }
            } else if case .filter = overlay, let row = FilterOverlay.row(at: m.y, in: frameRows.body) {
                // A click chooses the row; on the chosen row it steps to the next value.
                if overlay == .filter(row: row) { update(.nextValue) } else { overlay = .filter(row: row) }
            } else if overlay == nil, prompt == nil, selectRow(atX: m.x, y: m.y) {
                // A double click does what Enter does on the row (opens it; on review toggles the code).
                if m.kind == .doubleClick, let action = Bindings.action(for: .enter, in: self) { update(action) }
            } else if overlay == nil, prompt == nil, m.y == frameRows.body.y {
                clickTab(at: m.x)
            }
        }
    }

    /// A click on the tab row of the context or matrix screen opens that tab.
    private mutating func clickTab(at x: Int) {
        let inner = frameRows.body.inset(left: 1, right: 1)
        switch screen {
        case var .context(s):
            guard
                let i = TabBar.index(
                    at: x, of: ContextScreen.tabRow(self, active: s.tab, width: inner.width), from: inner.x),
                let tab = ContextState.Tab(rawValue: i), tab != s.tab
            else { return }
            s.tab = tab
            s.scroll = 0
            replaceTop(.context(s))
        case var .matrix(s):
            guard let i = TabBar.index(at: x, of: TabBar.spans(MatrixScreen.tabs.map(t), active: s.tab), from: inner.x),
                i != s.tab
            else { return }
            s = MatrixState(tab: i)
            replaceTop(.matrix(s))
        default: break
        }
    }

    private mutating func runIfInEffect(_ action: Action) {
        if Bindings.inEffect(self).all.contains(where: { $0.action == action }) { update(action) }
    }

    /// Selects what was drawn at (x, y) on the screen in front — a list row, an actor of the
    /// chain or a chain in the navigator, an excerpt on the actor page, a matrix cell, a code
    /// of the review's table; false when nothing selectable is there.
    private mutating func selectRow(atX x: Int, y: Int) -> Bool {
        let body = frameRows.body
        switch screen {
        case let .excerpts(s), let .codebook(s):
            let excerpts = screen.kind == .excerpts
            let count = excerpts ? listedExcerpts.count : CodebookLayout(data: data).rows.count
            let rect = excerpts ? ExcerptListScreen.listRect(in: body) : CodebookScreen.listRect(in: body)
            guard let i = ListView.index(at: y, count: count, selection: s.selection, in: rect) else { return false }
            replaceTop(excerpts ? .excerpts(ListState(selection: i)) : .codebook(ListState(selection: i)))
        case var .agreement(s):
            guard let rows = AgreementScreen.table(self, s)?.rows.count,
                let i = ListView.index(
                    at: y, count: rows, selection: s.selection, in: AgreementScreen.listRect(in: body), centred: false)
            else { return false }
            s.selection = i
            replaceTop(.agreement(s))
        case var .chains(s):
            guard ChainsScreen.select(self, &s, atX: x, y: y, in: body) else { return false }
            replaceTop(.chains(s))
        case var .node(s):
            guard let i = NodeScreen.excerpt(self, s, at: y, in: body) else { return false }
            s.selection = i
            replaceTop(.node(s))
        case var .matrix(s):
            guard let cell = MatrixScreen.cell(self, s, atX: x, y: y, in: body) else { return false }
            (s.row, s.column) = cell
            replaceTop(.matrix(s))
        case .review:
            guard let r = review, let i = ReviewScreen.codeRow(self, r, at: y, in: body) else { return false }
            review?.codeRow = i
        default: return false
        }
        return true
    }
}
