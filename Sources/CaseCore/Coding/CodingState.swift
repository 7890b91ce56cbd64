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

    public init() {}

    /// Codes sorted for output.
    public var sortedCodes: [String] { codes.sorted() }

    /// Two codings are the same decision whatever the journal position they were reached at.
    public static func == (a: ExcerptCoding, b: ExcerptCoding) -> Bool {
        a.codes == b.codes && a.status == b.status && a.memo == b.memo && a.codeMemos == b.codeMemos && a.touched == b.touched
    }

    public func hash(into h: inout Hasher) {
        h.combine(codes); h.combine(status); h.combine(memo); h.combine(codeMemos); h.combine(touched)
    }
}

/// The replay of a journal: the coding of every excerpt a coder has touched. Deterministic:
/// the same events in the same order always give the same state.
public struct CodingState: Sendable, Equatable {
    public private(set) var excerpts: [String: ExcerptCoding] = [:]
    public private(set) var lastSequence = 0

    public init() {}

    public init(replaying events: [CodingEvent]) {
        for e in events { apply(e) }
    }

    public subscript(excerpt: String) -> ExcerptCoding { excerpts[excerpt] ?? ExcerptCoding() }

    public mutating func apply(_ e: CodingEvent) {
        var c = excerpts[e.excerpt] ?? ExcerptCoding()
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
        c.lastSequence = e.sequence
        excerpts[e.excerpt] = c
        lastSequence = max(lastSequence, e.sequence)
    }

    /// How many excerpts of `queue` have a status other than unreviewed.
    public func reviewedCount(in queue: [String]) -> Int {
        queue.reduce(0) { $0 + (self[$1].status == .unreviewed ? 0 : 1) }
    }

    /// The event that takes the excerpt back to how it was before `e` (for undo).
    public func inverse(of e: CodingEvent, before: ExcerptCoding) -> CodingEvent {
        switch e.action {
        case .apply, .remove, .set:
            return CodingEvent(coder: e.coder, excerpt: e.excerpt, action: .set, codes: before.sortedCodes, status: before.status)
        case .status:
            return CodingEvent(coder: e.coder, excerpt: e.excerpt, action: .status, status: before.status)
        case .memo:
            let old = e.code.map { before.codeMemos[$0] ?? "" } ?? before.memo
            return CodingEvent(coder: e.coder, excerpt: e.excerpt, action: .memo, code: e.code, memo: old)
        }
    }
}
