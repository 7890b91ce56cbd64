import CaseCore

extension AppState {
    /// What comes from outside the keys: the runner's replies to effects (the journal's answer
    /// above all) and the program's and demo's requests.
    public mutating func receive(_ reply: Reply) {
        defer { askForSearch() }
        switch reply {
        case let .searchFound(query, matches):
            searchFound(query, matches)
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
            if var r = resolve, event.coder == r.into {
                r.consensus = state
                message = t(.savedAs).replacingOccurrences(of: "%s", with: String(event.sequence))
                // A settled excerpt moves the queue on to the next unresolved one.
                if r.isSettled(event.excerpt), event.action == .set || event.action == .status {
                    let model = r, queue = r.queue
                    if let i = Wrap.next(from: r.index, count: queue.count, where: { !model.isSettled(queue[$0]) }) {
                        r.index = i
                    } else {
                        message = t(.allResolved)
                    }
                }
                resolve = r
                return
            }
            review?.mine = state
            review?.lastSaved = event.sequence
            review?.canUndo = canUndo
            review?.canRedo = canRedo
            let what =
                event.undoes.map { t(.undone).replacingOccurrences(of: "%n", with: CodingEvent.number(of: $0)) }
                ?? event.redoes.map { t(.redone).replacingOccurrences(of: "%n", with: CodingEvent.number(of: $0)) }
                ?? t(.savedAs)
            message = what.replacingOccurrences(of: "%s", with: String(event.sequence))
            clampCodeRow()
        case let .failed(text):
            message = text
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
        case let .exported(path):
            message = t(.exportWrote).replacingOccurrences(of: "%p", with: path)
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

    mutating func updateReview(_ action: Action) {
        guard var r = review, let id = r.current else { return }
        let mine = r.mine[id]
        switch action {
        case let .togglePin(n):
            guard n >= 1, n <= r.pins.count, let code = r.pins[n - 1] else {
                message = t(.noPin).replacingOccurrences(of: "%n", with: String(n)); return
            }
            decide(
                CodingEvent(
                    coder: r.coder, excerpt: id, action: mine.codes.contains(code) ? .remove : .apply, code: code))
        case .toggleCode:
            let rows = r.codeRows(data)
            guard rows.indices.contains(r.codeRow) else { message = t(.noCodeRow); return }
            let code = rows[r.codeRow]
            decide(
                CodingEvent(
                    coder: r.coder, excerpt: id, action: mine.codes.contains(code) ? .remove : .apply, code: code))
        case .acceptProposed:
            let proposed = r.compare[id].codes
            if proposed.isSubset(of: mine.codes) { message = t(.nothingToAccept); return }
            decide(CodingEvent(coder: r.coder, excerpt: id, action: .set, codes: mine.codes.union(proposed).sorted()))
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
        case .undo:
            if r.canUndo { emit(.undo) } else { message = t(.nothingToUndo) }
        case .redo:
            if r.canRedo { emit(.redo) } else { message = t(.nothingToRedo) }
        case .nextExcerpt:
            if r.index + 1 < r.queue.count {
                r.index += 1; r.textScroll = 0; r.codeRow = 0
            } else {
                message = t(.lastExcerpt)
            }
        case .previousExcerpt:
            if r.index > 0 { r.index -= 1; r.textScroll = 0; r.codeRow = 0 } else { message = t(.firstExcerpt) }
        case .nextUnreviewed, .previousUnreviewed:
            let mine = r.mine, queue = r.queue
            if let i = Wrap.next(
                from: r.index, count: queue.count, forward: action == .nextUnreviewed,
                where: { $0 != r.index && mine[queue[$0]].status == .unreviewed })
            {
                r.index = i; r.textScroll = 0; r.codeRow = 0
            } else {
                message = t(.allReviewed)
            }
        case .moveDown: r.codeRow = min(max(0, r.codeRows(data).count - 1), r.codeRow + 1)
        case .moveUp: r.codeRow = max(0, r.codeRow - 1)
        case .pageDown: r.textScroll += max(1, bodyHeight / 3)
        case .pageUp: r.textScroll = max(0, r.textScroll - max(1, bodyHeight / 3))
        default: break
        }
        review = r
    }

    mutating func clampCodeRow() {
        guard var r = review else { return }
        r.codeRow = max(0, min(r.codeRow, r.codeRows(data).count - 1))
        review = r
    }

    // MARK: code picker

    /// Typing in the picker filters the codes (review's or resolve's: one picker); returns
    /// whether the key was text editing.
    mutating func editPicker(_ key: Key) -> Bool { editInFront(\.picker, \.picker) { $0.edit(key) } }

    /// Changes the picker or memo editor of the screen in front, review or resolve, in place.
    private mutating func editInFront<T>(
        _ inReview: WritableKeyPath<ReviewModel, T?>, _ inResolve: WritableKeyPath<ResolveModel, T?>,
        _ edit: (inout T) -> Bool
    ) -> Bool {
        if screen.kind == .resolve {
            guard var value = resolve?[keyPath: inResolve], edit(&value) else { return false }
            resolve?[keyPath: inResolve] = value
        } else {
            guard var value = review?[keyPath: inReview], edit(&value) else { return false }
            review?[keyPath: inReview] = value
        }
        return true
    }

    mutating func updatePicker(_ action: Action) {
        guard var r = review, var p = r.picker else { return }
        let codes = r.pickerCodes(data)
        switch action {
        case .moveDown: p.row = min(max(0, codes.count - 1), p.row + 1)
        case .moveUp: p.row = max(0, p.row - 1)
        case .open:
            guard codes.indices.contains(p.row), let id = r.current else { message = t(.noCodeMatches); return }
            let code = codes[p.row].id
            r.picker = nil
            review = r
            decide(
                CodingEvent(
                    coder: r.coder, excerpt: id, action: r.mine[id].codes.contains(code) ? .remove : .apply, code: code)
            )
            return
        case .pinCode:
            guard codes.indices.contains(p.row) else { message = t(.noCodeMatches); return }
            let code = codes[p.row].id
            // A free digit or none: pinning never moves another code to a new digit.
            guard let change = ReviewModel.togglingPin(code, in: r.pins) else {
                message = t(.pinsFull).replacingOccurrences(of: "%c", with: code)
                break
            }
            emit(.savePins(change.pins))
            message = t(change.pinned ? .pinned : .unpinned).replacingOccurrences(of: "%c", with: code)
                .replacingOccurrences(of: "%n", with: String(change.digit))
        case .back: r.picker = nil; review = r; return
        case .quitNow: quitting = true
        default: break
        }
        r.picker = p
        review = r
    }

    // MARK: memo editor

    mutating func editMemo(_ key: Key) -> Bool { editInFront(\.editor, \.editor) { $0.edit(key) } }

    /// The memo editor of review or resolve (one editor): Ctrl-S saves, Esc asks before a
    /// changed memo is discarded.
    mutating func updateMemo(_ action: Action) {
        let resolving = screen.kind == .resolve
        guard var e = resolving ? resolve?.editor : review?.editor else { return }
        switch action {
        case .saveMemo:
            if resolving {
                resolve?.editor = nil; saveResolveMemo(e.text)
            } else {
                review?.editor = nil; saveReviewMemo(e)
            }
        case .back, .quitNow:
            let kept = leavingMemo(&e, quit: action == .quitNow)
            if resolving { resolve?.editor = kept } else { review?.editor = kept }
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
