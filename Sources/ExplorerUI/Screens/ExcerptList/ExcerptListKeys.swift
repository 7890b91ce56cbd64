import CaseCore

extension ExcerptListScreen {
    /// The keys of this screen; Bindings.inEffect adds the global ones and asks each whether it is enabled.
    static let bindings: [Binding] =
        Bindings.moveKeysWithHint + [
            Binding([.enter], .open, .helpOpenExcerpt, hint: .hintOpen),
            Binding([.char("f")], .filter, .helpFilter, hint: .hintFilter),
            Binding([.char("x")], .clearFilter, .helpClearFilter, when: { !$0.filter.isEmpty }),
            Binding([.char("n")], .nextHit, .helpNextHit, hint: .hintHits),
            Binding([.char("N")], .previousHit, .helpPreviousHit),
            Binding([.char("o")], .toggleFold, .helpToggleFold),
            Binding([.backspace], .clearSearch, .helpClearSearch, when: { !$0.search.query.isEmpty })
        ]
}

extension AppState {
    mutating func updateExcerpts(_ state: ListState, _ action: Action) {
        var s = state
        let list = listedExcerpts
        switch action {
        case .open:
            if !list.isEmpty {
                push(.reader(ReaderState(list: list.ids, index: min(s.selection, list.count - 1))))
            }
            return
        case .filter: overlay = .filter(row: 0); return
        case .clearFilter: filter = ExcerptFilter(); s.selection = 0
        case .toggleFold: search.fold.toggle(); message = search.fold ? t(.foldOn) : t(.foldOff)
        case .clearSearch: search.query = ""
        case .nextHit, .previousHit:
            let hits = self.hits
            guard !hits.isEmpty else { message = t(.noSearch); break }
            let positions = list.positions
            let forward = action == .nextHit
            let n = positions.count
            guard n > 0 else { break }
            let start = min(s.selection, n - 1)
            if let i = Wrap.next(
                from: start, count: n, forward: forward, where: { hits.contains(position: positions[$0]) })
            {
                if forward ? i <= start : i >= start { message = t(.searchWrapped) }
                s.selection = i
            }
        default:
            if let next = moved(s.selection, count: list.count, by: action, page: bodyHeight - 3) { s.selection = next }
        }
        replaceTop(.excerpts(s))
    }

    /// Moves the active coding (whose codes the code filter, the codebook counts and the
    /// matrices read) to the next known one; false when there is no other.
    mutating func cycleCoding() -> Bool {
        let coders = knownCoders
        guard coders.count > 1 else { message = t(.noOtherCoding); return false }
        let i = coders.firstIndex(of: filter.coder ?? Dataset.referenceCoder) ?? 0
        let next = coders[(i + 1) % coders.count]
        filter.coder = next == Dataset.referenceCoder ? nil : next
        message = t(.codingNow).filling(["%c": codingName(filter.coder)])
        return true
    }

    mutating func clampListSelection() {
        if case var .excerpts(s) = screen {
            s.selection = max(0, min(s.selection, listedExcerpts.count - 1))
            replaceTop(.excerpts(s))
        }
    }
}
