import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// REFI-QDA export: a codebook (`.qdc`) and a project (`.qdpx`) that validate against the
/// schemas, with GUIDs derived from the project's stable ids (exporting twice gives the same
/// bytes) and selection positions in Unicode code points, end exclusive.
public struct RefiExport {
    public let data: Dataset
    /// The codings to carry, the report's (`rapport`) among them if wanted.
    public let codings: [(coder: String, state: CodingState)]

    /// The GUIDs of the codes and coders, made once: every coding and selection refers to them.
    private let codeGUIDs: [String: String]
    private let userGUIDs: [String: String]

    public init(data: Dataset, codings: [(coder: String, state: CodingState)]) {
        self.data = data
        self.codings = codings
        codeGUIDs = Dictionary(data.codes.map { ($0.id, Self.guid("code", $0.id)) }, uniquingKeysWith: { a, _ in a })
        userGUIDs = Dictionary(codings.map { ($0.coder, Self.guid("user", $0.coder)) }, uniquingKeysWith: { a, _ in a })
    }

    private func codeGUID(_ id: String) -> String { codeGUIDs[id] ?? Self.guid("code", id) }
    private func userGUID(_ coder: String) -> String { userGUIDs[coder] ?? Self.guid("user", coder) }

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
                ("guid", codeGUID(code.id)), ("name", code.name), ("isCodable", "true"), ("color", code.color)
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

    /// Each excerpt's source GUID, by position: made once (SHA-1), referred to from every case,
    /// set, source and archive entry.
    func sourceGUIDs() -> [String] { data.excerpts.map { Self.guid("source", $0.id) } }

    public func projectXML() -> String {
        var x = XMLBuilder()
        writeProject(&x, sources: sourceGUIDs()) { _ in }
        return x.text
    }

    /// The project document, handed to `flush` piece by piece (after each source and case) so
    /// that a caller may write it out instead of holding it whole.
    func writeProject(_ x: inout XMLBuilder, sources guids: [String], flush: (inout XMLBuilder) -> Void) {
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
        writeCases(&x, sources: guids, flush: flush)
        x.open("Sources")
        for (k, e) in data.excerpts.enumerated() {
            let sourceGUID = guids[k]
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
            flush(&x)
        }
        x.close()
        writeNotes(&x)
        flush(&x)
        writeStatusSets(&x, sources: guids)
        x.element("Description", data.study.report + (data.study.description.map { ". " + $0.nb } ?? ""))
        x.close()
        flush(&x)
    }

    /// One selection per excerpt and coder, the coder and time on it and on each coding (what
    /// QualCoder and others read the coder from); the coder's memo also as its description.
    private func writeSelection(_ x: inout XMLBuilder, _ e: Excerpt, _ coder: String, _ c: ExcerptCoding) {
        let range = source(of: e).selection
        let user = userGUID(coder), time = time(of: c)
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
            x.empty("CodeRef", [("targetGUID", codeGUID(code))])
            if c.codeMemos[code] != nil {
                x.empty("NoteRef", [("targetGUID", Self.guid("note", "\(coder)/\(e.id)/\(code)"))])
            }
            x.close()
        }
        if !c.memo.isEmpty { x.empty("NoteRef", [("targetGUID", Self.guid("note", "\(coder)/\(e.id)"))]) }
        x.close()
    }

    private func writeStatusSets(_ x: inout XMLBuilder, sources guids: [String]) {
        var sets: [(coder: String, status: ReviewStatus, members: [Int])] = []
        for (coder, state) in codings {
            // One pass per coder: the excerpts of each travelling status, in the report's order.
            var members = Array(repeating: [Int](), count: Self.travellingStatuses.count)
            for (k, e) in data.excerpts.enumerated() {
                let c = state[e.id]
                if c.touched, let s = Self.travellingStatuses.firstIndex(of: c.status) { members[s].append(k) }
            }
            for (s, status) in Self.travellingStatuses.enumerated() where !members[s].isEmpty {
                sets.append((coder, status, members[s]))
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
            for k in s.members { x.empty("MemberSource", [("targetGUID", guids[k])]) }
            x.close()
        }
        x.close()
    }

    private func writeCases(_ x: inout XMLBuilder, sources guids: [String], flush: (inout XMLBuilder) -> Void) {
        x.open("Cases")
        // One grouping pass: the excerpts of every county, chain and actor, in the report's order
        // (the same as `ExcerptFilter(county:)`, `(chain:)` and `(actor:)` admit).
        let f = data.facets
        var byCounty: [Int: [Int]] = [:], byChain: [String: [Int]] = [:], byActor: [String: [Int]] = [:]
        for i in f.ids.indices {
            if f.county[i] >= 0 { byCounty[f.county[i], default: []].append(i) }
            if let chain = f.chain[i] { byChain[chain, default: []].append(i) }
            if let actor = f.actor[i] { byActor[actor, default: []].append(i) }
        }
        func sources(_ members: [Int]?) {
            for k in members ?? [] { x.empty("SourceRef", [("targetGUID", guids[k])]) }
            flush(&x)
        }
        for county in data.counties {
            x.open("Case", [("guid", Self.guid("case", "county-\(county.id)")), ("name", county.name)])
            x.element("Description", county.organisation.nb)
            variableValue(&x, "county", county.name)
            sources(byCounty[county.id])
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
            sources(byChain[chain.id])
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
            sources(byActor[actor.id])
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
                    ("guid", n.guid), ("name", n.name), ("creatingUser", userGUID(n.coder)),
                    ("creationDateTime", n.time)
                ])
            x.element("PlainTextContent", n.text)
            x.close()
        }
        x.close()
    }

    /// The `.qdpx` archive: `project.qde` and one UTF-8 text file (no byte-order mark) per excerpt.
    public func qdpx() -> [UInt8] {
        let guids = sourceGUIDs()
        var x = XMLBuilder()
        writeProject(&x, sources: guids) { _ in }
        var zip = ZipWriter()
        zip.add("project.qde", Array(x.take().utf8))
        addSources(&zip, guids)
        return zip.finish()
    }

    private func addSources(_ zip: inout ZipWriter, _ guids: [String]) {
        for (k, e) in data.excerpts.enumerated() { zip.add("sources/\(guids[k]).txt", Array(source(of: e).text.utf8)) }
    }

    /// The same archive written to a file as it is made (atomically: a temporary file, then
    /// renamed): the project document goes out in pieces to a scratch file, is deflated from
    /// there, and each source is written as it is made, so memory does not grow with the study
    /// beyond the dataset itself. Returns the archive's size in bytes.
    @discardableResult
    public func writeQDPX(to url: URL, overwrite: Bool) throws(ExportError) -> Int {
        // Refused before the work, not after it (minutes for a large study).
        try AtomicFile.check(url, overwrite: overwrite)
        let dir = url.deletingLastPathComponent()
        let document = try ScratchFile(in: dir), deflated = try ScratchFile(in: dir)
        let guids = sourceGUIDs()
        var x = XMLBuilder()
        var failed = false
        writeProject(&x, sources: guids) { x in
            if x.pendingBytes >= 1 << 20, !failed { failed = !SafeFile.writeAll(document.fd, Array(x.take().utf8)) }
        }
        if failed || !SafeFile.writeAll(document.fd, Array(x.take().utf8)) {
            throw ExportError.cannotWrite(path: url.path, reason: SafeFile.reason())
        }
        var size = 0
        try AtomicFile.write(to: url, overwrite: overwrite) { fd throws(ExportError) in
            var zip = ZipWriter(writingTo: fd)
            try zip.add("project.qde", contentOf: document.fd, scratch: deflated.fd)
            addSources(&zip, guids)
            _ = zip.finish()
            guard !zip.failed else { throw ExportError.cannotWrite(path: url.path, reason: SafeFile.reason()) }
            size = Int(lseek(fd, 0, SEEK_CUR))
        }
        return size
    }
}

/// A file for intermediate bytes, removed from its folder as soon as it is made: nothing is
/// left behind whatever happens, and its space is freed when it is closed.
final class ScratchFile {
    let fd: Int32

    init(in dir: URL) throws(ExportError) {
        var fd: Int32 = -1
        for _ in 0..<10 where fd < 0 {
            let path = dir.appendingPathComponent(".case-explorer-scratch-\(SafeFile.randomName(12))").path
            fd = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { unlink(path) } else if errno != EEXIST { break }
        }
        guard fd >= 0 else { throw ExportError.cannotWrite(path: dir.path, reason: SafeFile.reason()) }
        self.fd = fd
    }

    deinit { close(fd) }
}
