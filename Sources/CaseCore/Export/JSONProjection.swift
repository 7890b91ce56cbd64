/// The JSON shapes the command line prints (`--json`). Member names are a public interface:
/// scripts depend on them, and `Docs/CLI.md` lists them.
extension Dataset {
    private static func lines(_ r: LineRange?) -> JSONValue {
        r.map { .array([.number(Double($0.start)), .number(Double($0.end))]) } ?? .null
    }

    /// A passage with its lines and the source it stands in (the report's id when it names none).
    private func evidence(_ e: Evidence?) -> JSONValue {
        guard let e else { return .null }
        var o = JSONObjectBuilder()
        o.set("text", e.text)
        o.set("lines", Dataset.lines(e.lines))
        o.set("source", e.source ?? study.id)
        return o.value
    }

    private static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    public func json(county c: County) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", c.id)
        o.set("name", c.name)
        o.set("organisation", c.organisation)
        o.set(
            "chains",
            .array(
                chains(in: c.id).map { ch in
                    var x = JSONObjectBuilder()
                    x.set("id", ch.id)
                    x.set("name", ch.name)
                    x.set("fundingYear", ch.fundingYear)
                    return x.value
                }))
        o.set("evidence", .array(c.evidence.map { evidence($0) }))
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
        o.set("evidence", .array(ch.evidence.map { evidence($0) }))
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
        o.set("evidence", .array(a.evidence.map { evidence($0) }))
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
        o.set("evidence", .array(i.evidence.map { evidence($0) }))
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
        a.set("evidence", .array(e.attribution.evidence.map { evidence($0) }))
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
            o.set(
                "matches",
                .array(matches.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) }))
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

    public func json(source s: SourceDocument) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", s.id)
        o.set("file", s.file)
        o.set("lineCount", s.lineCount)
        o.set("name", s.name)
        o.set("description", s.description)
        return o.value
    }

    public func json(relatedReport r: RelatedReport) -> JSONValue {
        var o = JSONObjectBuilder()
        o.set("id", r.id)
        o.set("name", r.name)
        for (key, fact) in [
            ("title", r.title), ("authors", r.authors), ("year", r.year), ("isbn", r.isbn), ("publisher", r.publisher),
            ("scope", r.scope)
        ] {
            o.set(key, evidence(fact))
        }
        o.set("findings", .array(r.findings.map { evidence($0) }))
        o.set("description", r.description)
        o.set(
            "sources",
            .array(
                Set(r.quotations.compactMap(\.evidence.source)).sorted().compactMap { id in
                    sourceDocument(id).map { json(source: $0) }
                }))
        o.set(
            "referencedAt",
            .array(
                r.references.map { ref in
                    var x = JSONObjectBuilder()
                    x.set("section", ref.section)
                    x.set("text", ref.passage.text)
                    x.set("lines", Dataset.lines(ref.passage.lines))
                    x.set("source", ref.passage.source ?? study.id)
                    x.set("matches", .array(ref.matches.map { evidence($0) }))
                    x.set("attentionPoint", ref.attentionPoint)
                    x.set("note", ref.note)
                    return x.value
                }))
        return o.value
    }
}

extension SurveyTable {
    /// The table as `list tables --json` and `show TABLE --json` print it.
    public var json: JSONValue {
        let t = self
        var o = JSONObjectBuilder()
        o.set("id", t.id); o.set("title", t.title); o.set("unit", t.unit)
        o.set("columns", .array(t.columns.map(JSONValue.string)))
        let rows = t.rows.map { r -> JSONValue in
            var x = JSONObjectBuilder()
            x.set("label", r.label)
            x.set("values", .array(r.values.map { $0.map(JSONValue.number) ?? .null }))
            return x.value
        }
        o.set("rows", .array(rows))
        o.set("notes", .array(t.notes.map(JSONValue.localized)))
        return o.value
    }
}
