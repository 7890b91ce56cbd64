/// The JSON shapes the command line prints (`--json`). Member names are a public interface:
/// scripts depend on them, and `Docs/CLI.md` lists them.
extension Dataset {
    private static func lines(_ r: LineRange?) -> JSONValue {
        r.map { .array([.number(Double($0.start)), .number(Double($0.end))]) } ?? .null
    }

    private static func evidence(_ e: Evidence?) -> JSONValue {
        guard let e else { return .null }
        var o = JSONObjectBuilder()
        o.set("text", e.text)
        o.set("lines", lines(e.lines))
        return o.value
    }

    private static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    public func json(county c: County) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", c.id)
        o.set("name", c.name)
        o.set("organisation", c.organisation)
        o.set("chains", .array(chains(in: c.id).map { ch in
            var x = JSONObjectBuilder()
            x.set("id", ch.id)
            x.set("name", ch.name)
            x.set("fundingYear", ch.fundingYear)
            return x.value
        }))
        o.set("evidence", .array(c.evidence.map { Dataset.evidence($0) }))
        return o.value
    }

    public func json(chain ch: Chain) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", ch.id)
        o.set("county", ch.county)
        o.set("name", ch.name)
        o.set("municipality", ch.municipality)
        o.set("fundingYear", ch.fundingYear)
        o.set("measurement", ch.measurement)
        o.set("description", ch.description)
        o.set("actors", Dataset.strings(actors(inChain: ch.id).map(\.id)))
        o.set("excerpts", .number(Double(excerptCount(chain: ch.id))))
        o.set("evidence", .array(ch.evidence.map { Dataset.evidence($0) }))
        return o.value
    }

    public func json(actor a: Actor) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", a.id)
        o.set("kind", a.kind.rawValue)
        o.set("level", a.level)
        o.set("name", a.name)
        o.set("parent", a.parent)
        o.set("chain", a.chain)
        o.set("county", a.county)
        o.set("description", a.description)
        o.set("notes", .array(a.notes.map(JSONValue.localized)))
        o.set("informants", Dataset.strings(informants(of: a.id).map(\.id)))
        o.set("excerpts", .number(Double(excerpts(ofActor: a.id).count)))
        o.set("evidence", .array(a.evidence.map { Dataset.evidence($0) }))
        return o.value
    }

    public func json(informant i: Informant) -> JSONValue {
        let a = actor(i.actor)
        var o = JSONObjectBuilder()
        o.set("id", i.id)
        o.set("actor", i.actor)
        o.set("role", i.role)
        o.set("description", i.description)
        o.set("chain", a?.chain)
        o.set("county", a?.county)
        o.set("evidence", .array(i.evidence.map { Dataset.evidence($0) }))
        return o.value
    }

    private static func location(_ s: SourceLocation) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("section", s.section)
        o.set("page", s.page)
        o.set("lines", lines(s.lines))
        if let text = s.text { o.set("text", text) }
        return o.value
    }

    public func json(excerpt e: Excerpt, matches: [Range<Int>]? = nil) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", e.id)
        o.set("kind", e.kind.rawValue)
        o.set("form", e.form.rawValue)
        o.set("text", e.text)
        o.set("county", e.attribution.county)
        o.set("chain", e.attribution.chain)
        o.set("actor", e.attribution.actor)
        var a = JSONObjectBuilder()
        a.set("confidence", e.attribution.confidence.rawValue)
        a.set("evidence", .array(e.attribution.evidence.map { Dataset.evidence($0) }))
        a.set("note", e.attribution.note)
        o.set("attribution", a.value)
        o.set("source", Dataset.location(e.source))
        o.set("alsoAt", .array(e.alsoAt.map(Dataset.location)))
        o.set("leadIn", e.leadIn?.text)
        o.set("leadInLines", Dataset.lines(e.leadIn?.lines))
        var s = JSONObjectBuilder()
        s.set("role", e.speaker.role)
        s.set("kind", e.speaker.kind?.rawValue)
        s.set("informant", e.speaker.informant)
        o.set("speaker", s.value)
        o.set("codes", Dataset.strings(referenceCodes(of: e.id)))
        if let matches {
            o.set("matches", .array(matches.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) }))
        }
        return o.value
    }

    public func json(code c: Code) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", c.id)
        o.set("name", c.name)
        o.set("description", c.description)
        o.set("parent", c.parent)
        o.set("color", c.color)
        o.set("researchQuestions", .array(c.researchQuestions.map { .number(Double($0)) }))
        o.set("excerpts", .number(Double(excerpts(withCode: c.id).count)))
        return o.value
    }
}
