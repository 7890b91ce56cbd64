/// A coder's current coding of one excerpt: the replay of the journal.
public struct ExcerptCoding: Sendable, Hashable {
    public var codes: Set<String> = []
    public var status: ReviewStatus = .unreviewed
    public var memo: String = ""
    public var codeMemos: [String: String] = [:]
    /// Whether any decision has been made on the excerpt.
    public var touched = false
    /// The sequence number of the latest decision on the excerpt.
    public var lastSequence: Int?
    /// The id of the latest decision on the excerpt (what a resolution records as its source).
    public var lastID: String?
    /// Where the latest decision sorts in replay.
    public var lastKey: ReplayKey?
    /// The latest resolution that set the codes (consensus journals), with its event id.
    public var resolution: CodingEvent.Resolution?
    public var resolutionID: String?
    /// The codes that resolution left.
    public var resolvedCodes: [String] = []
    /// The source decisions the latest resolution of the codes or status was made from: a
    /// source coder's later decision on the excerpt makes that resolution stale.
    public var resolvedFrom: [CodingEvent.Resolution.Source]?
    /// Resolutions of the excerpt made without seeing each other, with different codes: a
    /// conflict to settle. Empty once a resolution is made after seeing them all.
    public var conflict: [Alternative] = []
    /// How many decisions (memos apart) and memos were applied to the excerpt.
    public var decisions = 0
    public var memos = 0

    /// One side of a resolution conflict.
    public struct Alternative: Sendable, Hashable {
        public var id: String
        public var by: String
        public var codes: [String]
    }

    public init() {}

    /// Codes sorted for output.
    public var sortedCodes: [String] { codes.sorted() }

    /// Two codings are the same decision whatever the journal position they were reached at.
    public static func == (a: ExcerptCoding, b: ExcerptCoding) -> Bool {
        a.codes == b.codes && a.status == b.status && a.memo == b.memo && a.codeMemos == b.codeMemos
            && a.touched == b.touched
            && a.conflict == b.conflict
    }

    public func hash(into h: inout Hasher) {
        h.combine(codes); h.combine(status); h.combine(memo); h.combine(codeMemos); h.combine(touched)
    }
}

/// The replay of a journal: the coding of every excerpt a coder has touched. Deterministic:
/// events are applied in replay order (time, then id) and each id once, so any union of two
/// histories of the same journal replays to the same state on every machine.
public struct CodingState: Sendable, Equatable {
    public private(set) var excerpts: [String: ExcerptCoding] = [:]
    public private(set) var lastSequence = 0
    /// The latest time of any event (the next one is written after it).
    public private(set) var lastTime = ""
    /// Events applied (each id once), and of them decisions and memos: what "came in" compares.
    public private(set) var decisions = 0
    public private(set) var memos = 0

    public init() {}

    /// A state as a journal checkpoint recorded it (`JournalCheckpoint`).
    init(
        restoring excerpts: [String: ExcerptCoding], lastSequence: Int, lastTime: String, decisions: Int, memos: Int
    ) {
        self.excerpts = excerpts
        self.lastSequence = lastSequence
        self.lastTime = lastTime
        self.decisions = decisions
        self.memos = memos
    }

    /// Replays events in any order: sorted by (time, id), each id once.
    public init(replaying events: [CodingEvent]) {
        var seen = Set<String>()
        for e in events.sorted(by: { $0.replayKey < $1.replayKey }) where e.id.isEmpty || seen.insert(e.id).inserted {
            apply(e)
        }
    }

    public static func == (a: CodingState, b: CodingState) -> Bool { a.excerpts == b.excerpts }

    public subscript(excerpt: String) -> ExcerptCoding { excerpts[excerpt] ?? ExcerptCoding() }

    public var events: Int { decisions + memos }

    /// Changes with every event the coding takes in: a key for what is built from it.
    public var version: String { "\(events)/\(lastSequence)/\(lastTime)" }

    /// Whether `e` sorts after everything applied to its excerpt (so applying it in place is
    /// the same as a full replay); an event already applied (same key) counts as in order.
    public func inOrder(_ e: CodingEvent) -> Bool {
        guard let last = excerpts[e.excerpt]?.lastKey else { return true }
        return last <= e.replayKey
    }

    /// Applies an event that sorts after everything applied to its excerpt (see `inOrder`);
    /// the same event twice is applied once.
    public mutating func apply(_ e: CodingEvent) {
        var c = excerpts[e.excerpt] ?? ExcerptCoding()
        if !e.id.isEmpty, c.lastKey == e.replayKey { return }
        c.touched = true
        switch e.action {
        case .apply: if let code = e.code { c.codes.insert(code) }
        case .remove: if let code = e.code { c.codes.remove(code) }
        case .set:
            c.codes = Set(e.codes ?? [])
            // Setting the full set is a review decision ("reviewed with no codes" is a real
            // answer) unless the event says which status it leaves (an undo restores the old one).
            if let status = e.status { c.status = status } else if c.status == .unreviewed { c.status = .reviewed }
        case .status: c.status = e.status ?? c.status
        case .memo:
            if let code = e.code {
                if e.memo?.isEmpty ?? true { c.codeMemos[code] = nil } else { c.codeMemos[code] = e.memo }
            } else {
                c.memo = e.memo ?? ""
            }
        }
        if let r = e.resolution, e.action != .memo, e.action != .status { settle(&c, r, e) }
        if let r = e.resolution, e.action != .memo { c.resolvedFrom = r.sources }
        if e.action == .memo { c.memos += 1; memos += 1 } else { c.decisions += 1; decisions += 1 }
        c.lastSequence = e.sequence
        // The report's coding (`reference`) has no ids: none, rather than an empty one, which a
        // resolution taking its side would carry into a line the journal cannot read back.
        c.lastID = e.id.isEmpty ? nil : e.id
        c.lastKey = e.replayKey
        excerpts[e.excerpt] = c
        lastSequence = max(lastSequence, e.sequence)
        if e.time > lastTime { lastTime = e.time }
    }

    /// A resolution made after seeing the latest one settles the excerpt; one made without
    /// seeing it, with other codes, is kept beside it as a conflict (never one silently winning).
    private func settle(_ c: inout ExcerptCoding, _ r: CodingEvent.Resolution, _ e: CodingEvent) {
        let mine = ExcerptCoding.Alternative(id: e.id, by: r.by, codes: c.sortedCodes)
        if let previousID = c.resolutionID, let previous = c.resolution, r.after != previousID {
            var sides =
                c.conflict.isEmpty
                ? [ExcerptCoding.Alternative(id: previousID, by: previous.by, codes: c.resolvedCodes)] : c.conflict
            sides.removeAll { $0.id == r.after || $0.id == mine.id }
            sides.append(mine)
            c.conflict = Set(sides.map(\.codes)).count > 1 ? sides : []
        } else {
            c.conflict = []
        }
        c.resolution = r
        c.resolutionID = e.id
        c.resolvedCodes = mine.codes
    }

    /// Starts an excerpt afresh (before replaying its events again in order).
    mutating func reset(_ excerpt: String) {
        guard let c = excerpts.removeValue(forKey: excerpt) else { return }
        decisions -= c.decisions
        memos -= c.memos
    }

    /// How many excerpts of `queue` have a status other than unreviewed.
    public func reviewedCount(in queue: [String]) -> Int {
        queue.reduce(0) { $0 + (self[$1].status == .unreviewed ? 0 : 1) }
    }

    /// The event that takes the excerpt back to how it was before `e` (for undo).
    public func inverse(of e: CodingEvent, before: ExcerptCoding) -> CodingEvent {
        switch e.action {
        case .apply, .remove, .set:
            return CodingEvent(
                coder: e.coder, excerpt: e.excerpt, action: .set, codes: before.sortedCodes, status: before.status)
        case .status:
            return CodingEvent(coder: e.coder, excerpt: e.excerpt, action: .status, status: before.status)
        case .memo:
            let old = e.code.map { before.codeMemos[$0] ?? "" } ?? before.memo
            return CodingEvent(coder: e.coder, excerpt: e.excerpt, action: .memo, code: e.code, memo: old)
        }
    }
}

extension CodingState {
    /// The report's coding (`rapport`) as a coder's state: every excerpt it codes is reviewed.
    public static func reference(_ data: Dataset) -> CodingState {
        var state = CodingState()
        for (i, c) in data.codings.filter({ $0.coder == Dataset.referenceCoder }).enumerated() {
            state.apply(
                CodingEvent(
                    sequence: i + 1, time: "", coder: Dataset.referenceCoder, excerpt: c.excerpt, action: .set,
                    codes: c.codes, status: .reviewed))
        }
        return state
    }
}

extension CodingState {
    /// The coding laid out by position: for each excerpt of `data`, the codes this coder gives
    /// it as positions in `Dataset.codes` (empty when none), whatever its status — what the
    /// code filters read (`ExcerptFilter.admitter`), one lookup per decided excerpt once
    /// instead of one per excerpt on every change of the filter.
    public func codePositions(in data: Dataset) -> [[Int]] {
        let order = Dictionary(uniqueKeysWithValues: data.codes.enumerated().map { ($1.id, $0) })
        var out = [[Int]](repeating: [], count: data.excerpts.count)
        for (id, c) in excerpts where !c.codes.isEmpty {
            guard let i = data.index(ofExcerpt: id) else { continue }
            out[i] = c.codes.compactMap { order[$0] }
        }
        return out
    }
}
