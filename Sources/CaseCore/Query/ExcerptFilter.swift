/// A filter over excerpts; every set field narrows the result, nil fields do not.
/// The command line and the explorer share it so they always agree on what a filter means.
public struct ExcerptFilter: Sendable, Hashable {
    public var county: Int?
    public var chain: String?
    public var actor: String?
    public var level: Int?
    public var actorKind: ActorKind?
    /// Matched case-insensitively as a part of the speaker's role ("PP" finds "leder i PP-tjenesten"),
    /// or as the whole role when `speakerRoleExact` (a value picked from the list of roles).
    public var speakerRole: String?
    public var speakerRoleExact = false
    /// A code, in the coding of `coder` (the report's when nil); with its subcodes when
    /// `codeWithSubcodes` (a parent code lists its own excerpts and its children's).
    public var code: String?
    public var codeWithSubcodes = false
    /// Whose coding the code and research-question filters read: nil is the report's (`rapport`).
    public var coder: String?
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

    /// Whether a speaker's role passes the role filter: the whole role for a picked value,
    /// a part of it for typed text.
    public func roleMatches(_ role: String) -> Bool {
        guard let wanted = speakerRole else { return true }
        if speakerRoleExact { return role == wanted }
        return role.range(of: wanted, options: [.caseInsensitive]) != nil
    }

    /// The filter in words, e.g. "county 1, code ppt" — for status lines and empty results.
    public var summary: String {
        var parts: [String] = []
        if let county { parts.append("county \(county)") }
        if let chain { parts.append("chain \(chain)") }
        if let actor { parts.append("actor \(actor)") }
        if let level { parts.append("level \(level)") }
        if let actorKind { parts.append("kind \(actorKind.rawValue)") }
        if let speakerRole { parts.append(speakerRoleExact ? "role = \(speakerRole)" : "role ~ \(speakerRole)") }
        if let code { parts.append("code \(code)" + (codeWithSubcodes ? " and its subcodes" : "")) }
        if let coder { parts.append("coding \(coder)") }
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

    /// The code and its subcodes, all the way down.
    public func codeTree(_ id: String) -> Set<String> {
        var out: Set<String> = [id]
        var todo = [id]
        while let next = todo.popLast() {
            for c in subcodes(of: next) where out.insert(c.id).inserted { todo.append(c.id) }
        }
        return out
    }

    /// The codes the filter's code dimension accepts (nil: no code filter).
    func acceptedCodes(_ filter: ExcerptFilter) -> Set<String>? {
        guard let code = filter.code else { return nil }
        return filter.codeWithSubcodes ? codeTree(code) : [code]
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
        if let role = filter.speakerRole, !filter.roleMatches(excerpt.speaker.role) { return false }
        if let accepted = acceptedCodes(filter), !referenceCodes(of: excerpt.id).contains(where: accepted.contains) { return false }
        if let q = filter.researchQuestion, !researchQuestions(of: excerpt).contains(q) { return false }
        if let c = filter.confidence, a.confidence != c { return false }
        if let ids = filter.ids, !ids.contains(excerpt.id) { return false }
        return true
    }

    public func excerpts(matching filter: ExcerptFilter) -> [Excerpt] {
        filter.isEmpty ? excerpts : excerpts.filter { matches($0, filter) }
    }

    /// The positions of the matching excerpts — read from the facets, without copying excerpts.
    /// With `coding`, the code and research-question filters read that coding instead of the
    /// report's (the filter's `coder` names whose it is).
    public func excerptIndices(matching filter: ExcerptFilter, coding: CodingState? = nil) -> [Int] {
        if filter.isEmpty { return Array(excerpts.indices) }
        let f = facets
        let accepted = acceptedCodes(filter)
        let codesOf: (String) -> [String] = { id in coding.map { Array($0[id].codes) } ?? self.referenceCodes(of: id) }
        let candidates: [Int] = filter.ids.map { ids in ids.compactMap { index(ofExcerpt: $0) }.sorted() } ?? Array(excerpts.indices)
        return candidates.filter { i in
            if let county = filter.county, f.county[i] != county { return false }
            if let chain = filter.chain, f.chain[i] != chain { return false }
            if let actor = filter.actor, f.actor[i] != actor { return false }
            if let k = filter.actorKind, f.kind[i] != k { return false }
            if let level = filter.level, f.kind[i]?.chainLevel != level { return false }
            if let c = filter.confidence, f.confidence[i] != c { return false }
            if filter.speakerRole != nil, !filter.roleMatches(f.role[i]) { return false }
            if let accepted, !codesOf(f.ids[i]).contains(where: accepted.contains) { return false }
            if let q = filter.researchQuestion, !codesOf(f.ids[i]).contains(where: { code($0)?.researchQuestions.contains(q) == true }) { return false }
            return true
        }
    }
}
