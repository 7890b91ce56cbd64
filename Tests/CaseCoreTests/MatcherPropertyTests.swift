import Foundation
import Testing
@testable import CaseCore

/// One filter and one matcher: random filters and queries on a generated study, each answered
/// by the dataset's search, its filter and a plain oracle written here from the definitions
/// (TextNormalizer's lowering and folding, the filter's fields read from the excerpts
/// themselves). Every path must give the same excerpts in the same order with the same scores.
/// PROPERTY_ITERATIONS=2000 swift test --filter MatcherPropertyTests runs a longer round.
@Suite struct MatcherPropertyTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["PROPERTY_ITERATIONS"] ?? "") ?? 120

    /// A generated study of 1 200 excerpts, with a few hostile texts mixed in: combining marks,
    /// capitals outside ASCII, Greek, a NUL, a text that is only a match.
    static let study: Dataset = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("matcher-property-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try SyntheticCorpus(excerpts: 1200, coders: 1, seed: 7).write(to: dir)
            let d = try DataFolder.load(dir.appendingPathComponent("cases"))
            var excerpts = d.excerpts
            let odd = [
                "Kompetanse\u{301} og ØVELSE i BARNEHAGEN", "ΣΟΦΙΑ σοφία Ærlig ÅPENHET", "nul\u{0}byte støtte", "for",
                "Før for FOR før",
                "Šiellat ČÁRA đ ŋ ŧ ž", "e\u{301}e\u{301} café cafe\u{301}", "İstanbul ıi", "tab\tog\nlinje"
            ]
            for (k, t) in odd.enumerated() { excerpts[k * 97].text = t }
            return Dataset(
                study: d.study, counties: d.counties, chains: d.chains, actors: d.actors, informants: d.informants,
                excerpts: excerpts,
                codes: d.codes, codings: d.codings, researchQuestions: d.researchQuestions,
                attentionPoints: d.attentionPoints, surveyTables: d.surveyTables)
        } catch {
            fatalError("cannot generate the study: \(error)")
        }
    }()

    static func randomQuery(_ d: Dataset, _ rng: inout SeededGenerator) -> SearchQuery {
        func piece() -> String {
            let text = Array(d.excerpts[Int(rng.next() % UInt64(d.excerpts.count))].text)
            guard !text.isEmpty else { return "a" }
            let length = 1 + Int(rng.next() % 9)
            let start = Int(rng.next() % UInt64(text.count))
            var s = String(text[start..<min(text.count, start + length)])
            switch rng.next() % 4 {
            case 0: s = s.uppercased()
            case 1: s = s.replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "å", with: "a")
            default: break
            }
            return s
        }
        var parts: [String] = []
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            let p = piece()
            parts.append(p.contains(" ") || rng.next() % 5 == 0 ? "\"\(p)\"" : p)
        }
        return SearchQuery(parts.joined(separator: " "), foldNordic: rng.next() % 2 == 0)
    }

    static func randomFilter(_ d: Dataset, _ rng: inout SeededGenerator) -> ExcerptFilter {
        var f = ExcerptFilter()
        func maybe() -> Bool { rng.next() % 4 == 0 }
        if maybe() { f.county = d.counties.randomElement(using: &rng)?.id }
        if maybe() { f.chain = d.chains.randomElement(using: &rng)?.id }
        if maybe() { f.actor = d.actors.randomElement(using: &rng)?.id }
        if maybe() { f.level = Int(rng.next() % 4) + 1 }
        if maybe() { f.actorKind = ActorKind.allCases.randomElement(using: &rng) }
        if maybe() { f.speakerRole = ["leder", "PP", "rektor", "e"].randomElement(using: &rng) }
        if maybe() { f.speakerRole = d.excerpts.randomElement(using: &rng)?.speaker.role; f.speakerRoleExact = true }
        if maybe() { f.code = d.codes.randomElement(using: &rng)?.id; f.codeWithSubcodes = rng.next() % 2 == 0 }
        if maybe() { f.researchQuestion = Int(rng.next() % 10) + 1 }
        if maybe() { f.confidence = Confidence.allCases.randomElement(using: &rng) }
        if rng.next() % 10 == 0 {
            f.ids = Set((0..<20).map { _ in d.excerpts[Int(rng.next() % UInt64(d.excerpts.count))].id })
        }
        return f
    }

    /// The filter as its documentation states it, on the excerpts' own fields.
    static func oracleAdmits(_ d: Dataset, _ e: Excerpt, _ f: ExcerptFilter) -> Bool {
        let a = e.attribution
        let kind = a.actor.flatMap { d.actor($0)?.kind } ?? e.speaker.kind
        let codes = d.referenceCodes(of: e.id)
        if let x = f.county, a.county != x { return false }
        if let x = f.chain, a.chain != x { return false }
        if let x = f.actor, a.actor != x { return false }
        if let x = f.actorKind, kind != x { return false }
        if let x = f.level, kind?.chainLevel != x { return false }
        if let x = f.confidence, a.confidence != x { return false }
        if let x = f.speakerRole,
            f.speakerRoleExact ? e.speaker.role != x : !e.speaker.role.lowercased().contains(x.lowercased())
        {
            return false
        }
        if let x = f.code {
            // The code, and with codeWithSubcodes every code below it.
            let accepted = d.codes.filter { c in
                var id: String? = c.id
                while let here = id {
                    if here == x { return true }; id = f.codeWithSubcodes ? d.code(here)?.parent : nil
                }
                return false
            }.map(\.id)
            if !codes.contains(where: accepted.contains) { return false }
        }
        if let x = f.researchQuestion, !codes.contains(where: { d.code($0)?.researchQuestions.contains(x) == true }) {
            return false
        }
        if let x = f.ids, !x.contains(e.id) { return false }
        return true
    }

    /// The ranking as documented, by plain loops over the normalised bytes.
    static func oracleScore(_ text: String, _ q: SearchQuery) -> Int? {
        let t = TextNormalizer.normalize(text, fold: q.foldNordic)
        func isLetter(before i: Int) -> Bool {
            guard i > 0 else { return false }
            return String(decoding: t[max(0, i - 4)..<i], as: UTF8.self).unicodeScalars.last.map(
                TextNormalizer.isLetter) ?? false
        }
        func isLetter(at i: Int) -> Bool {
            guard i < t.count else { return false }
            return String(decoding: t[i..<min(t.count, i + 4)], as: UTF8.self).unicodeScalars.first.map(
                TextNormalizer.isLetter) ?? false
        }
        let needles = q.needles
        // The standard library's search first (most texts are no hit), then the counting loop.
        guard needles.allSatisfy({ t.firstRange(of: $0) != nil }) else { return nil }
        var score = 0
        for needle in needles {
            var found = false
            var i = 0
            while i + needle.count <= t.count {
                if t[i..<(i + needle.count)].elementsEqual(needle) {
                    found = true
                    let starts = !isLetter(before: i), ends = !isLetter(at: i + needle.count)
                    score += 1 + (starts ? 2 : 0) + (starts && ends ? 3 : 0)
                    i += needle.count
                } else {
                    i += 1
                }
            }
            if !found { return nil }
        }
        return score
    }

    @Test func everyPathGivesTheSameExcerptsInTheSameOrder() {
        let d = Self.study
        var rng = SeededGenerator(seed: 19)
        var nonEmpty = 0
        for _ in 0..<Self.iterations {
            let q = Self.randomQuery(d, &rng)
            let f = rng.next() % 3 == 0 ? ExcerptFilter() : Self.randomFilter(d, &rng)
            // The filter: the dataset's positions and its excerpts agree with the oracle.
            let listed = d.excerptIndices(matching: f)
            let expectedListed = d.excerpts.indices.filter { Self.oracleAdmits(d, d.excerpts[$0], f) }
            #expect(listed == expectedListed, "filter \(f.summary)")
            #expect(d.excerpts(matching: f).map(\.id) == expectedListed.map { d.excerpts[$0].id })
            // The search: ranked hits, the explorer's positions, the oracle.
            let hits = d.search(q, filter: f)
            let expected = expectedListed.compactMap { i in Self.oracleScore(d.excerpts[i].text, q).map { (i, $0) } }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            #expect(hits.map(\.position) == expected.map(\.0), "query \(q.text) fold \(q.foldNordic), \(f.summary)")
            #expect(hits.map(\.score) == expected.map(\.1), "query \(q.text)")
            let listedSet = Set(listed)
            let explorer = d.searchIndex.matching(q).filter(listedSet.contains)
            #expect(explorer == hits.map(\.position).sorted(), "query \(q.text)")
            // The reader's marks are the table's marks, and each marks whole characters.
            for h in hits.prefix(5) {
                #expect(d.matchRanges(q, excerptAt: h.position) == h.matches)
                let chars = Array(h.excerpt.text)
                #expect(h.matches.allSatisfy { $0.upperBound <= chars.count && !$0.isEmpty })
            }
            if !hits.isEmpty { nonEmpty += 1 }
        }
        // The queries are drawn from the texts, so most find something.
        #expect(nonEmpty > Self.iterations / 2)
    }

    @Test func hostileTextsAreMatchedByTheirLettersNotTheirBytes() {
        let d = Self.study
        func ids(_ q: String, fold: Bool = false) -> [String] {
            d.search(SearchQuery(q, foldNordic: fold)).map(\.excerpt.id)
        }
        let greek = d.excerpts[97].id, sami = d.excerpts[5 * 97].id, combining = d.excerpts[6 * 97].id
        #expect(ids("σοφια").contains(greek), "Greek capitals are lowered")
        #expect(ids("čára").contains(sami) && ids("ŋ").contains(sami), "Sami letters are lowered")
        #expect(ids("kompetanse").contains(d.excerpts[0].id))
        // A combining accent belongs to its letter: the match widens over it.
        let h = d.search(SearchQuery("cafe")).first { $0.excerpt.id == combining }
        #expect(h != nil)
        if let h {
            let text = Array(h.excerpt.text)
            #expect(h.matches.map { String(text[$0]) }.contains("cafe\u{301}"))
        }
        // A NUL in a text neither hides nor joins texts.
        #expect(ids("byte støtte").contains(d.excerpts[2 * 97].id))
    }
}
