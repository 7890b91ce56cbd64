/// Relations between entities that screens and commands need: chain paths, children, counts.
extension Dataset {
    public func chains(in county: Int) -> [Chain] { chains.filter { $0.county == county } }

    /// The actors of a chain: its own and those its county shares with all chains.
    public func actors(inChain chainId: String) -> [Actor] {
        guard let chain = chain(chainId) else { return [] }
        return actors.filter { $0.county == chain.county && ($0.chain == nil || $0.chain == chainId) }
    }

    public func actors(inCounty county: Int) -> [Actor] { actors.filter { $0.county == county } }

    public func informants(of actorId: String) -> [Informant] { informants.filter { $0.actor == actorId } }

    /// The path from the top of the grant chain down to an actor ("statsforvalter → … → ppt").
    public func path(to actorId: String) -> [Actor] {
        var path: [Actor] = []
        var seen: Set<String> = []
        var next: String? = actorId
        while let id = next, let a = actor(id), seen.insert(id).inserted {
            path.insert(a, at: 0)
            next = a.parent
        }
        return path
    }

    /// Where an excerpt sits, as far as its attribution allows: county, chain, then actor path.
    public func placement(of excerpt: Excerpt) -> String {
        let a = excerpt.attribution
        var parts: [String] = []
        if let c = a.county { parts.append(county(c)?.name ?? "county \(c)") }
        if let ch = a.chain { parts.append(chain(ch)?.name ?? ch) }
        if let ac = a.actor { parts.append(path(to: ac).map(\.name).joined(separator: " → ")) }
        return parts.isEmpty ? "not attributed" : parts.joined(separator: " / ")
    }

    public func excerpts(withCode codeId: String, coder: String = Dataset.referenceCoder) -> [Excerpt] {
        let ids = Set(codings.filter { $0.coder == coder && $0.codes.contains(codeId) }.map(\.excerpt))
        return excerpts.filter { ids.contains($0.id) }
    }

    public func subcodes(of codeId: String) -> [Code] { codes.filter { $0.parent == codeId } }
}
