/// Everything loaded from a data folder, with indexes for lookups. A value: screens and commands
/// hold it without locks.
public struct Dataset: Sendable {
    public var study: Study
    public var counties: [County]
    public var chains: [Chain]
    public var actors: [Actor]
    public var informants: [Informant]
    public var excerpts: [Excerpt]
    public var codes: [Code]
    public var codings: [Coding]
    public var researchQuestions: [ResearchQuestion]
    public var attentionPoints: [AttentionPoint]
    public var surveyTables: [SurveyTable]

    /// The coder whose coding comes with the data: the report's own analysis.
    public static let referenceCoder = "rapport"

    private var countyIndex: [Int: Int] = [:]
    private var chainIndex: [String: Int] = [:]
    private var actorIndex: [String: Int] = [:]
    private var informantIndex: [String: Int] = [:]
    private var excerptIndex: [String: Int] = [:]
    private var codeIndex: [String: Int] = [:]
    private var referenceCodes: [String: [String]] = [:]
    private var referenceCounts: [String: Int] = [:]
    private var excerptsByActor: [String: [Int]] = [:]
    private var questionCounts: [Int: Int] = [:]
    /// The excerpt texts, normalised for search; built on first use.
    public private(set) var searchIndex = SearchIndex(texts: [])

    public init(study: Study, counties: [County], chains: [Chain], actors: [Actor], informants: [Informant],
                excerpts: [Excerpt], codes: [Code], codings: [Coding], researchQuestions: [ResearchQuestion],
                attentionPoints: [AttentionPoint], surveyTables: [SurveyTable]) {
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
        reindex()
    }

    private mutating func reindex() {
        func index<T>(_ items: [T], _ key: (T) -> some Hashable) -> [AnyHashable: Int] {
            var d: [AnyHashable: Int] = [:]
            for (i, item) in items.enumerated() where d[key(item)] == nil { d[key(item)] = i }
            return d
        }
        countyIndex = Dictionary(counties.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        chainIndex = Dictionary(chains.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        actorIndex = Dictionary(actors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        informantIndex = Dictionary(informants.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        excerptIndex = Dictionary(excerpts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        codeIndex = Dictionary(codes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        referenceCodes = [:]
        referenceCounts = [:]
        for c in codings where c.coder == Dataset.referenceCoder {
            referenceCodes[c.excerpt, default: []].append(contentsOf: c.codes)
            for code in c.codes { referenceCounts[code, default: 0] += 1 }
        }
        searchIndex = SearchIndex(texts: excerpts.map(\.text))
        excerptsByActor = [:]
        for (i, e) in excerpts.enumerated() { if let a = e.attribution.actor { excerptsByActor[a, default: []].append(i) } }
        let questionsOfCode = Dictionary(codes.map { ($0.id, $0.researchQuestions) }, uniquingKeysWith: { a, _ in a })
        questionCounts = [:]
        for (_, codes) in referenceCodes {
            for q in Set(codes.flatMap { questionsOfCode[$0] ?? [] }) { questionCounts[q, default: 0] += 1 }
        }
    }

    public func county(_ id: Int) -> County? { countyIndex[id].map { counties[$0] } }
    public func chain(_ id: String) -> Chain? { chainIndex[id].map { chains[$0] } }
    public func actor(_ id: String) -> Actor? { actorIndex[id].map { actors[$0] } }
    public func informant(_ id: String) -> Informant? { informantIndex[id].map { informants[$0] } }
    public func excerpt(_ id: String) -> Excerpt? { excerptIndex[id].map { excerpts[$0] } }
    public func code(_ id: String) -> Code? { codeIndex[id].map { codes[$0] } }

    /// The excerpts attributed to an actor, in the report's order.
    public func excerpts(ofActor actorId: String) -> [Excerpt] { (excerptsByActor[actorId] ?? []).map { excerpts[$0] } }

    /// How many excerpts serve a research question through their reference codes.
    public func excerptCount(question: Int) -> Int { questionCounts[question] ?? 0 }

    /// How many excerpts the report codes with a code (kept, as screens show it every frame).
    public func referenceCount(of code: String) -> Int { referenceCounts[code] ?? 0 }

    /// The codes the report itself discusses an excerpt under.
    public func referenceCodes(of excerpt: String) -> [String] { referenceCodes[excerpt] ?? [] }
}
