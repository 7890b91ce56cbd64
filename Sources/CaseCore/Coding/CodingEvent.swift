import Foundation

/// The review status a coder gives an excerpt.
public enum ReviewStatus: String, Sendable, CaseIterable, Hashable {
    case unreviewed, reviewed, disputed
    /// Needs discussion in the team.
    case discuss
}

/// One decision of one coder: a line of the coder's journal. The journal is the record; the
/// current coding is its replay.
public struct CodingEvent: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable, Hashable {
        /// Apply one code.
        case apply
        /// Remove one code.
        case remove
        /// Set the full set of codes (possibly empty: reviewed with no codes).
        case set
        /// Set the review status.
        case status
        /// Set or clear a memo on the excerpt, or on the excerpt–code pair when `code` is given.
        case memo
    }

    /// The writer's counter: one more than the highest it had seen. Shown as "#N"; after a
    /// merge two machines may have used the same number — `id` is what tells events apart.
    public var sequence: Int
    /// The event's identity, independent of its position: `<session>-<sequence>`, where the
    /// session is random per writer (see `Journal`). Old journals without it read as
    /// `legacy.<hash of the line>-<seq>`.
    public var id: String = ""
    /// ISO 8601, UTC, with milliseconds.
    public var time: String
    public var coder: String
    public var excerpt: String
    public var action: Action
    /// For apply, remove, and a memo on an excerpt–code pair.
    public var code: String?
    /// For set: the full set.
    public var codes: [String]?
    /// For status; for set, optionally the status the excerpt is left in.
    public var status: ReviewStatus?
    /// For memo: the new text (empty clears it).
    public var memo: String?
    /// What the decision replaced: the codes before (apply, remove, set), the status before, or
    /// the memo before — so the log can say "replaced X" without replaying.
    public var replaced: Replaced?
    /// The id of the event this one undoes or redoes, when it is an undo or a redo.
    public var undoes: String?
    public var redoes: String?
    /// Where an imported event came from (a file name), for the audit trail.
    public var imported: String?
    /// For a decision that settles a disagreement: who settled it, how, and the two coders'
    /// decisions it settled.
    public var resolution: Resolution?

    public struct Resolution: Sendable, Hashable {
        public struct Source: Sendable, Hashable {
            public var coder: String
            /// The sequence number of the coder's latest decision on the excerpt.
            public var sequence: Int?
            /// The id of that decision (what a later change of the coder's is compared with).
            public var id: String?
            public var codes: [String]
            public init(coder: String, sequence: Int?, id: String? = nil, codes: [String]) {
                self.coder = coder; self.sequence = sequence; self.id = id; self.codes = codes
            }
        }
        /// The resolving coder.
        public var by: String
        /// "a", "b", "union", "edit" or "memo".
        public var choice: String
        public var sources: [Source]
        /// The id of the latest resolution of the excerpt the resolver had seen (nil: none).
        /// Two resolutions after the same one were made without seeing each other: a conflict.
        public var after: String?
        public init(by: String, choice: String, sources: [Source], after: String? = nil) {
            self.by = by; self.choice = choice; self.sources = sources; self.after = after
        }
    }

    public struct Replaced: Sendable, Hashable {
        public var codes: [String]?
        public var status: ReviewStatus?
        public var memo: String?
        public init(codes: [String]? = nil, status: ReviewStatus? = nil, memo: String? = nil) {
            self.codes = codes
            self.status = status
            self.memo = memo
        }
    }

    public init(
        sequence: Int = 0, time: String = "", coder: String, excerpt: String, action: Action, code: String? = nil,
        codes: [String]? = nil, status: ReviewStatus? = nil, memo: String? = nil, replaced: Replaced? = nil,
        undoes: String? = nil, redoes: String? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.coder = coder
        self.excerpt = excerpt
        self.action = action
        self.code = code
        self.codes = codes
        self.status = status
        self.memo = memo
        self.replaced = replaced
        self.undoes = undoes
        self.redoes = redoes
    }
}

extension CodingEvent {
    /// One JSON object on one line, members in a fixed order (diffs and merges read well).
    public var jsonLine: String {
        var o = JSONObjectBuilder()
        o.set("seq", sequence)
        o.set("id", id)
        o.set("time", time)
        o.set("coder", coder)
        o.set("excerpt", excerpt)
        o.set("action", action.rawValue)
        if let code { o.set("code", code) }
        if let codes { o.set("codes", .array(codes.map(JSONValue.string))) }
        if let status { o.set("status", status.rawValue) }
        if let memo { o.set("memo", memo) }
        if let replaced {
            var r = JSONObjectBuilder()
            if let c = replaced.codes { r.set("codes", .array(c.map(JSONValue.string))) }
            if let s = replaced.status { r.set("status", s.rawValue) }
            if let m = replaced.memo { r.set("memo", m) }
            o.set("replaced", r.value)
        }
        if let undoes { o.set("undoes", undoes) }
        if let redoes { o.set("redoes", redoes) }
        if let imported { o.set("imported", imported) }
        if let resolution {
            var r = JSONObjectBuilder()
            r.set("by", resolution.by)
            r.set("choice", resolution.choice)
            r.set(
                "sources",
                .array(
                    resolution.sources.map { s in
                        var x = JSONObjectBuilder()
                        x.set("coder", s.coder)
                        x.set("seq", s.sequence)
                        if let id = s.id { x.set("id", id) }
                        x.set("codes", .array(s.codes.map(JSONValue.string)))
                        return x.value
                    }))
            if let after = resolution.after { r.set("after", after) }
            o.set("resolution", r.value)
        }
        return JSONWriter.write(o.value, pretty: false)
    }

    /// Parses a journal line; nil with a reason when it is not a complete, well-formed event.
    public static func parse(_ line: String) -> Result<CodingEvent, EventParseError> {
        let tape: JSONTape
        do { tape = try JSONParser.tape(Array(line.utf8)) } catch {
            return .failure(EventParseError(message: "not valid JSON (\(error.message))"))
        }
        let reader = FieldReader(file: "", tape: tape)
        guard
            let f = reader.object(
                reader.root, at: "$",
                allowed: [
                    "seq", "id", "time", "coder", "excerpt", "action", "code", "codes", "status", "memo", "replaced",
                    "undoes", "redoes", "imported", "resolution"
                ])
        else {
            return .failure(EventParseError(message: "not an object"))
        }
        let seq = f.int("seq", range: 1...JournalLimits.maxSequence), time = f.string("time"),
            coder = f.string("coder"), excerpt = f.string("excerpt")
        let id = f.string("id", required: false)
        let action = f.enumeration("action", Action.self)
        let code = f.string("code", required: false)
        let codes = f.has("codes") ? f.stringArray("codes") : (f.members["codes"] != nil ? [] : nil)
        let status = f.enumeration("status", ReviewStatus.self, required: false)
        let memo = f.string("memo", required: false, nonEmpty: false)
        var replaced: Replaced?
        if let r = f.object("replaced", required: false, allowed: ["codes", "status", "memo"]) {
            replaced = Replaced(
                codes: r.members["codes"] != nil ? r.stringArray("codes") : nil,
                status: r.enumeration("status", ReviewStatus.self, required: false),
                memo: r.string("memo", required: false, nonEmpty: false))
        }
        // Undo and redo name an event by id; old journals named it by sequence number.
        func reference(_ key: StaticString) -> String? {
            if f.members[key]?.kind == .number {
                return f.int(key, required: false, range: 1...JournalLimits.maxSequence).map { "legacy-\($0)" }
            }
            return f.string(key, required: false)
        }
        let undoes = reference("undoes"), redoes = reference("redoes")
        let imported = f.string("imported", required: false)
        var resolution: Resolution?
        if let r = f.object("resolution", required: false, allowed: ["by", "choice", "sources", "after"]) {
            let sources = r.objects("sources").compactMap { value, path -> Resolution.Source? in
                guard let s = reader.object(value, at: path, allowed: ["coder", "seq", "id", "codes"]),
                    let coder = s.string("coder")
                else { return nil }
                return Resolution.Source(
                    coder: coder, sequence: s.int("seq", required: false), id: s.string("id", required: false),
                    codes: s.stringArray("codes"))
            }
            if let by = r.string("by"), let choice = r.string("choice") {
                resolution = Resolution(
                    by: by, choice: choice, sources: sources, after: r.string("after", required: false))
            }
        }
        if let problem = reader.problems.first {
            return .failure(EventParseError(message: "\(problem.path): \(problem.message)"))
        }
        guard let seq, let time, let coder, let excerpt, let action else {
            return .failure(EventParseError(message: "incomplete event"))
        }
        var event = CodingEvent(
            sequence: seq, time: time, coder: coder, excerpt: excerpt, action: action, code: code, codes: codes,
            status: status, memo: memo, replaced: replaced, undoes: undoes, redoes: redoes)
        event.resolution = resolution
        event.imported = imported
        event.id = id ?? legacyIdentity(line, sequence: seq)
        if let id, !JournalLimits.isIdentity(id) {
            return .failure(EventParseError(message: "$.id: \"\(id)\" is not an event id"))
        }
        if let reason = event.shapeProblem { return .failure(EventParseError(message: reason)) }
        return .success(event)
    }

    /// The id of an event written before events had one: its number and a hash of its line, so
    /// two old histories that used the same number for different decisions keep both after a
    /// merge, and the same line read on two machines is the same event.
    static func legacyIdentity(_ line: String, sequence: Int) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in line.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let hex = String(hash, radix: 16)
        return "legacy.\(String(repeating: "0", count: 8 - hex.count) + hex)-\(sequence)"
    }

    /// What an event of its action must carry.
    var shapeProblem: String? {
        switch action {
        case .apply, .remove: return code == nil ? "\(action.rawValue) needs a code" : nil
        case .set: return codes == nil ? "set needs codes" : nil
        case .status: return status == nil ? "status needs a status" : nil
        case .memo: return memo == nil ? "memo needs a memo" : nil
        }
    }
}

extension CodingEvent {
    /// Where the event sorts in replay: time, then id — the same on every machine.
    public var replayKey: ReplayKey { ReplayKey(time: time, id: id) }

    /// The "#N" number of an event named by id (`<session>-<N>`, `legacy.<hash>-<N>` or, in an
    /// old undo, `legacy-<N>`), for messages.
    public static func number(of id: String) -> String {
        id.split(separator: "-").last.map(String.init) ?? id
    }
}

/// The replay order of events: by time as written (ISO 8601 UTC, fixed width), then by id.
public struct ReplayKey: Sendable, Hashable, Comparable {
    public var time: String
    public var id: String
    public static func < (a: ReplayKey, b: ReplayKey) -> Bool { (a.time, a.id) < (b.time, b.id) }
}

/// What the reader accepts, so the writer refuses the same: a line it could not read back
/// would vanish from the replay after being acknowledged.
public enum JournalLimits {
    /// Sequence numbers are JSON numbers read as exact whole numbers.
    public static let maxSequence = 999_999_999_999_999
    /// The longest line (one event, memo included), in bytes.
    public static let maxLineBytes = 1 << 20
    /// Event ids: 1–64 letters, digits, ".", "_", ":", "-".
    public static func isIdentity(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.count <= 64
            && s.utf8.allSatisfy {
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2E
                    || $0 == 0x5F || $0 == 0x3A || $0 == 0x2D
            }
    }
}

public struct EventParseError: Error, Sendable, Equatable {
    public let message: String
}
