/// A coder's working session over their journal: every decision is checked against the data,
/// filled in with what it replaced, made durable, and remembered for undo and redo — without
/// limit, back to the start of the session. Undo and redo are themselves journal events, so
/// the journal stays append-only and the audit trail complete.
public final class CodingSession {
    public let journal: Journal
    public let data: Dataset
    private var undoStack: [(event: CodingEvent, before: ExcerptCoding)] = []
    private var redoStack: [(event: CodingEvent, before: ExcerptCoding)] = []

    public init(journal: Journal, data: Dataset) {
        self.journal = journal
        self.data = data
    }

    public var state: CodingState { journal.state }
    public var canUndo: Bool { !undoStack.isEmpty }
    public var canRedo: Bool { !redoStack.isEmpty }

    /// Refuses ids the data does not know, before anything is written.
    public func check(_ e: CodingEvent) throws(JournalError) {
        guard data.excerpt(e.excerpt) != nil else {
            throw JournalError(.badRequest, "there is no excerpt \"\(e.excerpt)\" (try `case-explorer list excerpts`).")
        }
        for code in (e.code.map { [$0] } ?? []) + (e.codes ?? []) where data.code(code) == nil {
            throw JournalError(
                .badRequest, "there is no code \"\(code)\" in the codebook (try `case-explorer list codes`).")
        }
    }

    /// Records a decision; returns it with its sequence number once it is on disk.
    @discardableResult
    public func record(_ proposed: CodingEvent) throws(JournalError) -> CodingEvent {
        try check(proposed)
        try journal.refresh()
        var proposed = proposed
        // A resolution records the latest one it was made after, so two made on two machines
        // without seeing each other show as a conflict.
        if proposed.resolution != nil, proposed.resolution?.after == nil {
            proposed.resolution?.after = state[proposed.excerpt].resolutionID
        }
        let before = state[proposed.excerpt]
        let saved = try journal.append(withReplaced(proposed, before: before))
        undoStack.append((saved, before))
        redoStack.removeAll()
        return saved
    }

    /// Takes back the latest decision of this session; nil when there is none.
    @discardableResult
    public func undo() throws(JournalError) -> CodingEvent? {
        guard let last = undoStack.last else { return nil }
        try journal.refresh()
        let current = state[last.event.excerpt]
        var inverse = state.inverse(of: last.event, before: last.before)
        inverse.undoes = last.event.id
        let saved = try journal.append(withReplaced(inverse, before: current))
        undoStack.removeLast()
        redoStack.append((last.event, current))
        return saved
    }

    /// Makes the latest undone decision again; nil when there is none.
    @discardableResult
    public func redo() throws(JournalError) -> CodingEvent? {
        guard let next = redoStack.last else { return nil }
        try journal.refresh()
        let before = state[next.event.excerpt]
        var again = next.event
        again.redoes = next.event.id
        again.undoes = nil
        let saved = try journal.append(withReplaced(again, before: before))
        redoStack.removeLast()
        undoStack.append((saved, before))
        return saved
    }

    private func withReplaced(_ e: CodingEvent, before: ExcerptCoding) -> CodingEvent {
        var e = e
        switch e.action {
        case .apply, .remove: e.replaced = .init(codes: before.sortedCodes)
        case .set: e.replaced = .init(codes: before.sortedCodes, status: before.status)
        case .status: e.replaced = .init(status: before.status)
        case .memo: e.replaced = .init(memo: e.code.map { before.codeMemos[$0] ?? "" } ?? before.memo)
        }
        return e
    }
}
