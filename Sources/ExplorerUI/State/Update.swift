import CaseCore

extension AppState {
    /// Feeds one key to the explorer: typing into a prompt, or the action the binding tables give.
    public mutating func handle(_ key: Key) {
        defer { askForSearch() }
        if !answersWhileLoading(key) { keepWhileLoading(key); return }
        if case let .mouse(m) = key { handleMouse(m); return }
        message = nil
        if key == .resize { return }
        if isTooSmall { handleWhileTooSmall(key); return }
        if prompt != nil, editPrompt(key) { return }
        if activeKind == .picker, editPicker(key) { return }
        if activeKind == .memo, editMemo(key) { return }
        guard let action = Bindings.action(for: key, in: self) else {
            // Every key that does nothing here says so (Space, PgDn on a text that fits, F5 …).
            message = t(.unknownKey).replacingOccurrences(of: "%k", with: key.label)
            return
        }
        update(action)
    }

    /// While the screen cannot be shown nothing may change unseen: q, Q and Ctrl-C quit (not
    /// over a memo with unsaved changes), ? opens or closes the help; every other key is refused.
    private mutating func handleWhileTooSmall(_ key: Key) {
        switch key {
        case .char("q"), .char("Q"), .ctrl("c"):
            if activeKind == .memo, sessionEditor?.changed == true {
                message = t(.memoUnsavedTooSmall)
            } else {
                quitting = true
            }
        case .char("?"):
            if case .help = overlay { overlay = nil } else { overlay = .help(scroll: 0) }
        case .ctrl("l"):
            requestRepaint()
        default:
            message = t(.tooSmallNothingDone)
        }
    }

    /// Typing in a prompt: characters, Backspace (on an empty prompt it closes it, as Esc does),
    /// Ctrl-U; false when the key is not text editing.
    private mutating func editPrompt(_ key: Key) -> Bool {
        guard var p = prompt else { return false }
        switch key {
        case let .char(c): p.text.append(c)
        case .backspace where p.text.isEmpty:
            updatePrompt(.back)
            return true
        case .backspace: p.text.removeLast()
        case .ctrl("u"): p.text = ""
        default: return false
        }
        p.candidates = []
        prompt = p
        if p.kind == .search { searchChanged(p.text) }
        if p.kind == .helpSearch { helpSearchChanged(p.text) }
        return true
    }

    /// On a large study, asks the runner once for the texts holding the query now.
    mutating func askForSearch() {
        let q = currentQuery
        guard searchesInBackground, !q.isEmpty, found?.query != q, searchAsked != q else { return }
        searchAsked = q
        emit(.search(q))
    }

    /// An answer from the background: kept if it answers the query now (an older query's is
    /// dropped); the cursor goes to the first hit, as it does while typing on smaller studies.
    mutating func searchFound(_ query: SearchQuery, _ matches: BitSet) {
        guard query == currentQuery, found?.query != query else { return }
        found = FoundTexts(query: query, matches: matches)
        selectFirstHit()
    }

    /// On the excerpt list, the cursor on the first hit of the search (where it is without one).
    private mutating func selectFirstHit() {
        guard case var .excerpts(list) = screen else { return }
        let hits = self.hits
        if let first = listedExcerpts.positions.firstIndex(where: { hits.contains(position: $0) }) {
            list.selection = first
        }
        replaceTop(.excerpts(list))
    }

    /// Incremental search: the query follows the prompt and the cursor jumps to the first hit.
    /// `key:value` words narrow the filter as they become valid; the rest is searched for.
    private mutating func searchChanged(_ text: String) {
        let parsed = InlineFilter.parse(text, base: prompt?.previousFilter ?? filter, data: data)
        search.query = parsed.text
        filter = parsed.filter
        selectFirstHit()
    }

    public mutating func update(_ action: Action) {
        defer { askForSearch() }
        switch activeKind {
        case _ where action == .repaint: requestRepaint()
        // Ctrl-C, Q and F10 leave at once from anywhere but a memo editor, which asks first.
        case let kind where action == .quitNow && kind != .memo: quitting = true
        case .choice: updateChoice(action)
        case .confirm: updateConfirm(action)
        case .picker:
            switch pickerPurpose {
            case .filterValue: updateFilterValues(action)
            case .excerpt: updateJump(action)
            default: updatePicker(action)
            }
        case .memo: updateMemo(action)
        case .prompt: updatePrompt(action)
        case .help: updateHelp(action)
        case .filter: updateFilter(action)
        default: updateScreen(action)
        }
    }

    // MARK: overlays and prompt

    /// The export menu: a key picks the format, then a file name is asked for.
    private mutating func updateChoice(_ action: Action) {
        switch action {
        case let .exportAs(format):
            overlay = nil
            prompt = Prompt(kind: .export(format), text: format.defaultName(language))
        case .back: overlay = nil; message = t(.exportCancelled)
        default: break
        }
    }

    /// The file exists: y replaces it, n or Esc keeps it.
    private mutating func updateConfirm(_ action: Action) {
        guard case let .confirmOverwrite(format, path) = overlay else { return }
        switch action {
        case .overwrite(true): overlay = nil; emit(.export(format, path: path, overwrite: true))
        case .overwrite(false): overlay = nil; message = t(.exportCancelled)
        default: break
        }
    }

    private mutating func updatePrompt(_ action: Action) {
        guard let p = prompt else { return }
        switch action {
        case .open:
            prompt = nil
            if p.kind == .search {
                let problems = InlineFilter.parse(p.text, base: p.previousFilter ?? filter, data: data).problems
                if !problems.isEmpty { message = problems.joined(separator: "; ") }
            }
            if p.kind == .command { runCommand(p.text) }
            if case let .export(format) = p.kind {
                let path = p.text.trimmingCharacters(in: .whitespaces)
                if path.isEmpty {
                    message = t(.exportCancelled)
                } else {
                    emit(.export(format, path: path, overwrite: false))
                }
            }
        case .back:
            prompt = nil
            if p.kind == .search { restoreSearch(p) }
            if p.kind == .helpSearch { helpSearchChanged(p.previousQuery) }
        case .complete:
            guard p.kind == .command else { return }
            complete(p)
        case .toggleFold:
            guard p.kind == .search else { return }
            search.fold.toggle()
            searchChanged(p.text)
        default: break
        }
    }

    /// Back from the reader to the excerpt list: the list's cursor is on the excerpt last read.
    mutating func listFollowsReader(from left: Screen?) {
        guard case let .reader(r)? = left, r.list.indices.contains(r.index), case var .excerpts(list) = screen,
            let position = data.index(ofExcerpt: r.list[r.index]),
            let row = listedExcerpts.positions.firstIndex(of: position)
        else { return }
        list.selection = row
        replaceTop(.excerpts(list))
    }

    /// Esc in a search: the query and the filter as they were before the prompt opened.
    private mutating func restoreSearch(_ p: Prompt) {
        search.query = p.previousQuery
        if let previous = p.previousFilter { filter = previous }
        clampListSelection()
    }

    /// What a search from here starts with: on an actor (selected in a chain or open), the
    /// actor's kind, so "what did PP staff say about …" is `/` and the words.
    private var searchScope: String {
        let actor: String?
        switch screen {
        case let .chains(s): actor = s.pane == .chain ? s.node : nil
        case let .node(s): actor = s.actor
        default: actor = nil
        }
        guard let kind = actor.flatMap({ data.actor($0)?.kind }) else { return "" }
        return "\(language == .nb ? InlineFilter.Key.kind.bokmal : InlineFilter.Key.kind.rawValue):\(kind.rawValue) "
    }

    private mutating func updateHelp(_ action: Action) {
        guard case let .help(scroll) = overlay else { return }
        switch action {
        case .search: prompt = Prompt(kind: .helpSearch, previousQuery: helpQuery)
        case .nextHit, .previousHit: stepHelpHit(forward: action == .nextHit)
        case .back: overlay = nil; helpQuery = ""
        default:
            // Rendering clamps the offset to the help's lines (ScrollView).
            if let v = ScrollView.moved(scroll, by: action, page: bodyHeight - 2) { overlay = .help(scroll: v) }
        }
    }

    private mutating func updateFilter(_ action: Action) {
        guard case let .filter(row) = overlay else { return }
        let dims = FilterDimension.allCases
        // The roles only for the role row: gathering them the first time is a pass over every excerpt.
        let roles = dims[row] == .role ? speakerRoles : nil
        switch action {
        case .moveDown: overlay = .filter(row: min(dims.count - 1, row + 1))
        case .moveUp: overlay = .filter(row: max(0, row - 1))
        case .nextValue: filter = dims[row].step(filter, by: 1, data: data, coders: knownCoders, roles: roles)
        case .previousValue:
            filter = dims[row].step(filter, by: -1, data: data, coders: knownCoders, roles: roles)
        case .clearValue: filter = dims[row].cleared(filter)
        case .clearFilter: filter = ExcerptFilter()
        case .open:
            // The values of the row as a list to narrow by typing, the current one selected.
            let items = dims[row].choices(filter, data: data, coders: knownCoders, language: language, roles: roles)
            let current = items.firstIndex { $0.value == dims[row].current(filter) } ?? 0
            overlay = .filterValues(row: row, picker: ReviewModel.Picker(query: "", row: current))
        case .back: overlay = nil
        default: break
        }
        clampListSelection()
    }

    // MARK: screens

    private mutating func updateScreen(_ action: Action) {
        let stackBefore = stack
        switch action {
        case .quit:
            if stack.count > 1 && !(reviewStandalone && [.review, .resolve].contains(screen.kind)) {
                stack.removeLast()
            } else {
                quitting = true
            }
            listFollowsReader(from: stack.count < stackBefore.count ? stackBefore.last : nil)
            return
        case .back:
            if stack.count > 1 { stack.removeLast() }
            listFollowsReader(from: stack.count < stackBefore.count ? stackBefore.last : nil)
            return
        case .help: overlay = .help(scroll: 0); helpQuery = ""; return
        case .commandLine: prompt = Prompt(kind: .command); return
        case .search:
            let scope = searchScope
            if screen.kind != .excerpts { push(.excerpts(ListState())) }
            prompt = Prompt(kind: .search, text: scope, previousQuery: search.query, previousFilter: filter)
            searchChanged(scope)
            return
        case .showChains:
            // Above a review or resolve session the chains open over it, so Esc goes back to it.
            if let session = sessionIndex, case let .chains(home) = stack[0] {
                stack = Array(stack[...session]) + [.chains(home)]
            } else {
                popTo(.chains)
            }
            return
        case .showExcerpts: show(.excerpts(ListState())); return
        case .showCodebook: show(.codebook(ListState())); return
        case .showContext: show(.context(ContextState())); return
        case .showMatrix: show(.matrix(MatrixState())); return
        case .showAgreement:
            show(.agreement(AgreementState()))
            if case let .agreement(s) = screen, s.a == nil { updateAgreement(s, .top) }
            return
        case .exportMenu:
            // One export at a time: a second waits until the first is written.
            if let path = exporting {
                message = t(.exportBusy).filling(["%p": path])
            } else {
                overlay = .exportMenu
            }
            return
        case .startReview:
            if screen.kind == .review { return }
            emit(.openReview(queue: listedExcerpts.map(\.id)))
            return
        default: break
        }
        switch screen {
        case let .chains(s): updateChains(s, action)
        case let .node(s): updateNode(s, action)
        case let .reader(s): updateReader(s, action)
        case let .excerpts(s): updateExcerpts(s, action)
        case let .codebook(s): updateCodebook(s, action)
        case let .context(s): updateContext(s, action)
        case let .matrix(s): updateMatrix(s, action)
        case let .agreement(s): updateAgreement(s, action)
        case .review: updateReview(action)
        case .resolve: updateResolve(action)
        }
    }

    mutating func push(_ screen: Screen) { stack.append(screen) }
    mutating func replaceTop(_ screen: Screen) { stack[stack.count - 1] = screen }

    /// Goes to a top-level screen: back to it if it is on the stack, else pushed over the chains —
    /// or over a review or resolve session, which a tab never closes (Esc goes back to it).
    mutating func show(_ screen: Screen) {
        if let i = stack.lastIndex(where: { $0.kind == screen.kind }), i > (sessionIndex ?? -1) {
            stack.removeSubrange((i + 1)...)
        } else {
            stack = Array(stack[...(sessionIndex ?? 0)]) + [screen]
        }
    }

    /// Where a review or resolve session is on the stack, if one is open.
    var sessionIndex: Int? { stack.lastIndex { $0.kind == .review || $0.kind == .resolve } }

    mutating func popTo(_ kind: ScreenKind) {
        if let i = stack.lastIndex(where: { $0.kind == kind }) { stack.removeSubrange((i + 1)...) }
    }

    /// Moves a selection within 0..<count by an action, from the row shown (a selection past the
    /// end is on the last); nil when the action is not a move.
    func moved(_ selection: Int, count: Int, by action: Action, page: Int) -> Int? {
        guard count > 0 else { return nil }
        return ScrollView.moved(min(selection, count - 1), by: action, page: page).map { min(count - 1, $0) }
    }
}

/// Walking a list from a position to the next item that qualifies, wrapping round once (the
/// next unreviewed excerpt, the next unresolved disagreement, the next search hit).
enum Wrap {
    /// The first position after `start` (or before it, backwards) for which `qualifies` holds;
    /// `start` itself is tried last. nil when none does.
    static func next(from start: Int, count n: Int, forward: Bool = true, where qualifies: (Int) -> Bool) -> Int? {
        guard n > 0 else { return nil }
        for step in 1...n {
            let i = forward ? (start + step) % n : ((start - step) % n + n) % n
            if qualifies(i) { return i }
        }
        return nil
    }
}
