/// An inclusive range of 1-based line numbers in the report's text file.
public struct LineRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let start: Int
    public let end: Int
    public init(_ start: Int, _ end: Int) { self.start = start; self.end = end }
    public var description: String { start == end ? "\(start)" : "\(start)–\(end)" }
    public static func < (a: LineRange, b: LineRange) -> Bool { (a.start, a.end) < (b.start, b.end) }
    public func contains(_ other: LineRange) -> Bool { start <= other.start && other.end <= end }
}

/// A passage that supports a claim in the data, with where it stands and in which source text.
public struct Evidence: Sendable, Hashable {
    public let text: String
    public let lines: LineRange?
    /// The id of the source text the passage is quoted from; nil for the report itself (the
    /// study's source), which is what almost all evidence quotes.
    public let source: String?
    public init(text: String, lines: LineRange?, source: String? = nil) {
        self.text = text; self.lines = lines; self.source = source
    }
}

/// The kinds of actor in a grant chain ("tilskuddskjede") and beside it.
public enum ActorKind: String, Sendable, CaseIterable, Hashable {
    case statsforvalter, samarbeidsforum, fagutvalg, kommune, ppt, skole, barnehage, uh, statped, arbeidsgruppe
    /// A municipal special-needs team, which the report lists apart from the PP-tjeneste.
    case spesped

    /// The level in the grant chain: 1 state governor, 2 cooperation forum, 3 municipality/owner,
    /// 4 unit. Partners beside the chain (UH, Statped, working groups) have none.
    public var chainLevel: Int? {
        switch self {
        case .statsforvalter: return 1
        case .samarbeidsforum, .fagutvalg: return 2
        case .kommune: return 3
        case .ppt, .skole, .barnehage, .spesped: return 4
        case .uh, .statped, .arbeidsgruppe: return nil
        }
    }
}

/// How firmly the report ties an excerpt to a county or chain.
public enum Confidence: String, Sendable, CaseIterable, Hashable, Comparable {
    /// The report says so.
    case stated
    /// A strong contextual clue in the report.
    case inferred
    /// No basis in the text.
    case unknown

    public static func < (a: Confidence, b: Confidence) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum ExcerptKind: String, Sendable, CaseIterable, Hashable {
    /// Words of an interviewed informant.
    case interview
    /// A free-text answer in the survey of chapter 4.
    case surveyFreeText = "survey-free-text"
    /// A quoted phrase that may come from a document (an annual report, a plan) rather than an
    /// interview; kept and marked because the report does not make clear which.
    case document
}

public enum ExcerptForm: String, Sendable, CaseIterable, Hashable {
    /// An indented block quote.
    case block
    /// A short quoted phrase in running text.
    case inline
}
