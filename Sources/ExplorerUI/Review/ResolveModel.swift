import CaseCore

/// Settling the disagreements of two coders, one excerpt at a time, into a consensus coder's
/// journal — with the resolving coder and both source decisions recorded on every resolution.
public struct ResolveModel: Sendable, Equatable {
    public var a: String
    public var b: String
    public var into: String
    public var resolver: String
    public var aCoding: CodingState
    public var bCoding: CodingState
    public var consensus: CodingState
    public var queue: [String] { didSet { inQueue = Set(queue) } }
    /// The queue's ids, for counting its settled and stale excerpts without a pass over it.
    private(set) var inQueue: Set<String>
    public var index = 0
    public var readOnly: Bool
    public var picker: ReviewModel.Picker?
    public var editor: MemoEditor?
    /// The first row of the excerpt's text shown (a long excerpt scrolls).
    public var textScroll = 0
    /// Whether the consensus journal has a decision of this session to undo, or an undo to redo.
    public var canUndo = false
    public var canRedo = false

    init(
        a: String, b: String, into: String, resolver: String, aCoding: CodingState, bCoding: CodingState,
        consensus: CodingState, queue: [String], readOnly: Bool
    ) {
        self.a = a
        self.b = b
        self.into = into
        self.resolver = resolver
        self.aCoding = aCoding
        self.bCoding = bCoding
        self.consensus = consensus
        self.queue = queue
        self.readOnly = readOnly
        inQueue = Set(queue)
    }

    public var current: String? { queue.indices.contains(index) ? queue[index] : nil }

    /// Shows the excerpt at position i of the queue, from the top of its text.
    mutating func show(_ i: Int) { index = i; textScroll = 0 }

    /// Excerpts settled by a resolution that is still current (stale ones are not counted).
    public var resolved: Int { progress.settled }
    public var staleCount: Int { progress.stale }

    /// Settled and stale excerpts of the queue. Only excerpts the consensus has a status for can
    /// be either, so only those are looked at — not the whole queue (a pass over 100 000 excerpts
    /// was most of a resolution's time).
    var progress: (settled: Int, stale: Int) {
        var settled = 0, stale = 0
        for (id, c) in consensus.excerpts where c.status != .unreviewed && inQueue.contains(id) {
            if isStale(id) {
                stale += 1
            } else if c.conflict.isEmpty {
                settled += 1
            }
        }
        return (settled, stale)
    }

    /// A resolution older than a source decision: a coder changed the excerpt after it was
    /// resolved (or the resolution names other coders' decisions than the two shown).
    public func isStale(_ id: String) -> Bool {
        let c = consensus[id]
        guard c.status != .unreviewed, let seen = c.resolvedFrom else { return false }
        for (coder, coding) in [(a, aCoding[id]), (b, bCoding[id])] {
            guard let source = seen.first(where: { $0.coder == coder }) else { return true }
            if let sid = source.id, let now = coding.lastID {
                if sid != now { return true }
            } else if source.sequence != coding.lastSequence {
                return true
            }
        }
        return false
    }

    /// Resolved, still current, and not in conflict with a resolution made elsewhere without
    /// seeing it: what the queue's progress counts and `]` skips.
    public func isSettled(_ id: String) -> Bool {
        consensus[id].status != .unreviewed && consensus[id].conflict.isEmpty && !isStale(id)
    }

    /// The two coders' disagreements (on one code, when given), and any excerpt whose
    /// resolutions conflict, in data order.
    /// `disagreements`: `Disagreements.queue` of the two codings on `code`, when known already.
    public static func queue(
        _ a: CodingState, _ b: CodingState, consensus: CodingState, data: Dataset, code: String? = nil,
        disagreements known: [String]? = nil
    ) -> [String] {
        let disagreements = known ?? Disagreements.queue(a, b, data: data, code: code)
        // Conflicts are rare: looked for among the excerpts the consensus has decided, not by
        // a lookup for every excerpt of the study.
        let conflicts = consensus.excerpts.filter { !$0.value.conflict.isEmpty }.compactMap {
            data.index(ofExcerpt: $0.key)
        }
        guard !conflicts.isEmpty else { return disagreements }
        let positions = Set(disagreements.compactMap { data.index(ofExcerpt: $0) }).union(conflicts)
        return positions.sorted().map { data.excerpts[$0].id }
    }

    public func sources(_ id: String) -> [CodingEvent.Resolution.Source] {
        [
            .init(coder: a, sequence: aCoding[id].lastSequence, id: aCoding[id].lastID, codes: aCoding[id].sortedCodes),
            .init(coder: b, sequence: bCoding[id].lastSequence, id: bCoding[id].lastID, codes: bCoding[id].sortedCodes)
        ]
    }

    /// The three codings' versions and the queue's length and ends: a key for what is counted from them.
    var version: String {
        [a, aCoding.version, b, bCoding.version, into, consensus.version]
            .joined(separator: "/") + "/\(queue.count)/\(queue.first ?? "")/\(queue.last ?? "")"
    }

    /// The agreement figures shown while resolving: the two coders, and the consensus with each.
    /// Each is built once per version of its two codings (`memo`): built on every frame, the three
    /// took 200–290 ms a key at 100 000 excerpts. With `inBackground` (large studies) a figure not
    /// built yet is asked for (`Memo.derivedIfBuilt`; the runner builds it off the key path,
    /// `BackgroundBuilds`) and nil until it is: the screen shows "…" there, never an old value.
    func figures(_ data: Dataset, memo: Memo, inBackground: Bool = false) -> [(String, Statistic?)] {
        func kappa(_ x: (String, CodingState), _ y: (String, CodingState)) -> Statistic? {
            let key = "resolve-kappa/\(x.0)/\(x.1.version)/\(y.0)/\(y.1.version)"
            let build = { @Sendable in
                AgreementReport(coders: [x, y], data: data, options: .init(intervals: false)).overall.cohenKappa
            }
            guard inBackground else { return memo.derived(key, build) }
            return memo.derivedIfBuilt(key, orAsk: build)
        }
        return [
            ("κ \(a)–\(b)", kappa((a, aCoding), (b, bCoding))),
            ("κ \(into)–\(a)", kappa((into, consensus), (a, aCoding))),
            ("κ \(into)–\(b)", kappa((into, consensus), (b, bCoding)))
        ]
    }
}

extension AppState {
    mutating func updateResolve(_ action: Action) {
        guard var r = resolve, let id = r.current else { return }
        func settle(_ codes: Set<String>, _ choice: String) {
            resolveDecision(
                CodingEvent(coder: r.into, excerpt: id, action: .set, codes: codes.sorted(), status: .reviewed), choice)
        }
        switch action {
        case .takeA: settle(r.aCoding[id].codes, "a")
        case .takeB: settle(r.bCoding[id].codes, "b")
        case .takeUnion: settle(r.aCoding[id].codes.union(r.bCoding[id].codes), "union")
        case .pickCode: r.picker = ReviewModel.Picker()
        case .mark(.reviewed):
            resolveDecision(CodingEvent(coder: r.into, excerpt: id, action: .status, status: .reviewed), "edit")
        case .memo: r.editor = MemoEditor(code: nil, text: r.consensus[id].memo)
        case .undo, .redo:
            if r.readOnly {
                message = t(.readOnlyNothingSaved)
            } else {
                undoOrRedo(action, coder: r.into, canUndo: r.canUndo, canRedo: r.canRedo)
            }
        case .nextExcerpt:
            if r.index + 1 < r.queue.count { r.show(r.index + 1) } else { message = t(.lastExcerpt) }
        case .previousExcerpt:
            if r.index > 0 { r.show(r.index - 1) } else { message = t(.firstExcerpt) }
        case .nextUnreviewed, .previousUnreviewed:
            let model = r, queue = r.queue
            if let i = Wrap.next(
                from: r.index, count: queue.count, forward: action == .nextUnreviewed,
                where: { $0 != r.index && !model.isSettled(queue[$0]) })
            {
                r.show(i)
            } else {
                message = t(.allResolved)
            }
        default:
            // Rendering clamps the offset to the text (ScrollView), as on the other screens.
            if let v = ScrollView.moved(r.textScroll, by: action, page: bodyHeight / 3) { r.textScroll = v }
        }
        resolve = r
    }

    /// Records a decision on the consensus with who resolved it and from which decisions of the
    /// two coders (nothing is written in read-only mode).
    mutating func resolveDecision(_ event: CodingEvent, _ choice: String) {
        guard let r = resolve, let id = r.current else { return }
        if r.readOnly { message = t(.readOnlyNothingSaved); return }
        var e = event
        e.resolution = .init(by: r.resolver, choice: choice, sources: r.sources(id))
        emit(.record(e))
    }

    mutating func saveResolveMemo(_ text: String) {
        guard let r = resolve, let id = r.current else { return }
        if text == r.consensus[id].memo { message = t(.memoUnchanged); return }
        resolveDecision(CodingEvent(coder: r.into, excerpt: id, action: .memo, memo: text), "memo")
    }
}

extension ReviewModel {
    /// Codes matching typed text (name or id, case-insensitive).
    static func matching(_ query: String, in data: Dataset) -> [Code] {
        let q = query.lowercased()
        return q.isEmpty
            ? data.codes : data.codes.filter { $0.name.lowercased().contains(q) || $0.id.lowercased().contains(q) }
    }
}
