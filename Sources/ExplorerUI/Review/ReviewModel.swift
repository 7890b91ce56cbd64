import CaseCore

/// The review of a queue of excerpts by one coder, as plain values: the explorer's state holds
/// it; the runner (Runtime/Runner.swift) performs the journal writes it asks for and reports
/// back, so a decision shows as saved only after it is on disk.
public struct ReviewModel: Sendable, Equatable {
    public var coder: String
    /// The coding shown beside the coder's own: the report's (`rapport`) or a colleague's.
    public var compareCoder: String
    public var compare: CodingState
    /// The coder's coding as last confirmed from the journal (set through `confirm`, which keeps
    /// the progress figures).
    public private(set) var mine: CodingState
    public var readOnly: Bool
    /// The excerpts under review, in order (fixed for the session: the figures count over it).
    public let queue: [String]
    /// How many excerpts of the queue have each status, kept as decisions are confirmed: the
    /// progress line is drawn on every frame, and counting 100 000 excerpts there took 15–30 ms.
    public private(set) var statusCounts: [ReviewStatus: Int] = [:]
    private let inQueue: Set<String>
    public var index = 0
    /// The selected row of the code table.
    public var codeRow = 0
    public var textScroll = 0
    /// The codes digits 1–9 apply: slot n-1 for digit n, nil where nothing is pinned. A slot
    /// keeps its code until the coder unpins it, so a digit never changes meaning unasked.
    public var pins: [String?]
    public var picker: Picker?
    public var editor: MemoEditor?
    /// The latest saved sequence number, for the status line.
    public var lastSaved: Int?
    public var canUndo = false
    public var canRedo = false
    /// Which excerpts of the queue n and p step through (`f` cycles it).
    public var view: QueueView = .all
    /// The "go to excerpt" list (`o`): typing narrows it by id or number.
    public var jump: Picker?
    /// The excerpt `R` marked reviewed: the queue moves on once the journal has it on disk.
    public var advanceAfterSave: String?

    /// The part of the queue n and p step through: all, or the excerpts with one status.
    public enum QueueView: Sendable, Equatable, CaseIterable {
        case all, unreviewed, disputed, discuss

        public func admits(_ status: ReviewStatus) -> Bool {
            switch self {
            case .all: return true
            case .unreviewed: return status == .unreviewed
            case .disputed: return status == .disputed
            case .discuss: return status == .discuss
            }
        }

        var next: QueueView { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    }

    public struct Picker: Sendable, Equatable {
        public var query = ""
        public var row = 0

        /// Typing filters the codes; false when the key is not text editing.
        public mutating func edit(_ key: Key) -> Bool {
            switch key {
            case let .char(c): query.append(c)
            case .backspace: if !query.isEmpty { query.removeLast() }
            case .ctrl("u"): query = ""
            default: return false
            }
            row = 0
            return true
        }
    }

    public init(
        coder: String, compareCoder: String, compare: CodingState, mine: CodingState, readOnly: Bool, queue: [String],
        pins: [String?]
    ) {
        self.coder = coder
        self.compareCoder = compareCoder
        self.compare = compare
        self.mine = mine
        self.readOnly = readOnly
        self.queue = queue
        self.pins = pins
        inQueue = Set(queue)
        statusCounts = Self.counts(of: queue, in: mine)
    }

    private static func counts(of queue: [String], in state: CodingState) -> [ReviewStatus: Int] {
        queue.reduce(into: [:]) { counts, id in counts[state[id].status, default: 0] += 1 }
    }

    /// The coding as the journal now has it. When it differs from the last by the one event
    /// about `excerpt` (the decision just saved), only that excerpt's status is counted again;
    /// otherwise (a colleague's machine or a sync changed the journal too) all are.
    mutating func confirm(_ state: CodingState, changed excerpt: String?) {
        let itsEvents = { (c: ExcerptCoding) in c.decisions + c.memos }
        if let excerpt, state.events == mine.events + 1, itsEvents(state[excerpt]) == itsEvents(mine[excerpt]) + 1 {
            if inQueue.contains(excerpt) {
                statusCounts[mine[excerpt].status, default: 0] -= 1
                statusCounts[state[excerpt].status, default: 0] += 1
            }
        } else if state.version != mine.version {
            // (The watch also reports the coder's own decisions, already counted: same version.)
            statusCounts = Self.counts(of: queue, in: state)
        }
        mine = state
    }

    public var current: String? { queue.indices.contains(index) ? queue[index] : nil }

    /// Shows the excerpt at position i of the queue: its text from the top, the first code selected.
    mutating func show(_ i: Int) { index = i; textScroll = 0; codeRow = 0 }
    /// Excerpts of the queue with a status (reviewed, disputed or to discuss): what the progress
    /// bar counts as done. Codes alone never give an excerpt a status.
    public var reviewed: Int { queue.count - (statusCounts[.unreviewed] ?? 0) }

    /// The next (or previous) excerpt of the queue in the view, from the current one; nil at the end.
    public func step(forward: Bool) -> Int? {
        let range = forward ? Array((index + 1)..<max(index + 1, queue.count)) : Array((0..<index).reversed())
        return range.first { view.admits(mine[queue[$0]].status) }
    }

    /// The queue's excerpts for the "go to excerpt" list: those whose id contains the typed
    /// text or whose number in the queue starts with it (case-insensitive), in queue order.
    public func jumpTargets(_ query: String) -> [Int] {
        let q = query.lowercased().filter { $0 != " " }
        guard !q.isEmpty else { return Array(queue.indices) }
        let matching = queue.indices.filter { String($0 + 1).hasPrefix(q) || queue[$0].lowercased().contains(q) }
        // An exact number or id first: "12" goes to the twelfth excerpt before the 120th.
        let exact = matching.filter { String($0 + 1) == q || queue[$0].lowercased() == q }
        return exact + matching.filter { !exact.contains($0) }
    }

    /// The digit (1–9) a code is pinned to.
    public func pinDigit(of code: String) -> Int? { pins.firstIndex(of: code).map { $0 + 1 } }

    /// Pins a code to the first free digit, or unpins it when it is pinned; the other digits
    /// keep their codes. nil (and no change) when all nine are taken.
    public static func togglingPin(_ code: String, in pins: [String?]) -> (pins: [String?], digit: Int, pinned: Bool)? {
        var slots = pins + Array(repeating: nil, count: max(0, 9 - pins.count))
        if let i = slots.firstIndex(of: code) {
            slots[i] = nil
            return (trimmed(slots), i + 1, false)
        }
        guard let free = slots.firstIndex(of: nil) else { return nil }
        slots[free] = code
        return (trimmed(slots), free + 1, true)
    }

    static func trimmed(_ slots: [String?]) -> [String?] {
        var s = Array(slots.prefix(9))
        while let last = s.last, last == nil { s.removeLast() }
        return s
    }

    /// The rows of the code table: codes proposed by the other coding, then the coder's own,
    /// in codebook order.
    public func codeRows(_ data: Dataset) -> [String] {
        guard let id = current else { return [] }
        let used = compare[id].codes.union(mine[id].codes)
        return data.codes.map(\.id).filter { used.contains($0) }
    }

    /// Codes matching the picker's text (name or id, case-insensitive, æøå as typed).
    public func pickerCodes(_ data: Dataset) -> [Code] {
        ReviewModel.matching(picker?.query ?? "", in: data)
    }

    /// Nine codes to pin when the coder has pinned none: the report's most used codes.
    public static func defaultPins(_ data: Dataset) -> [String?] {
        var counts: [String: Int] = [:]
        for c in data.codings where c.coder == Dataset.referenceCoder {
            for code in c.codes { counts[code, default: 0] += 1 }
        }
        let order = Dictionary(uniqueKeysWithValues: data.codes.enumerated().map { ($1.id, $0) })
        return data.codes.map(\.id).sorted { (-(counts[$0] ?? 0), order[$0]!) < (-(counts[$1] ?? 0), order[$1]!) }
            .prefix(9).map { Optional($0) }
    }
}

/// A small multi-line text editor for memos: UTF-8, cursor movement, paste (a paste arrives as
/// typed characters and newlines).
public struct MemoEditor: Sendable, Equatable {
    /// The excerpt–code pair's code, or nil for a memo on the excerpt.
    public var code: String?
    public var lines: [String]
    public var row = 0
    /// Cursor position in Characters within the row.
    public var column = 0
    /// The memo as saved when the editor opened: a change is never thrown away unasked.
    public let original: String
    /// Esc was pressed once on a changed memo; a second Esc discards.
    public var askedToDiscard = false

    public init(code: String?, text: String) {
        self.code = code
        original = text
        lines = text.isEmpty ? [""] : text.components(separatedBy: "\n")
        row = lines.count - 1
        column = lines[row].count
    }

    public var text: String { lines.joined(separator: "\n") }
    public var changed: Bool { text != original }

    public mutating func insert(_ c: Character) {
        if c == "\n" || c == "\r" { newline(); return }
        // Keys come one scalar at a time: a joiner, a variation selector, a skin tone or the
        // second half of a flag joins the character before it, so the cursor is counted again.
        let chars = Array(lines[row])
        let prefix = String(chars[..<min(column, chars.count)]) + String(c)
        lines[row] = prefix + String(chars[min(column, chars.count)...])
        column = min(prefix.count, lines[row].count)
    }

    public mutating func newline() {
        let chars = Array(lines[row])
        lines[row] = String(chars[..<column])
        lines.insert(String(chars[column...]), at: row + 1)
        row += 1
        column = 0
    }

    public mutating func backspace() {
        if column > 0 {
            var chars = Array(lines[row])
            chars.remove(at: column - 1)
            lines[row] = String(chars)
            column -= 1
        } else if row > 0 {
            let previous = lines[row - 1]
            column = previous.count
            lines[row - 1] = previous + lines[row]
            lines.remove(at: row)
            row -= 1
        }
    }

    public mutating func delete() {
        let chars = Array(lines[row])
        if column < chars.count {
            lines[row] = String(chars[..<column] + chars[(column + 1)...])
        } else if row + 1 < lines.count {
            lines[row] += lines[row + 1]
            lines.remove(at: row + 1)
        }
    }

    /// Applies an editing key; false when the key is not one.
    public mutating func edit(_ key: Key) -> Bool {
        switch key {
        case let .char(c): insert(c)
        case .enter: newline()
        case .backspace: backspace()
        case .delete: delete()
        case .left, .right, .up, .down, .home, .end: move(key)
        case .ctrl("u"): lines = [""]; row = 0; column = 0
        default: return false
        }
        askedToDiscard = false
        return true
    }

    public mutating func move(_ key: Key) {
        switch key {
        case .left:
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .right:
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .up: if row > 0 { row -= 1; column = min(column, lines[row].count) }
        case .down: if row + 1 < lines.count { row += 1; column = min(column, lines[row].count) }
        case .home: column = 0
        case .end: column = lines[row].count
        default: break
        }
    }
}

/// Work the runner does for the explorer, outside the pure update function.
public enum Effect: Sendable, Equatable {
    /// Open the review of a queue (takes the journal lock, or falls back to read-only).
    case openReview(queue: [String])
    /// Open the disagreement queue of two coders, resolving into a consensus coder.
    /// The disagreements of a and b (on one code, when given) into the consensus coder.
    /// `disagreements`: the two coders' disagreements on `code` where the asker already has
    /// them (the agreement screen's table), so the queue is not worked out again on the key.
    case openResolve(a: String, b: String, into: String, code: String? = nil, disagreements: [String]? = nil)
    /// Make a decision durable.
    case record(CodingEvent)
    /// Take back (or make again) the latest decision of this session in a coder's journal:
    /// the reviewer's own, or the consensus being resolved.
    case undo(coder: String)
    case redo(coder: String)
    case savePins([String?])
    /// Write an export file; `overwrite` only after the user said yes.
    case export(ExportFormat, path: String, overwrite: Bool)
    /// Find the texts holding a query, off the key path (large studies); the answer comes back
    /// as `.searchFound`, and a newer search makes an older one's answer moot.
    case search(SearchQuery)
}

/// The files the explorer can write (the same as `case-explorer export`).
public enum ExportFormat: String, Sendable, CaseIterable, Equatable {
    case qdpx, qdc, csvExcerpts, csvCodebook, markdown

    public var key: Character {
        switch self {
        case .qdpx: return "p"
        case .qdc: return "k"
        case .csvExcerpts: return "v"
        case .csvCodebook: return "t"
        case .markdown: return "m"
        }
    }

    /// The suggested file name, in the interface language.
    public func defaultName(_ language: Language) -> String {
        let nb = language == .nb
        switch self {
        case .qdpx: return "case-explorer.qdpx"
        case .qdc: return nb ? "kodebok.qdc" : "codebook.qdc"
        case .csvExcerpts: return nb ? "utdrag.csv" : "excerpts.csv"
        case .csvCodebook: return nb ? "kodebok.csv" : "codebook.csv"
        case .markdown: return nb ? "casestudier.md" : "case-studies.md"
        }
    }
}
