import Foundation

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
        let codeByGUID = Dictionary(
            data.codes.map { (RefiExport.guid("code", $0.id).lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        let codeByName = Dictionary(
            data.codes.flatMap {
                [($0.name.lowercased().trimmingCharacters(in: .whitespaces), $0.id), ($0.id.lowercased(), $0.id)]
            }, uniquingKeysWith: { a, _ in a })
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
            if name == Dataset.referenceCoder {
                plan.skippedUsers.append(
                    "\(name): the report's own coding (in the data already), not written to a journal");
                continue
            }
            do { try Workspace.checkCoderName(name) } catch {
                plan.skippedUsers.append("\(ZipReader.visible(name)): \(error.message)"); continue
            }
            coderOf[guid] = Workspace.canonical(name)
        }
        if let wanted {
            let names = Set(p.users.values.map { $0.trimmingCharacters(in: .whitespaces) })
            for name in wanted.sorted() where !names.contains(name) {
                plan.notes.append(
                    "the file has no user \"\(ZipReader.visible(name))\" (its users: "
                        + "\(names.sorted().map(ZipReader.visible).joined(separator: ", ")))"
                )
            }
        }
        var anonymous = 0
        let statusSets = p.sets.compactMap { s in
            RefiProject.statusSet(s.name).map { ($0.status, $0.coder, Set(s.sources)) }
        }
        // Per coder and excerpt: codes, code memos, memo, status and the latest time.
        struct Decision {
            var codes = Set<String>(); var codeMemos: [String: String] = [:]; var memo: [String] = [];
            var status: ReviewStatus?; var time: String?; var coded = false; var partial = false
        }
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
                if !source.selections.isEmpty {
                    plan.unmatched.append(
                        "\(label): no excerpt of this project has this GUID or name; its \(source.selections.count) "
                            + "selection(s) were not imported"
                    )
                }
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
                plan.unmatched.append(
                    "\(label): the text of excerpt \(excerptId) is not in this source (edited elsewhere?); its "
                        + "selections were not imported"
                )
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
                if case .whole = fit {
                } else {
                    for u in users {
                        if let coder = coderOf[u] {
                            decisions[coder, default: [:]][excerptId, default: Decision()].partial = true
                        }
                    }
                }
                switch fit {
                case .partial(let range):
                    plan.partial.append(
                        "\(label) (\(excerptId)): \(name(of: s.user, p)) selected \(s.start)–\(s.end), the excerpt is "
                            + "\(range.lowerBound)–\(range.upperBound); not imported"
                    )
                    continue
                case .outside:
                    plan.outside.append(
                        "\(label) (\(excerptId)): \(name(of: s.user, p)) selected \(s.start)–\(s.end), outside the "
                            + "excerpt; not imported"
                    )
                    continue
                case .whole:
                    break
                }
                var memo: [String] = []
                if let d = s.description?.trimmingCharacters(in: .whitespacesAndNewlines), !d.isEmpty { memo.append(d) }
                for ref in s.notes {
                    if let n = p.notes[ref]?.text.trimmingCharacters(in: .whitespacesAndNewlines), !n.isEmpty,
                        !memo.contains(n)
                    {
                        memo.append(n)
                    }
                }
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
                    if let m = c.notes.compactMap({ p.notes[$0]?.text.trimmingCharacters(in: .whitespacesAndNewlines) })
                        .first(where: { !$0.isEmpty })
                    {
                        d.codeMemos[code] = m
                    }
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
        if anonymous > 0 {
            plan.notes.append("\(anonymous) coding(s) name no user (and the project no creating user); not imported")
        }
        plan.partial = unique(plan.partial)
        plan.outside = unique(plan.outside)
        plan.unknownCodes = unknown.map { (fileCodes[$0.key]?.name ?? $0.key, $0.key, $0.value) }.sorted {
            $0.name < $1.name
        }
        for coder in decisions.keys.sorted() {
            var events: [CodingEvent] = []
            let mine = decisions[coder]!
            for excerpt in data.excerpts.map(\.id) where mine[excerpt] != nil {
                let d = mine[excerpt]!
                let time = d.time ?? ""
                if !d.coded, d.partial, let status = d.status {
                    // Part of the excerpt coded, or codings left out: the status travels, not "no codes".
                    events.append(
                        CodingEvent(time: time, coder: coder, excerpt: excerpt, action: .status, status: status))
                } else if d.coded || d.status != nil {
                    events.append(
                        CodingEvent(
                            time: time, coder: coder, excerpt: excerpt, action: .set, codes: d.codes.sorted(),
                            status: d.status))
                }
                if !d.memo.isEmpty {
                    events.append(
                        CodingEvent(
                            time: time, coder: coder, excerpt: excerpt, action: .memo,
                            memo: d.memo.joined(separator: "\n\n")))
                }
                for (code, m) in d.codeMemos.sorted(by: { $0.key < $1.key }) {
                    events.append(
                        CodingEvent(time: time, coder: coder, excerpt: excerpt, action: .memo, code: code, memo: m))
                }
            }
            plan.users.append(.init(coder: coder, events: events, excerpts: mine.count))
        }
        // A user with nothing to bring (QualCoder's "default" after it imported our file) is
        // named, so the count of users in the summary adds up.
        for guid in p.userOrder {
            guard let coder = coderOf[guid], decisions[coder] == nil else { continue }
            plan.skippedUsers.append(
                "\(ZipReader.visible(p.users[guid] ?? coder)): no codings or memos on this project's excerpts")
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
            if old.codes != new.codes || old.status != new.status || old.memo != new.memo
                || old.codeMemos != new.codeMemos
            {
                out.append(e)
            }
        }
        return out
    }

    static func signature(_ e: CodingEvent) -> String {
        let time = normalTime(e.time) ?? ""
        return [
            e.excerpt, e.action.rawValue, e.code ?? "", (e.codes ?? []).joined(separator: ","),
            e.status?.rawValue ?? "", e.memo ?? "", time
        ].joined(separator: "\u{1F}")
    }

    static func unique(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }

    /// A time as the journal writes it (milliseconds, UTC), or nil when it is not ISO 8601 UTC.
    static func normalTime(_ s: String) -> String? {
        Journal.milliseconds(s).map { Journal.timestamp(milliseconds: $0) }
    }

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
