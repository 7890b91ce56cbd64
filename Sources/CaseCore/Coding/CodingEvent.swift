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

    /// 1, 2, 3 … in the order written.
    public var sequence: Int
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
    /// The sequence number this event undoes or redoes, when it is an undo or a redo.
    public var undoes: Int?
    public var redoes: Int?
    /// For a decision that settles a disagreement: who settled it, how, and the two coders'
    /// decisions it settled.
    public var resolution: Resolution?

    public struct Resolution: Sendable, Hashable {
        public struct Source: Sendable, Hashable {
            public var coder: String
            /// The sequence number of the coder's latest decision on the excerpt.
            public var sequence: Int?
            public var codes: [String]
            public init(coder: String, sequence: Int?, codes: [String]) { self.coder = coder; self.sequence = sequence; self.codes = codes }
        }
        /// The resolving coder.
        public var by: String
        /// "a", "b", "union" or "edit".
        public var choice: String
        public var sources: [Source]
        public init(by: String, choice: String, sources: [Source]) { self.by = by; self.choice = choice; self.sources = sources }
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

    public init(sequence: Int = 0, time: String = "", coder: String, excerpt: String, action: Action, code: String? = nil,
                codes: [String]? = nil, status: ReviewStatus? = nil, memo: String? = nil, replaced: Replaced? = nil,
                undoes: Int? = nil, redoes: Int? = nil) {
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
        if let resolution {
            var r = JSONObjectBuilder()
            r.set("by", resolution.by)
            r.set("choice", resolution.choice)
            r.set("sources", .array(resolution.sources.map { s in
                var x = JSONObjectBuilder()
                x.set("coder", s.coder)
                x.set("seq", s.sequence)
                x.set("codes", .array(s.codes.map(JSONValue.string)))
                return x.value
            }))
            o.set("resolution", r.value)
        }
        return JSONWriter.write(o.value, pretty: false)
    }

    /// Parses a journal line; nil with a reason when it is not a complete, well-formed event.
    public static func parse(_ line: String) -> Result<CodingEvent, EventParseError> {
        let value: JSONValue
        do { value = try JSONParser.parse(Array(line.utf8)) } catch { return .failure(EventParseError(message: "not valid JSON (\(error.message))")) }
        let reader = FieldReader(file: "")
        guard let f = reader.object(value, at: "$", allowed: ["seq", "time", "coder", "excerpt", "action", "code", "codes", "status", "memo", "replaced", "undoes", "redoes", "resolution"]) else {
            return .failure(EventParseError(message: "not an object"))
        }
        let seq = f.int("seq", range: 1...Int(Int32.max)), time = f.string("time"), coder = f.string("coder"), excerpt = f.string("excerpt")
        let action = f.enumeration("action", Action.self)
        let code = f.string("code", required: false)
        let codes = f.has("codes") ? f.stringArray("codes") : (f.members["codes"] != nil ? [] : nil)
        let status = f.enumeration("status", ReviewStatus.self, required: false)
        let memo = f.string("memo", required: false, nonEmpty: false)
        var replaced: Replaced?
        if let r = f.object("replaced", required: false, allowed: ["codes", "status", "memo"]) {
            replaced = Replaced(codes: r.members["codes"] != nil ? r.stringArray("codes") : nil,
                                status: r.enumeration("status", ReviewStatus.self, required: false),
                                memo: r.string("memo", required: false, nonEmpty: false))
        }
        let undoes = f.int("undoes", required: false), redoes = f.int("redoes", required: false)
        var resolution: Resolution?
        if let r = f.object("resolution", required: false, allowed: ["by", "choice", "sources"]) {
            let sources = r.objects("sources").compactMap { value, path -> Resolution.Source? in
                guard let s = reader.object(value, at: path, allowed: ["coder", "seq", "codes"]), let coder = s.string("coder") else { return nil }
                return Resolution.Source(coder: coder, sequence: s.int("seq", required: false), codes: s.stringArray("codes"))
            }
            if let by = r.string("by"), let choice = r.string("choice") { resolution = Resolution(by: by, choice: choice, sources: sources) }
        }
        if let problem = reader.problems.first { return .failure(EventParseError(message: "\(problem.path): \(problem.message)")) }
        guard let seq, let time, let coder, let excerpt, let action else { return .failure(EventParseError(message: "incomplete event")) }
        var event = CodingEvent(sequence: seq, time: time, coder: coder, excerpt: excerpt, action: action, code: code, codes: codes,
                                status: status, memo: memo, replaced: replaced, undoes: undoes, redoes: redoes)
        event.resolution = resolution
        if let reason = event.shapeProblem { return .failure(EventParseError(message: reason)) }
        return .success(event)
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

public struct EventParseError: Error, Sendable, Equatable {
    public let message: String
}
