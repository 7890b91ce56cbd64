import Foundation

/// A deterministic pseudo-random generator (SplitMix64): the same seed always gives the same corpus.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E3779B97F4A7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// A synthetic data folder in the project's own format, for benchmarks and robustness tests:
/// many counties and chains, Norwegian-like text of varied length with æøå, about a hundred
/// codes, a reference coding, and K coders' journals — deterministic for a seed.
public struct SyntheticCorpus {
    public let excerpts: Int
    public let coders: Int
    public let seed: UInt64

    public init(excerpts: Int, coders: Int, seed: UInt64) {
        self.excerpts = excerpts
        self.coders = coders
        self.seed = seed
    }

    static let words = """
        kompetanse løftet tiltaket barnehagen skolen kommunen tjenesten støtte inkludering praksis \
        samarbeid partnerskap høgskolen universitetet statsforvalteren forumet søknad midler fordeling \
        læring refleksjon analyse kartlegging ledelse eierskap forankring utvikling endring tid kapasitet \
        laget rundt barnet eleven foreldre spesialpedagogikk tilpasset opplæring veiledning rådgiver \
        rektor styrer ansatte lærerne pedagogene assistentene møter samling nettverk region fylke \
        nærmiljø erfaring kunnskap forskning metode verktøy plan rapport evaluering oppfølging \
        behov ønske krav føringer ansvar oppgave rolle tillit åpenhet økonomi årsrapport øvelse \
        grunnskolen videregående småbarn fagutvalg tverrfaglig helsesykepleier barnevern ungdom \
        det er og i på for at som med til av vi jeg de ikke har så men litt mye bare også veldig \
        når hvis fordi derfor likevel egentlig faktisk kanskje sikkert alltid aldri ofte sjelden
        """.split(separator: " ").map(String.init)

    /// Writes `<dir>/cases/` (the data) and `<dir>/workspace/journals/` (the coders' journals).
    public func write(to dir: URL) throws {
        var rng = SeededGenerator(seed: seed)
        let cases = dir.appendingPathComponent("cases"), journals = dir.appendingPathComponent("workspace/journals")
        for folder in [cases, journals] {
            if let why = SafeFile.makeFolders(folder.path) {
                throw ExportError.cannotWrite(path: folder.path, reason: why)
            }
        }
        func write(_ name: String, _ members: [(String, JSONValue)]) throws {
            var o = JSONObjectBuilder()
            o.set("format", DataFolder.formatVersion)
            for (k, v) in members { o.set(k, v) }
            try Data(JSONWriter.write(o.value, pretty: false).utf8).write(to: cases.appendingPathComponent(name))
        }
        func obj(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(pairs.map { (key: $0.0, value: $0.1) }) }
        func s(_ x: String) -> JSONValue { .string(x) }
        func n(_ x: Int) -> JSONValue { .number(Double(x)) }
        func sentence(_ count: Int) -> String {
            var w = (0..<count).map { _ in Self.words[Int(rng.next() % UInt64(Self.words.count))] }
            w[0] = w[0].prefix(1).uppercased() + w[0].dropFirst()
            return w.joined(separator: " ") + "."
        }
        let lineCount = excerpts * 12 + 1000
        // Study, research questions.
        try write(
            "study.json",
            [
                (
                    "study",
                    obj([
                        ("id", s("syntetisk-\(seed)")), ("title", s("Syntetisk korpus (\(excerpts) utdrag)")),
                        ("report", s("Generert av case-explorer generate")),
                        ("year", n(2026)), ("sourceFile", s("syntetisk.txt")), ("sourceLineCount", n(lineCount)),
                        ("description", s("Deterministisk for frøet \(seed)."))
                    ])
                ),
                (
                    "researchQuestions",
                    .array(
                        (1...10).map {
                            obj([
                                ("id", n($0)), ("theme", s("Tema \(($0 - 1) / 4 + 1)")),
                                ("text", s("Problemstilling \($0)?"))
                            ])
                        })
                )
            ])
        // Codebook: 10 groups of 9 subcodes plus the groups themselves: 100 codes.
        var codes: [JSONValue] = []
        var codeIds: [String] = []
        for g in 0..<10 {
            let group = "gruppe-\(g)"
            codes.append(
                obj([
                    ("id", s(group)), ("name", s("Gruppe \(g) – ærlig øvelse")), ("description", s(sentence(12))),
                    ("color", s(String(format: "#%02X%02X%02X", g * 20, 100, 200 - g * 10))),
                    ("parent", .null), ("researchQuestions", .array([n(g % 10 + 1)]))
                ]))
            codeIds.append(group)
            for c in 0..<9 {
                let id = "kode-\(g)-\(c)"
                codes.append(
                    obj([
                        ("id", s(id)), ("name", s("Kode \(g).\(c) \(Self.words[(g * 9 + c) % Self.words.count])")),
                        ("description", s(sentence(10))),
                        ("color", s(String(format: "#%02X%02X%02X", 30 + c * 20, g * 20, 90))), ("parent", s(group)),
                        ("researchQuestions", .array([n(c % 10 + 1)]))
                    ]))
                codeIds.append(id)
            }
        }
        try write("codebook.json", [("codes", .array(codes))])
        // Counties and chains: more of them as the corpus grows.
        let countyCount = max(3, excerpts / 3000)
        var actorIds: [(id: String, county: Int, chain: String?)] = []
        var chainIds: [(id: String, county: Int)] = []
        for c in 1...countyCount {
            var chains: [JSONValue] = [], actors: [JSONValue] = [], informants: [JSONValue] = []
            let sf = "s\(c)-sf", sam = "s\(c)-sam"
            actors.append(
                obj([
                    ("id", s(sf)), ("kind", s("statsforvalter")), ("name", s("Statsforvalteren \(c)")), ("county", n(c))
                ]))
            actors.append(
                obj([
                    ("id", s(sam)), ("kind", s("samarbeidsforum")), ("name", s("Samarbeidsforum \(c)")),
                    ("county", n(c)), ("parent", s(sf))
                ]))
            actors.append(
                obj([("id", s("s\(c)-uh")), ("kind", s("uh")), ("name", s("Høgskolen \(c)")), ("county", n(c))]))
            actorIds += [(sf, c, nil), (sam, c, nil), ("s\(c)-uh", c, nil)]
            for k in 1...(2 + Int(rng.next() % 4)) {
                let chain = "s\(c)-k\(k)"
                chainIds.append((chain, c))
                chains.append(
                    obj([
                        ("id", s(chain)), ("county", n(c)), ("name", s("Kjede \(k) i fylke \(c)")),
                        ("municipality", s("kommune \(c)-\(k)")),
                        ("fundingYear", n(2021 + k % 2)), ("description", s(sentence(15)))
                    ]))
                let kommune = "\(chain)-kommune"
                actors.append(
                    obj([
                        ("id", s(kommune)), ("kind", s("kommune")), ("name", s("Kommune \(c)-\(k)")), ("county", n(c)),
                        ("chain", s(chain)), ("parent", s(sam))
                    ]))
                actorIds.append((kommune, c, chain))
                for unit in ["ppt", "skole", "barnehage"] {
                    let id = "\(chain)-\(unit)"
                    actors.append(
                        obj([
                            ("id", s(id)), ("kind", s(unit)), ("name", s("\(unit) \(c)-\(k) – både æ, ø og å")),
                            ("county", n(c)), ("chain", s(chain)), ("parent", s(kommune))
                        ]))
                    informants.append(
                        obj([("id", s("\(id)-inf")), ("actor", s(id)), ("role", s("en leder i \(unit)"))]))
                    actorIds.append((id, c, chain))
                }
            }
            try write(
                String(format: "county-%04d.json", c),
                [
                    (
                        "counties",
                        .array([
                            obj([("id", n(c)), ("name", s("Syntetisk fylke \(c)")), ("organisation", s(sentence(25)))])
                        ])
                    ),
                    ("chains", .array(chains)), ("actors", .array(actors)), ("informants", .array(informants))
                ])
        }
        // Excerpts and the reference coding, in files of 5000.
        var excerptIds: [String] = []
        let perFile = 5000
        var fileIndex = 0
        var start = 0
        while start < excerpts {
            let end = min(excerpts, start + perFile)
            var items: [JSONValue] = [], codings: [JSONValue] = []
            for i in start..<end {
                let id = "sx-\(i)"
                excerptIds.append(id)
                let length = 8 + Int(rng.next() % 120)
                let text = (0..<max(1, length / 12)).map { _ in sentence(8 + Int(rng.next() % 10)) }.joined(
                    separator: " ")
                let line = 1 + i * 12
                let attributed = rng.next() % 3
                var attribution: [(String, JSONValue)] = [("confidence", s("unknown"))]
                if attributed > 0 {
                    let a = actorIds[Int(rng.next() % UInt64(actorIds.count))]
                    attribution = [
                        ("county", n(a.county)), ("chain", a.chain.map(s) ?? .null), ("actor", s(a.id)),
                        ("confidence", s(attributed == 1 ? "stated" : "inferred")),
                        ("evidence", obj([("text", s(sentence(9))), ("lines", .array([n(line), n(line)]))]))
                    ]
                }
                items.append(
                    obj([
                        ("id", s(id)), ("kind", s("interview")), ("form", s(length > 40 ? "block" : "inline")),
                        ("text", s(text)),
                        (
                            "source",
                            obj([
                                ("section", s("\(i % 9 + 1).\(i % 7 + 1) Syntetisk avsnitt")), ("page", .null),
                                ("lines", .array([n(line + 1), n(line + 3)]))
                            ])
                        ),
                        ("leadIn", obj([("text", s(sentence(10))), ("lines", .array([n(line), n(line)]))])),
                        (
                            "speaker",
                            obj([
                                (
                                    "role",
                                    s(
                                        [
                                            "en rektor", "en leder i PP-tjenesten", "en representant for kommunen",
                                            "en informant fra høgskolen"
                                        ][i % 4])
                                )
                            ])
                        ),
                        ("attribution", obj(attribution))
                    ]))
                let k = 1 + Int(rng.next() % 4)
                let chosen = Set((0..<k).map { _ in codeIds[Int(rng.next() % UInt64(codeIds.count))] })
                codings.append(
                    obj([
                        ("coder", s(Dataset.referenceCoder)), ("excerpt", s(id)),
                        ("codes", .array(chosen.sorted().map(s)))
                    ]))
            }
            fileIndex += 1
            try write(String(format: "excerpts-%04d.json", fileIndex), [("excerpts", .array(items))])
            try write(String(format: "coding-rapport-%04d.json", fileIndex), [("codings", .array(codings))])
            start = end
        }
        // K coders' journals: each coder reviews most excerpts, agreeing with the reference often.
        for k in 0..<coders {
            var lines = ""
            var seq = 0
            for (i, id) in excerptIds.enumerated() where rng.next() % 10 < 8 {
                seq += 1
                let base = Set(
                    (0..<(1 + Int(rng.next() % 3))).map { _ in codeIds[Int(rng.next() % UInt64(codeIds.count))] })
                var e = CodingEvent(
                    sequence: seq, time: String(format: "2026-01-01T10:%02d:%02d.000Z", (i / 60) % 60, i % 60),
                    coder: "koder\(k + 1)",
                    excerpt: id, action: .set, codes: base.sorted())
                e.id = "generated\(k + 1)-\(seq)"
                e.replaced = .init(codes: [], status: .unreviewed)
                lines += e.jsonLine + "\n"
            }
            try Data(lines.utf8).write(to: journals.appendingPathComponent("koder\(k + 1).jsonl"))
        }
    }
}
