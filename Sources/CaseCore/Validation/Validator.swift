/// Checks referential integrity across all files of a data folder. Every problem is reported
/// with the file and JSON path of the entity at fault.
struct Validator {
    let parts: Parts
    /// Only its entities' lookups are read (not the excerpts'), so the checks can run while the
    /// loader builds those (see `Dataset.init(loading:)`).
    let dataset: Dataset
    private var found: [Problem] = []
    /// Every id in the shared namespace and what claimed it first (filled by `checkUniqueIds`).
    private var owner: [String: Owner] = [:]
    /// Excerpt ids first claimed by a chain, actor or informant: the excerpt exists all the same.
    private var shadowedExcerpts: Set<String> = []

    /// What claimed an id first; an excerpt by its position (its place is written out only if
    /// reported).
    private enum Owner {
        case located(what: String, file: String, path: String)
        case excerpt(Int)
    }

    init(parts: Parts, dataset: Dataset) {
        self.parts = parts
        self.dataset = dataset
    }

    func problems() -> [Problem] {
        var v = self
        v.checkUniqueIds()
        v.checkChains()
        v.checkActors()
        v.checkInformants()
        v.checkExcerpts()
        v.checkCodes()
        v.checkCodings()
        v.checkContext()
        v.checkRelatedReports()
        return v.found
    }

    private mutating func report(_ file: String, _ path: String, _ message: String) {
        found.append(Problem(file: file, path: path, .inconsistent(message)))
    }

    private mutating func report<T>(_ item: Located<T>, _ member: String? = nil, _ message: String) {
        report(item.file, member.map { "\(item.path).\($0)" } ?? item.path, message)
    }

    private mutating func report(_ origins: Origins, _ i: Int, _ member: String? = nil, _ message: String) {
        let (file, path) = origins.location(i)
        report(file, member.map { "\(path).\($0)" } ?? path, message)
    }

    // MARK: ids

    private mutating func checkUniqueIds() {
        func unique<T, K: Hashable>(_ items: [Located<T>], _ what: String, _ key: (T) -> K) {
            var first: [K: Located<T>] = [:]
            for item in items {
                if let earlier = first[key(item.value)] {
                    report(
                        item, "id",
                        "duplicate \(what) id \"\(key(item.value))\" (first at \(earlier.file): \(earlier.path))")
                } else {
                    first[key(item.value)] = item
                }
            }
        }
        unique(parts.counties, "county") { $0.id }
        unique(parts.researchQuestions, "research question") { $0.id }
        unique(parts.attentionPoints, "attention point") { $0.id }
        unique(parts.surveyTables, "survey table") { $0.id }
        // Chains, actors, informants, excerpts and codes share one namespace so that `show ID`
        // is never ambiguous.
        owner.reserveCapacity(parts.excerpts.count + parts.actors.count + parts.codes.count)
        let origins = parts.excerptOrigins
        func place(_ o: Owner) -> (what: String, file: String, path: String) {
            switch o {
            case let .located(what, file, path): return (what, file, path)
            case let .excerpt(i):
                let (file, path) = origins.location(i)
                return ("excerpt", file, path)
            }
        }
        func claim<T>(_ items: [Located<T>], _ what: String, _ id: (T) -> String) {
            for item in items {
                let key = id(item.value)
                if let claimed = owner[key] {
                    let earlier = place(claimed)
                    let same = earlier.what == what ? "duplicate \(what) id" : "the \(what) id"
                    let tail = earlier.what == what ? "" : " is already used by a \(earlier.what)"
                    report(item, "id", "\(same) \"\(key)\"\(tail) (first at \(earlier.file): \(earlier.path))")
                } else {
                    owner[key] = .located(what: what, file: item.file, path: item.path)
                }
            }
        }
        claim(parts.chains, "chain") { $0.id }
        claim(parts.actors, "actor") { $0.id }
        claim(parts.informants, "informant") { $0.id }
        for i in parts.excerpts.indices {
            let key = parts.excerpts[i].id
            if let claimed = owner[key] {
                let earlier = place(claimed)
                let (file, path) = origins.location(i)
                let same = earlier.what == "excerpt" ? "duplicate excerpt id" : "the excerpt id"
                let tail = earlier.what == "excerpt" ? "" : " is already used by a \(earlier.what)"
                report(file, "\(path).id", "\(same) \"\(key)\"\(tail) (first at \(earlier.file): \(earlier.path))")
                if earlier.what != "excerpt" { shadowedExcerpts.insert(key) }
            } else {
                owner[key] = .excerpt(i)
            }
        }
        claim(parts.codes, "code") { $0.id }
        claim(parts.relatedReports, "related report") { $0.id }
        // Source names: the report's (the study's id) and each other text's, each once.
        var sourceOwner: [String: String] = [:]
        if let study = parts.study.first {
            sourceOwner[study.value.id] = "the study (the report) at \(study.file): \(study.path)"
        }
        for item in parts.sources {
            if let earlier = sourceOwner[item.value.id] {
                report(item, "id", "the source id \"\(item.value.id)\" is already used by \(earlier)")
            } else {
                sourceOwner[item.value.id] = "a source at \(item.file): \(item.path)"
            }
        }
    }

    // MARK: structure

    /// Why a line range does not fit its source text (nil names the report), or nil when it fits.
    private func rangeProblem(_ range: LineRange?, source: String? = nil) -> String? {
        guard let range, let (file, count) = dataset.sourceFile(source), range.end > count else { return nil }
        guard let source, source != dataset.study.id else {
            return "line range \(range) lies outside the source, which has \(count) lines"
        }
        return "line range \(range) lies outside the source \"\(source)\" (\(file)), which has \(count) lines"
    }

    /// An evidence's problems as (member, message): an unknown source, or lines past its end.
    private func evidenceProblems(_ e: Evidence) -> [(member: String, message: String)] {
        if let source = e.source, dataset.sourceFile(source) == nil {
            return [
                (
                    "source",
                    "unknown source \"\(source)\" (the sources are \(dataset.sourceIDs.joined(separator: ", ")))"
                )
            ]
        }
        return rangeProblem(e.lines, source: e.source).map { [("lines", $0)] } ?? []
    }

    private mutating func checkLines<T>(_ item: Located<T>, _ member: String, _ range: LineRange?) {
        if let message = rangeProblem(range) { report(item, member, message) }
    }

    private mutating func checkEvidence<T>(_ item: Located<T>, _ evidence: [Evidence], member: String = "evidence") {
        for (i, e) in evidence.enumerated() { checkEvidence(item, e, member: "\(member)[\(i)]") }
    }

    private mutating func checkEvidence<T>(_ item: Located<T>, _ e: Evidence, member: String) {
        for p in evidenceProblems(e) { report(item, "\(member).\(p.member)", p.message) }
    }

    private mutating func checkChains() {
        for item in parts.chains {
            if dataset.county(item.value.county) == nil {
                report(item, "county", "unknown county \(item.value.county)")
            }
            checkEvidence(item, item.value.evidence)
        }
        for item in parts.counties { checkEvidence(item, item.value.evidence) }
    }

    private mutating func checkActors() {
        for item in parts.actors {
            let actor = item.value
            if dataset.county(actor.county) == nil { report(item, "county", "unknown county \(actor.county)") }
            if let chainId = actor.chain {
                if let chain = dataset.chain(chainId) {
                    if chain.county != actor.county {
                        report(
                            item, "chain",
                            "the chain \"\(chainId)\" belongs to county \(chain.county), not to county \(actor.county)")
                    }
                } else {
                    report(item, "chain", "unknown chain \"\(chainId)\"")
                }
            }
            if let parentId = actor.parent {
                if let parent = dataset.actor(parentId) {
                    if parent.county != actor.county {
                        report(
                            item, "parent",
                            "the parent \"\(parentId)\" is in county \(parent.county), not in county \(actor.county)")
                    }
                    if let pc = parent.chain, pc != actor.chain {
                        report(
                            item, "parent",
                            "the parent \"\(parentId)\" belongs to the chain \"\(pc)\", not to "
                                + "\(actor.chain.map { "\"\($0)\"" } ?? "the whole county")"
                        )
                    }
                    // Same level is allowed: a fagutvalg hangs under its samarbeidsforum.
                    if let pl = parent.level, let l = actor.level, pl > l {
                        report(
                            item, "parent",
                            "the parent \"\(parentId)\" (level \(pl)) is not above this \(actor.kind.rawValue) (level "
                                + "\(l)) in the grant chain"
                        )
                    }
                } else {
                    report(item, "parent", "the parent \"\(parentId)\" is missing: no actor has that id")
                }
            }
            checkEvidence(item, actor.evidence)
        }
        // Cycles in parent links would make a chain endless.
        let actorCycles = ParentLinks.cycleEntries(parts.actors.map(\.value.id)) { id in
            dataset.actor(id)?.parent.flatMap { dataset.actor($0) == nil ? nil : $0 }
        }
        for item in parts.actors {
            if let id = actorCycles[item.value.id] {
                report(item, "parent", "parent links form a cycle through \"\(id)\"")
            }
        }
    }

    private mutating func checkInformants() {
        for item in parts.informants {
            if dataset.actor(item.value.actor) == nil {
                report(item, "actor", "unknown actor \"\(item.value.actor)\"")
            }
            checkEvidence(item, item.value.evidence)
        }
    }

    private mutating func checkLines(_ origins: Origins, _ i: Int, _ member: String, _ range: LineRange?) {
        if let message = rangeProblem(range) { report(origins, i, member, message) }
    }

    private mutating func checkEvidence(_ origins: Origins, _ i: Int, _ e: Evidence, member: String) {
        for p in evidenceProblems(e) { report(origins, i, "\(member).\(p.member)", p.message) }
    }

    private mutating func checkExcerpts() {
        let o = parts.excerptOrigins
        // Field by field: a copy of the whole excerpt would retain each of its strings.
        for i in parts.excerpts.indices {
            checkLines(o, i, "source.lines", parts.excerpts[i].source.lines)
            for (k, other) in parts.excerpts[i].alsoAt.enumerated() {
                checkLines(o, i, "alsoAt[\(k)].lines", other.lines)
            }
            if let leadIn = parts.excerpts[i].leadIn { checkEvidence(o, i, leadIn, member: "leadIn") }
            if let informant = parts.excerpts[i].speaker.informant {
                if dataset.position(ofInformant: informant) == nil {
                    report(o, i, "speaker.informant", "unknown informant \"\(informant)\"")
                } else if parts.excerpts[i].attribution.confidence != .stated {
                    // Tying a quote to one person on inferred grounds overreaches and weakens the
                    // report's anonymity: the link is only for what the report states.
                    report(
                        o, i, "speaker.informant",
                        "names an informant, but the attribution is "
                            + "\(parts.excerpts[i].attribution.confidence.rawValue); "
                            + "an informant is linked only when the report states who speaks"
                    )
                }
            }
            checkAttribution(i, parts.excerpts[i].attribution)
        }
    }

    private mutating func checkAttribution(_ i: Int, _ a: Attribution) {
        let o = parts.excerptOrigins
        if let county = a.county, dataset.position(ofCounty: county) == nil {
            report(o, i, "attribution.county", "unknown county \(county)")
        }
        if let chainId = a.chain {
            if let chain = dataset.position(ofChain: chainId) {
                let chainCounty = dataset.chains[chain].county
                if a.county != chainCounty {
                    report(
                        o, i, "attribution.chain",
                        "the chain \"\(chainId)\" belongs to county \(chainCounty), "
                            + "but the attribution names \(a.county.map { "county \($0)" } ?? "no county")"
                    )
                }
            } else {
                report(o, i, "attribution.chain", "unknown chain \"\(chainId)\"")
            }
        }
        if let actorId = a.actor {
            if let actor = dataset.position(ofActor: actorId) {
                let actorCounty = dataset.actors[actor].county
                if a.county != actorCounty {
                    report(
                        o, i, "attribution.actor",
                        "the actor \"\(actorId)\" is in county \(actorCounty), "
                            + "but the attribution names \(a.county.map { "county \($0)" } ?? "no county")"
                    )
                }
                if let ac = dataset.actors[actor].chain, ac != a.chain {
                    report(
                        o, i, "attribution.actor",
                        "the actor \"\(actorId)\" belongs to the chain \"\(ac)\", but the attribution names "
                            + "\(a.chain.map { "\"\($0)\"" } ?? "no chain")"
                    )
                }
            } else {
                report(o, i, "attribution.actor", "unknown actor \"\(actorId)\"")
            }
        }
        switch a.confidence {
        case .stated, .inferred:
            if a.evidence.isEmpty {
                report(
                    o, i, "attribution.evidence",
                    "a \(a.confidence.rawValue) attribution needs the report's sentence as evidence")
            }
            if a.county == nil {
                report(o, i, "attribution.county", "a \(a.confidence.rawValue) attribution names at least a county")
            }
        case .unknown:
            if a.county != nil || a.chain != nil || a.actor != nil {
                report(
                    o, i, "attribution.confidence",
                    "an attribution with confidence \"unknown\" cannot name a county, chain or actor")
            }
        }
        for (k, ev) in a.evidence.enumerated() { checkEvidence(o, i, ev, member: "attribution.evidence[\(k)]") }
    }

    private mutating func checkCodes() {
        let questions = Set(dataset.researchQuestions.map(\.id))
        let codeCycles = ParentLinks.cycleEntries(parts.codes.map(\.value.id)) { id in
            dataset.code(id)?.parent.flatMap { dataset.code($0) == nil ? nil : $0 }
        }
        for item in parts.codes {
            let code = item.value
            if let parent = code.parent, dataset.code(parent) == nil {
                report(item, "parent", "the parent code \"\(parent)\" is missing: no code has that id")
            }
            for (i, q) in code.researchQuestions.enumerated() where !questions.contains(q) {
                report(item, "researchQuestions[\(i)]", "unknown research question \(q)")
            }
            if let id = codeCycles[code.id] { report(item, "parent", "parent links form a cycle through \"\(id)\"") }
        }
    }

    private mutating func checkCodings() {
        // Existence by position, not by copying the excerpt or code; a coder's coding of an
        // excerpt keyed by the pair, not by a string built for each coding.
        struct CoderExcerpt: Hashable {
            let coder: String
            let excerpt: String
        }
        var seen: [CoderExcerpt: Int] = [:]
        seen.reserveCapacity(parts.codings.count)
        let o = parts.codingOrigins
        for i in parts.codings.indices {
            let excerpt = parts.codings[i].excerpt, codes = parts.codings[i].codes
            if !excerptExists(excerpt) { report(o, i, "excerpt", "unknown excerpt \"\(excerpt)\"") }
            // A few codes are compared in place; a set for long lists keeps hostile input linear.
            var inThis: Set<String>? = codes.count > 16 ? [] : nil
            for k in codes.indices {
                let code = codes[k]
                if dataset.position(ofCode: code) == nil {
                    report(o, i, "codes[\(k)]", "the code \"\(code)\" is not in the codebook")
                }
                let twice = inThis == nil ? codes[..<k].contains(code) : !inThis!.insert(code).inserted
                if twice { report(o, i, "codes[\(k)]", "the code \"\(code)\" is listed twice") }
            }
            let key = CoderExcerpt(coder: parts.codings[i].coder, excerpt: excerpt)
            if let earlier = seen[key] {
                let (file, path) = o.location(earlier)
                report(o, i, nil, "a second coding of \"\(excerpt)\" by \"\(key.coder)\" (first at \(file): \(path))")
            } else {
                seen[key] = i
            }
        }
    }

    /// Whether an excerpt has this id (from the ids claimed by `checkUniqueIds`).
    private func excerptExists(_ id: String) -> Bool {
        if case .excerpt = owner[id] { return true }
        return shadowedExcerpts.contains(id)
    }

    private mutating func checkContext() {
        for item in parts.researchQuestions {
            checkLines(item, "lines", item.value.lines)
            for (i, p) in item.value.alsoAt.enumerated() { checkLines(item, "alsoAt[\(i)].lines", p.lines) }
            checkLines(item, "discussedIn.lines", item.value.discussedIn?.lines)
            checkEvidence(item, item.value.evidence)
        }
        for item in parts.attentionPoints {
            checkEvidence(item, item.value.evidence)
            checkLines(item, "lines", item.value.lines)
            for (i, p) in item.value.alsoAt.enumerated() { checkLines(item, "alsoAt[\(i)].lines", p.lines) }
        }
        for item in parts.surveyTables {
            checkLines(item, "lines", item.value.lines)
            for (i, r) in item.value.rows.enumerated() { checkLines(item, "rows[\(i)].lines", r.lines) }
        }
    }

    // MARK: related reports

    private mutating func checkRelatedReports() {
        let points = Set(dataset.attentionPoints.map(\.id))
        for item in parts.relatedReports {
            for (member, e) in item.value.quotations { checkEvidence(item, e, member: member) }
            for (i, r) in item.value.references.enumerated() {
                if let point = r.attentionPoint, !points.contains(point) {
                    report(item, "referencedAt[\(i)].attentionPoint", "unknown attention point \"\(point)\"")
                }
            }
        }
    }
}
