import Foundation

/// A REFI-QDA project made elsewhere turned into a data folder this program opens
/// (`import qdpx FILE --new DIR`): `DIR/cases` (the data) and `DIR/workspace` (the journals).
///
/// - each distinct coded span of a text source becomes an excerpt, verbatim, with the source's
///   name and the span (code points) as its section and the span's lines as its provenance;
/// - the project's codebook becomes the codebook (ids made from the names);
/// - the project's cases become chains of one county (what the filters, `--chain`, and the
///   matrices, `--by chain`, group by); an excerpt of a source a case links is attributed to it
///   (`stated`, with the link as evidence); the case's variables are written in its description;
/// - a source's variables become the speaker's role ("variable: value; …", so `--role` finds them);
/// - each user's codings (and memos) become that user's journal.
/// What has no place — pictures, PDF, audio, video, links, graphs, sources that cannot be read —
/// is counted in the report.
public enum ForeignProject {
    public struct Report: Sendable {
        public var excerpts = 0
        public var codes = 0
        public var cases = 0
        public var journals: [(coder: String, decisions: Int, memos: Int)] = []
        public var uncodedSources = 0
        public var unreadable: [String] = []
        public var unknownCodes = 0
        /// Selections whose span does not lie inside their source's text.
        public var outOfRange = 0
        public var skippedUsers: [String] = []
        public var unsupported: [String: Int] = [:]
    }

    public static func write(_ archive: QDPXArchive, to dir: URL) throws(InterchangeError) -> Report {
        let p = archive.project
        var report = Report()
        report.unsupported = p.unsupported
        let cases = dir.appendingPathComponent("cases")
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: dir.path), !existing.isEmpty {
            throw InterchangeError.folderNotEmpty(path: dir.path)
        }
        if let why = SafeFile.makeFolders(cases.path) {
            throw InterchangeError.writing(.cannotWrite(path: cases.path, reason: why))
        }
        // Codes: ids from names, unique; parents by GUID.
        var codeId: [String: String] = [:]
        var used = Set<String>()
        for c in p.codes {
            var id = ImportedCodebook.slug(c.name), n = 2
            let base = id
            while used.contains(id) { id = "\(base)-\(n)"; n += 1 }
            used.insert(id)
            codeId[c.guid] = id
        }
        let codes: [JSONValue] = p.codes.map { c in
            var o = JSONObjectBuilder()
            o.set("id", codeId[c.guid]!)
            o.set("name", c.name)
            let description = c.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            o.set("description", description.isEmpty ? "Ingen beskrivelse i \(archive.name)." : description)
            o.set("color", c.color.flatMap { Code.isValidColor($0) ? $0 : ImportedCodebook.expand($0) } ?? "#808080")
            o.set("parent", c.parent.flatMap { codeId[$0] })
            o.set("researchQuestions", .array([]))
            return o.value
        }
        report.codes = codes.count
        // Cases → chains of one county.
        var chainOf: [String: (id: String, name: String)] = [:]
        // A case may name selections instead of sources: the source holding the selection.
        var sourceOfSelection: [String: String] = [:]
        for source in p.sources { for s in source.selections { sourceOfSelection[s.guid] = source.guid } }
        var chains: [JSONValue] = []
        var usedChains = Set<String>()
        for c in p.cases {
            var id = "sak-" + ImportedCodebook.slug(c.name.isEmpty ? c.guid : c.name), n = 2
            let base = id
            while usedChains.contains(id) { id = "\(base)-\(n)"; n += 1 }
            usedChains.insert(id)
            let values = c.values.map { "\(p.variables[$0.variable] ?? "variabel"): \($0.value)" }.joined(
                separator: "; ")
            var o = JSONObjectBuilder()
            o.set("id", id)
            o.set("county", 1)
            o.set("name", c.name.isEmpty ? id : c.name)
            o.set("description", values.isEmpty ? "Case i \(archive.name)." : "Case i \(archive.name). \(values)")
            chains.append(o.value)
            for s in c.sources + c.selections.compactMap({ sourceOfSelection[$0] }) where chainOf[s] == nil {
                chainOf[s] = (id, c.name)
            }
        }
        report.cases = chains.count
        // Users → coders.
        var coderOf: [String: String] = [:]
        for guid in p.userOrder {
            let name = (p.users[guid] ?? "").trimmingCharacters(in: .whitespaces)
            do { try Workspace.checkCoderName(name); coderOf[guid] = Workspace.canonical(name) } catch {
                report.skippedUsers.append("\(ZipReader.visible(name)): \(error.message)")
            }
        }
        // Sources → excerpts, one per distinct span; lines counted over all sources in order.
        var excerpts: [JSONValue] = []
        var events: [String: [CodingEvent]] = [:]
        var lineBase = 0
        var usedIds = Set<String>()
        for source in p.sources {
            let text: String
            switch archive.text(of: source) {
            case let .success(t): text = t.text
            case let .failure(why):
                report.unreadable.append("\(ZipReader.visible(source.name)): \(why.message)")
                continue
            }
            let scalars = Array(text.unicodeScalars)
            var lineStarts = [0]
            for (i, s) in scalars.enumerated() where s == "\n" { lineStarts.append(i + 1) }
            func line(_ offset: Int) -> Int { lineBase + (lineStarts.lastIndex { $0 <= offset } ?? 0) + 1 }
            defer { lineBase += lineStarts.count }
            let spans = source.selections.filter { $0.end <= scalars.count && $0.end > $0.start }
            report.outOfRange += source.selections.count - spans.count
            if spans.isEmpty { report.uncodedSources += 1; continue }
            let role = source.values.map { "\(p.variables[$0.variable] ?? "variabel"): \($0.value)" }.joined(
                separator: "; ")
            var idOfSpan: [Range<Int>: String] = [:]
            for s in spans {
                let span = s.start..<s.end
                let excerptId: String
                if let id = idOfSpan[span] {
                    excerptId = id
                } else {
                    let slug = ImportedCodebook.slug(source.name.isEmpty ? "kilde" : source.name)
                    var id = "\(slug)-\(idOfSpan.count + 1)", n = 2
                    let base = id
                    while usedIds.contains(id) { id = "\(base)-\(n)"; n += 1 }
                    usedIds.insert(id)
                    idOfSpan[span] = id
                    excerptId = id
                    var v = String.UnicodeScalarView()
                    v.append(contentsOf: scalars[span])
                    let first = line(s.start), last = max(first, line(max(s.start, s.end - 1)))
                    var e = JSONObjectBuilder()
                    e.set("id", id)
                    e.set("kind", "interview")
                    e.set("form", "block")
                    e.set("text", String(v))
                    var loc = JSONObjectBuilder()
                    loc.set("section", "\(source.name), tegn \(s.start)–\(s.end) (\(archive.name))")
                    loc.set("page", .null)
                    loc.set("lines", .array([.number(Double(first)), .number(Double(last))]))
                    e.set("source", loc.value)
                    var speaker = JSONObjectBuilder()
                    speaker.set("role", role.isEmpty ? "ukjent" : role)
                    e.set("speaker", speaker.value)
                    var attribution = JSONObjectBuilder()
                    if let chain = chainOf[source.guid] {
                        attribution.set("county", 1)
                        attribution.set("chain", chain.id)
                        attribution.set("confidence", "stated")
                        var evidence = JSONObjectBuilder()
                        evidence.set(
                            "text", "I \(archive.name) knytter casen «\(chain.name)» kilden «\(source.name)» til seg.")
                        evidence.set("lines", .array([.number(Double(first)), .number(Double(first))]))
                        attribution.set("evidence", evidence.value)
                    } else {
                        attribution.set("confidence", "unknown")
                    }
                    e.set("attribution", attribution.value)
                    excerpts.append(e.value)
                }
                let selectionUser = s.user ?? p.projectUser
                let memo = ([s.description] + s.notes.map { p.notes[$0]?.text }).compactMap {
                    $0?.trimmingCharacters(in: .whitespacesAndNewlines)
                }.filter { !$0.isEmpty }
                for c in s.codings {
                    guard let u = c.user ?? selectionUser, let coder = coderOf[u] else { continue }
                    guard let code = codeId[c.code] else { report.unknownCodes += 1; continue }
                    let time = (c.time ?? s.time).flatMap(QDPXImport.normalTime) ?? ""
                    events[coder, default: []].append(
                        CodingEvent(time: time, coder: coder, excerpt: excerptId, action: .apply, code: code))
                }
                if let u = selectionUser, let coder = coderOf[u], !memo.isEmpty {
                    events[coder, default: []].append(
                        CodingEvent(
                            time: s.time.flatMap(QDPXImport.normalTime) ?? "", coder: coder, excerpt: excerptId,
                            action: .memo, memo: memo.joined(separator: "\n\n")))
                }
            }
        }
        report.excerpts = excerpts.count
        guard !excerpts.isEmpty else {
            try? fm.removeItem(at: dir)
            throw InterchangeError.unusable(
                file: archive.name,
                detail: "no coded text selection in the project, so there is nothing to explore; nothing was written.")
        }
        var county = JSONObjectBuilder()
        county.set("id", 1)
        county.set("name", p.name.isEmpty ? archive.name : p.name)
        county.set("organisation", "Prosjektet \(archive.name)\(p.origin.map { ", laget med \($0)" } ?? "").")
        var study = JSONObjectBuilder()
        study.set("id", "import-" + ImportedCodebook.slug(archive.name))
        study.set("title", p.name.isEmpty ? archive.name : p.name)
        study.set("report", "Importert fra \(archive.name)\(p.origin.map { " (\($0))" } ?? "")")
        study.set("sourceFile", archive.name)
        study.set("sourceLineCount", max(1, lineBase))
        try writeData(
            cases.appendingPathComponent("study.json"), [("study", study.value), ("researchQuestions", .array([]))])
        try writeData(cases.appendingPathComponent("codebook.json"), [("codes", .array(codes))])
        try writeData(
            cases.appendingPathComponent("cases.json"),
            [
                ("counties", .array([county.value])), ("chains", .array(chains)), ("actors", .array([])),
                ("informants", .array([]))
            ])
        try writeData(
            cases.appendingPathComponent("excerpts.json"), [("excerpts", .array(excerpts)), ("codings", .array([]))])
        let workspace = Workspace(root: dir.appendingPathComponent("workspace"))
        for (coder, list) in events.sorted(by: { $0.key < $1.key }) {
            do {
                let journal = try Journal(workspace: workspace, coder: coder)
                try journal.appendImported(list, from: archive.name)
            } catch { throw InterchangeError.journal(error) }
            report.journals.append(
                (coder, list.filter { $0.action != .memo }.count, list.filter { $0.action == .memo }.count))
        }
        return report
    }

    private static func writeData(_ url: URL, _ members: [(String, JSONValue)]) throws(InterchangeError) {
        var o = JSONObjectBuilder()
        o.set("format", DataFolder.formatVersion)
        for (k, v) in members { o.set(k, v) }
        do { try AtomicFile.write(Array((JSONWriter.write(o.value) + "\n").utf8), to: url, overwrite: false) } catch {
            throw InterchangeError.writing(error)
        }
    }
}
