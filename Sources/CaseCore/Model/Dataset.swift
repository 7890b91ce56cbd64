/// Everything loaded from a data folder, with indexes for lookups. A value: screens and commands
/// hold it without locks.
public struct Dataset: Sendable {
    public private(set) var study: Study
    public private(set) var counties: [County]
    public private(set) var chains: [Chain]
    public private(set) var actors: [Actor]
    public private(set) var informants: [Informant]
    public private(set) var excerpts: [Excerpt]
    public private(set) var codes: [Code]
    public private(set) var codings: [Coding]
    public private(set) var researchQuestions: [ResearchQuestion]
    public private(set) var attentionPoints: [AttentionPoint]
    public private(set) var surveyTables: [SurveyTable]
    /// Source texts besides the report that evidence quotes.
    public private(set) var sources: [SourceDocument]
    /// Other reports of the evaluation, as context (Delrapport 1).
    public private(set) var relatedReports: [RelatedReport]

    /// The coder whose coding comes with the data: the report's own analysis.
    public static let referenceCoder = "rapport"

    private var countyIndex: [Int: Int] = [:]
    private var chainIndex: [String: Int] = [:]
    private var actorIndex: [String: Int] = [:]
    private var informantIndex: [String: Int] = [:]
    private var excerptIndex: [String: Int] = [:]
    private var codeIndex: [String: Int] = [:]
    /// The report's codes of excerpts that `facets.referenceCodes` cannot give back as written
    /// (see `reindex`; none in validated data).
    private var otherReferenceCodes: [String: [String]] = [:]
    private var referenceCounts: [String: Int] = [:]
    private var excerptsByActor: [String: [Int]] = [:]
    private var questionCounts: [Int: Int] = [:]
    /// The fields filters and matrices read, one array per field: reading them does not copy
    /// whole excerpts (which costs a retain and release per string field).
    public private(set) var facets = Facets()
    private var countyCounts: [Int: Int] = [:]
    private var chainCounts: [String: Int] = [:]
    private var actorCounts: [String: Int] = [:]
    /// How many excerpts the study has: `excerpts.count`, or, in an overview, how many are
    /// still being read.
    public private(set) var excerptTotal = 0
    /// Only the entities of the first screen and the excerpt counts, without excerpts, codes
    /// or codings (see `overview`): the explorer shows it while the whole dataset is built.
    public private(set) var isOverview = false
    /// The excerpt texts, normalised for search; built on first use.
    public private(set) var searchIndex = SearchIndex(texts: [])

    public init(
        study: Study, counties: [County], chains: [Chain], actors: [Actor], informants: [Informant],
        excerpts: [Excerpt], codes: [Code], codings: [Coding], researchQuestions: [ResearchQuestion],
        attentionPoints: [AttentionPoint], surveyTables: [SurveyTable],
        sources: [SourceDocument] = [], relatedReports: [RelatedReport] = []
    ) {
        self.study = study
        self.counties = counties.sorted { $0.id < $1.id }
        self.chains = chains
        self.actors = actors
        self.informants = informants
        self.excerpts = excerpts
        self.codes = codes
        self.codings = codings
        self.researchQuestions = researchQuestions.sorted { $0.id < $1.id }
        self.attentionPoints = attentionPoints
        self.surveyTables = surveyTables
        self.sources = sources
        self.relatedReports = relatedReports
        reindex()
    }

    /// A copy with some collections replaced and every index rebuilt. The collections are
    /// read-only from outside, so a dataset's lookups never disagree with its contents.
    public func with(
        counties: [County]? = nil, chains: [Chain]? = nil, actors: [Actor]? = nil, informants: [Informant]? = nil,
        excerpts: [Excerpt]? = nil, codes: [Code]? = nil, codings: [Coding]? = nil,
        researchQuestions: [ResearchQuestion]? = nil, attentionPoints: [AttentionPoint]? = nil,
        surveyTables: [SurveyTable]? = nil, relatedReports: [RelatedReport]? = nil
    ) -> Dataset {
        Dataset(
            study: study, counties: counties ?? self.counties, chains: chains ?? self.chains,
            actors: actors ?? self.actors,
            informants: informants ?? self.informants, excerpts: excerpts ?? self.excerpts, codes: codes ?? self.codes,
            codings: codings ?? self.codings, researchQuestions: researchQuestions ?? self.researchQuestions,
            attentionPoints: attentionPoints ?? self.attentionPoints, surveyTables: surveyTables ?? self.surveyTables,
            sources: sources, relatedReports: relatedReports ?? self.relatedReports)
    }

    /// The study's counties, chains, actors and informants with the number of excerpts of each
    /// county, chain and actor, but no excerpts, codes or codings: what the explorer's first
    /// screen shows while the whole dataset is read (`StudyIndex.overview`).
    public static func overview(
        study: Study, counties: [County], chains: [Chain], actors: [Actor], informants: [Informant],
        excerptTotal: Int, countyCounts: [Int: Int], chainCounts: [String: Int], actorCounts: [String: Int]
    ) -> Dataset {
        var d = Dataset(
            study: study, counties: counties, chains: chains, actors: actors, informants: informants, excerpts: [],
            codes: [], codings: [], researchQuestions: [], attentionPoints: [], surveyTables: [])
        d.isOverview = true
        d.excerptTotal = excerptTotal
        d.countyCounts = countyCounts
        d.chainCounts = chainCounts
        d.actorCounts = actorCounts
        return d
    }

    private mutating func reindex() {
        indexEntities()
        indexExcerpts()
    }

    /// A dataset for the loader with only the entities' lookups (counties, chains, actors,
    /// informants, codes): what the integrity checks read, so they can run on another core while
    /// `indexExcerpts` builds the rest here. Never handed out before `indexExcerpts` has run.
    init(loading c: Collections) {
        study = c.study
        counties = c.counties
        chains = c.chains
        actors = c.actors
        informants = c.informants
        excerpts = c.excerpts
        codes = c.codes
        codings = c.codings
        researchQuestions = c.researchQuestions
        attentionPoints = c.attentionPoints
        surveyTables = c.surveyTables
        sources = c.sources
        relatedReports = c.relatedReports
        indexEntities()
    }

    private mutating func indexEntities() {
        countyIndex = Dictionary(counties.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        chainIndex = Dictionary(chains.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        actorIndex = Dictionary(actors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        informantIndex = Dictionary(informants.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        codeIndex = Dictionary(codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The lookups, facets and counts over the excerpts and codings (after `indexEntities`).
    mutating func indexExcerpts() {
        // The large collections field by field, without copying whole excerpts (a copy retains
        // every string of one): this runs for every command and every start of the explorer.
        let n = excerpts.count
        excerptIndex = [:]
        excerptIndex.reserveCapacity(n)
        var repeated: [Int] = []
        for i in excerpts.indices {
            if excerptIndex[excerpts[i].id] == nil { excerptIndex[excerpts[i].id] = i } else { repeated.append(i) }
        }
        // The report's codes as positions in the codebook, by excerpt: what `referenceCodes(of:)`
        // reads back (no list of strings for each excerpt: 13 MB at 100 000).
        var references = [[Int]?](repeating: nil, count: n)
        otherReferenceCodes = [:]
        referenceCounts = [:]
        for c in codings where c.coder == Dataset.referenceCoder {
            for code in c.codes { referenceCounts[code, default: 0] += 1 }
            let p = excerptIndex[c.excerpt]
            var exact = p != nil, added = 0
            if let p {
                var list = references[p] ?? []
                references[p] = nil
                for code in c.codes {
                    if let k = codeIndex[code] {
                        list.append(k)
                        added += 1
                        exact = exact && codes[k].id.utf8.elementsEqual(code.utf8)
                    } else {
                        exact = false
                    }
                }
                references[p] = list
            }
            if !exact || otherReferenceCodes[c.excerpt] != nil {
                // Codes not read back as they are written here (not in the codebook, spelled in
                // other bytes, of no excerpt of the study): the strings, with the earlier ones.
                let earlier = p.map { references[$0]!.dropLast(added).map { codes[$0].id } } ?? []
                otherReferenceCodes[c.excerpt, default: earlier].append(contentsOf: c.codes)
            }
        }
        for i in repeated { references[i] = references[excerptIndex[excerpts[i].id]!] }
        // Texts read in place from one index, in order, are searched there; else as strings.
        var mapped: MappedTexts?
        if case let .mapped(t, _)? = excerpts.first?.storedText, t.corpus.count == n,
            excerpts.indices.allSatisfy({ excerpts[$0].storedText.position(in: t) == $0 })
        {
            mapped = t
        }
        var texts: [String] = []
        if mapped == nil { texts.reserveCapacity(n) }
        facets = Facets()
        facets.ids.reserveCapacity(n); facets.county.reserveCapacity(n); facets.chain.reserveCapacity(n)
        facets.actor.reserveCapacity(n); facets.confidence.reserveCapacity(n); facets.role.reserveCapacity(n)
        facets.kind.reserveCapacity(n)
        excerptsByActor = [:]
        countyCounts = [:]
        chainCounts = [:]
        excerpts.withUnsafeBufferPointer { all in
            for i in all.indices {
                let id = all[i].id
                if mapped == nil { texts.append(all[i].text) }
                facets.ids.append(id)
                let county = all[i].attribution.county, chain = all[i].attribution.chain
                let actor = all[i].attribution.actor
                facets.county.append(county ?? -1)
                facets.chain.append(chain)
                facets.actor.append(actor)
                facets.confidence.append(all[i].attribution.confidence)
                facets.role.append(all[i].speaker.role)
                facets.kind.append(actor.flatMap { actorIndex[$0].map { actors[$0].kind } } ?? all[i].speaker.kind)
                if let actor { excerptsByActor[actor, default: []].append(i) }
                if let county { countyCounts[county, default: 0] += 1 }
                if let chain { chainCounts[chain, default: 0] += 1 }
            }
        }
        searchIndex = mapped.map { SearchIndex(original: $0.corpus) } ?? SearchIndex(texts: texts)
        excerptTotal = n
        actorCounts = excerptsByActor.mapValues(\.count)
        facets.referenceCodes = references
        facets.codeIDs = codes.map(\.id)
        facets.codeQuestions = codes.map(\.researchQuestions)
        facets.codeParents = codes.map(\.parent)
        let questionsOfCode = Dictionary(codes.map { ($0.id, $0.researchQuestions) }, uniquingKeysWith: { a, _ in a })
        questionCounts = [:]
        var served: [Int] = []
        // Each question once per excerpt (a handful of codes: a list, not a set per excerpt).
        let skipped = Set(repeated)
        for i in 0..<n {
            guard let list = references[i], !skipped.contains(i),
                otherReferenceCodes.isEmpty || otherReferenceCodes[facets.ids[i]] == nil
            else { continue }
            served.removeAll(keepingCapacity: true)
            for k in list { for q in codes[k].researchQuestions where !served.contains(q) { served.append(q) } }
            for q in served { questionCounts[q, default: 0] += 1 }
        }
        for (_, codes) in otherReferenceCodes {
            served.removeAll(keepingCapacity: true)
            for code in codes { for q in questionsOfCode[code] ?? [] where !served.contains(q) { served.append(q) } }
            for q in served { questionCounts[q, default: 0] += 1 }
        }
    }

    public func county(_ id: Int) -> County? { countyIndex[id].map { counties[$0] } }
    public func chain(_ id: String) -> Chain? { chainIndex[id].map { chains[$0] } }
    public func actor(_ id: String) -> Actor? { actorIndex[id].map { actors[$0] } }
    public func informant(_ id: String) -> Informant? { informantIndex[id].map { informants[$0] } }
    public func excerpt(_ id: String) -> Excerpt? { excerptIndex[id].map { excerpts[$0] } }
    public func code(_ id: String) -> Code? { codeIndex[id].map { codes[$0] } }
    /// Positions in the collections, for checks that need no copy of the entity.
    func position(ofCounty id: Int) -> Int? { countyIndex[id] }
    func position(ofChain id: String) -> Int? { chainIndex[id] }
    func position(ofActor id: String) -> Int? { actorIndex[id] }
    func position(ofInformant id: String) -> Int? { informantIndex[id] }
    func position(ofCode id: String) -> Int? { codeIndex[id] }
    public func relatedReport(_ id: String) -> RelatedReport? { relatedReports.first { $0.id == id } }

    /// The names evidence may give as its `source`: the report (the study's id) first, then the
    /// other source texts.
    public var sourceIDs: [String] { [study.id] + sources.map(\.id) }

    /// A source text's file name and line count; nil names the report.
    public func sourceFile(_ id: String?) -> (file: String, lineCount: Int)? {
        guard let id, id != study.id else { return (study.sourceFile, study.sourceLineCount) }
        return sources.first { $0.id == id }.map { ($0.file, $0.lineCount) }
    }

    /// The source document an evidence names, nil for the report (or an unknown name).
    public func sourceDocument(_ id: String?) -> SourceDocument? {
        guard let id, id != study.id else { return nil }
        return sources.first { $0.id == id }
    }

    /// The excerpts attributed to an actor, in the report's order.
    public func excerpts(ofActor actorId: String) -> [Excerpt] { positions(ofActor: actorId).map { excerpts[$0] } }

    /// Where in `excerpts` the actor's own excerpts are, in the report's order.
    public func positions(ofActor actorId: String) -> [Int] { excerptsByActor[actorId] ?? [] }

    /// Excerpts whose speaker is of the actor's kind but which the report ties to no actor — and
    /// to no county, or to the actor's own: what PP staff said, for the PP-tjeneste of a chain,
    /// offered as not attributed. Never those tied to another actor or county.
    public func unattributedExcerpts(likeActor actorId: String) -> [Excerpt] {
        unattributedPositions(likeActor: actorId).map { excerpts[$0] }
    }

    /// Where in `excerpts` the excerpts of `unattributedExcerpts(likeActor:)` are, without copying them.
    public func unattributedPositions(likeActor actorId: String) -> [Int] {
        guard let a = actor(actorId) else { return [] }
        return excerpts.indices.filter { i in
            excerpts[i].attribution.actor == nil && excerpts[i].speaker.kind == a.kind
                && (excerpts[i].attribution.county == nil || excerpts[i].attribution.county == a.county)
        }
    }

    /// How many excerpts are attributed to a county, or to a chain (kept for every frame).
    public func excerptCount(county: Int) -> Int { countyCounts[county] ?? 0 }
    public func excerptCount(chain: String) -> Int { chainCounts[chain] ?? 0 }
    public func excerptCount(actor: String) -> Int { actorCounts[actor] ?? 0 }

    /// The position of an excerpt in `excerpts`.
    public func index(ofExcerpt id: String) -> Int? { excerptIndex[id] }

    /// How many excerpts serve a research question through their reference codes.
    public func excerptCount(question: Int) -> Int { questionCounts[question] ?? 0 }

    /// How many excerpts the report codes with a code (kept, as screens show it every frame).
    public func referenceCount(of code: String) -> Int { referenceCounts[code] ?? 0 }

    /// The codes the report itself discusses an excerpt under.
    public func referenceCodes(of excerpt: String) -> [String] {
        if let other = otherReferenceCodes[excerpt] { return other }
        guard let i = excerptIndex[excerpt], let list = facets.referenceCodes[i] else { return [] }
        return list.map { codes[$0].id }
    }
}

/// Per-excerpt fields as parallel arrays (see `Dataset.facets`).
public struct Facets: Sendable {
    public var ids: [String] = []
    /// -1 when not attributed.
    public var county: [Int] = []
    public var chain: [String?] = []
    public var actor: [String?] = []
    /// The attributed actor's kind, else the speaker's.
    public var kind: [ActorKind?] = []
    public var confidence: [Confidence] = []
    public var role: [String] = []
    /// The report's codes as positions in `Dataset.codes`; nil where the report codes nothing.
    public var referenceCodes: [[Int]?] = []
    /// The codebook's ids and research questions, by position (what code filters need).
    public var codeIDs: [String] = []
    public var codeQuestions: [[Int]] = []
    public var codeParents: [String?] = []
    public init() {}
}
