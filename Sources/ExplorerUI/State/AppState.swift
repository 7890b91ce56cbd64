import CaseCore
import Foundation
import Presentation

/// A screen on the navigation stack, with its own cursor state.
public enum Screen: Sendable, Equatable {
    case chains(ChainsState)
    case node(NodeState)
    case reader(ReaderState)
    case excerpts(ListState)
    case codebook(ListState)
    case context(ContextState)
    case matrix(MatrixState)
    case agreement(AgreementState)
    /// The review of the queue in `AppState.review`.
    case review
    /// The disagreement queue in `AppState.resolve`.
    case resolve

    public var kind: ScreenKind {
        switch self {
        case .chains: return .chains
        case .node: return .node
        case .reader: return .reader
        case .excerpts: return .excerpts
        case .codebook: return .codebook
        case .context: return .context
        case .matrix: return .matrix
        case .agreement: return .agreement
        case .review: return .review
        case .resolve: return .resolve
        }
    }
}

public struct ChainsState: Sendable, Equatable {
    public enum Pane: Sendable, Equatable { case navigator, chain }
    public var chainId: String
    /// The selected actor in the chain pane.
    public var node: String?
    public var pane: Pane = .chain
    /// The first row of the chain pane shown (kept by rendering).
    public var scroll = 0
}

public struct NodeState: Sendable, Equatable {
    public var actor: String
    public var selection = 0
    public var scroll = 0
}

public struct ReaderState: Sendable, Equatable {
    /// The list the reader steps through with n/p.
    public var list: [String]
    public var index: Int
    public var scroll = 0
}

public struct ListState: Sendable, Equatable {
    public var selection = 0
}

public struct MatrixState: Sendable, Equatable {
    /// 0 co-occurrence; 1… case × code by county, chain, level, kind.
    public var tab = 0
    public var row = 0
    public var column = 0
    public init(tab: Int = 0) { self.tab = tab }
}

public struct ContextState: Sendable, Equatable {
    public enum Tab: Int, Sendable, CaseIterable { case questions, attention, survey, reports }
    public var tab: Tab = .questions
    public var scroll = 0
    /// The selected research question on the questions tab (Enter lists its excerpts).
    public var question = 0
}

/// A prompt on the bottom line: incremental search or the `:` command line.
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case search, command, export(ExportFormat)
        /// `/` in the help: search the help's lines.
        case helpSearch
    }
    public var kind: Kind
    public var text: String = ""
    /// The search as it was before the prompt opened, restored on Esc.
    public var previousQuery: String = ""
    /// The filter as it was before the prompt opened: `key:value` words in a search narrow it
    /// (`kapasitet kind:ppt`), and Esc restores it.
    public var previousFilter: ExcerptFilter? = nil
    /// What Tab found that the text does not yet decide between, listed above the line.
    public var candidates: [String] = []
}

public struct SearchState: Sendable, Equatable {
    public var query = ""
    public var fold = false
}

public enum Overlay: Sendable, Equatable {
    case help(scroll: Int)
    case filter(row: Int)
    /// The values of the filter row `row`, narrowed by typing (Enter in the filter panel).
    case filterValues(row: Int, picker: ReviewModel.Picker)
    /// Choose what to export.
    case exportMenu
    /// The file exists: replace it? (y/n)
    case confirmOverwrite(ExportFormat, path: String)
}

/// The whole state of the explorer. It changes only in `update` (State/Update.swift).
public struct AppState: Sendable {
    /// The study; an overview without excerpts while `loading` (State/Loading.swift).
    public internal(set) var data: Dataset
    /// The whole dataset is being built on another thread: what the status line says, and the
    /// keys kept for when it is in.
    public internal(set) var loading: Loading?
    /// Keys kept while loading, handed to the runner once the excerpts are in.
    var waitingKeys: [Key] = []
    public var language: Language
    public var width: Int
    public var height: Int
    public var stack: [Screen]
    public var overlay: Overlay?
    public var prompt: Prompt?
    public var filter = ExcerptFilter()
    public var search = SearchState()
    /// A one-time message for the status line, cleared by the next key.
    public var message: String?
    public var quitting = false
    /// The coding review, once opened.
    public var review: ReviewModel?
    /// Opened as `case-explorer review` or `resolve`: q there quits instead of going back.
    public var reviewStandalone = false
    /// Settling two coders' disagreements, once opened.
    public var resolve: ResolveModel?
    /// Colleagues' codings read from the workspace (read-only), by coder; the reviewing coder's
    /// own is `review.mine`, the consensus being resolved is `resolve.consensus`.
    public var codings: [String: CodingState] = [:]
    /// The file an export is being written to (off the key path), until it is written.
    public internal(set) var exporting: String?
    /// The demo's caption for the current step, shown on its own line above the status line.
    public var caption: String?
    /// The tour is paused (Space): the caption says so in words.
    public var captionPaused = false
    /// Ctrl-L: requests to paint the whole terminal again, counted so the terminal loop sees each.
    public private(set) var repaints = 0
    mutating func requestRepaint() { repaints += 1 }
    /// What `/` in the help looks for: its lines are marked, n and N step through them.
    public var helpQuery = ""
    /// Which of the help's matching lines n and N are on.
    public var helpHit = 0
    /// Work for the runner; see `takeEffects`.
    public private(set) var effects: [Effect] = []
    /// On a large study, the texts holding a query, as the runner found them off the key path;
    /// and the query last asked for, so each is asked for once.
    public var found: FoundTexts?
    var searchAsked: SearchQuery?
    /// From this many excerpts on, a search runs in the background: a key never waits for a
    /// scan. Below it the scan takes a fraction of a millisecond and runs in place.
    public static let backgroundSearchFrom = 20_000
    public var searchesInBackground: Bool
    public var currentQuery: SearchQuery { SearchQuery(search.query, foldNordic: search.fold) }
    /// A search whose answer has not come back yet.
    public var searchPending: Bool {
        let q = currentQuery
        return searchesInBackground && !q.isEmpty && found?.query != q
    }
    /// "12 hits", or "searching …" while the answer is on its way.
    public var hitsText: String { searchPending ? t(.searching) : t(.hitsCount, count: hits.count) }

    mutating func emit(_ effect: Effect) { effects.append(effect) }

    /// Hands the pending effects to the runner.
    public mutating func takeEffects() -> [Effect] {
        defer { effects = [] }
        return effects
    }

    public init(data: Dataset, language: Language, width: Int = 80, height: Int = 24) {
        self.data = data
        self.language = language
        self.width = width
        self.height = height
        searchesInBackground = data.excerptTotal >= AppState.backgroundSearchFrom
        if data.isOverview { loading = Loading(total: data.excerptTotal) }
        let first = data.chains.first { $0.county == data.counties.first?.id } ?? data.chains.first
        let chains = ChainsState(chainId: first?.id ?? "", node: nil)
        stack = [.chains(chains)]
        if let id = first?.id {
            stack[0] = .chains(ChainsState(chainId: id, node: ChainLayout(data: data, chain: id).nodes.first?.actor.id))
        }
    }

    public var screen: Screen { stack[stack.count - 1] }

    /// The open memo editor has changes the coder has not yet been asked about: Ctrl-C (even as
    /// a signal) asks first instead of ending the program.
    public var memoNeedsAsking: Bool {
        guard activeKind == .memo, let e = sessionEditor else { return false }
        return e.changed && !e.askedToDiscard
    }

    /// The kind that receives keys now: a prompt, then an overlay, then the top screen.
    public var activeKind: ScreenKind {
        if prompt != nil { return .prompt }
        // The memo editor and the pickers of review and resolve take the keys unless an overlay is open.
        if overlay == nil, sessionEditor != nil { return .memo }
        if overlay == nil, sessionPicker != nil || (screen.kind == .review && review?.jump != nil) { return .picker }
        switch overlay {
        case .help: return .help
        case .filter: return .filter
        case .filterValues: return .picker
        case .exportMenu: return .choice
        case .confirmOverwrite: return .confirm
        case nil: return screen.kind
        }
    }

    public func t(_ key: Txt) -> String { key.text(language) }

    /// Which list the picker in front chooses from: one picker, several lists.
    public enum PickerPurpose: Sendable, Equatable { case code, excerpt, filterValue }
    public var pickerPurpose: PickerPurpose? {
        guard activeKind == .picker else { return nil }
        if case .filterValues = overlay { return .filterValue }
        if screen.kind == .review, review?.jump != nil { return .excerpt }
        return .code
    }

    /// Remembers derived lists between frames (a cache, not state: it only ever holds what the
    /// filter and search give, and is recomputed when they change).
    var memo = Memo()

    /// A coder's coding as the explorer knows it now: nil for the report's (`rapport`).
    public func coding(of coder: String?) -> CodingState? {
        guard let coder, coder != Dataset.referenceCoder else { return nil }
        if let r = review, r.coder == coder { return r.mine }
        if let r = resolve, r.into == coder { return r.consensus }
        if let r = resolve, r.a == coder { return r.aCoding }
        if let r = resolve, r.b == coder { return r.bCoding }
        return codings[coder] ?? CodingState()
    }

    /// The codings one can filter and count by: the report's first, then every coder known.
    public var knownCoders: [String] {
        var names = Set(codings.keys)
        if let r = review { names.insert(r.coder); names.insert(r.compareCoder) }
        if let r = resolve { names.formUnion([r.a, r.b, r.into]) }
        names.remove(Dataset.referenceCoder)
        return [Dataset.referenceCoder] + names.sorted()
    }

    /// Whose coding a count shows, in words: "rapportens koding" or "annas koding".
    public func codingName(_ coder: String?) -> String {
        guard let coder, coder != Dataset.referenceCoder else { return t(.codingReport) }
        return t(.codingOf).replacingOccurrences(of: "%c", with: coder)
    }

    /// Excerpts of the list screen: the filter applied, in the report's order.
    public var listedExcerpts: ExcerptList {
        let coding = coding(of: filter.coder)
        // Outside `listed`, which holds the memo's lock while it builds.
        let byCode = filter.code != nil || filter.researchQuestion != nil
        let codes = byCode ? coding.map { codePositions($0, coder: filter.coder ?? "") } : nil
        return ExcerptList(
            data: data,
            positions: memo.listed(filter, version: coding?.lastSequence ?? 0) {
                data.excerptIndices(matching: filter, coding: coding, codes: codes)
            })
    }

    /// A coder's coding by position (`CodingState.codePositions`), kept per version: a code
    /// filter in a coder's coding looked every excerpt up by id on each key (150 ms at 100 000).
    func codePositions(_ coding: CodingState, coder: String) -> [[Int]] {
        let data = self.data
        return memo.derived("code-positions/\(coder)/\(coding.version)") { coding.codePositions(in: data) }
    }

    /// Search hits among the listed excerpts.
    public var hits: Hits {
        let query = currentQuery
        var background: BitSet?
        if searchesInBackground && !query.isEmpty {
            // Until the answer is back there are no hits (the status line says it is searching).
            guard let found = self.found, found.query == query else {
                return Hits(indices: BitSet(count: 0), query: query, data: data)
            }
            background = found.matches
        }
        let hits = memo.hits(query, filter, version: coding(of: filter.coder)?.lastSequence ?? 0) {
            guard !query.isEmpty else { return BitSet(count: 0) }
            let all = background ?? BitSet(count: data.excerpts.count, members: data.searchIndex.matching(query))
            if filter.isEmpty { return all }
            return BitSet(count: data.excerpts.count, members: listedExcerpts.positions.filter { all.contains($0) })
        }
        return Hits(indices: hits, query: query, data: data)
    }

    public static let minimumWidth = 60
    public static let minimumHeight = 16
    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }
    /// The frame's parts from the top: the title bar, the body, the demo's caption (as many rows
    /// as it needs, at most four: a caption is never cut) and the status line.
    public var frameRows: (title: Rect, body: Rect, caption: Rect, status: Rect) {
        let r = Rect(x: 0, y: 0, width: width, height: height).rows([
            .fixed(1), .min(0), .fixed(captionLines.count), .fixed(1)
        ])
        return (r[0], r[1], r[2], r[3])
    }

    /// The caption as shown: marked ▶ while the tour plays, ‖ and the word while it is paused.
    public var captionLines: [String] {
        guard let caption else { return [] }
        let marked = captionPaused ? "‖ " + t(.demoPaused) + " · " + caption : "▶ " + caption
        return Array(DisplayWidth.wrap(marked, width: max(1, width - 2)).prefix(4))
    }

    /// Rows between the title bar and the status bar (and the caption line in a demo).
    public var bodyHeight: Int { frameRows.body.height }
}

/// The listed excerpts as positions in the dataset: a view, not a copy.
public struct ExcerptList: RandomAccessCollection {
    let data: Dataset
    /// Positions in `data.excerpts`.
    public let positions: [Int]
    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(i: Int) -> Excerpt { data.excerpts[positions[i]] }
    public var ids: [String] { positions.map { data.excerpts[$0].id } }
}

/// The texts holding a query (all excerpts, before any filter).
public struct FoundTexts: Sendable, Equatable {
    public let query: SearchQuery
    public let matches: BitSet
    public init(query: SearchQuery, matches: BitSet) {
        self.query = query
        self.matches = matches
    }
}

/// Which excerpts a search found; the matched stretches of one are worked out when asked for.
public struct Hits {
    /// Positions in `data.excerpts`.
    public let indices: BitSet
    let query: SearchQuery
    let data: Dataset
    public var count: Int { indices.count }
    public var isEmpty: Bool { indices.count == 0 }
    public func contains(position: Int) -> Bool { indices.contains(position) }
    public subscript(id: String) -> [Range<Int>]? {
        guard let i = data.index(ofExcerpt: id), indices.contains(i) else { return nil }
        return data.matchRanges(query, excerptAt: i) ?? []
    }
}

/// The per-frame cache behind `listedExcerpts` and `hits`.
final class Memo: @unchecked Sendable {
    private let lock = NSLock()
    private var listedKey: (ExcerptFilter, Int)?
    private var listedValue: [Int] = []
    private var hitsKey: (SearchQuery, ExcerptFilter, Int)?
    private var hitsValue = BitSet(count: 0)
    /// Derived values that are slow to build (matrices, agreement reports, the report's coding),
    /// by a key that names everything they are built from.
    private var derived: [String: any Sendable] = [:]

    func derived<T: Sendable>(_ key: String, _ make: () -> T) -> T {
        lock.lock()
        if let v = derived[key] as? T { lock.unlock(); return v }
        lock.unlock()
        let v = make()
        keep(key, v)
        return v
    }

    /// Values asked for while drawing and built off the key path (`BackgroundBuilds`): by key,
    /// the work that builds each.
    private var wanted: [String: @Sendable () -> any Sendable] = [:]

    /// The value when it is built; else nil, and `make` is kept for the runner to run.
    func derivedIfBuilt<T: Sendable>(_ key: String, orAsk make: @escaping @Sendable () -> T) -> T? {
        lock.lock(); defer { lock.unlock() }
        if let v = derived[key] as? T { return v }
        wanted[key] = make
        return nil
    }

    /// The values asked for and not yet built, handed over once.
    func takeWanted() -> [(String, @Sendable () -> any Sendable)] {
        lock.lock(); defer { lock.unlock() }
        defer { wanted = [:] }
        return wanted.map { ($0.key, $0.value) }
    }

    /// Keeps a value (built here or off the key path); at most 25 are kept.
    func keep(_ key: String, _ value: any Sendable) {
        lock.lock(); defer { lock.unlock() }
        if derived.count > 24 { derived.removeAll() }
        derived[key] = value
    }

    func agreement(key: String, _ make: () -> AgreementReport) -> AgreementReport { derived(key, make) }
    /// The report's coding as a coder's state (the data does not change, so one key).
    func reference(_ data: Dataset) -> CodingState { derived("reference") { CodingState.reference(data) } }

    func listed(_ filter: ExcerptFilter, version: Int, _ make: () -> [Int]) -> [Int] {
        lock.lock(); defer { lock.unlock() }
        if let key = listedKey, key.0 == filter, key.1 == version { return listedValue }
        listedValue = make()
        listedKey = (filter, version)
        return listedValue
    }

    func hits(_ query: SearchQuery, _ filter: ExcerptFilter, version: Int, _ make: () -> BitSet) -> BitSet {
        lock.lock()
        if let key = hitsKey, key.0 == query, key.1 == filter, key.2 == version {
            defer { lock.unlock() }; return hitsValue
        }
        lock.unlock()
        let value = make()
        lock.lock(); defer { lock.unlock() }
        hitsKey = (query, filter, version)
        hitsValue = value
        return value
    }
}

/// A set of positions 0..<count as bits: membership and counting without hashing.
public struct BitSet: Sendable, Equatable {
    private var words: [UInt64]
    public private(set) var count = 0

    public init(count capacity: Int, members: [Int] = []) {
        words = [UInt64](repeating: 0, count: (capacity + 63) / 64)
        for m in members where m >= 0 && m < capacity {
            let (w, b) = (m / 64, UInt64(1) << UInt64(m % 64))
            if words[w] & b == 0 { words[w] |= b; count += 1 }
        }
    }

    public func contains(_ m: Int) -> Bool {
        guard m >= 0, m / 64 < words.count else { return false }
        return words[m / 64] & (UInt64(1) << UInt64(m % 64)) != 0
    }
}
