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
            } else if overlay == nil, prompt == nil, let i = listRow(at: m.y) {
                select(i)
                if m.kind == .doubleClick { update(.open) }
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

    /// The list item on row y of the excerpt list or the codebook.
    private func listRow(at y: Int) -> Int? {
        switch screen {
        case let .excerpts(s):
            return ListView.index(
                at: y, count: listedExcerpts.count, selection: s.selection,
                in: ExcerptListScreen.listRect(in: frameRows.body))
        case let .codebook(s):
            return ListView.index(
                at: y, count: CodebookLayout(data: data).rows.count, selection: s.selection,
                in: CodebookScreen.listRect(in: frameRows.body))
        default: return nil
        }
    }

    private mutating func select(_ i: Int) {
        switch screen {
        case .excerpts: replaceTop(.excerpts(ListState(selection: i)))
        case .codebook: replaceTop(.codebook(ListState(selection: i)))
        default: break
        }
    }
}
