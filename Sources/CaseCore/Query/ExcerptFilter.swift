/// A filter over excerpts; every set field narrows the result, nil fields do not.
/// The command line and the explorer share it so they always agree on what a filter means.
public struct ExcerptFilter: Sendable, Hashable {
    public var county: Int?
    public var chain: String?
    public var actor: String?
    public var level: Int?
    public var actorKind: ActorKind?
    /// Matched case-insensitively as a part of the speaker's role ("PP" finds "leder i PP-tjenesten").
    public var speakerRole: String?
    /// A code of the reference coding.
    public var code: String?
    public var researchQuestion: Int?
    public var confidence: Confidence?
    /// Only these excerpts (a matrix cell), with words for the filter line.
    public var ids: Set<String>?
    public var idsLabel: String?

    public init(county: Int? = nil, chain: String? = nil, actor: String? = nil, level: Int? = nil, actorKind: ActorKind? = nil,
                speakerRole: String? = nil, code: String? = nil, researchQuestion: Int? = nil, confidence: Confidence? = nil) {
        self.county = county
        self.chain = chain
        self.actor = actor
        self.level = level
        self.actorKind = actorKind
        self.speakerRole = speakerRole
        self.code = code
        self.researchQuestion = researchQuestion
        self.confidence = confidence
    }

    public var isEmpty: Bool { self == ExcerptFilter() }

    /// The filter in words, e.g. "county 1, code ppt" — for status lines and empty results.
    public var summary: String {
        var parts: [String] = []
        if let county { parts.append("county \(county)") }
        if let chain { parts.append("chain \(chain)") }
        if let actor { parts.append("actor \(actor)") }
        if let level { parts.append("level \(level)") }
        if let actorKind { parts.append("kind \(actorKind.rawValue)") }
        if let speakerRole { parts.append("role ~ \(speakerRole)") }
        if let code { parts.append("code \(code)") }
        if let researchQuestion { parts.append("research question \(researchQuestion)") }
        if let confidence { parts.append("confidence \(confidence.rawValue)") }
        if ids != nil { parts.append(idsLabel ?? "chosen excerpts") }
        return parts.isEmpty ? "all excerpts" : parts.joined(separator: ", ")
    }
}

extension Dataset {
    /// The kind of actor an excerpt speaks for: its attributed actor's kind, else the speaker's.
    public func actorKind(of excerpt: Excerpt) -> ActorKind? {
        excerpt.attribution.actor.flatMap { actor($0)?.kind } ?? excerpt.speaker.kind
    }

    /// The research questions an excerpt serves through its reference codes.
    public func researchQuestions(of excerpt: Excerpt) -> Set<Int> {
        Set(referenceCodes(of: excerpt.id).flatMap { code($0)?.researchQuestions ?? [] })
    }

    public func matches(_ excerpt: Excerpt, _ filter: ExcerptFilter) -> Bool {
        let a = excerpt.attribution
        if let county = filter.county, a.county != county { return false }
        if let chain = filter.chain, a.chain != chain { return false }
        if let actor = filter.actor, a.actor != actor { return false }
        if filter.level != nil || filter.actorKind != nil {
            let kind = actorKind(of: excerpt)
            if let k = filter.actorKind, kind != k { return false }
            if let level = filter.level, kind?.chainLevel != level { return false }
        }
        if let role = filter.speakerRole, excerpt.speaker.role.range(of: role, options: [.caseInsensitive]) == nil { return false }
        if let code = filter.code, !referenceCodes(of: excerpt.id).contains(code) { return false }
        if let q = filter.researchQuestion, !researchQuestions(of: excerpt).contains(q) { return false }
        if let c = filter.confidence, a.confidence != c { return false }
        if let ids = filter.ids, !ids.contains(excerpt.id) { return false }
        return true
    }

    public func excerpts(matching filter: ExcerptFilter) -> [Excerpt] {
        filter.isEmpty ? excerpts : excerpts.filter { matches($0, filter) }
    }

    /// The positions of the matching excerpts — read from the facets, without copying excerpts.
    public func excerptIndices(matching filter: ExcerptFilter) -> [Int] {
        if filter.isEmpty { return Array(excerpts.indices) }
        let f = facets
        let candidates: [Int] = filter.ids.map { ids in ids.compactMap { index(ofExcerpt: $0) }.sorted() } ?? Array(excerpts.indices)
        return candidates.filter { i in
            if let county = filter.county, f.county[i] != county { return false }
            if let chain = filter.chain, f.chain[i] != chain { return false }
            if let actor = filter.actor, f.actor[i] != actor { return false }
            if let k = filter.actorKind, f.kind[i] != k { return false }
            if let level = filter.level, f.kind[i]?.chainLevel != level { return false }
            if let c = filter.confidence, f.confidence[i] != c { return false }
            if let role = filter.speakerRole, f.role[i].range(of: role, options: [.caseInsensitive]) == nil { return false }
            if let code = filter.code, !referenceCodes(of: f.ids[i]).contains(code) { return false }
            if let q = filter.researchQuestion, !referenceCodes(of: f.ids[i]).contains(where: { code($0)?.researchQuestions.contains(q) == true }) { return false }
            return true
        }
    }
}
