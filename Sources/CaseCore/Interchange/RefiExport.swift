/// REFI-QDA export: a codebook (`.qdc`) and a project (`.qdpx`) that validate against the
/// schemas, with GUIDs derived from the project's stable ids (exporting twice gives the same
/// bytes) and selection positions in Unicode code points, end exclusive.
public struct RefiExport {
    public let data: Dataset
    /// The codings to carry, the report's (`rapport`) among them if wanted.
    public let codings: [(coder: String, state: CodingState)]

    public init(data: Dataset, codings: [(coder: String, state: CodingState)]) {
        self.data = data
        self.codings = codings
    }

    static func guid(_ kind: String, _ id: String) -> String { StableGUID.make("\(kind):\(id)") }

    // MARK: codebook

    public func codebook() -> String {
        var x = XMLBuilder()
        x.open("CodeBook", [("xmlns", "urn:QDA-XML:codebook:1.0"), ("origin", "case-explorer")])
        writeCodes(&x)
        x.close()
        return x.text
    }

    private func writeCodes(_ x: inout XMLBuilder) {
        x.open("Codes")
        func write(_ code: Code) {
            let children = data.subcodes(of: code.id)
            let attrs: [(String, String?)] = [("guid", Self.guid("code", code.id)), ("name", code.name), ("isCodable", "true"), ("color", code.color)]
            x.open("Code", attrs)
            x.element("Description", code.description)
            for child in children { write(child) }
            x.close()
        }
        for code in data.codes where code.parent == nil || data.code(code.parent!) == nil { write(code) }
        x.close()
    }

    // MARK: project

    /// The plain-text source of an excerpt, and where the excerpt stands in it (code points).
    public func source(of e: Excerpt) -> (text: String, selection: Range<Int>) {
        var head = "\(e.id)\n\(e.source.section), linje \(e.source.lines.start)–\(e.source.lines.end)\n"
        head += "Taler: \(e.speaker.role)\n"
        if let leadIn = e.leadIn { head += "Innledning i rapporten: \(leadIn.text)\n" }
        head += "\n"
        let start = head.unicodeScalars.count
        return (head + e.text + "\n", start..<(start + e.text.unicodeScalars.count))
    }

    static let variables: [(String, String)] = [
        ("county", "Casefylke"), ("chain", "Tilskuddskjede"), ("level", "Nivå i tilskuddskjeden"),
        ("kind", "Aktørtype"), ("role", "Talerens rolle"), ("confidence", "Sikkerhet i tilknytningen"),
    ]

    private func values(of e: Excerpt) -> [(String, String)] {
        var v: [(String, String)] = []
        if let c = e.attribution.county { v.append(("county", data.county(c)?.name ?? String(c))) }
        if let ch = e.attribution.chain { v.append(("chain", data.chain(ch)?.name ?? ch)) }
        if let kind = data.actorKind(of: e) {
            v.append(("level", kind.chainLevel.map(String.init) ?? "ved siden av kjeden"))
            v.append(("kind", kind.rawValue))
        }
        v.append(("role", e.speaker.role))
        v.append(("confidence", e.attribution.confidence.rawValue))
        return v
    }

    private func variableValue(_ x: inout XMLBuilder, _ name: String, _ value: String) {
        x.open("VariableValue")
        x.empty("VariableRef", [("targetGUID", Self.guid("variable", name))])
        x.element("TextValue", value)
        x.close()
    }

    /// The excerpts some exported coder coded or wrote a memo on.
    public var codedExcerpts: [Excerpt] {
        data.excerpts.filter { e in codings.contains { $0.state[e.id].touched && (!$0.state[e.id].codes.isEmpty || !$0.state[e.id].memo.isEmpty || !$0.state[e.id].codeMemos.isEmpty) } }
    }

    public func projectXML() -> String {
        let coded = codedExcerpts
        let codedIds = Set(coded.map(\.id))
        var x = XMLBuilder()
        x.open("Project", [("xmlns", "urn:QDA-XML:project:1.0"), ("name", data.study.title), ("origin", "case-explorer")])
        x.open("Users")
        for (coder, _) in codings { x.empty("User", [("guid", Self.guid("user", coder)), ("name", coder), ("id", coder)]) }
        x.close()
        x.open("CodeBook")
        writeCodes(&x)
        x.close()
        x.open("Variables")
        for (id, name) in Self.variables { x.empty("Variable", [("guid", Self.guid("variable", id)), ("name", name), ("typeOfVariable", "Text")]) }
        x.close()
        writeCases(&x, codedIds)
        x.open("Sources")
        for e in data.excerpts {
            let sourceGUID = Self.guid("source", e.id)
            x.open("TextSource", [("guid", sourceGUID), ("name", e.id), ("plainTextPath", "internal://\(sourceGUID).txt")])
            if codedIds.contains(e.id) {
                let range = source(of: e).selection
                x.open("PlainTextSelection", [("guid", Self.guid("selection", e.id)), ("name", e.id),
                                               ("startPosition", String(range.lowerBound)), ("endPosition", String(range.upperBound))])
                for (coder, state) in codings {
                    let c = state[e.id]
                    for code in c.sortedCodes {
                        x.open("Coding", [("guid", Self.guid("coding", "\(coder)/\(e.id)/\(code)")), ("creatingUser", Self.guid("user", coder))])
                        x.empty("CodeRef", [("targetGUID", Self.guid("code", code))])
                        if c.codeMemos[code] != nil { x.empty("NoteRef", [("targetGUID", Self.guid("note", "\(coder)/\(e.id)/\(code)"))]) }
                        x.close()
                    }
                }
                for (coder, state) in codings where !state[e.id].memo.isEmpty {
                    x.empty("NoteRef", [("targetGUID", Self.guid("note", "\(coder)/\(e.id)"))])
                }
                x.close()
            }
            for (name, value) in values(of: e) { variableValue(&x, name, value) }
            x.close()
        }
        x.close()
        writeNotes(&x)
        x.element("Description", data.study.report + (data.study.description.map { ". " + $0.nb } ?? ""))
        x.close()
        return x.text
    }

    private func writeCases(_ x: inout XMLBuilder, _ coded: Set<String>) {
        x.open("Cases")
        func selections(_ filter: ExcerptFilter) -> [String] {
            data.excerpts(matching: filter).map(\.id).filter { coded.contains($0) }
        }
        for county in data.counties {
            x.open("Case", [("guid", Self.guid("case", "county-\(county.id)")), ("name", county.name)])
            x.element("Description", county.organisation.nb)
            variableValue(&x, "county", county.name)
            for id in selections(ExcerptFilter(county: county.id)) { x.empty("SelectionRef", [("targetGUID", Self.guid("selection", id))]) }
            x.close()
        }
        for chain in data.chains {
            x.open("Case", [("guid", Self.guid("case", chain.id)), ("name", "\(data.county(chain.county)?.name ?? "") / \(chain.name)")])
            x.element("Description", chain.description.nb)
            variableValue(&x, "county", data.county(chain.county)?.name ?? String(chain.county))
            variableValue(&x, "chain", chain.name)
            for id in selections(ExcerptFilter(chain: chain.id)) { x.empty("SelectionRef", [("targetGUID", Self.guid("selection", id))]) }
            x.close()
        }
        for actor in data.actors {
            x.open("Case", [("guid", Self.guid("case", actor.id)), ("name", data.path(to: actor.id).map(\.name).joined(separator: " / "))])
            if let description = actor.description { x.element("Description", description.nb) }
            variableValue(&x, "county", data.county(actor.county)?.name ?? String(actor.county))
            if let chain = actor.chain { variableValue(&x, "chain", data.chain(chain)?.name ?? chain) }
            variableValue(&x, "level", actor.level.map(String.init) ?? "ved siden av kjeden")
            variableValue(&x, "kind", actor.kind.rawValue)
            for id in selections(ExcerptFilter(actor: actor.id)) { x.empty("SelectionRef", [("targetGUID", Self.guid("selection", id))]) }
            x.close()
        }
        x.close()
    }

    private func writeNotes(_ x: inout XMLBuilder) {
        var notes: [(guid: String, name: String, coder: String, text: String)] = []
        for e in data.excerpts {
            for (coder, state) in codings {
                let c = state[e.id]
                if !c.memo.isEmpty { notes.append((Self.guid("note", "\(coder)/\(e.id)"), "Memo \(coder) \(e.id)", coder, c.memo)) }
                for (code, memo) in c.codeMemos.sorted(by: { $0.key < $1.key }) {
                    notes.append((Self.guid("note", "\(coder)/\(e.id)/\(code)"), "Memo \(coder) \(e.id) \(code)", coder, memo))
                }
            }
        }
        guard !notes.isEmpty else { return }
        x.open("Notes")
        for n in notes {
            x.open("Note", [("guid", n.guid), ("name", n.name), ("creatingUser", Self.guid("user", n.coder))])
            x.element("PlainTextContent", n.text)
            x.close()
        }
        x.close()
    }

    /// The `.qdpx` archive: `project.qde` and one UTF-8 text file (no byte-order mark) per excerpt.
    public func qdpx() -> [UInt8] {
        var zip = ZipWriter()
        zip.add("project.qde", Array(projectXML().utf8))
        for e in data.excerpts {
            zip.add("sources/\(Self.guid("source", e.id)).txt", Array(source(of: e).text.utf8))
        }
        return zip.finish()
    }
}
