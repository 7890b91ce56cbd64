import CaseCore
import Foundation
import Testing

/// The command line's two paths (the index in the cache folder, and the JSON read with
/// `--no-index --json`) answer random searches with random filter options on a generated study
/// exactly as the core does: the same excerpts in the same order. The core's own paths (the
/// explorer's, the dataset's, the index's) are checked against an oracle in MatcherPropertyTests
/// and StudyIndexTests; this closes the loop through argument parsing and printing.
/// PROPERTY_ITERATIONS=200 swift test --filter SearchPathPropertyTests runs a longer round.
@Suite struct SearchPathPropertyTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["PROPERTY_ITERATIONS"] ?? "") ?? 25

    /// A piece of some excerpt's text, as a user might type it: in another case, without ø and å,
    /// or in quotes as a phrase. Never a piece the parser would take for an option or a filter.
    static func randomWords(_ d: Dataset, _ rng: inout SeededGenerator) -> [String] {
        var words: [String] = []
        while words.count < 1 + Int(rng.next() % 3) {
            let text = Array(d.excerpts[Int(rng.next() % UInt64(d.excerpts.count))].text)
            let start = Int(rng.next() % UInt64(max(1, text.count)))
            var piece = String(text[start..<min(text.count, start + 1 + Int(rng.next() % 9))])
            piece = piece.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !piece.isEmpty, !piece.contains("\""), !piece.contains(":"), !piece.hasPrefix("-") else { continue }
            switch rng.next() % 4 {
            case 0: piece = piece.uppercased()
            case 1: piece = piece.replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "å", with: "a")
            default: break
            }
            words.append(piece.contains(" ") || rng.next() % 5 == 0 ? "\"\(piece)\"" : piece)
        }
        return words
    }

    /// A filter and the options that say it.
    static func randomFilter(_ d: Dataset, _ rng: inout SeededGenerator) -> (ExcerptFilter, [String]) {
        var f = ExcerptFilter()
        var options: [String] = []
        func maybe() -> Bool { rng.next() % 4 == 0 }
        if maybe(), let x = d.counties.randomElement(using: &rng)?.id { f.county = x; options += ["--county", "\(x)"] }
        if maybe(), let x = d.chains.randomElement(using: &rng)?.id { f.chain = x; options += ["--chain", x] }
        if maybe(), let x = d.actors.randomElement(using: &rng)?.id { f.actor = x; options += ["--actor", x] }
        if maybe() {
            let x = Int(rng.next() % 4) + 1
            f.level = x; options += ["--level", "\(x)"]
        }
        if maybe(), let x = ActorKind.allCases.randomElement(using: &rng) {
            f.actorKind = x; options += ["--kind", x.rawValue]
        }
        if maybe(), let x = ["leder", "PP", "rektor", "e"].randomElement(using: &rng) {
            f.speakerRole = x; options += ["--role", x]
        }
        if maybe(), let x = d.codes.randomElement(using: &rng)?.id { f.code = x; options += ["--code", x] }
        if maybe() {
            let x = Int(rng.next() % 10) + 1
            f.researchQuestion = x; options += ["--question", "\(x)"]
        }
        if maybe(), let x = Confidence.allCases.randomElement(using: &rng) {
            f.confidence = x; options += ["--confidence", x.rawValue]
        }
        return (f, options)
    }

    /// The ids column of the hit table (rows between the rule under the header and the count).
    static func tableIDs(_ stdout: String) -> [String] {
        let lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("─") }) else { return [] }
        return lines[(rule + 1)...].prefix { !$0.hasSuffix(" found.") && !$0.isEmpty }.map { line in
            String(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        }
    }

    @Test func theCommandLineAnswersAsTheCoreDoesWithAndWithoutTheIndex() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-property-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try SyntheticCorpus(excerpts: 1500, coders: 1, seed: 19).write(to: root)
        let cases = root.appendingPathComponent("cases")
        let d = try DataFolder.load(cases)
        let env = ["XDG_CACHE_HOME": root.appendingPathComponent("cache").path, "COLUMNS": "400"]
        var rng = SeededGenerator(seed: 191)
        var found = 0
        for round in 0..<Self.iterations {
            let words = Self.randomWords(d, &rng)
            let fold = rng.next() % 2 == 0
            let (filter, options) = rng.next() % 3 == 0 ? (ExcerptFilter(), []) : Self.randomFilter(d, &rng)
            let expected = d.search(SearchQuery(words.joined(separator: " "), foldNordic: fold), filter: filter)
                .map(\.excerpt.id)
            let args = ["search", "--cases", cases.path] + options + (fold ? ["--fold"] : []) + ["--"] + words
            let indexed = try CLI.run(args, environment: env)
            let json = try CLI.run(
                args.dropLast(words.count + 1) + ["--no-index", "--json", "--"] + words, environment: env)
            let said = "round \(round): \(words) fold \(fold), \(filter.summary)"
            if expected.isEmpty {
                #expect(
                    indexed.status == 1 && indexed.stderr.hasPrefix("case-explorer: no excerpt contains"), "\(said)")
                #expect(json.status == 0 && (json.json as? [Any])?.isEmpty == true, "\(said)")
                continue
            }
            found += 1
            #expect(indexed.status == 0, "\(said): \(indexed.stderr)")
            #expect(Self.tableIDs(indexed.stdout) == expected, "\(said)")
            #expect(indexed.stdout.contains("\(expected.count) excerpt"), "\(said)")
            let printed = (json.json as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(printed == expected, "\(said)")
        }
        // The words are drawn from the texts: most rounds find something, or this tested little.
        #expect(found > Self.iterations / 3)
    }
}
