/// Decoding of each entity from its JSON object, reporting problems with their paths.
/// The member names here are the data format; `Docs/DATA-FORMAT.md` documents each one.
extension FieldReader {
    func evidence(_ fields: Fields, _ key: StaticString) -> [Evidence] {
        fields.objects(key).compactMap { value, path in evidence(value, at: path) }
    }

    func evidence(_ value: JSONNode, at path: JSONPath) -> Evidence? {
        guard let f = object(value, at: path, allowed: ["text", "lines", "source"]) else { return nil }
        return evidence(f)
    }

    /// The evidence members of an object (`text`, `lines`, `source`); whether the source is
    /// known is checked once everything is loaded.
    func evidence(_ f: Fields) -> Evidence? {
        let source = f.string("source", required: false)
        guard let text = f.string("text") else { return nil }
        return Evidence(text: text, lines: f.lineRange("lines", required: false), source: source)
    }

    func sourceDocument(_ value: JSONNode, at path: JSONPath) -> SourceDocument? {
        guard let f = object(value, at: path, allowed: ["id", "file", "lineCount", "name", "description"]) else {
            return nil
        }
        let id = f.identifier("id"), file = f.string("file"), count = f.int("lineCount", range: 1...100_000_000)
        let name = f.localized("name"), description = f.localized("description", required: false)
        guard let id, let file, let count, let name else { return nil }
        return SourceDocument(id: id, file: file, lineCount: count, name: name, description: description)
    }

    func relatedReport(_ value: JSONNode, at path: JSONPath) -> RelatedReport? {
        let members: [StaticString] = [
            "id", "name", "title", "authors", "year", "isbn", "publisher", "scope", "findings", "description",
            "referencedAt"
        ]
        guard let f = object(value, at: path, allowed: members) else { return nil }
        let id = f.identifier("id"), name = f.string("name")
        func single(_ key: StaticString, required: Bool = false) -> Evidence? {
            guard let v = f.members[key], !v.isNull else {
                if required { report(path, "missing required member \"\(key)\"") }
                return nil
            }
            return evidence(v, at: f.path(key))
        }
        let title = single("title", required: true)
        let authors = single("authors"), year = single("year"), isbn = single("isbn"), publisher = single("publisher"),
            scope = single("scope")
        let findings = evidence(f, "findings")
        let description = f.localized("description", required: false)
        var references: [RelatedReport.Reference] = []
        for (item, itemPath) in f.objects("referencedAt") {
            guard
                let r = object(
                    item, at: itemPath,
                    allowed: ["section", "text", "lines", "source", "matches", "attentionPoint", "note"])
            else { continue }
            let section = r.string("section"), passage = evidence(r), matches = evidence(r, "matches")
            let point = r.string("attentionPoint", required: false), note = r.localized("note", required: false)
            if r.members["lines"]?.isNull ?? true {
                report(itemPath, "missing required member \"lines\"")
            }
            guard let section, let passage else { continue }
            references.append(
                .init(section: section, passage: passage, matches: matches, attentionPoint: point, note: note))
        }
        guard let id, let name, let title else { return nil }
        return RelatedReport(
            id: id, name: name, title: title, authors: authors, year: year, isbn: isbn, publisher: publisher,
            scope: scope, findings: findings, description: description, references: references)
    }

    func study(_ value: JSONNode, at path: JSONPath) -> Study? {
        guard
            let f = object(
                value, at: path,
                allowed: ["id", "title", "report", "year", "sourceFile", "sourceLineCount", "description"])
        else { return nil }
        let id = f.identifier("id"), title = f.string("title"), report = f.string("report")
        let year = f.int("year", required: false, range: 1900...2200)
        let file = f.string("sourceFile"), count = f.int("sourceLineCount", range: 1...100_000_000)
        let description = f.localized("description", required: false)
        guard let id, let title, let report, let file, let count else { return nil }
        return Study(
            id: id, title: title, report: report, year: year, sourceFile: file, sourceLineCount: count,
            description: description)
    }

    func county(_ value: JSONNode, at path: JSONPath) -> County? {
        guard let f = object(value, at: path, allowed: ["id", "name", "organisation", "evidence"]) else { return nil }
        let id = f.int("id", range: 1...1_000_000), name = f.string("name"), organisation = f.localized("organisation")
        let evidence = evidence(f, "evidence")
        guard let id, let name, let organisation else { return nil }
        return County(id: id, name: name, organisation: organisation, evidence: evidence)
    }

    func chain(_ value: JSONNode, at path: JSONPath) -> Chain? {
        guard
            let f = object(
                value, at: path,
                allowed: [
                    "id", "county", "name", "municipality", "fundingYear", "measurement", "description", "evidence"
                ])
        else { return nil }
        let id = f.identifier("id"), county = f.int("county"), name = f.string("name")
        let municipality = f.string("municipality", required: false)
        let year = f.int("fundingYear", required: false, range: 1900...2200)
        let measurement = f.string("measurement", required: false)
        let description = f.localized("description")
        let evidence = evidence(f, "evidence")
        guard let id, let county, let name, let description else { return nil }
        return Chain(
            id: id, county: county, name: name, municipality: municipality, fundingYear: year, measurement: measurement,
            description: description, evidence: evidence)
    }

    func actor(_ value: JSONNode, at path: JSONPath) -> Actor? {
        guard
            let f = object(
                value, at: path,
                allowed: [
                    "id", "kind", "level", "name", "county", "chain", "parent", "description", "notes", "evidence"
                ])
        else { return nil }
        let id = f.identifier("id"), kind = f.enumeration("kind", ActorKind.self), name = f.string("name")
        let county = f.int("county"), chain = f.string("chain", required: false),
            parent = f.string("parent", required: false)
        let description = f.localized("description", required: false)
        let notes = f.localizedArray("notes"), evidence = evidence(f, "evidence")
        // The level follows from the kind; a stated level must agree so a reader of the file is not misled.
        if let kind, f.members["level"] != nil {
            let stated = f.int("level", required: false, range: 1...4)
            if stated != kind.chainLevel {
                report(
                    f.path("level"),
                    "a \(kind.rawValue) is at level \(kind.chainLevel.map(String.init) ?? "null") in the grant chain, "
                        + "not \(stated.map(String.init) ?? "null")"
                )
            }
        }
        guard let id, let kind, let name, let county else { return nil }
        return Actor(
            id: id, kind: kind, name: name, county: county, chain: chain, parent: parent, description: description,
            notes: notes, evidence: evidence)
    }

    func informant(_ value: JSONNode, at path: JSONPath) -> Informant? {
        guard let f = object(value, at: path, allowed: ["id", "actor", "role", "description", "evidence"]) else {
            return nil
        }
        let id = f.identifier("id"), actor = f.string("actor"), role = f.string("role")
        let description = f.localized("description", required: false)
        let evidence = evidence(f, "evidence")
        guard let id, let actor, let role else { return nil }
        return Informant(id: id, actor: actor, role: role, description: description, evidence: evidence)
    }

    func sourceLocation(_ value: JSONNode, at path: JSONPath) -> SourceLocation? {
        guard let f = object(value, at: path, allowed: ["section", "page", "lines", "text"]) else { return nil }
        let section = f.string("section"), page = f.int("page", required: false, range: 1...100_000),
            lines = f.lineRange("lines")
        let text = f.string("text", required: false)
        guard let section, let lines else { return nil }
        return SourceLocation(section: section, page: page, lines: lines, text: text)
    }

    func excerpt(_ value: JSONNode, at path: JSONPath) -> Excerpt? {
        guard
            let f = object(
                value, at: path,
                allowed: ["id", "kind", "form", "text", "source", "alsoAt", "leadIn", "speaker", "attribution"])
        else { return nil }
        let id = f.identifier("id")
        let kind = f.enumeration("kind", ExcerptKind.self)
        let form = f.enumeration("form", ExcerptForm.self)
        let text = f.string("text")
        let source = f.members["source"].flatMap { sourceLocation($0, at: f.path("source")) }
        if f.members["source"] == nil { report(path, "missing required member \"source\"") }
        let alsoAt = f.objects("alsoAt").compactMap { sourceLocation($0, at: $1) }
        let leadIn = f.members["leadIn"].flatMap { $0.isNull ? nil : evidence($0, at: f.path("leadIn")) }
        var speaker: Speaker?
        if let s = f.object("speaker", allowed: ["role", "kind", "informant"]) {
            let role = s.string("role"), kind = s.enumeration("kind", ActorKind.self, required: false)
            if let role { speaker = Speaker(role: role, kind: kind, informant: s.string("informant", required: false)) }
        }
        var attribution: Attribution?
        if let a = f.object("attribution", allowed: ["county", "chain", "actor", "confidence", "evidence", "note"]) {
            let confidence = a.enumeration("confidence", Confidence.self)
            // One passage as an object, or the chain of passages as an array.
            var evidence: [Evidence] = []
            if let value = a.members["evidence"], !value.isNull {
                evidence =
                    value.kind == .array
                    ? self.evidence(a, "evidence") : self.evidence(value, at: a.path("evidence")).map { [$0] } ?? []
            }
            if let confidence {
                attribution = Attribution(
                    county: a.int("county", required: false), chain: a.string("chain", required: false),
                    actor: a.string("actor", required: false), confidence: confidence,
                    evidence: evidence, note: a.localized("note", required: false))
            }
        }
        guard let id, let kind, let form, let text, let source, let speaker, let attribution else { return nil }
        return Excerpt(
            id: id, kind: kind, form: form, text: text, source: source, alsoAt: alsoAt, leadIn: leadIn,
            speaker: speaker, attribution: attribution)
    }

    func code(_ value: JSONNode, at path: JSONPath) -> Code? {
        guard
            let f = object(
                value, at: path, allowed: ["id", "name", "description", "color", "parent", "researchQuestions"])
        else { return nil }
        let id = f.identifier("id"), name = f.string("name"), description = f.string("description")
        var color = f.string("color")
        if let c = color, !Code.isValidColor(c) {
            report(f.path("color"), "\"\(c)\" is not a colour of the form #RRGGBB")
            color = nil
        }
        let parent = f.string("parent", required: false), questions = f.intArray("researchQuestions")
        guard let id, let name, let description, let color else { return nil }
        return Code(
            id: id, name: name, description: description, color: color, parent: parent, researchQuestions: questions)
    }

    func coding(_ value: JSONNode, at path: JSONPath) -> Coding? {
        guard let f = object(value, at: path, allowed: ["coder", "excerpt", "codes"]) else { return nil }
        let coder = f.string("coder"), excerpt = f.string("excerpt")
        if f.members["codes"] == nil { report(path, "missing required member \"codes\"") }
        let codes = f.stringArray("codes")
        guard let coder, let excerpt else { return nil }
        return Coding(coder: coder, excerpt: excerpt, codes: codes)
    }

    func printing(_ value: JSONNode, at path: JSONPath) -> Printing? {
        guard let f = object(value, at: path, allowed: ["section", "lines", "text"]) else { return nil }
        let section = f.string("section", required: false), lines = f.lineRange("lines"),
            text = f.string("text", required: false)
        guard let lines else { return nil }
        return Printing(section: section, lines: lines, text: text)
    }

    func researchQuestion(_ value: JSONNode, at path: JSONPath) -> ResearchQuestion? {
        guard
            let f = object(
                value, at: path, allowed: ["id", "theme", "text", "lines", "alsoAt", "discussedIn", "evidence", "note"])
        else { return nil }
        let id = f.int("id", range: 1...1000), theme = f.string("theme"), text = f.string("text"),
            lines = f.lineRange("lines", required: false)
        let alsoAt = f.objects("alsoAt").compactMap { printing($0, at: $1) }
        let discussedIn = f.members["discussedIn"].flatMap {
            $0.isNull ? nil : printing($0, at: f.path("discussedIn"))
        }
        let evidence = evidence(f, "evidence")
        let note = f.localized("note", required: false)
        guard let id, let theme, let text else { return nil }
        return ResearchQuestion(
            id: id, theme: theme, text: text, lines: lines, alsoAt: alsoAt, discussedIn: discussedIn,
            evidence: evidence, note: note)
    }

    func attentionPoint(_ value: JSONNode, at path: JSONPath) -> AttentionPoint? {
        guard let f = object(value, at: path, allowed: ["id", "theme", "text", "lines", "alsoAt", "evidence", "note"])
        else { return nil }
        let id = f.identifier("id"), theme = f.string("theme"), text = f.string("text"),
            lines = f.lineRange("lines", required: false)
        let alsoAt = f.objects("alsoAt").compactMap { printing($0, at: $1) }
        let evidence = evidence(f, "evidence")
        let note = f.localized("note", required: false)
        guard let id, let theme, let text else { return nil }
        return AttentionPoint(
            id: id, theme: theme, text: text, lines: lines, alsoAt: alsoAt, evidence: evidence, note: note)
    }

    func surveyTable(_ value: JSONNode, at path: JSONPath) -> SurveyTable? {
        guard
            let f = object(
                value, at: path,
                allowed: ["id", "title", "lines", "unit", "labelColumn", "columns", "decimals", "rows", "notes"])
        else { return nil }
        let id = f.identifier("id"), title = f.string("title"), lines = f.lineRange("lines", required: false)
        let labelColumn = f.string("labelColumn", required: false)
        let unit = f.localized("unit", required: false), columns = f.stringArray("columns", required: true),
            notes = f.localizedArray("notes")
        let decimals = f.intArray("decimals")
        if !decimals.isEmpty && decimals.count != columns.count {
            report(f.path("decimals"), "has \(decimals.count) entries for \(columns.count) columns")
        }
        if decimals.contains(where: { !(0...6).contains($0) }) {
            report(f.path("decimals"), "a column prints 0 to 6 decimals")
        }
        var rows: [SurveyTable.Row] = []
        for (item, rowPath) in f.objects("rows", required: true) {
            guard let r = object(item, at: rowPath, allowed: ["label", "group", "values", "lines"]),
                let label = r.string("label")
            else { continue }
            let group = r.string("group", required: false), rowLines = r.lineRange("lines", required: false)
            var values: [Double?] = []
            if let v = r.members["values"], let cells = array(v, at: r.path("values")) {
                for (cell, cellPath) in cells {
                    switch cell.kind {
                    case .null: values.append(nil)
                    case .number: values.append(number(cell))
                    default: report(cellPath, "expected a number or null, found \(cell.kind.typeDescription)")
                    }
                }
                if values.count != columns.count {
                    report(r.path("values"), "has \(values.count) values for \(columns.count) columns")
                }
            } else if r.members["values"] == nil {
                report(rowPath, "missing required member \"values\"")
            }
            rows.append(SurveyTable.Row(label: label, group: group, values: values, lines: rowLines))
        }
        guard let id, let title else { return nil }
        return SurveyTable(
            id: id, title: title, lines: lines, unit: unit, labelColumn: labelColumn, columns: columns,
            decimals: decimals.count == columns.count ? decimals : [], rows: rows, notes: notes)
    }
}

extension Code {
    public static func isValidColor(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 7 && u[0] == UInt8(ascii: "#")
            && u.dropFirst().allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20)
            }
    }
}
