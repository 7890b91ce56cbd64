/// The study as a whole and the document its excerpts come from.
public struct Study: Sendable, Hashable {
    public var id: String
    public var title: String
    public var report: String
    public var year: Int?
    public var sourceFile: String
    public var sourceLineCount: Int
    public var description: LocalizedText?

    public init(
        id: String, title: String, report: String, year: Int? = nil, sourceFile: String, sourceLineCount: Int,
        description: LocalizedText? = nil
    ) {
        self.id = id
        self.title = title
        self.report = report
        self.year = year
        self.sourceFile = sourceFile
        self.sourceLineCount = sourceLineCount
        self.description = description
    }
}

/// A case county ("casefylke"), anonymised as in the report.
public struct County: Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    /// The report's description of how the county organised the work.
    public var organisation: LocalizedText
    public var evidence: [Evidence]

    public init(id: Int, name: String, organisation: LocalizedText, evidence: [Evidence] = []) {
        self.id = id
        self.name = name
        self.organisation = organisation
        self.evidence = evidence
    }
}

/// A grant chain ("tilskuddskjede") or case project within a county.
public struct Chain: Sendable, Hashable, Identifiable {
    public var id: String
    public var county: Int
    public var name: String
    /// The anonymous municipality as the report names it ("kommune A"), if it does.
    public var municipality: String?
    public var fundingYear: Int?
    /// The report's measurement point ("midtpunktsmåling", "førstepunktsmåling").
    public var measurement: String?
    public var description: LocalizedText
    public var evidence: [Evidence]

    public init(
        id: String, county: Int, name: String, municipality: String? = nil, fundingYear: Int? = nil,
        measurement: String? = nil, description: LocalizedText, evidence: [Evidence] = []
    ) {
        self.id = id
        self.county = county
        self.name = name
        self.municipality = municipality
        self.fundingYear = fundingYear
        self.measurement = measurement
        self.description = description
        self.evidence = evidence
    }
}

/// A node of a grant chain: an organisation at some level, or a partner beside the chain.
public struct Actor: Sendable, Hashable, Identifiable {
    public var id: String
    public var kind: ActorKind
    public var name: String
    public var county: Int
    /// nil for actors shared by every chain of the county (the state governor, the forum).
    public var chain: String?
    /// The actor above this one along the grant flow.
    public var parent: String?
    public var description: LocalizedText?
    /// Notes on the actor: who was and was not interviewed, what is inferred rather than stated.
    public var notes: [LocalizedText]
    public var evidence: [Evidence]

    public var level: Int? { kind.chainLevel }

    public init(
        id: String, kind: ActorKind, name: String, county: Int, chain: String? = nil, parent: String? = nil,
        description: LocalizedText? = nil, notes: [LocalizedText] = [], evidence: [Evidence] = []
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.county = county
        self.chain = chain
        self.parent = parent
        self.description = description
        self.notes = notes
        self.evidence = evidence
    }
}

/// An interviewed person or group, as the report describes them (never a name).
public struct Informant: Sendable, Hashable, Identifiable {
    public var id: String
    public var actor: String
    public var role: String
    public var description: LocalizedText?
    public var evidence: [Evidence]

    public init(id: String, actor: String, role: String, description: LocalizedText? = nil, evidence: [Evidence] = []) {
        self.id = id
        self.actor = actor
        self.role = role
        self.description = description
        self.evidence = evidence
    }
}

public struct SourceLocation: Sendable, Hashable {
    public var section: String
    public var page: Int?
    public var lines: LineRange
    /// For a partial repeat elsewhere: the part of the excerpt printed there.
    public var text: String?

    public init(section: String, page: Int? = nil, lines: LineRange, text: String? = nil) {
        self.section = section
        self.page = page
        self.lines = lines
        self.text = text
    }
}

public struct Speaker: Sendable, Hashable {
    /// Who speaks, in the report's words.
    public var role: String
    public var kind: ActorKind?
    public var informant: String?

    public init(role: String, kind: ActorKind? = nil, informant: String? = nil) {
        self.role = role
        self.kind = kind
        self.informant = informant
    }
}

public struct Attribution: Sendable, Hashable {
    public var county: Int?
    public var chain: String?
    public var actor: String?
    public var confidence: Confidence
    /// The report's passages the attribution rests on (for stated and inferred): every step of
    /// the reasoning, not only the first.
    public var evidence: [Evidence]
    /// Why the attribution is what it is, in a sentence or two.
    public var note: LocalizedText?

    public init(
        county: Int? = nil, chain: String? = nil, actor: String? = nil, confidence: Confidence,
        evidence: [Evidence] = [], note: LocalizedText? = nil
    ) {
        self.county = county
        self.chain = chain
        self.actor = actor
        self.confidence = confidence
        self.evidence = evidence
        self.note = note
    }
}

/// An interview excerpt the report quotes, verbatim.
public struct Excerpt: Sendable, Hashable, Identifiable {
    public var id: String
    public var kind: ExcerptKind
    public var form: ExcerptForm
    /// The quote, verbatim. Read from the index's memory-mapped original texts when the
    /// excerpt came from there (made when asked for, not kept: 55 MB at 100 000 excerpts).
    public var text: String {
        get { storedText.string }
        set { storedText = .owned(newValue) }
    }
    /// Where the text is: compared and hashed as the text itself.
    var storedText: ExcerptText
    public var source: SourceLocation
    /// Other places where the report prints the same quote.
    public var alsoAt: [SourceLocation]
    /// The report's own sentence that introduces the quote, with its lines.
    public var leadIn: Evidence?
    public var speaker: Speaker
    public var attribution: Attribution

    public init(
        id: String, kind: ExcerptKind, form: ExcerptForm, text: String, source: SourceLocation,
        alsoAt: [SourceLocation] = [], leadIn: Evidence? = nil, speaker: Speaker, attribution: Attribution
    ) {
        self.id = id
        self.kind = kind
        self.form = form
        self.storedText = .owned(text)
        self.source = source
        self.alsoAt = alsoAt
        self.leadIn = leadIn
        self.speaker = speaker
        self.attribution = attribution
    }
}

/// A code of the codebook.
public struct Code: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    /// The definition a coder applies.
    public var description: String
    /// "#RRGGBB".
    public var color: String
    public var parent: String?
    /// Research questions (1–10) the code serves.
    public var researchQuestions: [Int]

    public init(
        id: String, name: String, description: String, color: String, parent: String? = nil,
        researchQuestions: [Int] = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.color = color
        self.parent = parent
        self.researchQuestions = researchQuestions
    }
}

/// The codes one coder applied to one excerpt.
public struct Coding: Sendable, Hashable {
    public var coder: String
    public var excerpt: String
    public var codes: [String]

    public init(coder: String, excerpt: String, codes: [String]) {
        self.coder = coder
        self.excerpt = excerpt
        self.codes = codes
    }
}

/// Another place where the report prints the same question or point, possibly in other words.
public struct Printing: Sendable, Hashable {
    public var section: String?
    public var lines: LineRange
    /// The wording there, when it differs.
    public var text: String?
}

public struct ResearchQuestion: Sendable, Hashable, Identifiable {
    public var id: Int
    public var theme: String
    public var text: String
    public var lines: LineRange?
    public var alsoAt: [Printing]
    /// Where the report itself says the question is discussed, with its sentence. (The links
    /// from codes to questions are the dataset's own construction; this is the report's.)
    public var discussedIn: Printing?
    /// Passages the note relies on.
    public var evidence: [Evidence]
    public var note: LocalizedText?
}

/// One of the report's "oppmerksomhetspunkter", verbatim.
public struct AttentionPoint: Sendable, Hashable, Identifiable {
    public var id: String
    public var theme: String
    public var text: String
    public var lines: LineRange?
    public var alsoAt: [Printing]
    /// Passages the note relies on (e.g. that the point comes from Delrapport 1).
    public var evidence: [Evidence]
    public var note: LocalizedText?
}

/// A survey table of chapter 4 (or table 5.1) as structured numbers.
public struct SurveyTable: Sendable, Hashable, Identifiable {
    public struct Row: Sendable, Hashable {
        public var label: String
        /// A heading the row stands under inside the table, if the table has such blocks.
        public var group: String?
        public var values: [Double?]
        public var lines: LineRange?
    }
    public var id: String
    public var title: String
    public var lines: LineRange?
    public var unit: LocalizedText?
    /// The heading of the row labels' column.
    public var labelColumn: String?
    public var columns: [String]
    /// Per column, the number of decimals the report prints (2,00 stays 2,00); empty when not given.
    public var decimals: [Int]
    public var rows: [Row]
    public var notes: [LocalizedText]

    /// A value as the report prints it: decimal comma and the column's printed decimals.
    public func printed(_ value: Double?, column: Int) -> String? {
        guard let value, decimals.indices.contains(column), decimals[column] > 0 else { return nil }
        return String(format: "%.\(decimals[column])f", value).replacingOccurrences(of: ".", with: ",")
    }
}
