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
            let attrs: [(String, String?)] = [
                ("guid", Self.guid("code", code.id)), ("name", code.name), ("isCodable", "true"), ("color", code.color)
            ]
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
        ("kind", "Aktørtype"), ("role", "Talerens rolle"), ("confidence", "Sikkerhet i tilknytningen")
    ]

    /// Made once: every source and case refers to them.
    static let variableGUIDs = Dictionary(uniqueKeysWithValues: variables.map { ($0.0, guid("variable", $0.0)) })

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
        x.empty("VariableRef", [("targetGUID", Self.variableGUIDs[name] ?? Self.guid("variable", name))])
        x.element("TextValue", value)
        x.close()
    }

    /// Whether a coder's coding of an excerpt travels as a selection: codes or a memo.
    static func carriesSelection(_ c: ExcerptCoding) -> Bool {
        c.touched && (!c.codes.isEmpty || !c.memo.isEmpty || !c.codeMemos.isEmpty)
    }

    /// The excerpts some exported coder coded or wrote a memo on.
    public var codedExcerpts: [Excerpt] {
        data.excerpts.filter { e in codings.contains { Self.carriesSelection($0.state[e.id]) } }
    }

    /// A source's name: the excerpt id with `.txt`, so programs that make a file name of it
    /// find one extension and keep `ex-5.1-01` and `ex-5.2-01` apart.
    public static func sourceName(_ excerpt: String) -> String { "\(excerpt).txt" }

    /// When a coder's decision on an excerpt was made: the latest journal event on it; the
    /// report's coding (no journal) dates from 1 January of the report's year.
    func time(of c: ExcerptCoding) -> String? {
        if let t = c.lastKey?.time, !t.isEmpty { return t }
        return data.study.year.map { "\($0)-01-01T00:00:00Z" }
    }

    /// The review statuses a set carries; unreviewed is the absence of a decision.
    static let travellingStatuses: [ReviewStatus] = [.reviewed, .disputed, .discuss]

    /// The set holding the excerpts a coder gave a status: a name importers read back.
    public static func statusSetName(coder: String, status: ReviewStatus) -> String {
        "Review status: \(status.rawValue) (\(coder))"
    }

    public func projectXML() -> String {
        var x = XMLBuilder()
        x.open(
            "Project", [("xmlns", "urn:QDA-XML:project:1.0"), ("name", data.study.title), ("origin", "case-explorer")])
        x.open("Users")
        for (coder, _) in codings {
            x.empty("User", [("guid", Self.guid("user", coder)), ("name", coder), ("id", coder)])
        }
        x.close()
        x.open("CodeBook")
        writeCodes(&x)
        x.close()
        x.open("Variables")
        for (id, name) in Self.variables {
            x.empty("Variable", [("guid", Self.guid("variable", id)), ("name", name), ("typeOfVariable", "Text")])
        }
        x.close()
        writeCases(&x)
        x.open("Sources")
        for e in data.excerpts {
            let sourceGUID = Self.guid("source", e.id)
            x.open(
                "TextSource",
                [
                    ("guid", sourceGUID), ("name", Self.sourceName(e.id)),
                    ("plainTextPath", "internal://\(sourceGUID).txt")
                ])
            for (coder, state) in codings where Self.carriesSelection(state[e.id]) {
                writeSelection(&x, e, coder, state[e.id])
            }
            for (name, value) in values(of: e) { variableValue(&x, name, value) }
            x.close()
        }
        x.close()
        writeNotes(&x)
        writeStatusSets(&x)
        x.element("Description", data.study.report + (data.study.description.map { ". " + $0.nb } ?? ""))
        x.close()
        return x.text
    }

    /// One selection per excerpt and coder, the coder and time on it and on each coding (what
    /// QualCoder and others read the coder from); the coder's memo also as its description.
    private func writeSelection(_ x: inout XMLBuilder, _ e: Excerpt, _ coder: String, _ c: ExcerptCoding) {
        let range = source(of: e).selection
        let user = Self.guid("user", coder), time = time(of: c)
        x.open(
            "PlainTextSelection",
            [
                ("guid", Self.guid("selection", "\(coder)/\(e.id)")), ("name", e.id),
                ("startPosition", String(range.lowerBound)), ("endPosition", String(range.upperBound)),
                ("creatingUser", user), ("creationDateTime", time)
            ])
        if !c.memo.isEmpty { x.element("Description", c.memo) }
        for code in c.sortedCodes {
            x.open(
                "Coding",
                [
                    ("guid", Self.guid("coding", "\(coder)/\(e.id)/\(code)")), ("creatingUser", user),
                    ("creationDateTime", time)
                ])
            x.empty("CodeRef", [("targetGUID", Self.guid("code", code))])
            if c.codeMemos[code] != nil {
                x.empty("NoteRef", [("targetGUID", Self.guid("note", "\(coder)/\(e.id)/\(code)"))])
            }
            x.close()
        }
        if !c.memo.isEmpty { x.empty("NoteRef", [("targetGUID", Self.guid("note", "\(coder)/\(e.id)"))]) }
        x.close()
    }

    private func writeStatusSets(_ x: inout XMLBuilder) {
        var sets: [(coder: String, status: ReviewStatus, members: [String])] = []
        for (coder, state) in codings {
            for status in Self.travellingStatuses {
                let members = data.excerpts.map(\.id).filter { state[$0].touched && state[$0].status == status }
                if !members.isEmpty { sets.append((coder, status, members)) }
            }
        }
        guard !sets.isEmpty else { return }
        x.open("Sets")
        for s in sets {
            x.open(
                "Set",
                [
                    ("guid", Self.guid("set", "\(s.coder)/\(s.status.rawValue)")),
                    ("name", Self.statusSetName(coder: s.coder, status: s.status))
                ])
            x.element(
                "Description",
                "case-explorer: the excerpts (sources) \(s.coder) gave the review status \"\(s.status.rawValue)\".")
            for id in s.members { x.empty("MemberSource", [("targetGUID", Self.guid("source", id))]) }
            x.close()
        }
        x.close()
    }

    private func writeCases(_ x: inout XMLBuilder) {
        x.open("Cases")
        func sources(_ filter: ExcerptFilter) {
            for e in data.excerpts(matching: filter) {
                x.empty("SourceRef", [("targetGUID", Self.guid("source", e.id))])
            }
        }
        for county in data.counties {
            x.open("Case", [("guid", Self.guid("case", "county-\(county.id)")), ("name", county.name)])
            x.element("Description", county.organisation.nb)
            variableValue(&x, "county", county.name)
            sources(ExcerptFilter(county: county.id))
            x.close()
        }
        for chain in data.chains {
            x.open(
                "Case",
                [
                    ("guid", Self.guid("case", chain.id)),
                    ("name", "\(data.county(chain.county)?.name ?? "") / \(chain.name)")
                ])
            x.element("Description", chain.description.nb)
            variableValue(&x, "county", data.county(chain.county)?.name ?? String(chain.county))
            variableValue(&x, "chain", chain.name)
            sources(ExcerptFilter(chain: chain.id))
            x.close()
        }
        for actor in data.actors {
            x.open(
                "Case",
                [
                    ("guid", Self.guid("case", actor.id)),
                    ("name", data.path(to: actor.id).map(\.name).joined(separator: " / "))
                ])
            if let description = actor.description { x.element("Description", description.nb) }
            variableValue(&x, "county", data.county(actor.county)?.name ?? String(actor.county))
            if let chain = actor.chain { variableValue(&x, "chain", data.chain(chain)?.name ?? chain) }
            variableValue(&x, "level", actor.level.map(String.init) ?? "ved siden av kjeden")
            variableValue(&x, "kind", actor.kind.rawValue)
            sources(ExcerptFilter(actor: actor.id))
            x.close()
        }
        x.close()
    }

    private func writeNotes(_ x: inout XMLBuilder) {
        var notes: [(guid: String, name: String, coder: String, time: String?, text: String)] = []
        for e in data.excerpts {
            for (coder, state) in codings {
                let c = state[e.id]
                if !c.memo.isEmpty {
                    notes.append(
                        (Self.guid("note", "\(coder)/\(e.id)"), "Memo \(coder) \(e.id)", coder, time(of: c), c.memo))
                }
                for (code, memo) in c.codeMemos.sorted(by: { $0.key < $1.key }) {
                    notes.append(
                        (
                            Self.guid("note", "\(coder)/\(e.id)/\(code)"), "Memo \(coder) \(e.id) \(code)", coder,
                            time(of: c), memo
                        ))
                }
            }
        }
        guard !notes.isEmpty else { return }
        x.open("Notes")
        for n in notes {
            x.open(
                "Note",
                [
                    ("guid", n.guid), ("name", n.name), ("creatingUser", Self.guid("user", n.coder)),
                    ("creationDateTime", n.time)
                ])
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
