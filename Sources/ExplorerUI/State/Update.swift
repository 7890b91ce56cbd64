import CaseCore

extension AppState {
    /// Feeds one key to the explorer: typing into a prompt, or the action the binding tables give.
    public mutating func handle(_ key: Key) {
        if case let .mouse(m) = key { handleMouse(m); return }
        message = nil
        if key == .resize { return }
        if isTooSmall { handleWhileTooSmall(key); return }
        if prompt != nil, let typed = promptInput(key) {
            apply(typed)
            return
        }
        if activeKind == .picker, editPicker(key) { return }
        if activeKind == .memo, editMemo(key) { return }
        guard let action = Bindings.action(for: key, in: self) else {
            if case let .char(c) = key, !c.isWhitespace { message = t(.unknownKey).replacingOccurrences(of: "%k", with: key.label) }
            return
        }
        update(action)
    }

    /// While the screen cannot be shown nothing may change unseen: q, Q and Ctrl-C quit (not
    /// over a memo with unsaved changes), ? opens or closes the help; every other key is refused.
    private mutating func handleWhileTooSmall(_ key: Key) {
        switch key {
        case .char("q"), .char("Q"), .ctrl("c"):
            let editor = screen.kind == .resolve ? resolve?.editor : review?.editor
            if activeKind == .memo, editor?.changed == true { message = t(.memoUnsavedTooSmall) } else { quitting = true }
        case .char("?"):
            if case .help = overlay { overlay = nil } else { overlay = .help(scroll: 0) }
        default:
            message = t(.tooSmallNothingDone)
        }
    }

    /// Keys a prompt consumes as text editing rather than as bindings.
    private func promptInput(_ key: Key) -> PromptEdit? {
        switch key {
        case let .char(c): return .insert(c)
        case .backspace: return .deleteBack
        case .ctrl("u"): return .clear
        default: return nil
        }
    }

    enum PromptEdit { case insert(Character), deleteBack, clear }

    private mutating func apply(_ edit: PromptEdit) {
        guard var p = prompt else { return }
        switch edit {
        case let .insert(c): p.text.append(c)
        case .deleteBack:
            if p.text.isEmpty { prompt = nil; if p.kind == .search { restoreSearch(p) }; return }
            p.text.removeLast()
        case .clear: p.text = ""
        }
        prompt = p
        if p.kind == .search { searchChanged(p.text) }
    }

    /// Incremental search: the query follows the prompt and the cursor jumps to the first hit.
    /// `key:value` words narrow the filter as they become valid; the rest is searched for.
    private mutating func searchChanged(_ text: String) {
        let parsed = InlineFilter.parse(text, base: prompt?.previousFilter ?? filter, data: data)
        search.query = parsed.text
        filter = parsed.filter
        guard case var .excerpts(list) = screen else { return }
        let hits = self.hits
        if let first = listedExcerpts.positions.firstIndex(where: { hits.contains(position: $0) }) { list.selection = first }
        replaceTop(.excerpts(list))
    }

    public mutating func update(_ action: Action) {
        switch activeKind {
        case .choice: updateChoice(action)
        case .confirm: updateConfirm(action)
        case .picker: if screen.kind == .resolve { updateResolvePicker(action) } else { updatePicker(action) }
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
        case .quitNow: quitting = true
        default: break
        }
    }

    /// The file exists: y replaces it, n or Esc keeps it.
    private mutating func updateConfirm(_ action: Action) {
        guard case let .confirmOverwrite(format, path) = overlay else { return }
        switch action {
        case .overwrite(true): overlay = nil; emit(.export(format, path: path, overwrite: true))
        case .overwrite(false): overlay = nil; message = t(.exportCancelled)
        case .quitNow: quitting = true
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
                if path.isEmpty { message = t(.exportCancelled) } else { emit(.export(format, path: path, overwrite: false)) }
            }
        case .back:
            prompt = nil
            if p.kind == .search { restoreSearch(p) }
        case .toggleFold:
            guard p.kind == .search else { return }
            search.fold.toggle()
            searchChanged(p.text)
        case .quitNow: quitting = true
        default: break
        }
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
        case .moveDown: overlay = .help(scroll: scroll + 1)
        case .moveUp: overlay = .help(scroll: max(0, scroll - 1))
        case .back: overlay = nil
        case .quitNow: quitting = true
        default: break
        }
    }

    private mutating func updateFilter(_ action: Action) {
        guard case let .filter(row) = overlay else { return }
        let dims = FilterDimension.allCases
        switch action {
        case .moveDown: overlay = .filter(row: min(dims.count - 1, row + 1))
        case .moveUp: overlay = .filter(row: max(0, row - 1))
        case .nextValue: filter = dims[row].step(filter, by: 1, data: data, coders: knownCoders)
        case .previousValue: filter = dims[row].step(filter, by: -1, data: data, coders: knownCoders)
        case .clearValue: filter = dims[row].cleared(filter)
        case .clearFilter: filter = ExcerptFilter()
        case .back: overlay = nil
        case .quitNow: quitting = true
        default: break
        }
        clampListSelection()
    }

    // MARK: screens

    private mutating func updateScreen(_ action: Action) {
        switch action {
        case .quit:
            if stack.count > 1 && !(reviewStandalone && [.review, .resolve].contains(screen.kind)) { stack.removeLast() } else { quitting = true }
            return
        case .quitNow: quitting = true; return
        case .back:
            if stack.count > 1 { stack.removeLast() }
            return
        case .help: overlay = .help(scroll: 0); return
        case .commandLine: prompt = Prompt(kind: .command); return
        case .search:
            let scope = searchScope
            if screen.kind != .excerpts { push(.excerpts(ListState())) }
            prompt = Prompt(kind: .search, text: scope, previousQuery: search.query, previousFilter: filter)
            searchChanged(scope)
            return
        case .showChains: popTo(.chains); return
        case .showExcerpts: show(.excerpts(ListState())); return
        case .showCodebook: show(.codebook(ListState())); return
        case .showContext: show(.context(ContextState())); return
        case .showMatrix: show(.matrix(MatrixState())); return
        case .showAgreement:
            show(.agreement(AgreementState()))
            if case let .agreement(s) = screen, s.a == nil { updateAgreement(s, .top) }
            return
        case .exportMenu: overlay = .exportMenu; return
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

    /// Goes to a top-level screen: back to it if it is on the stack, else pushed over the chains.
    mutating func show(_ screen: Screen) {
        if let i = stack.lastIndex(where: { $0.kind == screen.kind }) {
            stack.removeSubrange((i + 1)...)
        } else {
            stack = [stack[0], screen]
        }
    }

    mutating func popTo(_ kind: ScreenKind) {
        if let i = stack.lastIndex(where: { $0.kind == kind }) { stack.removeSubrange((i + 1)...) }
    }

    /// Scrolls a text by an action, to at most `last` (the first row of the last screenful);
    /// nil when the action is not a scroll.
    func scrolled(_ scroll: Int, by action: Action, page: Int, last: Int) -> Int? {
        moved(scroll, count: max(0, last) + 1, by: action, page: page)
    }

    /// Moves a selection within 0..<count by an action; nil when the action is not a move.
    func moved(_ selection: Int, count: Int, by action: Action, page: Int) -> Int? {
        guard count > 0 else { return nil }
        switch action {
        case .moveDown: return min(count - 1, selection + 1)
        case .moveUp: return max(0, selection - 1)
        case .pageDown: return min(count - 1, selection + max(1, page))
        case .pageUp: return max(0, selection - max(1, page))
        case .top: return 0
        case .bottom: return count - 1
        default: return nil
        }
    }

    // MARK: chains

    private mutating func updateChains(_ state: ChainsState, _ action: Action) {
        var s = state
        let layout = ChainLayout(data: data, chain: s.chainId)
        let chains = data.chains
        let chainIndex = chains.firstIndex { $0.id == s.chainId } ?? 0
        func select(chain index: Int) {
            guard !chains.isEmpty else { return }
            let i = (index + chains.count) % chains.count
            s.chainId = chains[i].id
            s.node = ChainLayout(data: data, chain: s.chainId).nodes.first?.actor.id
        }
        switch action {
        case .switchPane: s.pane = s.pane == .chain ? .navigator : .chain
        case .selectCounty(let n):
            if let i = chains.firstIndex(where: { $0.county == n }) { select(chain: i) } else { message = t(.noSuchCounty).replacingOccurrences(of: "%n", with: String(n)) }
        case .nextCounty:
            let counties = data.counties.map(\.id)
            guard !counties.isEmpty else { message = t(.noCounties); break }
            let current = chains.isEmpty ? 0 : chains[chainIndex].county
            let next = counties[((counties.firstIndex(of: current) ?? -1) + 1) % max(1, counties.count)]
            if let i = chains.firstIndex(where: { $0.county == next }) { select(chain: i) }
        case .nextChain: select(chain: chainIndex + 1)
        case .previousChain: select(chain: chainIndex - 1)
        case .showCountyExcerpts:
            if let chain = data.chain(s.chainId) {
                filter = ExcerptFilter(county: chain.county)
                show(.excerpts(ListState()))
                return
            }
        default:
            if s.pane == .navigator {
                switch action {
                case .moveDown: select(chain: min(chains.count - 1, chainIndex + 1))
                case .moveUp: select(chain: max(0, chainIndex - 1))
                case .top: select(chain: 0)
                case .bottom: select(chain: chains.count - 1)
                case .open, .toChild: s.pane = .chain
                default: break
                }
            } else {
                let index = layout.index(of: s.node) ?? 0
                switch action {
                case .open:
                    if let id = s.node { replaceTop(.chains(s)); push(.node(NodeState(actor: id))); return }
                case .toParent:
                    if let parent = s.node.flatMap({ data.actor($0)?.parent }), layout.index(of: parent) != nil { s.node = parent } else { s.pane = .navigator }
                case .toChild:
                    if let child = layout.nodes.first(where: { $0.actor.parent == s.node }) { s.node = child.actor.id }
                default:
                    if let next = moved(index, count: layout.nodes.count, by: action, page: bodyHeight / 3) { s.node = layout.nodes[next].actor.id }
                }
            }
        }
        replaceTop(.chains(s))
    }

    // MARK: node detail

    private mutating func updateNode(_ state: NodeState, _ action: Action) {
        var s = state
        let excerpts = NodeScreen.openable(data, s.actor)
        switch action {
        case .open:
            // The reader steps within the group the excerpt is in: the actor's own, or the
            // ones not attributed to it — never from one into the other unawares.
            let own = data.excerpts(ofActor: s.actor).count
            let group = s.selection < own ? excerpts.prefix(own) : excerpts.dropFirst(own)
            if !excerpts.isEmpty { push(.reader(ReaderState(list: group.map(\.id), index: s.selection < own ? s.selection : s.selection - own))) }
            return
        case .toParent:
            if let parent = data.actor(s.actor)?.parent { s = NodeState(actor: parent) }
        default:
            if excerpts.isEmpty {
                // Nothing to select: the keys scroll the description instead.
                let content = NodeScreen.lines(self, s, width: width - 3).lines.count
                switch action {
                case .moveDown: s.scroll = min(s.scroll + 1, max(0, content - bodyHeight))
                case .moveUp: s.scroll = max(0, s.scroll - 1)
                case .top: s.scroll = 0
                default: break
                }
            } else if let next = moved(s.selection, count: excerpts.count, by: action, page: bodyHeight / 2) {
                s.selection = next
            }
        }
        replaceTop(.node(s))
    }

    // MARK: reader

    private mutating func updateReader(_ state: ReaderState, _ action: Action) {
        var s = state
        switch action {
        case .nextExcerpt:
            if s.index + 1 < s.list.count { s.index += 1; s.scroll = 0 } else { message = t(.lastExcerpt) }
        case .previousExcerpt:
            if s.index > 0 { s.index -= 1; s.scroll = 0 } else { message = t(.firstExcerpt) }
        default:
            // Within the text, so k after many j moves at once.
            let content = ReaderScreen.lines(self, s, width: width - 3).count
            if let v = scrolled(s.scroll, by: action, page: bodyHeight - 2, last: content - bodyHeight) { s.scroll = v }
        }
        replaceTop(.reader(s))
    }

    // MARK: excerpt list

    private mutating func updateExcerpts(_ state: ListState, _ action: Action) {
        var s = state
        let list = listedExcerpts
        switch action {
        case .open:
            if !list.isEmpty { push(.reader(ReaderState(list: list.map(\.id), index: min(s.selection, list.count - 1)))) }
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
            if let i = Wrap.next(from: start, count: n, forward: forward, where: { hits.contains(position: positions[$0]) }) {
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
        message = t(.codingNow).replacingOccurrences(of: "%c", with: codingName(filter.coder))
        return true
    }

    mutating func clampListSelection() {
        if case var .excerpts(s) = screen {
            s.selection = max(0, min(s.selection, listedExcerpts.count - 1))
            replaceTop(.excerpts(s))
        }
    }

    // MARK: codebook

    private mutating func updateCodebook(_ state: ListState, _ action: Action) {
        var s = state
        let codes = CodebookLayout(data: data).rows
        switch action {
        case .open:
            guard s.selection < codes.count else { return }
            // A parent code lists its own excerpts and its children's, in the coding shown.
            let row = codes[s.selection]
            var f = ExcerptFilter(code: row.code.id)
            f.codeWithSubcodes = !data.subcodes(of: row.code.id).isEmpty
            f.coder = filter.coder
            filter = f
            push(.excerpts(ListState()))
            return
        case .toggleCoder:
            _ = cycleCoding()
        default:
            if let next = moved(s.selection, count: codes.count, by: action, page: bodyHeight - 3) { s.selection = next }
        }
        replaceTop(.codebook(s))
    }

    // MARK: matrices

    private mutating func updateMatrix(_ state: MatrixState, _ action: Action) {
        var s = state
        let m = MatrixScreen.matrix(self, s)
        switch action {
        case .moveDown: s.row = min(max(0, m.rows.count - 1), s.row + 1)
        case .moveUp: s.row = max(0, s.row - 1)
        case .toChild: s.column = min(max(0, m.columns.count - 1), s.column + 1)
        case .toParent: s.column = max(0, s.column - 1)
        case .nextTab: s.tab = (s.tab + 1) % MatrixScreen.tabs.count; s.row = 0; s.column = 0
        case .previousTab: s.tab = (s.tab + MatrixScreen.tabs.count - 1) % MatrixScreen.tabs.count; s.row = 0; s.column = 0
        case .toggleCoder:
            if cycleCoding() { s.row = 0; s.column = 0 }
        case .open:
            guard m.rows.indices.contains(s.row), m.columns.indices.contains(s.column), m.count(s.row, s.column) > 0 else { return }
            replaceTop(.matrix(s))
            var f = ExcerptFilter()
            f.ids = Set(m.cells[s.row][s.column].map { data.excerpts[$0].id })
            f.idsLabel = "\(MatrixScreen.rowName(self, m, s.row)) × \(m.columns[s.column]) (\(m.coder))"
            filter = f
            push(.excerpts(ListState()))
            return
        default: break
        }
        replaceTop(.matrix(s))
    }

    // MARK: context

    private mutating func updateContext(_ state: ContextState, _ action: Action) {
        var s = state
        let tabs = ContextState.Tab.allCases
        if s.tab == .questions {
            // The questions tab selects a question; Enter lists the excerpts that bear on it.
            let questions = data.researchQuestions
            switch action {
            case .open:
                guard questions.indices.contains(s.question) else { return }
                let q = questions[s.question]
                guard data.excerptCount(question: q.id) > 0 else { message = t(.noExcerptsMatch); return }
                var f = ExcerptFilter()
                f.researchQuestion = q.id
                filter = f
                push(.excerpts(ListState()))
                return
            default:
                if let next = moved(s.question, count: questions.count, by: action, page: 3) {
                    s.question = next
                    replaceTop(.context(s))
                    return
                }
            }
        }
        switch action {
        case .nextTab: s.tab = tabs[(s.tab.rawValue + 1) % tabs.count]; s.scroll = 0
        case .previousTab: s.tab = tabs[(s.tab.rawValue + tabs.count - 1) % tabs.count]; s.scroll = 0
        default:
            let content = ContextScreen.lines(self, s, width: width - 3).count
            if let v = scrolled(s.scroll, by: action, page: bodyHeight - 3, last: content - (bodyHeight - 1)) { s.scroll = v }
        }
        replaceTop(.context(s))
    }
}

/// The rows of the codebook screen: codes in tree order with their depth.
public struct CodebookLayout: Sendable {
    public struct Row: Sendable { public let code: Code; public let depth: Int }
    public let rows: [Row]

    public init(data: Dataset) {
        var rows: [Row] = []
        var seen: Set<String> = []
        func visit(_ c: Code, depth: Int) {
            guard seen.insert(c.id).inserted else { return }
            rows.append(Row(code: c, depth: depth))
            for child in data.subcodes(of: c.id) { visit(child, depth: depth + 1) }
        }
        for c in data.codes where c.parent == nil || data.code(c.parent!) == nil { visit(c, depth: 0) }
        self.rows = rows
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
