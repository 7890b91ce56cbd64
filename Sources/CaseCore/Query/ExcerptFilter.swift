/// A filter over excerpts; every set field narrows the result, nil fields do not.
/// The command line, the explorer and the index all test it through `admitter` (one definition).
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

    public init(
        county: Int? = nil, chain: String? = nil, actor: String? = nil, level: Int? = nil, actorKind: ActorKind? = nil,
        speakerRole: String? = nil, code: String? = nil, researchQuestion: Int? = nil, confidence: Confidence? = nil
    ) {
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

extension ExcerptFilter {
    /// The one test of the filter, on the facets (the dataset's, or the index's on disk). With
    /// `coding`, the code and research-question filters read that coding instead of the report's;
    /// with `codes` too (that coding's `codePositions`), they read it by position, without a
    /// lookup by excerpt id.
    public func admitter(_ f: Facets, coding: CodingState? = nil, codes: [[Int]]? = nil) -> (Int) -> Bool {
        // The accepted codes as ids (for a coder's coding) and as positions (for the report's).
        var accepted: Set<String>? = nil
        if let code {
            accepted = [code]
            if codeWithSubcodes {
                var todo = [code]
                while let next = todo.popLast() {
                    for (k, parent) in f.codeParents.enumerated()
                    where parent == next && accepted!.insert(f.codeIDs[k]).inserted { todo.append(f.codeIDs[k]) }
                }
            }
        }
        let acceptedPositions = accepted.map { a in Set(f.codeIDs.indices.filter { a.contains(f.codeIDs[$0]) }) }
        let serving = researchQuestion.map { q in Set(f.codeIDs.indices.filter { f.codeQuestions[$0].contains(q) }) }
        let servingIDs = serving.map { Set($0.map { f.codeIDs[$0] }) }
        // By position (a coder's coding laid out by `codePositions`): which excerpts the code and
        // question filters admit, worked out once in a tight loop, not per excerpt through sets.
        let admittedByCodes: [Bool]? = codes.flatMap { codes in
            guard coding != nil, accepted != nil || serving != nil else { return nil }
            func mask(_ positions: Set<Int>?) -> [Bool]? {
                positions.map { p in f.codeIDs.indices.map { p.contains($0) } }
            }
            let acceptedMask = mask(acceptedPositions), servingMask = mask(serving)
            return codes.map { list in
                (acceptedMask.map { m in list.contains { m[$0] } } ?? true)
                    && (servingMask.map { m in list.contains { m[$0] } } ?? true)
            }
        }
        return { i in
            if let county = self.county, f.county[i] != county { return false }
            if let chain = self.chain, f.chain[i] != chain { return false }
            if let actor = self.actor, f.actor[i] != actor { return false }
            if let k = self.actorKind, f.kind[i] != k { return false }
            if let level = self.level, f.kind[i]?.chainLevel != level { return false }
            if let c = self.confidence, f.confidence[i] != c { return false }
            if self.speakerRole != nil, !self.roleMatches(f.role[i]) { return false }
            if accepted != nil || serving != nil {
                if let admittedByCodes {
                    if !admittedByCodes[i] { return false }
                } else if let coding {
                    let codes = coding[f.ids[i]].codes
                    if let accepted, codes.isDisjoint(with: accepted) { return false }
                    if let servingIDs, codes.isDisjoint(with: servingIDs) { return false }
                } else {
                    let codes = f.referenceCodes[i] ?? []
                    if let acceptedPositions, !codes.contains(where: acceptedPositions.contains) { return false }
                    if let serving, !codes.contains(where: serving.contains) { return false }
                }
            }
            if let ids = self.ids, !ids.contains(f.ids[i]) { return false }
            return true
        }
    }

    /// The positions of the excerpts the filter admits, in the report's order.
    public func positions(in f: Facets, coding: CodingState? = nil, codes: [[Int]]? = nil) -> [Int] {
        if isEmpty { return Array(f.ids.indices) }
        return f.ids.indices.filter(admitter(f, coding: coding, codes: codes))
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

    public func excerpts(matching filter: ExcerptFilter) -> [Excerpt] {
        filter.isEmpty ? excerpts : excerptIndices(matching: filter).map { excerpts[$0] }
    }

    /// The positions of the matching excerpts — read from the facets, without copying excerpts.
    /// With `coding`, the code and research-question filters read that coding instead of the
    /// report's (the filter's `coder` names whose it is).
    public func excerptIndices(
        matching filter: ExcerptFilter, coding: CodingState? = nil, codes: [[Int]]? = nil
    ) -> [Int] {
        filter.positions(in: facets, coding: coding, codes: codes)
    }
}
