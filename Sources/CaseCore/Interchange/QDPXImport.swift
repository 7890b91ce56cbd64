import Foundation

/// A `.qdpx` archive read into memory: its project and the text of its sources.
public struct QDPXArchive {
    public let name: String
    public let project: RefiProject
    private let zip: ZipReader

    public static func read(_ url: URL, limits: ZipReader.Limits = .init()) throws(JournalError) -> QDPXArchive {
        let name = url.lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw JournalError("\(url.path): no such file, or it cannot be read.") }
        let head = [UInt8](handle.readData(ofLength: 4))
        try? handle.close()
        guard head == ZipReader.zipSignature else {
            throw JournalError("\(name): not a .qdpx (a REFI-QDA project is a ZIP archive, and this file is not one); for a codebook (.qdc) use `case-explorer import qdc`.")
        }
        let zip = try ZipReader(url: url, name: name, limits: limits)
        guard let qde = zip.files.first(where: { $0.name.lowercased() == "project.qde" })?.bytes else {
            throw JournalError("\(name): the archive has no project.qde at its top; is this a REFI-QDA project?")
        }
        return QDPXArchive(name: name, project: try RefiProject.parse(qde, name: name), zip: zip)
    }

    /// A source's text as the other program wrote it (a byte-order mark removed and noted), or
    /// nil with the reason it cannot be read.
    public func text(of source: RefiProject.Source) -> Result<(text: String, hadBOM: Bool), JournalError> {
        var bytes: [UInt8]
        if let path = source.plainTextPath, path.hasPrefix("internal://") {
            let file = String(path.dropFirst("internal://".count))
            guard ZipReader.unsafe(file) == nil, let b = zip.file("sources/\(file)") else {
                return .failure(JournalError("its text file \(ZipReader.visible(path)) is not in the archive"))
            }
            bytes = b
        } else if let content = source.content {
            bytes = Array(content.utf8)
        } else if let path = source.plainTextPath {
            return .failure(JournalError("its text lies outside the archive (\(ZipReader.visible(path))), which is not read"))
        } else {
            return .failure(JournalError("it has no text"))
        }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(JournalError("its text is not valid UTF-8")) }
        return .success((text, bom))
    }
}

/// What an imported project would add to the coders' journals: decisions, memos and statuses
/// per user, every selection checked against the excerpt it claims to code.
public struct QDPXImportPlan: Sendable {
    public struct User: Sendable {
        public var coder: String
        public var events: [CodingEvent]
        public var excerpts: Int
    }
    public var users: [User] = []
    public var sources = 0
    public var byGUID = 0
    public var byName = 0
    /// Sources that are none of our excerpts, with why.
    public var unmatched: [String] = []
    /// Selections that cover only part of an excerpt, or none of it: reported, not widened.
    public var partial: [String] = []
    public var outside: [String] = []
    /// Codes of the file that match none of ours, with how many codings use them.
    public var unknownCodes: [(name: String, guid: String, uses: Int)] = []
    public var skippedUsers: [String] = []
    public var notes: [String] = []
}

public enum QDPXImport {
    /// Plans the import of `archive` into coders' journals over `data`; `users` limits it to
    /// those user names.
    public static func plan(_ archive: QDPXArchive, data: Dataset, users wanted: Set<String>? = nil) -> QDPXImportPlan {
        let p = archive.project
        var plan = QDPXImportPlan()
        plan.sources = p.sources.count
        var excerptByGUID: [String: String] = [:]
        for e in data.excerpts { excerptByGUID[RefiExport.guid("source", e.id).lowercased()] = e.id }
        let codeByGUID = Dictionary(data.codes.map { (RefiExport.guid("code", $0.id).lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        let codeByName = Dictionary(data.codes.flatMap { [($0.name.lowercased().trimmingCharacters(in: .whitespaces), $0.id), ($0.id.lowercased(), $0.id)] }, uniquingKeysWith: { a, _ in a })
        let fileCodes = Dictionary(p.codes.map { ($0.guid, $0) }, uniquingKeysWith: { a, _ in a })
        func ourCode(_ guid: String) -> String? {
            if let id = codeByGUID[guid] { return id }
            guard let c = fileCodes[guid] else { return nil }
            return codeByName[c.name.lowercased().trimmingCharacters(in: .whitespaces)]
        }
        // Users: their names become coder names; the report's own coding is never written.
        var coderOf: [String: String] = [:]
        for guid in p.userOrder {
            let name = (p.users[guid] ?? "").trimmingCharacters(in: .whitespaces)
            if let wanted, !wanted.contains(name) { continue }
            if name == Dataset.referenceCoder { plan.skippedUsers.append("\(name): the report's own coding (in the data already), not written to a journal"); continue }
            do { try Workspace.checkCoderName(name) } catch { plan.skippedUsers.append("\(ZipReader.visible(name)): \(error.message)"); continue }
            coderOf[guid] = Workspace.canonical(name)
        }
        if let wanted {
            let names = Set(p.users.values.map { $0.trimmingCharacters(in: .whitespaces) })
            for name in wanted.sorted() where !names.contains(name) { plan.notes.append("the file has no user \"\(ZipReader.visible(name))\" (its users: \(names.sorted().map(ZipReader.visible).joined(separator: ", ")))") }
        }
        var anonymous = 0
        let statusSets = p.sets.compactMap { s in RefiProject.statusSet(s.name).map { ($0.status, $0.coder, Set(s.sources)) } }
        // Per coder and excerpt: codes, code memos, memo, status and the latest time.
        struct Decision { var codes = Set<String>(); var codeMemos: [String: String] = [:]; var memo: [String] = []; var status: ReviewStatus?; var time: String?; var coded = false; var partial = false }
        var decisions: [String: [String: Decision]] = [:]
        var unknown: [String: Int] = [:]
        func later(_ a: String?, _ b: String?) -> String? {
            guard let b = b.flatMap(normalTime) else { return a }
            guard let a else { return b }
            return max(a, b)
        }
        for source in p.sources {
            let label = ZipReader.visible(source.name.isEmpty ? source.guid : source.name)
            let excerptId: String
            if let id = excerptByGUID[source.guid] {
                excerptId = id
                plan.byGUID += 1
            } else if let id = matchByName(source.name, data) {
                excerptId = id
                plan.byName += 1
            } else {
                if !source.selections.isEmpty { plan.unmatched.append("\(label): no excerpt of this project has this GUID or name; its \(source.selections.count) selection(s) were not imported") }
                continue
            }
            guard let excerpt = data.excerpt(excerptId) else { continue }
            let text: (text: String, hadBOM: Bool)
            switch archive.text(of: source) {
            case let .success(t): text = t
            case let .failure(why):
                plan.unmatched.append("\(label): \(why.message); its selections were not imported")
                continue
            }
            guard let views = SpanViews(source: text.text, bom: text.hadBOM, excerpt: excerpt.text) else {
                plan.unmatched.append("\(label): the text of excerpt \(excerptId) is not in this source (edited elsewhere?); its selections were not imported")
                continue
            }
            // A selection left out (no user, part of the excerpt…) means the file may code the
            // excerpt in ways not imported: a status alone then must not say "no codes".
            var leftOut = false
            for s in source.selections {
                let selectionUser = s.user ?? p.projectUser
                let users = Set(([selectionUser] + s.codings.map { $0.user ?? selectionUser }).compactMap { $0 })
                if users.isEmpty { anonymous += s.codings.count; leftOut = true; continue }
                guard users.contains(where: { coderOf[$0] != nil }) else { continue }
                let fit = views.classify(s.start..<s.end)
                if case .whole = fit {} else {
                    for u in users { if let coder = coderOf[u] { decisions[coder, default: [:]][excerptId, default: Decision()].partial = true } }
                }
                switch fit {
                case .partial(let range):
                    plan.partial.append("\(label) (\(excerptId)): \(name(of: s.user, p)) selected \(s.start)–\(s.end), the excerpt is \(range.lowerBound)–\(range.upperBound); not imported")
                    continue
                case .outside:
                    plan.outside.append("\(label) (\(excerptId)): \(name(of: s.user, p)) selected \(s.start)–\(s.end), outside the excerpt; not imported")
                    continue
                case .whole:
                    break
                }
                var memo: [String] = []
                if let d = s.description?.trimmingCharacters(in: .whitespacesAndNewlines), !d.isEmpty { memo.append(d) }
                for ref in s.notes { if let n = p.notes[ref]?.text.trimmingCharacters(in: .whitespacesAndNewlines), !n.isEmpty, !memo.contains(n) { memo.append(n) } }
                if let u = selectionUser, let coder = coderOf[u], !memo.isEmpty {
                    var d = decisions[coder, default: [:]][excerptId] ?? Decision()
                    for m in memo where !d.memo.contains(m) { d.memo.append(m) }
                    d.time = later(d.time, s.time)
                    decisions[coder, default: [:]][excerptId] = d
                }
                for c in s.codings {
                    guard let u = c.user ?? selectionUser, let coder = coderOf[u] else { continue }
                    guard let code = ourCode(c.code) else { unknown[c.code, default: 0] += 1; continue }
                    var d = decisions[coder, default: [:]][excerptId] ?? Decision()
                    d.codes.insert(code)
                    d.coded = true
                    d.time = later(later(d.time, s.time), c.time)
                    if let m = c.notes.compactMap({ p.notes[$0]?.text.trimmingCharacters(in: .whitespacesAndNewlines) }).first(where: { !$0.isEmpty }) { d.codeMemos[code] = m }
                    decisions[coder, default: [:]][excerptId] = d
                }
            }
            for (status, setCoder, members) in statusSets where members.contains(source.guid) {
                let coder = Workspace.canonical(setCoder)
                guard coderOf.values.contains(coder) else { continue }
                var d = decisions[coder, default: [:]][excerptId] ?? Decision()
                d.status = status
                if leftOut { d.partial = true }
                decisions[coder, default: [:]][excerptId] = d
            }
        }
        if anonymous > 0 { plan.notes.append("\(anonymous) coding(s) name no user (and the project no creating user); not imported") }
        plan.partial = unique(plan.partial)
        plan.outside = unique(plan.outside)
        plan.unknownCodes = unknown.map { (fileCodes[$0.key]?.name ?? $0.key, $0.key, $0.value) }.sorted { $0.name < $1.name }
        for coder in decisions.keys.sorted() {
            var events: [CodingEvent] = []
            let mine = decisions[coder]!
            for excerpt in data.excerpts.map(\.id) where mine[excerpt] != nil {
                let d = mine[excerpt]!
                let time = d.time ?? ""
                if !d.coded, d.partial, let status = d.status {
                    // Part of the excerpt coded, or codings left out: the status travels, not "no codes".
                    events.append(CodingEvent(time: time, coder: coder, excerpt: excerpt, action: .status, status: status))
                } else if d.coded || d.status != nil {
                    events.append(CodingEvent(time: time, coder: coder, excerpt: excerpt, action: .set, codes: d.codes.sorted(), status: d.status))
                }
                if !d.memo.isEmpty { events.append(CodingEvent(time: time, coder: coder, excerpt: excerpt, action: .memo, memo: d.memo.joined(separator: "\n\n"))) }
                for (code, m) in d.codeMemos.sorted(by: { $0.key < $1.key }) {
                    events.append(CodingEvent(time: time, coder: coder, excerpt: excerpt, action: .memo, code: code, memo: m))
                }
            }
            plan.users.append(.init(coder: coder, events: events, excerpts: mine.count))
        }
        if p.users.isEmpty { plan.notes.append("the project names no users; codings without a user were not imported") }
        return plan
    }

    /// The events that change a coder's current coding and were not imported before: importing
    /// the same file twice adds nothing.
    public static func fresh(_ events: [CodingEvent], state: CodingState, existing: [CodingEvent]) -> [CodingEvent] {
        let before = Set(existing.filter { $0.imported != nil }.map(signature))
        var preview = state
        var out: [CodingEvent] = []
        for e in events where !before.contains(signature(e)) {
            let old = preview[e.excerpt]
            var probe = e
            probe.id = "import-\(out.count)"
            preview.apply(probe)
            let new = preview[e.excerpt]
            if old.codes != new.codes || old.status != new.status || old.memo != new.memo || old.codeMemos != new.codeMemos { out.append(e) }
        }
        return out
    }

    static func signature(_ e: CodingEvent) -> String {
        let time = normalTime(e.time) ?? ""
        return [e.excerpt, e.action.rawValue, e.code ?? "", (e.codes ?? []).joined(separator: ","), e.status?.rawValue ?? "", e.memo ?? "", time].joined(separator: "\u{1F}")
    }

    static func unique(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }

    /// A time as the journal writes it (milliseconds, UTC), or nil when it is not ISO 8601 UTC.
    static func normalTime(_ s: String) -> String? { Journal.milliseconds(s).map { Journal.timestamp(milliseconds: $0) } }

    static func name(of user: String?, _ p: RefiProject) -> String {
        user.flatMap { p.users[$0] }.map { ZipReader.visible($0) } ?? "a user"
    }

    /// An excerpt by the source's name: the id itself, or with `.txt` after it (as we write it).
    static func matchByName(_ name: String, _ data: Dataset) -> String? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if data.excerpt(trimmed) != nil { return trimmed }
        if trimmed.lowercased().hasSuffix(".txt") {
            let base = String(trimmed.dropLast(4))
            if data.excerpt(base) != nil { return base }
        }
        return nil
    }
}

/// Where an excerpt stands in a source, counted as the other program may have counted: code
/// points from the start of the text, with or without a byte-order mark, CRLF as one or two.
struct SpanViews {
    enum Fit { case whole, partial(Range<Int>), outside }
    private var ranges: [Range<Int>] = []

    init?(source: String, bom: Bool, excerpt: String) {
        let plain = Array(source.unicodeScalars)
        var candidates: [([Unicode.Scalar], String)] = [(plain, excerpt)]
        if source.contains("\r\n") {
            candidates.append((Array(source.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars), excerpt))
            candidates[0].1 = excerpt.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        }
        // Every place the excerpt's text stands (a lead-in may quote it before the excerpt).
        for (text, needle) in candidates {
            for r in Self.occurrences(Array(needle.unicodeScalars), in: text) {
                ranges.append(r)
                if bom { ranges.append((r.lowerBound + 1)..<(r.upperBound + 1)) }
            }
        }
        if ranges.isEmpty { return nil }
    }

    func classify(_ s: Range<Int>) -> Fit {
        if ranges.contains(where: { s.lowerBound <= $0.lowerBound && s.upperBound >= $0.upperBound }) { return .whole }
        if let r = ranges.first(where: { s.overlaps($0) }) { return .partial(r) }
        return .outside
    }

    static func occurrences(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], limit: Int = 16) -> [Range<Int>] {
        guard !needle.isEmpty, needle.count <= hay.count else { return [] }
        let first = needle[0]
        var found: [Range<Int>] = []
        var i = 0
        while i + needle.count <= hay.count, found.count < limit {
            if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) { found.append(i..<(i + needle.count)) }
            i += 1
        }
        return found
    }
}
