import CaseCore

extension ReaderScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] = {
        // Scrolling only when the excerpt is taller than the screen.
        let scrolls: @Sendable (AppState) -> Bool = { state in
            guard case let .reader(s) = state.screen else { return false }
            return ReaderScreen.lines(state, s, width: state.width - 3).count > state.bodyHeight
        }
        // With a search active, n and N step through the hits, as on the list.
        let searching: @Sendable (AppState) -> Bool = { !$0.search.query.isEmpty }
        return [
            Binding([.char("n")], .nextHit, .helpNextHit, hint: .hintHits).when(searching),
            Binding([.char("N")], .previousHit, .helpPreviousHit).when(searching),
            Binding([.char("n")], .nextExcerpt, .helpNextExcerpt, hint: .hintNextPrev).when { !searching($0) },
            Binding([.char("p")], .previousExcerpt, .helpPreviousExcerpt)
        ] + Bindings.scrollKeys.map { $0.when(scrolls) }
    }()
}

extension AppState {
    mutating func updateReader(_ state: ReaderState, _ action: Action) {
        var s = state
        switch action {
        case .nextExcerpt:
            if s.index + 1 < s.list.count { s.index += 1; s.scroll = 0 } else { message = t(.lastExcerpt) }
        case .previousExcerpt:
            if s.index > 0 { s.index -= 1; s.scroll = 0 } else { message = t(.firstExcerpt) }
        case .nextHit, .previousHit:
            // The next excerpt of the reader's list that the search finds, round the end.
            let hits = self.hits, list = s.list, data = self.data
            let isHit: (Int) -> Bool = { i in data.index(ofExcerpt: list[i]).map(hits.contains(position:)) ?? false }
            if let i = Wrap.next(
                from: s.index, count: list.count, forward: action == .nextHit, where: { $0 != s.index && isHit($0) })
            {
                if action == .nextHit ? i < s.index : i > s.index { message = t(.searchWrapped) }
                s.index = i; s.scroll = 0
            } else {
                message = t(.noSearch)
            }
        default:
            // Rendering clamps the offset to the text (ScrollView), so k after many j moves at once.
            if let v = ScrollView.moved(s.scroll, by: action, page: bodyHeight - 2) { s.scroll = v }
        }
        replaceTop(.reader(s))
    }
}
