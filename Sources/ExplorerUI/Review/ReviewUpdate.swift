import CaseCore

extension AppState {
    /// What comes from outside the keys: the runner's replies to effects (the journal's answer
    /// above all) and the program's and demo's requests.
    public mutating func receive(_ reply: Reply) {
        defer { askForSearch() }
        switch reply {
        case let .searchFound(query, matches):
            searchFound(query, matches)
        case let .loadProgressed(phase, tenths): loadProgressed(phase, elapsedTenths: tenths)
        case let .datasetLoaded(loaded): datasetLoaded(loaded.dataset, codings: loaded.codings)
        case let .startReviewOf(queue):
            reviewStandalone = true
            emit(.openReview(queue: queue))
        case let .startResolve(a, b, into):
            reviewStandalone = true
            emit(.openResolve(a: a, b: b, into: into))
        case let .reviewOpened(model, note):
            review = model
            if let i = stack.firstIndex(where: { $0.kind == .review }) { stack.removeSubrange(i...) }
            push(.review)
            message = note
        case let .resolveOpened(model, note):
            resolve = model
            if let i = stack.firstIndex(where: { $0.kind == .resolve }) { stack.removeSubrange(i...) }
            push(.resolve)
            message = note
        case let .saved(event, state, canUndo, canRedo):
            let what =
                (event.undoes.map { t(.undone).filling(["%n": CodingEvent.number(of: $0)]) }
                ?? event.redoes.map { t(.redone).filling(["%n": CodingEvent.number(of: $0)]) }
                ?? t(.savedAs)).filling(["%s": String(event.sequence)])
            if var r = resolve, event.coder == r.into {
                r.consensus = state
                r.canUndo = canUndo
                r.canRedo = canRedo
                message = what
                // An undo or redo shows the excerpt it changed (the queue may have left it).
                if event.undoes != nil || event.redoes != nil, let i = r.queue.firstIndex(of: event.excerpt),
                    i != r.index
                {
                    r.show(i)
                }
                // A settled excerpt moves the queue on to the next unresolved one (not after a redo,
                // which stays on the excerpt it restored).
                if event.undoes == nil, event.redoes == nil, r.isSettled(event.excerpt),
                    event.action == .set || event.action == .status
                {
                    let model = r, queue = r.queue
                    if let i = Wrap.next(from: r.index, count: queue.count, where: { !model.isSettled(queue[$0]) }) {
                        r.show(i)
                    } else {
                        message = t(.allResolved)
                    }
                }
                resolve = r
                return
            }
            review?.confirm(state, changed: event.excerpt)
            review?.lastSaved = event.sequence
            review?.canUndo = canUndo
            review?.canRedo = canRedo
            message = what
            reviewSaved(event)
            clampCodeRow()
        case let .failed(text):
            message = text
            review?.advanceAfterSave = nil
        case let .pinsChanged(pins):
            review?.pins = pins
        case let .codingsLoaded(codings):
            self.codings = codings
        case let .journalsChanged(changed, note):
            followJournals(changed)
            if let note { message = note }
        case let .showCaption(text):
            caption = text
        case let .pauseCaption(paused):
            captionPaused = paused
        case let .exportStarted(path):
            exporting = path
        case let .exported(path):
            exporting = nil
            message = t(.exportWrote).filling(["%p": path])
        case let .exportFailed(text):
            exporting = nil
            message = text
        case let .exportExists(format, path):
            overlay = .confirmOverwrite(format, path: path)
        }
    }

    /// Asks the runner to make a decision durable; the state changes only when it confirms.
    private mutating func decide(_ event: CodingEvent) {
        guard let r = review else { return }
        if r.readOnly { message = t(.readOnlyNothingSaved); return }
        emit(.record(event))
    }

    /// Applies a code to the excerpt in front, or takes it away: the reviewer's decision, or an
    /// edit of the consensus while resolving.
    private mutating func toggle(_ code: String) {
        if screen.kind == .resolve, let r = resolve, let id = r.current {
            let action: CodingEvent.Action = r.consensus[id].codes.contains(code) ? .remove : .apply
            resolveDecision(CodingEvent(coder: r.into, excerpt: id, action: action, code: code), "edit")
        } else if let r = review, let id = r.current {
            let action: CodingEvent.Action = r.mine[id].codes.contains(code) ? .remove : .apply
            decide(CodingEvent(coder: r.coder, excerpt: id, action: action, code: code))
        }
    }

    /// u and Ctrl-R (review and resolve): the coder's latest decision of this session taken
    /// back or made again, or a word that there is none.
    mutating func undoOrRedo(_ action: Action, coder: String, canUndo: Bool, canRedo: Bool) {
        let undo = action == .undo
        if undo ? canUndo : canRedo {
            emit(undo ? .undo(coder: coder) : .redo(coder: coder))
        } else {
            message = t(undo ? .nothingToUndo : .nothingToRedo)
        }
    }

    mutating func updateReview(_ action: Action) {
        guard var r = review, let id = r.current else { return }
        let mine = r.mine[id]
        switch action {
        case let .togglePin(n):
            guard n >= 1, n <= r.pins.count, let code = r.pins[n - 1] else {
                message = t(.noPin).filling(["%n": String(n)]); return
            }
            toggle(code)
        case .toggleCode:
            let rows = r.codeRows(data)
            guard rows.indices.contains(r.codeRow) else { message = t(.noCodeRow); return }
            toggle(rows[r.codeRow])
        case .acceptProposed:
            let proposed = r.compare[id].codes
            if proposed.isSubset(of: mine.codes) { message = t(.nothingToAccept); return }
            // The status is named, so accepting codes leaves it as it is (only r, R, d and D set it).
            decide(
                CodingEvent(
                    coder: r.coder, excerpt: id, action: .set, codes: mine.codes.union(proposed).sorted(),
                    status: mine.status))
        case let .mark(status):
            decide(CodingEvent(coder: r.coder, excerpt: id, action: .status, status: status))
        case .memo:
            r.editor = MemoEditor(code: nil, text: mine.memo)
        case .codeMemo:
            let rows = r.codeRows(data)
            guard rows.indices.contains(r.codeRow) else { message = t(.noCodeRow); return }
            r.editor = MemoEditor(code: rows[r.codeRow], text: mine.codeMemos[rows[r.codeRow]] ?? "")
        case .pickCode:
            r.picker = ReviewModel.Picker()
        case .undo, .redo: undoOrRedo(action, coder: r.coder, canUndo: r.canUndo, canRedo: r.canRedo)
        case .nextExcerpt, .previousExcerpt:
            if let i = r.step(forward: action == .nextExcerpt) {
                r.show(i)
            } else {
                message = endOfView(r, forward: action == .nextExcerpt)
            }
        case .reviewedNext:
            if mine.status == .reviewed {
                if let i = r.step(forward: true) {
                    r.show(i)
                } else {
                    message = endOfView(r, forward: true)
                }
            } else if !r.readOnly {
                // The queue moves on when the journal has the decision on disk (see reviewSaved).
                r.advanceAfterSave = id
                review = r
                decide(CodingEvent(coder: r.coder, excerpt: id, action: .status, status: .reviewed))
                return
            } else {
                message = t(.readOnlyNothingSaved)
            }
        case .cycleQueueView:
            r.view = r.view.next
            let view = r.view, mine = r.mine, queue = r.queue
            let shown = queue.reduce(0) { $0 + (view.admits(mine[$1].status) ? 1 : 0) }
            message = t(.queueViewNow).filling(["%v": queueViewName(view), "%n": String(shown)])
            if !view.admits(mine[id].status),
                let i = Wrap.next(from: r.index, count: queue.count, where: { view.admits(mine[queue[$0]].status) })
            {
                r.show(i)
            }
        case .goToExcerpt:
            r.jump = ReviewModel.Picker()
        case .nextUnreviewed, .previousUnreviewed:
            let mine = r.mine, queue = r.queue
            if let i = Wrap.next(
                from: r.index, count: queue.count, forward: action == .nextUnreviewed,
                where: { $0 != r.index && mine[queue[$0]].status == .unreviewed })
            {
                r.show(i)
            } else {
                message = t(.allReviewed)
            }
        case .moveDown: r.codeRow = min(max(0, r.codeRows(data).count - 1), r.codeRow + 1)
        case .moveUp: r.codeRow = max(0, r.codeRow - 1)
        default:
            // The excerpt's text; rendering clamps the offset to it (ScrollView).
            if let v = ScrollView.moved(r.textScroll, by: action, page: bodyHeight / 3) { r.textScroll = v }
        }
        review = r
    }

    /// A decision is on disk: after `R`, the queue moves on; after an undo or a redo, the
    /// excerpt it changed is shown (it may be one the queue has left).
    private mutating func reviewSaved(_ event: CodingEvent) {
        guard var r = review else { return }
        if r.advanceAfterSave == event.excerpt, event.undoes == nil {
            r.advanceAfterSave = nil
            if r.current == event.excerpt, let i = r.step(forward: true) {
                r.show(i)
            } else if r.current == event.excerpt {
                message = (message ?? "") + " " + endOfView(r, forward: true)
            }
        } else if event.undoes != nil || event.redoes != nil, r.current != event.excerpt,
            let i = r.queue.firstIndex(of: event.excerpt)
        {
            r.show(i)
        }
        // Codes alone leave the status: say so where it matters, once, on an excerpt without one.
        if [.apply, .remove, .set].contains(event.action), event.undoes == nil, event.redoes == nil,
            r.mine[event.excerpt].status == .unreviewed
        {
            message = (message ?? "") + " " + t(.codesLeaveStatus)
        }
        review = r
    }

    /// What n (or p, or R) says at the end of the part of the queue it walks.
    func endOfView(_ r: ReviewModel, forward: Bool) -> String {
        if r.view == .all { return t(forward ? .lastExcerpt : .firstExcerpt) }
        return t(forward ? .noLaterInView : .noEarlierInView).filling(["%v": queueViewName(r.view)])
    }

    func queueViewName(_ view: ReviewModel.QueueView) -> String {
        switch view {
        case .all: return t(.queueAll)
        case .unreviewed: return t(.queueUnreviewed)
        case .disputed: return t(.queueDisputed)
        case .discuss: return t(.queueDiscuss)
        }
    }

    mutating func clampCodeRow() {
        guard var r = review else { return }
        r.codeRow = max(0, min(r.codeRow, r.codeRows(data).count - 1))
        review = r
    }

    // MARK: code picker

    /// Typing in the picker filters the codes (review's or resolve's: one picker); returns
    /// whether the key was text editing.
    mutating func editPicker(_ key: Key) -> Bool {
        switch pickerPurpose {
        case .filterValue: return editFilterValues(key)
        case .excerpt:
            guard var p = review?.jump, p.edit(key) else { return false }
            review?.jump = p
            return true
        default:
            guard var p = sessionPicker, p.edit(key) else { return false }
            sessionPicker = p
            return true
        }
    }

    /// The "go to excerpt" list (`o`): Enter shows the excerpt, Esc closes.
    mutating func updateJump(_ action: Action) {
        guard var r = review, var p = r.jump else { return }
        let targets = r.jumpTargets(p.query)
        switch action {
        case .moveDown: p.row = min(max(0, targets.count - 1), p.row + 1)
        case .moveUp: p.row = max(0, p.row - 1)
        case .open:
            guard targets.indices.contains(p.row) else { message = t(.noExcerptMatches); return }
            r.show(targets[p.row])
            r.jump = nil
            review = r
            return
        case .back: r.jump = nil; review = r; return
        default: break
        }
        r.jump = p
        review = r
    }

    /// The code picker of the review or resolve screen in front (one picker); nil elsewhere.
    var sessionPicker: ReviewModel.Picker? {
        get { screen.kind == .resolve ? resolve?.picker : screen.kind == .review ? review?.picker : nil }
        set { if screen.kind == .resolve { resolve?.picker = newValue } else { review?.picker = newValue } }
    }

    /// The memo editor of the review or resolve screen in front (one editor); nil elsewhere.
    var sessionEditor: MemoEditor? {
        get { screen.kind == .resolve ? resolve?.editor : screen.kind == .review ? review?.editor : nil }
        set { if screen.kind == .resolve { resolve?.editor = newValue } else { review?.editor = newValue } }
    }

    /// The code picker of review or resolve (one picker): Enter applies or removes the code.
    mutating func updatePicker(_ action: Action) {
        guard var p = sessionPicker else { return }
        let codes = ReviewModel.matching(p.query, in: data)
        switch action {
        case .moveDown: p.row = min(max(0, codes.count - 1), p.row + 1)
        case .moveUp: p.row = max(0, p.row - 1)
        case .open:
            guard codes.indices.contains(p.row) else { message = t(.noCodeMatches); return }
            sessionPicker = nil
            toggle(codes[p.row].id)
            return
        case .pinCode:
            guard let r = review, codes.indices.contains(p.row) else { message = t(.noCodeMatches); return }
            let code = codes[p.row].id
            // A free digit or none: pinning never moves another code to a new digit.
            guard let change = ReviewModel.togglingPin(code, in: r.pins) else {
                message = t(.pinsFull).filling(["%c": code])
                break
            }
            emit(.savePins(change.pins))
            message = t(change.pinned ? .pinned : .unpinned).filling(["%c": code, "%n": String(change.digit)])
        case .back: sessionPicker = nil; return
        default: break
        }
        sessionPicker = p
    }

    // MARK: memo editor

    mutating func editMemo(_ key: Key) -> Bool {
        guard var e = sessionEditor, e.edit(key) else { return false }
        sessionEditor = e
        return true
    }

    /// The memo editor of review or resolve (one editor): Ctrl-S saves, Esc asks before a
    /// changed memo is discarded.
    mutating func updateMemo(_ action: Action) {
        guard var e = sessionEditor else { return }
        switch action {
        case .saveMemo:
            sessionEditor = nil
            if screen.kind == .resolve { saveResolveMemo(e.text) } else { saveReviewMemo(e) }
        case .back, .quitNow: sessionEditor = leavingMemo(&e, quit: action == .quitNow)
        default: break
        }
    }

    private mutating func saveReviewMemo(_ e: MemoEditor) {
        guard let r = review, let id = r.current else { return }
        let old = e.code.map { r.mine[id].codeMemos[$0] ?? "" } ?? r.mine[id].memo
        if e.text == old { message = t(.memoUnchanged); return }
        decide(CodingEvent(coder: r.coder, excerpt: id, action: .memo, code: e.code, memo: e.text))
    }

    /// Esc (or quitting) in a memo editor: an unchanged memo closes without a word; a changed
    /// one is kept open with a question the first time, and discarded (or left by quitting)
    /// only when the key comes again. Returns the editor to keep, nil when it closes.
    mutating func leavingMemo(_ e: inout MemoEditor, quit: Bool) -> MemoEditor? {
        if e.changed && !e.askedToDiscard {
            e.askedToDiscard = true
            message = t(.memoUnsavedAsk)
            return e
        }
        if quit { quitting = true; return e }
        if e.changed { message = t(.memoDiscarded) }
        return nil
    }
}
